/**
 * Offline conformance: manifest.xml against the Office add-in manifest XSDs, dist/functions.json against
 * Microsoft's custom-functions metadata schema, and proof that each check fails on a broken file. The
 * production build's manifest and functions.json are checked in manifest.test.ts (which makes that build).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateFunctionsMetadata, validateManifestFile, validateManifestText } from './conformance';

const ROOT = path.resolve(__dirname, '../..');
const source = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

describe('manifest.xml against the Office add-in manifest XSD (xmllint --schema)', () => {
  it('validates', () => {
    const result = validateManifestFile(path.join(ROOT, 'manifest.xml'));
    expect(result).toEqual({ valid: true, report: expect.stringMatching(/validates$/) });
  });

  it.each([
    ['without its <Id>', (xml: string) => xml.replace(/<Id>[^<]*<\/Id>/, ''), /Id/],
    ['with a four-part version plus one', (xml: string) => xml.replace(/<Version>([^<]*)<\/Version>/, '<Version>$1.1</Version>'), /Version/],
    ['with an unknown element', (xml: string) => xml.replace('<Hosts>', '<Hostz/><Hosts>'), /Hostz/],
    ['with an Icon URL attribute misspelled', (xml: string) => xml.replace(/<IconUrl DefaultValue=/, '<IconUrl Default='), /IconUrl|DefaultValue|Default/],
    ['with an overlong resource id', (xml: string) => xml.replace(/<Runtime resid="([^"]+)"/, '<Runtime resid="$1-a-resource-id-longer-than-32-chars"'), /resid|ReferenceId|length/i],
  ])('fails %s', (_what, breakIt, mentions) => {
    const broken = breakIt(source);
    expect(broken).not.toBe(source);
    const result = validateManifestText(broken);
    expect(result.valid).toBe(false);
    expect(result.report).toMatch(mentions);
  });
});

describe('dist/functions.json against the custom-functions metadata schema (extensionCustomFunctions)', () => {
  const file = path.join(ROOT, 'dist', 'functions.json');
  const metadata = (): { functions: { id: string; name: string; description?: string; parameters: { name: string; description?: string }[] }[] } => {
    if (!existsSync(file)) throw new Error('dist/functions.json is missing: run `npm run build:dev` first (`npm test` builds before jest)');
    return JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof metadata>;
  };

  it('validates, descriptions within the schema limits (function 1024, parameter 512 characters)', () => {
    const result = validateFunctionsMetadata(metadata());
    expect(result).toEqual({ valid: true, report: '' });
    for (const f of metadata().functions) {
      expect([f.id, (f.description ?? '').length <= 1024]).toEqual([f.id, true]);
      for (const p of f.parameters) expect([f.id, p.name, (p.description ?? '').length <= 512]).toEqual([f.id, p.name, true]);
    }
  });

  const broken: [string, (m: ReturnType<typeof metadata>) => void, RegExp][] = [
    ['a function description of 1025 characters', (m) => { m.functions[0]!.description = 'x'.repeat(1025); }, /\/functions\/0\/description must NOT have more than 1024 characters/],
    ['a parameter description of 513 characters', (m) => { m.functions[0]!.parameters[0]!.description = 'y'.repeat(513); }, /\/functions\/0\/parameters\/0\/description must NOT have more than 512 characters/],
    ['an id with a hyphen', (m) => { m.functions[0]!.id = 'PAYMENT-LIMIT'; }, /\/functions\/0\/id must match pattern/],
    ['a function without parameters', (m) => { delete (m.functions[0] as { parameters?: unknown }).parameters; }, /must have required property 'parameters'/],
    ['an unknown top-level property', (m) => { (m as Record<string, unknown>).functionz = []; }, /must NOT have additional properties/],
  ];
  it.each(broken)('fails with %s', (_what, breakIt, message) => {
    const m = metadata();
    breakIt(m);
    const result = validateFunctionsMetadata(m);
    expect(result.valid).toBe(false);
    expect(result.report).toMatch(message);
  });
});
