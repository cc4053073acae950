/**
 * The board's Patient access sheet (DOMAIN.md 5.7 over the projection), beside Formulary economics: values, not
 * formulas, and it says so. Sample scenario; Remicade J1745 400 mg year 1: Medicare 518.11 + 7 x 291.71 = 2,560.08;
 * commercial 1,649.54 + 439.88 + 6 x 329.91 = 4,068.88 (test/functions/patient.test.ts); threshold $2,000 (default).
 */
import { ReferenceBook } from '../../src/engine/book';
import { referenceData } from '../../src/data';
import { resolveScenario, sampleScenario } from '../../src/scenario';
import { boardInputs, buildBoardPlan } from '../../src/workbook/board';
import type { PlanSheet } from '../../src/workbook/plan';

const book = new ReferenceBook(referenceData);
const plan = buildBoardPlan(boardInputs(book, resolveScenario(sampleScenario, referenceData), { generatedAt: new Date('2026-12-04T00:00:00Z') }));
const sheet = plan.sheets.find((s) => s.name === 'Patient access') as PlanSheet;
const text = (r: number, c: number): unknown => sheet.rows[r]?.[c]?.value;

describe('the Patient access sheet', () => {
  it('follows Formulary economics', () => {
    const names = plan.sheets.map((s) => s.name);
    expect(names.indexOf('Patient access')).toBe(names.indexOf('Formulary economics') + 1);
  });

  it('says its figures are values, not formulas, and holds no formula', () => {
    expect(String(text(2, 0))).toMatch(/^Values computed by the add-in .*\(not formulas\)/);
    expect(sheet.rows.flatMap((r) => r ?? []).some((c) => c?.formula !== undefined)).toBe(false);
    expect([text(3, 1), String(text(3, 2))]).toEqual([2000, 'default: assumption ($2,000 a year); set it on Inputs (Program) or in the add-in, then build the board again']);
  });

  it("puts each drug's margin next to its patients' year-1 out-of-pocket by payer", () => {
    const header = sheet.rows[5]?.map((c) => c?.value) ?? [];
    const row = sheet.rows.find((r) => r?.[0]?.value === 'Remicade (infliximab)') ?? [];
    const col = (title: string): unknown => row[header.indexOf(title)]?.value;
    expect(header[1]).toBe('Margin per administration (mix)');
    expect(typeof col('Margin per administration (mix)')).toBe('number');
    expect([col('Medicare fee-for-service: year-1 out-of-pocket'), col('Medicaid: year-1 out-of-pocket'), col('Commercial: year-1 out-of-pocket')]).toEqual([2560.08, 0, 4068.88]);
  });
});
