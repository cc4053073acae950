/**
 * Versioned migration of scenario files. Each format change adds one step to `MIGRATIONS`: the step for
 * version n takes a version-n document and returns it in version n + 1 (the runner sets the new version
 * number). A file is brought to the current version through every step from its own, or refused with a
 * message that names the version. Steps work on parsed JSON and never see the reference data.
 */
import { describe, isRecord, type JsonRecord } from './json';
import { SCENARIO_FORMAT_VERSION, type ValidationIssue } from './types';

/** Turns a document of one format version into the next; must not modify its argument. */
export type MigrationStep = (document: Readonly<JsonRecord>) => JsonRecord;

/**
 * `MIGRATIONS[n]` upgrades version n to n + 1. Version 1 is the first format, so there is no step yet; the
 * next format change adds `1: (doc) => ({ ...doc, ... })` here and raises SCENARIO_FORMAT_VERSION.
 */
export const MIGRATIONS: Readonly<Record<number, MigrationStep>> = {};

export type MigrationResult =
  | {
      readonly ok: true;
      /** The document at the current version (the input itself when it was current already). */
      readonly document: JsonRecord;
      /** The version the input was written in. */
      readonly fromVersion: number;
    }
  | { readonly ok: false; readonly errors: readonly ValidationIssue[] };

/** Brings a parsed scenario file to the current format version, or says why it cannot. */
export function migrateScenario(json: unknown): MigrationResult {
  return migrateDocument(json, SCENARIO_FORMAT_VERSION, MIGRATIONS);
}

/** Thrown when the chain of steps has a gap: a programming error in MIGRATIONS, not a user error. */
export class MigrationChainError extends Error {
  constructor(fromVersion: number) {
    super(`No migration step from scenario format version ${fromVersion}: MIGRATIONS has a gap`);
    this.name = 'MigrationChainError';
  }
}

/** The runner behind `migrateScenario`, with the current version and the steps as arguments (for tests). */
export function migrateDocument(
  json: unknown,
  currentVersion: number,
  steps: Readonly<Record<number, MigrationStep>>,
): MigrationResult {
  const fail = (path: string, message: string): MigrationResult => ({ ok: false, errors: [{ path, message }] });
  if (!isRecord(json)) return fail('', `must be a JSON object, found ${describe(json)}`);
  const version = json.version;
  if (version === undefined) {
    return fail('version', `required field is missing (a scenario file states its format, e.g. "version": ${currentVersion})`);
  }
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return fail('version', `must be a whole number, found ${describe(version)}`);
  }
  if (version > currentVersion) {
    return fail('version', `${version} is newer than this Infusion Planner understands (${currentVersion})`);
  }
  if (version < 1) return fail('version', `${version} is not a scenario format version (they start at 1)`);

  let document: JsonRecord = json;
  for (let n = version; n < currentVersion; n++) {
    const step = Object.prototype.hasOwnProperty.call(steps, n) ? steps[n] : undefined; // not Object.hasOwn: ES2022, past the pane's browser targets
    if (step === undefined) throw new MigrationChainError(n);
    document = { ...step(document), version: n + 1 };
  }
  return { ok: true, document, fromVersion: version };
}
