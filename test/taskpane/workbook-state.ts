/**
 * Reading the fake host's serialised workbook in the tests: a table's header and body, a sheet's cells, and
 * the scenario the Inputs tables hold (through the pane's own codec and the scenario layer's loader).
 */
import { referenceData } from '../../src/data';
import { loadScenario } from '../../src/scenario';
import type { Scenario } from '../../src/scenario/types';
import { type Cell, type TableData, TABLE_LIST, decodeTables } from '../../src/taskpane/excel/inputs-codec';
import type { CellState, SheetState, WorkbookState } from '../support/fake-office-host/workbook';

export function parseState(json: string): WorkbookState {
  return JSON.parse(json) as WorkbookState;
}

export function sheet(state: WorkbookState, name: string): SheetState | undefined {
  return state.sheets.find((s) => s.name === name);
}

export function cell(s: SheetState, r: number, c: number): CellState | undefined {
  return s.cells[`${r},${c}`];
}

/** A table's header and data rows, by table name. */
export function table(state: WorkbookState, name: string): TableData | undefined {
  for (const s of state.sheets) {
    const t = s.tables.find((x) => x.name === name);
    if (!t) continue;
    const row = (r: number): Cell[] => Array.from({ length: t.cols }, (_, j) => (cell(s, t.r0 + r, t.c0 + j)?.v ?? '') as Cell);
    return {
      headers: row(0).map(String),
      rows: Array.from({ length: t.rows - 1 - (t.showTotals ? 1 : 0) }, (_, i) => row(i + 1)),
    };
  }
  return undefined;
}

/** The scenario the workbook's Inputs tables hold, as the pane would read it. */
export function workbookScenario(state: WorkbookState): Scenario {
  const tables: Record<string, TableData> = {};
  for (const spec of TABLE_LIST) {
    const t = table(state, spec.name);
    if (t) tables[spec.name] = t;
  }
  const doc = decodeTables(tables);
  if (doc === null) throw new Error('the workbook holds no Inputs tables');
  const loaded = loadScenario(doc, referenceData);
  if (!loaded.ok) throw new Error(`the Inputs tables do not hold a valid scenario: ${JSON.stringify(loaded.errors)}`);
  return loaded.scenario;
}
