/**
 * The fake Excel host's in-memory workbook: plain, JSON-serialisable state (so a test can end a page and
 * start a new one over the same workbook, as "close and reopen the file"), and A1 address arithmetic.
 * Formulas are evaluated in custom-functions.ts (`=INFUSION.*` only; other formulas keep their value).
 */

export type CellValue = string | number | boolean;

export interface CellState {
  /** The value Excel would show (for a formula: its last computed result). */
  v: CellValue;
  /** The formula, starting with "=", when the cell holds one. */
  f?: string;
  /** When `v` is an error value ("#N/A"), not text that reads like one. */
  e?: true;
  nf?: string;
  /** For a cell a dynamic array spills into: the "r,c" key of the formula cell it spills from. */
  spillFrom?: string;
  /** For a formula cell whose result spills: rows and columns of the spill. */
  spill?: [number, number];
}

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface TableState {
  id: string;
  name: string;
  /** Top-left of the header row (0-based). */
  r0: number;
  c0: number;
  /** Rows including the header row (and the totals row when shown). */
  rows: number;
  cols: number;
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
}

export interface ChartState {
  id: string;
  name: string;
  type: string;
  source: string;
  title: string;
  /** Everything else the add-in set on the chart, by property path. */
  props: Record<string, unknown>;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: Visibility;
  tabColor: string;
  cells: Record<string, CellState>;
  tables: TableState[];
  charts: ChartState[];
  /** Cosmetic settings the add-in made (formats, widths, page layout), by target and property path. */
  props: Record<string, unknown>;
  frozenRows: number;
  frozenColumns: number;
  protected: boolean;
}

export interface NameState {
  name: string;
  formula: string;
  comment: string;
  visible: boolean;
  /** Sheet id for a sheet-scoped name. */
  scope: string | null;
}

export interface WorkbookState {
  sheets: SheetState[];
  names: NameState[];
  /**
   * The add-in's document settings: one store behind Excel.Workbook.settings and
   * Office.context.document.settings (settings.ts). Key -> value as stored (JSON-compatible).
   */
  settings: Record<string, unknown>;
  activeSheetId: string;
  nextId: number;
}

// ---------------------------------------------------------------------------------------------------
// Addresses

