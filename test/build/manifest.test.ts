/**
 * The production build, as a deployment would make it: `webpack --mode production` with
 * ADDIN_URL=https://addin.test.example/ (ADDIN_URL_IS_TEST=1) into a temporary folder, then the manifest and page checked the
 * way Office will read them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseJs } from 'acorn';
import { validateFunctionsMetadata, validateManifestFile } from './conformance';
import { descendants, parseXml, select, type XmlElement } from './xml';

const ROOT = path.resolve(__dirname, '../..');
const ADDIN_URL = 'https://addin.test.example/';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

let out: string;
let manifestText: string;
let manifest: XmlElement;

/** The one element reached by `path` (throws, naming the path, if there is not exactly one). */
function one(from: XmlElement, ...names: string[]): XmlElement {
  const found = select(from, ...names);
  if (found.length !== 1) throw new Error(`expected one <${names.join('> <')}>, found ${found.length}`);
  return found[0] as XmlElement;
}
const attr = (el: XmlElement, name: string): string => {
  const value = el.attributes[name];
  if (value === undefined) throw new Error(`<${el.name}> (line ${el.line}) has no ${name}`);
  return value;
};

function resources(kind: 'bt:Images' | 'bt:Urls' | 'bt:ShortStrings' | 'bt:LongStrings'): Map<string, string> {
  const entries = select(manifest, 'VersionOverrides', 'Resources', kind).flatMap((group) => group.children);
  const map = new Map<string, string>();
  for (const entry of entries) {
    const id = attr(entry, 'id');
    expect(map.has(id)).toBe(false);
    map.set(id, attr(entry, 'DefaultValue'));
  }
  return map;
}
const urlOf = (resid: string): string => {
  const url = resources('bt:Urls').get(resid);
  if (url === undefined) throw new Error(`no bt:Url with id "${resid}"`);
  return url;
};

/**
 * The manifest as Microsoft's office-addin-manifest (what office-addin-debugging sideloads with) reads it. In
 * a child process: the package loads an ES module that Jest's module runtime cannot.
 */
