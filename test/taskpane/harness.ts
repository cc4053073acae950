/**
 * Runs the real task pane, as webpack builds it, in headless Chromium against the fake Office host:
 *
 * - the pane: `dist/` when it is newer than every source (as after `npm run build:dev` in `npm test`), else a
 *   production build of webpack.config.js into .tmp/taskpane-build/ (cached until a source changes);
 * - a static server on 127.0.0.1 at a random port serves it;
 * - each page's request for office.js on Microsoft's CDN is answered with the fake host's script, and every
 *   request the page makes is recorded (anything else not local is refused and recorded);
 * - `__FAKE_EXCEL_STATE__` (set before the page's scripts run) starts a page over an earlier page's
 *   workbook: "close the file and open it again".
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fakeOfficeHostScript } from '../support/fake-excel/build';

const ROOT = path.resolve(__dirname, '../..');
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function sourcesTime(): number {
  return Math.max(newestIn(path.join(ROOT, 'src')), ...['webpack.config.js', 'manifest.xml', 'tsconfig.web.json'].map((f) => statSync(path.join(ROOT, f)).mtimeMs));
}

function fresh(dir: string): boolean {
  const js = path.join(dir, 'taskpane.js');
  return existsSync(path.join(dir, 'taskpane.html')) && existsSync(js) && existsSync(path.join(dir, 'functions.js')) && statSync(js).mtimeMs >= sourcesTime();
}

interface WebpackStats {
  hasErrors(): boolean;
  toString(options: unknown): string;
}
type Webpack = (config: unknown, callback: (err: Error | null, stats?: WebpackStats) => void) => unknown;

/**
 * The directory holding the built pane (built now when needed). Tests take `dist/` when it is fresh (`npm test`
 * builds it in development mode); the benchmarks ask for `production`, the build a user loads.
 */
export async function paneDist(options: { production?: boolean } = {}): Promise<string> {
  const fromEnv = process.env.TASKPANE_DIST;
  if (fromEnv) return path.resolve(fromEnv);
  const dist = path.join(ROOT, 'dist');
  if (!options.production && fresh(dist)) return dist;
  const out = path.join(ROOT, '.tmp', 'taskpane-build');
  if (fresh(out)) return out;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require('webpack') as Webpack;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configOf = require(path.join(ROOT, 'webpack.config.js')) as (env: unknown, argv: unknown) => Promise<Record<string, unknown>>;
  // A production build, as deployed; its manifest URL is a reserved test name, allowed for tests only.
  process.env.ADDIN_URL ??= 'https://addin.test.example/';
  process.env.ADDIN_URL_IS_TEST ??= '1';
  const config = await configOf({}, { mode: 'production' });
  config.output = { ...(config.output as object), path: out };
  config.infrastructureLogging = { level: 'error' };
  await new Promise<void>((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) reject(err);
      else if (!stats || stats.hasErrors()) reject(new Error(stats ? stats.toString('errors-only') : 'webpack: no stats'));
      else resolve();
    });
  });
  return out;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

/** Serves a directory on 127.0.0.1 at a random port. */
export async function serve(dir: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ''));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** The pane's functions.json: the fake host reads it as Excel does (parameters, allowErrorForDataTypeAny). */
function functionsJson(dist: string): unknown {
  return JSON.parse(readFileSync(path.join(dist, 'functions.json'), 'utf8')) as unknown;
}

export interface PaneEnv {
  readonly browser: Browser;
  readonly origin: string;
  readonly dist: string;
  readonly hostScript: string;
  close(): Promise<void>;
}

