/** The shape of one `infusion-planner` command. */
import type { OptionSpec, ParsedArgs } from './args';

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Usage line after the program name, e.g. `model [--scenario FILE] [--json]`. */
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Returns the exit code. Throws UsageError for bad arguments; any other Error is a one-line failure. */
  readonly run: (args: ParsedArgs, io: Io) => Promise<number> | number;
}

/** A failure whose every line is worth showing (e.g. a scenario file's validation messages). */
export class CommandFailure extends Error {
  constructor(
    readonly headline: string,
    readonly details: readonly string[] = [],
  ) {
    super([headline, ...details.map((d) => `  ${d}`)].join('\n'));
    this.name = 'CommandFailure';
  }
}
