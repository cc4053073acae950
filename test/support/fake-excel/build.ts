/**
 * Builds the fake Office host (browser.ts and what it imports) into one browser script with webpack, the way
 * the add-in itself is built, and caches it under .tmp/ until one of its sources changes.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SOURCE_DIR = __dirname;
const OUT_DIR = path.join(ROOT, '.tmp', 'fake-excel');
const OUT_FILE = path.join(OUT_DIR, 'fake-excel.js');

function newestSource(): number {
  return Math.max(...readdirSync(SOURCE_DIR).filter((f) => f.endsWith('.ts')).map((f) => statSync(path.join(SOURCE_DIR, f)).mtimeMs));
}

interface WebpackStats {
  hasErrors(): boolean;
  toString(options: unknown): string;
}

type Webpack = (config: unknown, callback: (err: Error | null, stats?: WebpackStats) => void) => unknown;

/** The fake host's script text (built now if its sources are newer than the cached build). */
export async function fakeOfficeHostScript(): Promise<string> {
  if (existsSync(OUT_FILE) && statSync(OUT_FILE).mtimeMs >= newestSource()) return readFileSync(OUT_FILE, 'utf8');
  mkdirSync(OUT_DIR, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require('webpack') as Webpack;
  const config = {
    mode: 'development',
    devtool: false,
    target: 'web',
    entry: path.join(SOURCE_DIR, 'browser.ts'),
    output: { path: OUT_DIR, filename: 'fake-excel.build.js', iife: true },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          options: {
            transpileOnly: true,
            configFile: path.join(ROOT, 'tsconfig.json'),
            compilerOptions: { module: 'es2020', sourceMap: false },
          },
        },
      ],
    },
  };
  await new Promise<void>((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) reject(err);
      else if (!stats || stats.hasErrors()) reject(new Error(stats ? stats.toString('errors-only') : 'webpack: no stats'));
      else resolve();
    });
  });
  const script = readFileSync(path.join(OUT_DIR, 'fake-excel.build.js'), 'utf8');
  writeFileSync(OUT_FILE, script);
  return script;
}