export async function startEnv(options: { production?: boolean } = {}): Promise<PaneEnv> {
  const [dist, hostScript] = await Promise.all([paneDist(options), fakeOfficeHostScript()]);
  const server = await serve(dist);
  const browser = await launch();
  return {
    browser,
    origin: server.origin,
    dist,
    hostScript,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export interface OpenPane {
  readonly page: Page;
  /** Every URL the page asked for, in order. */
  readonly requests: string[];
  /** Uncaught errors and console errors of the page. */
  readonly errors: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly width?: number;
  readonly height?: number;
  /** A workbook serialised by an earlier page (`window.__fakeExcel.serialize()`). */
  readonly state?: string;
  /** Wait until the pane has read the workbook (default true). */
  readonly waitReady?: boolean;
}

/** Opens the pane in a new browser context (its own cache and storage) over a fresh or given workbook. */
export async function openPane(env: PaneEnv, options: OpenOptions = {}): Promise<OpenPane> {
  const context = await env.browser.newContext({ viewport: { width: options.width ?? 360, height: options.height ?? 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) await route.fulfill({ status: 200, contentType: 'text/javascript', body: env.hostScript });
    else if (url.startsWith(`${env.origin}/`)) await route.continue();
    else await route.abort('blockedbyclient');
  });
  const init = { state: options.state ?? null, functions: functionsJson(env.dist) };
  await page.addInitScript((arg: { state: string | null; functions: unknown }) => {
    const w = window as unknown as Record<string, unknown>;
    if (arg.state !== null) w.__FAKE_EXCEL_STATE__ = JSON.parse(arg.state) as unknown;
    w.__FAKE_FUNCTIONS_JSON__ = arg.functions;
  }, init);
  await page.goto(`${env.origin}/taskpane.html`);
  if (options.waitReady !== false) {
    await page.getByTestId('save-state').filter({ hasNotText: 'Reading the workbook' }).waitFor();
  }
  return { page, requests, errors, close: () => context.close() };
}

/** The workbook of a page, serialised: give it to `openPane({ state })` to reopen the file. */
export function serializeWorkbook(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { __fakeExcel: { serialize(): string } }).__fakeExcel.serialize());
}

/** Polls until `check` returns a value (not undefined/false), or fails with the last value seen. */
export async function until<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A test file's pane environment, set up once: started before the file's tests, and every pane opened through
 * `open` closed after them, then the environment. `panes` lists them (their requests, their errors).
 */
export function usePaneEnv(): { readonly env: PaneEnv; readonly panes: readonly OpenPane[]; open(options?: OpenOptions): Promise<OpenPane> } {
  let env: PaneEnv | undefined;
  const panes: OpenPane[] = [];
  const started = (): PaneEnv => {
    if (env === undefined) throw new Error('the pane environment starts in beforeAll: use it inside a test');
    return env;
  };
  beforeAll(async () => {
    env = await startEnv();
  });
  afterAll(async () => {
    for (const p of panes) await p.close().catch(() => undefined);
    await env?.close();
  });
  return {
    get env() {
      return started();
    },
    panes,
    open: async (options = {}) => {
      const pane = await openPane(started(), options);
      panes.push(pane);
      return pane;
    },
  };
}

/**
 * A screenshot script for the README (`npx tsx test/taskpane/<script>.ts [OUT_DIR]`, default docs/): at each
 * width, a 900 px tall pane with the sample scenario loaded (its notice dismissed; `loadSample: false` leaves
 * that to the scene) is handed to `scene`, whose
 * `shot(name)` writes OUT_DIR/taskpane-<name>-<width>.png. Exits non-zero when a step fails.
 */
export function runScreenshots(scene: (page: Page, shot: (name: string) => Promise<void>) => Promise<void>, options: { readonly widths?: readonly number[]; readonly loadSample?: boolean } = {}): void {
  const widths = options.widths ?? [320, 500];
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, 'docs'));
  const main = async (): Promise<void> => {
    const env = await startEnv();
    try {
      for (const width of widths) {
        const pane = await openPane(env, { width, height: 900 });
        const { page } = pane;
        if (options.loadSample !== false) {
          await page.getByRole('button', { name: 'Load the sample' }).click();
          await page.getByRole('button', { name: 'Dismiss' }).click();
        }
        await scene(page, async (name) => {
          await page.waitForTimeout(300);
          const file = path.join(out, `taskpane-${name}-${width}.png`);
          await page.screenshot({ path: file });
          console.log(file);
        });
        await pane.close();
      }
    } finally {
      await env.close();
    }
  };
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

/** Waits until one of `locator`'s elements shows `text`; else fails with what the first one shows. */
export async function expectText(locator: ReturnType<Page['getByTestId']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 }).catch(async () => {
    throw new Error(`expected "${text}", found "${await locator.first().textContent()}"`);
  });
}
