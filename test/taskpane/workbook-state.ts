/**
 * Reading the fake host's serialised workbook in the tests: a table's header and body, a sheet's cells, and
 * the scenario the Inputs sheet holds (through the pane's own reader), and the earlier version's Scenario sheet.
 */
import { referenceData } from '../../src/data';
import { loadScenario } from '../../src/scenario';
import type { Scenario } from '../../src/scenario/types';
import { ReferenceBook } from '../../src/engine/book';
import { type Cell, type TableData, FIRST_ROW, TABLE_LIST, decodeTables, encodeScenario } from '../../src/taskpane/model/inputs-codec';
import { readInputsSheet } from '../../src/taskpane/model/inputs-sheet';
import type { CellState, SheetState, TableState, WorkbookState } from '../support/fake-excel/workbook';

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

/** The Inputs sheet's cells as a grid from A1, as the pane reads them (formulas as "=..."). */
export function inputsGrid(state: WorkbookState, name = 'Inputs'): unknown[][] {
  const s = sheet(state, name);
  if (!s) throw new Error(`the workbook has no ${name} sheet`);
  const grid: unknown[][] = [];
  for (const [key, c] of Object.entries(s.cells)) {
    const [r, col] = key.split(',').map(Number) as [number, number];
    (grid[r] ??= [])[col] = c.f ?? c.v;
  }
  return grid;
}

/** The scenario the workbook's Inputs sheet holds, as the pane reads it (src/taskpane/model/inputs-sheet.ts). */
export function workbookScenario(state: WorkbookState): Scenario {
  const read = readInputsSheet(new ReferenceBook(referenceData), inputsGrid(state));
  if (read.kind !== 'ok') throw new Error(`the Inputs sheet does not hold a valid scenario: ${JSON.stringify(read)}`);
  return read.scenario;
}

/** The earlier version's Scenario sheet tables, as that version wrote them (for the migration test). */
export function legacyScenario(state: WorkbookState): Scenario {
  const tables: Record<string, TableData> = {};
  for (const spec of TABLE_LIST) {
    const t = table(state, spec.name);
    if (t) tables[spec.name] = t;
  }
  const doc = decodeTables(tables);
  if (doc === null) throw new Error('the workbook holds no Scenario sheet tables');
  const loaded = loadScenario(doc, referenceData);
  if (!loaded.ok) throw new Error(`the Scenario sheet tables do not hold a valid scenario: ${JSON.stringify(loaded.errors)}`);
  return loaded.scenario;
}

/** The 0-based cell of a table on its sheet: the data row whose first column is `key`, and the column headed `header`. */
export function tableCell(state: WorkbookState, tableName: string, key: string, header: string): { sheet: string; r: number; c: number } {
  for (const s of state.sheets) {
    const t = s.tables.find((x) => x.name === tableName);
    if (!t) continue;
    const data = table(state, tableName) as TableData;
    const row = data.rows.findIndex((r) => r[0] === key);
    const col = data.headers.indexOf(header);
    if (row < 0 || col < 0) throw new Error(`${tableName} has no row ${key} or no column ${header}`);
    return { sheet: s.name, r: t.r0 + 1 + row, c: t.c0 + col };
  }
  throw new Error(`no table ${tableName}`);
}

/**
 * A workbook as the earlier version of the pane left it: the scenario in its own tables on a "Scenario"
 * sheet (inputs-codec.ts), no Inputs sheet.
 */
export function legacyWorkbook(scenario: Scenario): WorkbookState {
  const data = encodeScenario(scenario);
  const cells: Record<string, CellState> = {};
  const tables: TableState[] = [];
  cells['0,0'] = { v: 'Infusion Planner: the scenario' };
  TABLE_LIST.forEach((spec, i) => {
    const t = data[spec.name] as TableData;
    const rows = [t.headers, ...(t.rows.length > 0 ? t.rows : [spec.headers.map(() => '')])];
    rows.forEach((row, r) => row.forEach((v, c) => (cells[`${FIRST_ROW + r},${spec.column + c}`] = { v })));
    tables.push({ id: `t${i + 1}`, name: spec.name, r0: FIRST_ROW, c0: spec.column, rows: rows.length, cols: spec.headers.length, showHeaders: true, showTotals: false, style: 'TableStyleLight9' });
  });
  const blank = { visibility: 'Visible' as const, tabColor: '', charts: [], props: {}, frozenRows: 0, frozenColumns: 0, protected: false };
  return {
    sheets: [
      { ...blank, id: 's1', name: 'Sheet1', cells: {}, tables: [] },
      { ...blank, id: 's2', name: 'Scenario', cells, tables },
    ],
    names: [],
    settings: {},
    activeSheetId: 's1',
    nextId: 100,
  };
}
