/** scripts/build-manifest.js: where a production build points the manifest, and how. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseXml } from './xml';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_URL, productionManifest, productionUrl } = require('../../scripts/build-manifest.js') as {
  DEV_URL: string;
  productionManifest(xml: string, prodUrl: string): string;
  productionUrl(env: Record<string, string | undefined>): { url: string; source: string };
};

const ROOT = path.resolve(__dirname, '../..');
const source = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const count = (text: string, part: string): number => text.split(part).length - 1;

describe('the manifest in the repository', () => {
  it('is written for the dev server: every add-in URL starts with https://localhost:3000/', () => {
    const live = source.replace(/<!--[\s\S]*?-->/g, '').replace(/xmlns(:\w+)?="[^"]*"/g, '');
    const urls = live.match(/[a-z]+:\/\/[^"<\s]+/g) ?? [];
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) expect([url, url === 'https://localhost:3000' || url.startsWith(DEV_URL)]).toEqual([url, true]);
  });
});

describe('productionManifest', () => {
  it('replaces every occurrence of the dev URL, not only the first', () => {
    const out = productionManifest(source, 'https://planner.example.net/');
    const live = source.replace(/<!--[\s\S]*?-->/g, ''); // the comments are dropped
    expect(count(live, DEV_URL)).toBeGreaterThan(5);
    expect(count(out, 'https://planner.example.net/')).toBe(count(live, DEV_URL));
    expect(out).not.toMatch(/localhost/);
  });

  it('turns the dev origin in AppDomain into the production origin, without the path', () => {
    const out = productionManifest(source, 'https://host.example.net/apps/infusion/');
    expect(out).toContain('<AppDomain>https://host.example.net</AppDomain>');
    expect(out).toContain('DefaultValue="https://host.example.net/apps/infusion/taskpane.html"');
  });

  it('stays well-formed XML and drops the developer comments', () => {
    const out = productionManifest(source, 'https://planner.example.net/');
    expect(() => parseXml(out)).not.toThrow();
    expect(count(out, '<!--')).toBe(1); // the "built by npm run build" note only
  });

  it('refuses a result that still names localhost', () => {
    expect(() => productionManifest(source.replace('</OfficeApp>', '<X>http://localhost:8080/</X></OfficeApp>'), 'https://planner.example.net/')).toThrow(/localhost/);
  });
});

describe('productionUrl', () => {
  it('takes ADDIN_URL', () => {
    expect(productionUrl({ ADDIN_URL: ' https://addins.clinic.org/planner/ ' })).toEqual({ url: 'https://addins.clinic.org/planner/', source: 'ADDIN_URL' });
  });

  it('has no default: without ADDIN_URL the production build fails, naming the command', () => {
    expect(() => productionUrl({})).toThrow(/No production URL: run `ADDIN_URL=https:\/\/your-host\/infusion-planner\/ npm run build`/);
    expect(() => productionUrl({ ADDIN_URL: '  ' })).toThrow(/No production URL/);
  });

  it.each(['https://infusion-planner.example.org/', 'https://addin.test.example/', 'https://planner.clinic.test/', 'https://x.invalid/'])(
    'refuses the reserved example host %s, unless the tests say the build is theirs (ADDIN_URL_IS_TEST=1)',
    (url) => {
      expect(() => productionUrl({ ADDIN_URL: url })).toThrow(/reserved example host/);
      expect(productionUrl({ ADDIN_URL: url, ADDIN_URL_IS_TEST: '1' })).toEqual({ url, source: 'ADDIN_URL' });
    },
  );

  it.each([
    ['http://addins.clinic.org/', /https/],
    ['https://addins.clinic.org/planner', /end with "\/"/],
    ['https://localhost:3000/', /local address/],
    ['https://127.0.0.1/', /local address/],
    ['https://addins.clinic.org/?v=2', /query or fragment/],
    ['addins.clinic.org', /not a URL/],
  ])('refuses %s', (url, message) => {
    expect(() => productionUrl({ ADDIN_URL: url, ADDIN_URL_IS_TEST: '1' })).toThrow(message);
  });
});

describe('webpack --mode production (npm run build)', () => {
  it('fails without ADDIN_URL, before building anything', () => {
    const env = { ...process.env };
    delete env.ADDIN_URL;
    delete env.ADDIN_URL_IS_TEST;
    const out = mkdtempSync(path.join(tmpdir(), 'infusion-planner-nourl-'));
    try {
      const run = spawnSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', '--output-path', out], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      });
      expect(run.status).not.toBe(0);
      expect(`${run.stdout}${run.stderr}`).toMatch(/No production URL/);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('npm start', () => {
  it('sideloads the development manifest of the repository, never dist/manifest.xml', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MANIFEST } = require('../../scripts/start.js') as { MANIFEST: string };
    expect(MANIFEST).toBe(path.join(ROOT, 'manifest.xml'));
    expect(readFileSync(MANIFEST, 'utf8')).toBe(source); // every add-in URL on https://localhost:3000/ (tested above)
  });
});
