/** scripts/build-manifest.js: where a production build points the manifest, and how. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseXml } from './xml';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_URL, productionManifest, productionUrl } = require('../../scripts/build-manifest.js') as {
  DEV_URL: string;
  productionManifest(xml: string, prodUrl: string): string;
  productionUrl(
    env: Record<string, string | undefined>,
    pkg?: { config?: { prodUrl?: string } },
  ): { url: string; source: string; placeholder: boolean };
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
  const pkg = { config: { prodUrl: 'https://infusion-planner.example.org/' } };

  it('takes ADDIN_URL first', () => {
    expect(productionUrl({ ADDIN_URL: 'https://addins.clinic.org/planner/' }, pkg)).toEqual({
      url: 'https://addins.clinic.org/planner/',
      source: 'ADDIN_URL',
      placeholder: false,
    });
  });

  it('falls back to package.json config.prodUrl, flagged as a placeholder while it is a reserved example host', () => {
    expect(productionUrl({}, pkg)).toEqual({ url: pkg.config.prodUrl, source: 'package.json "config.prodUrl"', placeholder: true });
    expect(productionUrl({ ADDIN_URL: '  ' }, pkg).source).toBe('package.json "config.prodUrl"');
  });

  it.each([
    ['http://addins.clinic.org/', /https/],
    ['https://addins.clinic.org/planner', /end with "\/"/],
    ['https://localhost:3000/', /local address/],
    ['https://127.0.0.1/', /local address/],
    ['https://addins.clinic.org/?v=2', /query or fragment/],
    ['addins.clinic.org', /not a URL/],
  ])('refuses %s', (url, message) => {
    expect(() => productionUrl({ ADDIN_URL: url }, pkg)).toThrow(message);
  });

  it('refuses to guess when neither is set', () => {
    expect(() => productionUrl({}, {})).toThrow(/ADDIN_URL/);
  });
});