function readWithOfficeAddinManifest(file: string): Record<string, unknown> {
  const script = `require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1])
    .then((info) => console.log(JSON.stringify(info)), (err) => { console.error(err); process.exit(1); });`;
  const run = spawnSync(process.execPath, ['-e', script, file], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`office-addin-manifest could not read ${file}:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
/** The built file a production URL points at. */
const fileFor = (url: string): string => path.join(out, ...url.slice(ADDIN_URL.length).split('/'));

beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'infusion-planner-build-'));
  const webpack = spawnSync(
    process.execPath,
    [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', '--output-path', out, `--json=${path.join(out, 'stats.json')}`],
    // A reserved test name, allowed for this build only by ADDIN_URL_IS_TEST (scripts/build-manifest.js).
    { cwd: ROOT, env: { ...process.env, ADDIN_URL, ADDIN_URL_IS_TEST: '1' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (webpack.status !== 0) throw new Error(`webpack failed (exit ${webpack.status}):\n${webpack.stdout}\n${webpack.stderr}`);
  manifestText = readFileSync(path.join(out, 'manifest.xml'), 'utf8');
  manifest = parseXml(manifestText);
}, 300_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the production build', () => {
  it.each(['taskpane.html', 'functions.js', 'functions.json', 'manifest.xml', 'support.html'])('writes %s', (file) => {
    expect(existsSync(path.join(out, file))).toBe(true);
  });

  it('bundles every module once: the task pane uses the functions\' copies (one store in the shared runtime)', () => {
    interface Module {
      identifier: string;
      chunks?: (string | number)[];
      modules?: Module[];
    }
    const stats = JSON.parse(readFileSync(path.join(out, 'stats.json'), 'utf8')) as {
      chunks: { id: string | number; names: string[] }[];
      modules: Module[];
    };
    const inChunk = new Map<string | number, Set<string>>();
    const visit = (m: Module, chunks: (string | number)[]): void => {
      for (const c of chunks) {
        if (!inChunk.has(c)) inChunk.set(c, new Set());
        inChunk.get(c)?.add(m.identifier);
      }
      for (const inner of m.modules ?? []) visit(inner, inner.chunks?.length ? inner.chunks : chunks);
    };
    for (const m of stats.modules) visit(m, m.chunks ?? []);
    const chunkOf = (name: string): Set<string> =>
      inChunk.get(stats.chunks.find((c) => c.names.includes(name))?.id ?? -1) ?? new Set();
    const functions = chunkOf('functions');
    const taskpane = chunkOf('taskpane');
    expect(functions.size).toBeGreaterThan(0);
    expect(taskpane.size).toBeGreaterThan(0);
    expect([...taskpane].filter((id) => functions.has(id))).toEqual([]);
  });

  it('writes a functions.json that validates against the custom-functions metadata schema', () => {
    expect(validateFunctionsMetadata(JSON.parse(readFileSync(path.join(out, 'functions.json'), 'utf8')))).toEqual({ valid: true, report: '' });
  });

  it('ships no source maps, nor references to them (issue 16)', () => {
    const files = readdirSync(out);
    expect(files.filter((name) => name.endsWith('.map'))).toEqual([]);
    const scripts = files.filter((name) => name.endsWith('.js'));
    expect(scripts).toContain('taskpane.js');
    expect(scripts.filter((name) => readFileSync(path.join(out, name), 'utf8').includes('sourceMappingURL'))).toEqual([]);
  });

  it('associates every function in functions.json in functions.js', () => {
    const metadata = JSON.parse(readFileSync(path.join(out, 'functions.json'), 'utf8')) as { functions: { id: string }[] };
    const code = readFileSync(path.join(out, 'functions.js'), 'utf8');
    expect(metadata.functions.length).toBeGreaterThan(0);
    for (const { id } of metadata.functions) expect(code).toContain(`CustomFunctions.associate("${id}"`);
  });
});

describe('the browser targets (package.json "browserslist": Safari 14, Chromium 86, Firefox 78)', () => {
  const pkgFull = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { browserslist?: string[] };
  const scripts = (): string[] => readdirSync(out).filter((f) => f.endsWith('.js'));

  it('are declared', () => {
    expect(pkgFull.browserslist).toEqual(['safari >= 14', 'ios_saf >= 14', 'chrome >= 86', 'edge >= 86', 'firefox >= 78']);
  });

  // ES2020 is the newest edition whose syntax all of them have: Safari 14 lacks class static blocks (16.4),
  // private methods (15), top-level await (15); acorn refuses anything past the edition it parses.
  it('every script of the build parses as ES2020 (no later syntax: class fields, static blocks, #private)', () => {
    expect(scripts()).toEqual(expect.arrayContaining(['functions.js', 'taskpane.js']));
    for (const file of scripts()) {
      const text = readFileSync(path.join(out, file), 'utf8');
      let problem = '';
      try {
        parseJs(text, { ecmaVersion: 2020, sourceType: 'script' });
      } catch (e) {
        const pos = (e as { pos?: number }).pos ?? 0;
        problem = `${(e as Error).message}: ${text.slice(Math.max(0, pos - 60), pos + 40)}`;
      }
      expect([file, problem]).toEqual([file, '']);
    }
  });

  it('no script calls a built-in newer than the targets (Object.hasOwn, structuredClone: Safari 15.4)', () => {
    for (const file of scripts()) {
      const text = readFileSync(path.join(out, file), 'utf8');
      expect([file, /\bObject\.hasOwn\(|\bstructuredClone\(/.exec(text)?.[0] ?? null]).toEqual([file, null]);
    }
  });
});

describe('dist/manifest.xml', () => {
  it('validates against the Office add-in manifest XSD (xmllint --schema)', () => {
    const result = validateManifestFile(path.join(out, 'manifest.xml'));
    expect(result).toEqual({ valid: true, report: expect.stringMatching(/validates$/) });
  });

  it('is well-formed XML that office-addin-manifest reads with the add-in identity', () => {
    expect(manifest.name).toBe('OfficeApp');
    const info = readWithOfficeAddinManifest(path.join(out, 'manifest.xml'));
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(info.displayName).toBe('Infusion Planner');
    expect(info.providerName).toBe('Infusion Planner');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.version).toBe(`${pkg.version}.0`);
  });

  it('keeps the Id of the manifest in the repository', () => {
    const source = parseXml(readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'));
    expect(one(manifest, 'Id').text).toBe(one(source, 'Id').text);
  });

  it('names no localhost, and every URL is https under ADDIN_URL', () => {
    expect(manifestText).not.toMatch(/localhost/i);
    const urls = descendants(manifest).flatMap((el) => [
      ...Object.entries(el.attributes)
        .filter(([name, value]) => !name.startsWith('xmlns') && /^[a-z]+:\/\//i.test(value))
        .map(([, value]) => value),
      ...(el.name !== 'AppDomain' && /^[a-z]+:\/\//i.test(el.text.trim()) ? [el.text.trim()] : []),
    ]);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect([url, url.startsWith(ADDIN_URL)]).toEqual([url, true]);
    // AppDomain takes an origin (no trailing slash).
    expect(select(manifest, 'AppDomains', 'AppDomain').map((d) => d.text)).toEqual(['https://addin.test.example']);
  });

  it('points every URL under ADDIN_URL at a file the build wrote', () => {
    const urls = descendants(manifest)
      .flatMap((el) => Object.values(el.attributes))
      .filter((v) => v.startsWith(ADDIN_URL));
    for (const url of urls) expect([url, existsSync(fileFor(url))]).toEqual([url, true]);
  });

  it('uses one long-lived shared runtime for the functions page, the task pane and the function file', () => {
    const host = one(manifest, 'VersionOverrides', 'Hosts', 'Host');
    expect(attr(manifest, 'xsi:type')).toBe('TaskPaneApp');
    expect(attr(one(manifest, 'VersionOverrides'), 'xsi:type')).toBe('VersionOverridesV1_0');
    const runtime = one(host, 'Runtimes', 'Runtime');
    expect(attr(runtime, 'lifetime')).toBe('long');
    const resid = attr(runtime, 'resid');

    const functions = one(host, 'AllFormFactors', 'ExtensionPoint');
    expect(attr(functions, 'xsi:type')).toBe('CustomFunctions');
    expect(attr(one(functions, 'Page', 'SourceLocation'), 'resid')).toBe(resid);

    const desktop = one(host, 'DesktopFormFactor');
    expect(attr(one(desktop, 'FunctionFile'), 'resid')).toBe(resid);
    const actions = descendants(desktop).filter((el) => el.name === 'Action' && el.attributes['xsi:type'] === 'ShowTaskpane');
    expect(actions).toHaveLength(1);
    expect(attr(one(actions[0] as XmlElement, 'SourceLocation'), 'resid')).toBe(resid);

    expect(urlOf(resid)).toBe(`${ADDIN_URL}taskpane.html`);
    expect(attr(one(manifest, 'DefaultSettings', 'SourceLocation'), 'DefaultValue')).toBe(`${ADDIN_URL}taskpane.html`);
    const sets = select(manifest, 'Requirements', 'Sets', 'Set').map((s) => [s.attributes.Name, s.attributes.MinVersion]);
    expect(sets).toContainEqual(['SharedRuntime', '1.1']);
  });

  it('declares the INFUSION custom functions: script functions.js, metadata functions.json', () => {
    const functions = one(manifest, 'VersionOverrides', 'Hosts', 'Host', 'AllFormFactors', 'ExtensionPoint');
    expect(urlOf(attr(one(functions, 'Script', 'SourceLocation'), 'resid'))).toBe(`${ADDIN_URL}functions.js`);
    expect(urlOf(attr(one(functions, 'Metadata', 'SourceLocation'), 'resid'))).toBe(`${ADDIN_URL}functions.json`);
    expect(resources('bt:ShortStrings').get(attr(one(functions, 'Namespace'), 'resid'))).toBe('INFUSION');
  });

  it('puts an "Infusion Planner" button on the Home tab', () => {
    const tab = one(manifest, 'VersionOverrides', 'Hosts', 'Host', 'DesktopFormFactor', 'ExtensionPoint', 'OfficeTab');
    expect(attr(tab, 'id')).toBe('TabHome');
    const button = one(tab, 'Group', 'Control');
    expect(attr(button, 'xsi:type')).toBe('Button');
    expect(resources('bt:ShortStrings').get(attr(one(button, 'Label'), 'resid'))).toBe('Infusion Planner');
  });

  it('resolves every resid to exactly one resource of the right kind, within Office length limits', () => {
    const images = resources('bt:Images');
    const urls = resources('bt:Urls');
    const short = resources('bt:ShortStrings');
    const long = resources('bt:LongStrings');
    for (const el of descendants(one(manifest, 'VersionOverrides', 'Hosts'))) {
      const resid = el.attributes.resid;
      if (resid === undefined) continue;
      expect(resid.length).toBeLessThanOrEqual(32);
      const table =
        el.name === 'bt:Image' ? images
        : el.name === 'SourceLocation' || el.name === 'Runtime' || el.name === 'FunctionFile' || el.name === 'LearnMoreUrl' ? urls
        : el.name === 'Description' ? long
        : short;
      expect([el.name, resid, table.has(resid)]).toEqual([el.name, resid, true]);
    }
    for (const value of short.values()) expect(value.length).toBeLessThanOrEqual(125);
    for (const value of long.values()) expect(value.length).toBeLessThanOrEqual(250);
  });

  it('references icons that exist in the build at the size they claim', () => {
    const images = resources('bt:Images');
    expect([...images.keys()].sort()).toEqual(['Icon.16x16', 'Icon.32x32', 'Icon.80x80']);
    for (const [id, url] of images) {
      const size = Number(/(\d+)x\1$/.exec(id)?.[1]);
      expect([id, pngSize(fileFor(url))]).toEqual([id, { width: size, height: size }]);
    }
    for (const el of descendants(manifest).filter((e) => e.name === 'bt:Image' && e.attributes.resid)) {
      expect(el.attributes.resid).toBe(`Icon.${el.attributes.size}x${el.attributes.size}`);
    }
    expect(pngSize(fileFor(attr(one(manifest, 'IconUrl'), 'DefaultValue')))).toEqual({ width: 32, height: 32 });
    expect(pngSize(fileFor(attr(one(manifest, 'HighResolutionIconUrl'), 'DefaultValue')))).toEqual({ width: 64, height: 64 });
  });
});

describe('dist/taskpane.html (the shared-runtime page)', () => {
  let html: string;
  let scripts: string[];
  beforeAll(() => {
    html = readFileSync(path.join(out, 'taskpane.html'), 'utf8');
    scripts = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/g)].map((m) => m[1] as string);
  });

  it('loads office.js from the Office CDN, then functions.js, then taskpane.js', () => {
    expect(scripts).toEqual([OFFICE_JS, 'functions.js', 'taskpane.js']);
  });

  it('loads nothing else from another origin', () => {
    const external = [...html.matchAll(/\b(?:src|href)=["']?(https?:\/\/[^"'\s>]+)/g)].map((m) => m[1]);
    expect(external).toEqual([OFFICE_JS]);
  });

  it('has a Content-Security-Policy allowing scripts only from itself and the Office CDN', () => {
    const meta = /<meta\s+http-equiv=["']?Content-Security-Policy["']?\s+content="([^"]+)"/i.exec(html);
    expect(meta).not.toBeNull();
    const policy = new Map(
      (meta?.[1] ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values] as const),
    );
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('the built page in headless Chromium, under its own Content-Security-Policy', () => {
  // office.js cannot be fetched here (and Excel is not here): a stand-in is served at the CDN address, which
  // records who calls it. Debian's chromium is driven by playwright-core, as in the task pane tests.
  const OFFICE_STUB = `
    window.__calls = [];
    const from = () => (document.currentScript && document.currentScript.src.split('/').pop()) || 'async';
    window.Office = { onReady(cb) { window.__calls.push(['Office.onReady', from()]);
      return Promise.resolve().then(() => { const info = { host: null, platform: null }; if (cb) cb(info); return info; }); } };
    window.CustomFunctions = {
      associate(id) { window.__calls.push(['associate ' + id, from()]); },
      Error: class extends Error { constructor(code, message) { super(message); this.code = code; } },
      ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' },
    };`;
  let result: { calls: [string, string][]; violations: string[]; externalRequests: string[] };

  beforeAll(async () => {
    const { createServer } = await import('node:http');
    const { chromium } = await import('playwright-core');
    const server = createServer((req, res) => {
      const file = path.join(out, decodeURIComponent((req.url ?? '/').split('?')[0] as string));
      if (!file.startsWith(out) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
    try {
      const page = await browser.newPage();
      const externalRequests: string[] = [];
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        if (url === OFFICE_JS) return route.fulfill({ contentType: 'text/javascript', body: OFFICE_STUB });
        if (!url.startsWith(`http://127.0.0.1:${port}/`) && !url.startsWith('data:')) {
          externalRequests.push(url);
          return route.abort();
        }
        return route.continue();
      });
      await page.addInitScript(() => {
        const w = window as unknown as { __violations: string[] };
        w.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(`http://127.0.0.1:${port}/taskpane.html`, { waitUntil: 'load' });
      await page.waitForTimeout(500); // let the task pane render and inject its styles
      const { calls, violations } = await page.evaluate(() => {
        const w = window as unknown as { __calls: [string, string][]; __violations: string[] };
        return { calls: w.__calls, violations: w.__violations };
      });
      result = { calls, violations, externalRequests };
    } finally {
      await browser.close();
      server.close();
    }
  }, 120_000);

  it('violates nothing in its policy (scripts, Fluent UI styles, images)', () => {
    expect(result.violations).toEqual([]);
  });

  it('requests nothing from another origin but office.js', () => {
    expect(result.externalRequests).toEqual([]);
  });

  it('associates every custom function from functions.js before the task pane script runs', () => {
    const metadata = JSON.parse(readFileSync(path.join(out, 'functions.json'), 'utf8')) as { functions: { id: string }[] };
    const associated = result.calls.filter(([what]) => what.startsWith('associate ')).map(([what]) => what.slice(10));
    expect([...new Set(associated)].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    expect(associated.length).toBe(metadata.functions.length); // each once: Excel warns about an id associated twice
    const firstTaskpane = result.calls.findIndex(([, script]) => script === 'taskpane.js');
    const lastFunctions = result.calls.map(([, script]) => script).lastIndexOf('functions.js');
    expect(result.calls.filter(([what]) => what.startsWith('associate ')).every(([, script]) => script === 'functions.js')).toBe(true);
    if (firstTaskpane >= 0) expect(lastFunctions).toBeLessThan(firstTaskpane);
  });
});
