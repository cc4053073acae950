/**
 * Board workbook fixtures: the sample scenario resolved against reference data, the engine run on it, and
 * helpers to find and edit the plan's input cells the way a board member edits the workbook.
 */
import { ReferenceBook } from '../../src/engine/book';
import type { ReferenceData } from '../../src/engine/reference';
import { type Scenario, resolveScenario, sampleScenario, scenarioDefaultsApplied } from '../../src/scenario';
import { type BoardInputs, boardInputs, buildBoardPlan } from '../../src/workbook/board';
import { type BoardPlan, type CellValue, type PlanSheet, cellAddress } from '../../src/workbook/plan';
import { referenceData as embedded } from '../../src/data';

/** Reference data for the board tests: the embedded data (CMS January 2026 payment limits, CY2026 fees). */
export const referenceData: ReferenceData = embedded;

export const BUILT_AT = new Date('2026-02-02T12:00:00Z');

export function boardFor(scenario: Scenario = sampleScenario, ref: ReferenceData = referenceData): { src: BoardInputs; plan: BoardPlan } {
  const book = new ReferenceBook(ref);
  const input = resolveScenario(scenario, ref);
  const src = boardInputs(book, input, { applied: scenarioDefaultsApplied(scenario, ref), generatedAt: BUILT_AT });
  return { src, plan: buildBoardPlan(src) };
}

export function sheetOf(plan: BoardPlan, name: string): PlanSheet {
  const s = plan.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** The first row at or after `from` whose cell in `col` holds `value`. */
export function findRow(sheet: PlanSheet, col: number, value: CellValue, from = 0): number {
  for (let r = from; r < sheet.rows.length; r++) if (sheet.rows[r]?.[col]?.value === value) return r;
  throw new Error(`no row with ${String(value)} in column ${col} of ${sheet.name}`);
}

/** The plan with some cells replaced by literal values: what a board member's edits leave in the file. */
export function withEdits(plan: BoardPlan, edits: readonly { sheet: string; row: number; col: number; value: CellValue }[]): BoardPlan {
  return {
    ...plan,
    sheets: plan.sheets.map((s) => {
      const mine = edits.filter((e) => e.sheet === s.name);
      if (mine.length === 0) return s;
      const rows = s.rows.map((r) => (r ? [...r] : r));
      for (const e of mine) {
        const row = rows[e.row];
        if (!row) throw new Error(`no row ${e.row} on ${s.name}`);
        const old = row[e.col];
        row[e.col] = { value: e.value, ...(old?.style ? { style: old.style } : {}), ...(old?.format ? { format: old.format } : {}) };
      }
      return { ...s, rows };
    }),
  };
}

export const address = cellAddress;
