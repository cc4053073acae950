import {
  formatIssue,
  loadScenario,
  migrateDocument,
  migrateScenario,
  MigrationChainError,
  MIGRATIONS,
  SCENARIO_FORMAT_VERSION,
  type MigrationResult,
  type MigrationStep,
} from './imports';
import { edited, minimalScenario, referenceData, REMOVE } from './fixture';

function errorLines(result: MigrationResult): string[] {
  return result.ok ? [] : result.errors.map(formatIssue);
}

describe('migrateScenario', () => {
  it('is at format version 1, the first, with no steps yet', () => {
    expect(SCENARIO_FORMAT_VERSION).toBe(1);
    expect(Object.keys(MIGRATIONS)).toEqual([]);
  });

  it('returns a current-version document as it is', () => {
    const doc = minimalScenario();
    const result = migrateScenario(doc);
    expect(result).toEqual({ ok: true, document: doc, fromVersion: 1 });
    expect(result.ok && result.document).toBe(doc);
  });

  it('refuses a newer version, naming both versions', () => {
    expect(errorLines(migrateScenario(edited(minimalScenario(), 'version', 7)))).toEqual([
      'version: 7 is newer than this Infusion Planner understands (1)',
    ]);
  });

  it('refuses a file without a version, naming the field', () => {
    expect(errorLines(migrateScenario(edited(minimalScenario(), 'version', REMOVE)))).toEqual([
      'version: required field is missing (a scenario file states its format, e.g. "version": 1)',
    ]);
  });

  it.each([
    ['"1"', '1', 'version: must be a whole number, found string "1"'],
    ['1.5', 1.5, 'version: must be a whole number, found number 1.5'],
    ['null', null, 'version: must be a whole number, found null'],
    ['true', true, 'version: must be a whole number, found true'],
  ])('refuses a non-numeric or fractional version (%s)', (_title, version, message) => {
    expect(errorLines(migrateScenario(edited(minimalScenario(), 'version', version)))).toEqual([message]);
  });

  it('refuses versions below 1', () => {
    expect(errorLines(migrateScenario(edited(minimalScenario(), 'version', 0)))).toEqual([
      'version: 0 is not a scenario format version (they start at 1)',
    ]);
  });

  it('refuses a document that is not an object', () => {
    expect(errorLines(migrateScenario('{"version": 1}'))).toEqual([
      'scenario: must be a JSON object, found string "{\\"version\\": 1}"',
    ]);
  });
});

describe('migrateDocument: the chain of steps', () => {
  // A made-up history: version 1 called the practice "practice"; version 2 renamed it "practiceName";
  // version 3 moved the chair count into a "program" object.
  const steps: Record<number, MigrationStep> = {
    1: ({ practice, ...rest }) => ({ ...rest, practiceName: practice }),
    2: ({ chairs, ...rest }) => ({ ...rest, program: { chairs } }),
  };

  it('runs every step from the file version to the current one, in order, and sets the version', () => {
    const result = migrateDocument({ version: 1, practice: 'Riverbend', chairs: 4 }, 3, steps);
    expect(result).toEqual({
      ok: true,
      document: { version: 3, practiceName: 'Riverbend', program: { chairs: 4 } },
      fromVersion: 1,
    });
  });

  it('starts from the version the file states', () => {
    const result = migrateDocument({ version: 2, practiceName: 'Riverbend', chairs: 4 }, 3, steps);
    expect(result).toEqual({
      ok: true,
      document: { version: 3, practiceName: 'Riverbend', program: { chairs: 4 } },
      fromVersion: 2,
    });
  });

  it('leaves the input document untouched', () => {
    const input = { version: 1, practice: 'Riverbend', chairs: 4 };
    migrateDocument(input, 3, steps);
    expect(input).toEqual({ version: 1, practice: 'Riverbend', chairs: 4 });
  });

  it('throws a programming error when the chain has a gap', () => {
    expect(() => migrateDocument({ version: 1 }, 3, { 2: steps[2] as MigrationStep })).toThrow(MigrationChainError);
    expect(() => migrateDocument({ version: 1 }, 3, { 2: steps[2] as MigrationStep })).toThrow(
      'No migration step from scenario format version 1: MIGRATIONS has a gap',
    );
  });
});

describe('loadScenario', () => {
  it('migrates, then validates against the reference data', () => {
    expect(loadScenario(minimalScenario(), referenceData)).toEqual({ ok: true, scenario: minimalScenario(), fromVersion: 1 });
  });

  it('stops at a migration error', () => {
    const result = loadScenario(edited(minimalScenario(), 'version', 7), referenceData);
    expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual(['version: 7 is newer than this Infusion Planner understands (1)']);
  });

  it('returns every validation issue of a current-version file', () => {
    const doc = edited(edited(minimalScenario(), 'drugs[0].hcpcs', 'J9999'), 'program.chairs', 0);
    const result = loadScenario(doc, referenceData);
    expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual([
      'program.chairs: must be a whole number between 1 and 1000',
      'drugs[0].hcpcs: unknown code "J9999" (not in the catalog)',
    ]);
  });
});
