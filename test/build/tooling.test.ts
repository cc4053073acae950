/** The small pieces of tooling around the build: the CI summary line, the bin shim, the bench runner. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

describe('test/support/plain-summary-reporter.js', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Reporter = require('../support/plain-summary-reporter.js') as new () => {
    onRunComplete(contexts: unknown, results: unknown): void;
  };

  function lineFor(results: object): string {
    const once = jest.spyOn(process, 'once').mockImplementation(() => process);
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      new Reporter().onRunComplete(new Set(), results);
      const [event, print] = once.mock.calls[0] as [string, () => void];
      expect(event).toBe('exit');
      print();
      return String(write.mock.calls[0]?.[0]);
    } finally {
      once.mockRestore();
      write.mockRestore();
    }
  }
  const file = (over: object = {}) => ({ numFailingTests: 0, failureMessage: null, testExecError: undefined, ...over });

  it('prints "jest: N passed, N failed" alone on its line', () => {
    const results = { numPassedTests: 12, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, testResults: [file()] };
    expect(lineFor(results)).toBe('\njest: 12 passed, 0 failed\n');
  });

  it('adds skipped tests, and counts a file that could not run as a failure', () => {
    const results = {
      numPassedTests: 3,
      numFailedTests: 1,
      numPendingTests: 2,
      numTodoTests: 1,
      testResults: [file({ numFailingTests: 1, failureMessage: 'x' }), file({ testExecError: { message: 'SyntaxError' }, failureMessage: 'y' })],
    };
    expect(lineFor(results)).toBe('\njest: 3 passed, 2 failed, 3 skipped\n');
  });
});

describe('bin/infusion-planner.js and bench/run.ts, away from a built tree', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'infusion-planner-tooling-'));
    mkdirSync(path.join(dir, 'bin'));
    mkdirSync(path.join(dir, 'bench'));
    copyFileSync(path.join(ROOT, 'bin/infusion-planner.js'), path.join(dir, 'bin/infusion-planner.js'));
    copyFileSync(path.join(ROOT, 'bench/run.ts'), path.join(dir, 'bench/run.ts'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir'); // for tsx
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bin: without lib/ it says, in one line, to run npm run build:cli, and exits 1', () => {
    const run = spawnSync(process.execPath, [path.join(dir, 'bin/infusion-planner.js'), 'model'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('npm run build:cli');
  });

  it('bin: runs run() of lib/cli/main.js, which sees the arguments', () => {
    const lib = path.join(dir, 'lib/cli');
    mkdirSync(lib, { recursive: true });
    writeFileSync(path.join(lib, 'main.js'), 'exports.run = () => { console.log(JSON.stringify(process.argv.slice(2))); process.exitCode = 3; };\n');
    try {
      const run = spawnSync(process.execPath, [path.join(dir, 'bin/infusion-planner.js'), 'model', '--json'], { cwd: dir, encoding: 'utf8' });
      expect([run.status, run.stdout.trim()]).toEqual([3, '["model","--json"]']);
    } finally {
      rmSync(path.join(dir, 'lib'), { recursive: true, force: true });
    }
  });

  const tsx = (file: string) =>
    spawnSync(process.execPath, [require.resolve('tsx/cli'), file], { cwd: ROOT, encoding: 'utf8' });

  it('bench: with no bench files it says "no benchmarks registered"', () => {
    const run = tsx(path.join(dir, 'bench/run.ts'));
    expect([run.status, run.stdout.trim()]).toEqual([0, 'no benchmarks registered']);
  }, 60_000);

  it('bench: runs each *.bench.ts, passes its output through, and fails if one fails', () => {
    writeFileSync(path.join(dir, 'bench/a.bench.ts'), "const n: number = 6 * 7;\nconsole.log('a says', n);\n");
    writeFileSync(path.join(dir, 'bench/b.bench.ts'), "throw new Error('b broke');\n");
    const run = tsx(path.join(dir, 'bench/run.ts'));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('== bench/a.bench.ts\na says 42');
    expect(run.stdout).toContain('== bench/b.bench.ts');
    expect(run.stderr).toContain('failed: bench/b.bench.ts (exit 1)');
  }, 60_000);
});
