/**
 * `infusion-planner`: the command line. Each command lives in commands/ and is listed in commands/index.ts.
 * Failures end with a non-zero exit and a one-line reason on stderr; never a stack trace for a user error.
 */
import { DomainError } from '../engine/errors';
import { optionHelp, parseArgs, UsageError } from './args';
import { type Command, CommandFailure, type Io } from './command';
import { commands } from './commands';

const PROGRAM = 'infusion-planner';

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `${PROGRAM}: specialty infusion economics for community oncology practices`,
    '',
    'Usage:',
    ...commands.map((c) => `  ${PROGRAM} ${c.usage}`),
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `Run \`${PROGRAM} COMMAND --help\` for a command's options.`,
  ].join('\n');
}

function commandHelp(c: Command): string {
  const opts = optionHelp(c.options);
  return [`Usage: ${PROGRAM} ${c.usage}`, '', c.summary, ...(opts ? ['', 'Options:', opts, '  --help                    this help'] : [])].join('\n');
}

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`${PROGRAM}: unknown command "${name}" (commands: ${commands.map((c) => c.name).join(', ')})`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(parseArgs(rest, command.options), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${PROGRAM} ${name}: ${e.message} (see --help)`);
      return 2;
    }
    if (e instanceof CommandFailure) {
      io.err(`${PROGRAM} ${name}: ${e.message}`);
      return 1;
    }
    if (e instanceof DomainError || e instanceof Error) {
      io.err(`${PROGRAM} ${name}: ${e.message.split('\n')[0] ?? e.message}`);
      return 1;
    }
    io.err(`${PROGRAM} ${name}: ${String(e)}`);
    return 1;
  }
}

/** Runs with the process's arguments and streams, setting the exit code (used by bin/infusion-planner.js). */
export function run(): void {
  const io: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${PROGRAM}: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) run();