export interface Box {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export function columnLetters(c: number): string {
  let n = c + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellAddress(r: number, c: number): string {
  return `${columnLetters(c)}${r + 1}`;
}

export function boxAddress(b: Box): string {
  const first = cellAddress(b.r0, b.c0);
  return b.rows === 1 && b.cols === 1 ? first : `${first}:${cellAddress(b.r0 + b.rows - 1, b.c0 + b.cols - 1)}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Splits "Sheet 1!A1:B2" / "'It''s'!A1" into the sheet name (or null) and the local address. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang === -1) return { sheet: null, local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COLS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d+):\$?(\d+)$/;

/** A local A1 address ("B2", "A1:C4", "A:C", "2:5") as a box; null when it is not one. */
export function parseBox(local: string): Box | null {
  const text = local.trim();
  const cols = COLS.exec(text);
  if (cols) {
    const a = columnIndex(cols[1] as string);
    const b = columnIndex(cols[2] as string);
    return { r0: 0, c0: Math.min(a, b), rows: MAX_ROWS, cols: Math.abs(b - a) + 1 };
  }
  const rows = ROWS.exec(text);
  if (rows) {
    const a = Number(rows[1]) - 1;
    const b = Number(rows[2]) - 1;
    return { r0: Math.min(a, b), c0: 0, rows: Math.abs(b - a) + 1, cols: MAX_COLS };
  }
  const parts = text.split(':');
  if (parts.length > 2) return null;
  const ends = parts.map((p) => CELL.exec(p));
  if (ends.some((m) => m === null)) return null;
  const [m1, m2] = [ends[0] as RegExpExecArray, (ends[1] ?? ends[0]) as RegExpExecArray];
  const ra = Number(m1[2]) - 1;
  const rb = Number(m2[2]) - 1;
  const ca = columnIndex(m1[1] as string);
  const cb = columnIndex(m2[1] as string);
  if (ra < 0 || rb < 0) return null;
  return { r0: Math.min(ra, rb), c0: Math.min(ca, cb), rows: Math.abs(rb - ra) + 1, cols: Math.abs(cb - ca) + 1 };
}

export const key = (r: number, c: number): string => `${r},${c}`;

export function parseKey(k: string): [number, number] {
  const [r, c] = k.split(',').map(Number);
  return [r as number, c as number];
}

export function intersects(a: Box, b: Box): boolean {
  return a.r0 < b.r0 + b.rows && b.r0 < a.r0 + a.rows && a.c0 < b.c0 + b.cols && b.c0 < a.c0 + a.cols;
}

export function tableBox(t: TableState): Box {
  return { r0: t.r0, c0: t.c0, rows: t.rows, cols: t.cols };
}

// ---------------------------------------------------------------------------------------------------
// Cells

export function isEmptyCell(cell: CellState | undefined): boolean {
  return cell === undefined || (cell.f === undefined && (cell.v === '' || cell.v === null));
}

/** The bounding box of non-empty cells, or null when the sheet is empty. */
export function usedBox(sheet: SheetState, valuesOnly = false): Box | null {
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = -1;
  let c1 = -1;
  const take = (r: number, c: number): void => {
    r0 = Math.min(r0, r);
    c0 = Math.min(c0, c);
    r1 = Math.max(r1, r);
    c1 = Math.max(c1, c);
  };
  for (const [k, cell] of Object.entries(sheet.cells)) {
    if (isEmptyCell(cell) && (valuesOnly || cell.nf === undefined)) continue;
    const [r, c] = parseKey(k);
    take(r, c);
  }
  if (!valuesOnly) {
    for (const t of sheet.tables) {
      take(t.r0, t.c0);
      take(t.r0 + t.rows - 1, t.c0 + t.cols - 1);
    }
  }
  return r1 < 0 ? null : { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

// ---------------------------------------------------------------------------------------------------
// A new workbook

export function newSheet(id: string, name: string): SheetState {
  return {
    id,
    name,
    visibility: 'Visible',
    tabColor: '',
    cells: {},
    tables: [],
    charts: [],
    props: {},
    frozenRows: 0,
    frozenColumns: 0,
    protected: false,
  };
}

export function emptyWorkbook(): WorkbookState {
  return {
    sheets: [newSheet('{S1}', 'Sheet1')],
    names: [],
    settings: {},
    activeSheetId: '{S1}',
    nextId: 2,
  };
}

// ---------------------------------------------------------------------------------------------------
// Renaming a sheet: Excel updates every reference to it

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A formula with references to sheet `from` pointed at sheet `to` (quoted or plain, any case). */
export function renameInFormula(formula: string, from: string, to: string): string {
  const target = `${quoteSheet(to)}!`;
  const quoted = new RegExp(`'${escapeRegExp(from.replace(/'/g, "''"))}'!`, 'gi');
  let out = formula.replace(quoted, target);
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(from)) {
    const plain = new RegExp(`(^|[^A-Za-z0-9_.'!])${escapeRegExp(from)}!`, 'gi');
    out = out.replace(plain, (_m, lead: string) => `${lead}${target}`);
  }
  return out;
}

/** Points every formula, name and chart source of the workbook at the sheet's new name. */
export function renameReferences(state: WorkbookState, from: string, to: string): void {
  for (const sheet of state.sheets) {
    for (const cell of Object.values(sheet.cells)) if (cell.f !== undefined) cell.f = renameInFormula(cell.f, from, to);
    for (const chart of sheet.charts) {
      chart.source = renameInFormula(chart.source, from, to);
      // Ranges given to chart methods (series values, categories), recorded as "=Sheet!A1:B2".
      for (const [k, v] of Object.entries(chart.props)) {
        if (Array.isArray(v)) chart.props[k] = v.map((x: unknown) => (typeof x === 'string' && x.startsWith('=') ? renameInFormula(x, from, to) : x));
      }
    }
  }
  for (const name of state.names) name.formula = renameInFormula(name.formula, from, to);
}
