/**
 * A small, strict argument parser for the command line: `--name value`, `--flag`, and positionals. Unknown
 * options and missing values are usage errors with a one-line reason.
 */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  /**
   * Takes a value (`--out FILE`), is a flag (`--json`), or either (`--pdf` or `--pdf FILE`: the next argument
   * is its value unless it starts with "--"; a flag is recorded in `flags`, a value in `values`).
   */
  readonly kind: 'value' | 'flag' | 'flagOrValue';
  readonly description: string;
  readonly valueName?: string;
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string>>;
  readonly flags: ReadonlySet<string>;
}

export function parseArgs(argv: readonly string[], options: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const positionals: string[] = [];
  // No prototype: an option value can never land on, or be read from, Object.prototype.
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      // Own options only: `--constructor`, `--toString` or `--__proto__` are not options because every object has them.
      const spec = Object.hasOwn(options, name) ? options[name] : undefined;
      if (!spec) throw new UsageError(`unknown option --${name}`);
      if (spec.kind === 'flagOrValue') {
        const next = argv[i + 1];
        const value = eq > 0 ? arg.slice(eq + 1) : next !== undefined && !next.startsWith('--') ? argv[++i] : undefined;
        if (value === undefined) flags.add(name);
        else if (value === '') throw new UsageError(`--${name} needs a value (${spec.valueName ?? 'VALUE'}) after "="`);
        else values[name] = value;
      } else if (spec.kind === 'flag') {
        if (eq > 0) throw new UsageError(`--${name} takes no value`);
        flags.add(name);
      } else {
        const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined || value === '') throw new UsageError(`--${name} needs a value (${spec.valueName ?? 'VALUE'})`);
        values[name] = value;
      }
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, values, flags };
}

/** The option lines of a command's --help. */
export function optionHelp(options: Readonly<Record<string, OptionSpec>>): string {
  return Object.entries(options)
    .map(([name, o]) => `  --${name}${o.kind === 'value' ? ` ${o.valueName ?? 'VALUE'}` : o.kind === 'flagOrValue' ? ` [${o.valueName ?? 'VALUE'}]` : ''}`.padEnd(28) + o.description)
    .join('\n');
}
