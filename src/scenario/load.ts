/** Reading a scenario file's parsed JSON in one call: migrate to the current version, then validate. */
import type { ReferenceData } from '../engine/reference';
import { migrateScenario } from './migrate';
import type { Scenario, ValidationIssue } from './types';
import { validateScenario } from './validate';

export type ScenarioLoad =
  | {
      readonly ok: true;
      readonly scenario: Scenario;
      /** The format version the file was written in (older than the current one when it was migrated). */
      readonly fromVersion: number;
    }
  | { readonly ok: false; readonly errors: readonly ValidationIssue[] };

/** Migrates a parsed scenario file to the current format and validates it (against `ref` when given). */
export function loadScenario(json: unknown, ref?: ReferenceData): ScenarioLoad {
  const migrated = migrateScenario(json);
  if (!migrated.ok) return migrated;
  const validated = validateScenario(migrated.document, ref);
  if (!validated.ok) return validated;
  return { ok: true, scenario: validated.scenario, fromVersion: migrated.fromVersion };
}
