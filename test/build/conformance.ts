/**
 * Offline conformance checks of what Office reads: the add-in manifest against the Office add-in manifest
 * XSDs (with xmllint, as `xmllint --schema`), and functions.json against Microsoft's custom-functions metadata
 * schema (the `extensionCustomFunctions` definition of the Microsoft 365 app manifest schema). The schemas
 * are vendored under test/schemas/ with their provenance (test/schemas/README.md).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';

const SCHEMAS = path.resolve(__dirname, '../schemas');
export const MANIFEST_XSD = path.join(SCHEMAS, 'office-manifest', 'OfficeAppManifestV1_1.xsd');
const FUNCTIONS_SCHEMA = path.join(SCHEMAS, 'custom-functions', 'extensionCustomFunctions.schema.json');

export interface SchemaResult {
  readonly valid: boolean;
  /** What the validator said (xmllint's stderr; Ajv's errors, one a line). */
  readonly report: string;
}

/** `xmllint --noout --schema OfficeAppManifestV1_1.xsd <file>`. Throws when xmllint is not installed. */
export function validateManifestFile(file: string): SchemaResult {
  const run = spawnSync('xmllint', ['--noout', '--schema', MANIFEST_XSD, file], { encoding: 'utf8' });
  if (run.error) throw new Error(`xmllint could not run (${run.error.message}): install Debian's libxml2-utils`);
  return { valid: run.status === 0, report: `${run.stderr}`.trim() };
}

/** The same check for manifest text (written to a temporary file for xmllint). */
export function validateManifestText(xml: string): SchemaResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'manifest-xsd-'));
  try {
    const file = path.join(dir, 'manifest.xml');
    writeFileSync(file, xml);
    return validateManifestFile(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let compiled: ReturnType<Ajv['compile']> | undefined;

/** functions.json metadata against the vendored extensionCustomFunctions schema (draft-04 keywords only). */
export function validateFunctionsMetadata(metadata: unknown): SchemaResult {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(FUNCTIONS_SCHEMA, 'utf8')) as Record<string, unknown>;
    // Draft-04 by its $schema; Ajv 8 reads the keywords it uses (type, properties, pattern, min/maxLength,
    // min/maxItems, enum, required, additionalProperties) the same way, without the draft-04 meta-schema.
    delete schema.$schema;
    // unicodeRegExp: the function name pattern uses \p{L}.
    compiled = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true }).compile(schema);
  }
  const valid = compiled(metadata) === true;
  const errors = (compiled.errors ?? []) as ErrorObject[];
  return { valid, report: errors.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('\n') };
}
