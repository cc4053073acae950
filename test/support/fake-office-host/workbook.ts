/**
 * The fake Excel host's in-memory workbook: plain, JSON-serialisable state (so a test can end a page and
 * start a new one over the same workbook, as "close and reopen the file"), A1 address arithmetic, and the
 * evaluation of `=INFUSION.*` formulas through the functions the page registered with
 * `CustomFunctions.associate`. Other formulas are stored, not evaluated: their value is `null` until a test
 * sets one.
 */

export type CellValue = string | number | boolean;

export interface CellState {
  /** The value Excel would show (for a formula: its last computed result). */
  v: CellValue;
  /** The formula, starting with "=", when the cell holds one. */
  f?: string;
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
  /** Excel.Workbook.settings (ExcelApi 1.4): key -> value as stored (JSON-compatible). */
  settings: Record<string, unknown>;
  /** Office.context.document.settings: key -> value, saved with saveAsync. */
  documentSettings: Record<string, unknown>;
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

/** A typed-in constant as Excel stores it: numeric text becomes a number unless the cell is formatted as text. */
export function storedConstant(value: unknown, numberFormat: string | undefined): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = String(value);
  // A leading apostrophe makes the rest text, and is not part of the value.
  if (text.startsWith("'")) return text.slice(1);
  if (numberFormat === '@') return text;
  if (/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text)) return Number(text);
  return text;
}

// ---------------------------------------------------------------------------------------------------
// INFUSION.* evaluation

export type CustomFunction = (...args: unknown[]) => unknown;

/** What the page registered: id (upper case) -> implementation; and parameter counts from functions.json. */
export interface FunctionRegistry {
  readonly functions: Map<string, CustomFunction>;
  readonly parameterCounts: Map<string, number>;
}

/** Error values a custom function returns, by `CustomFunctions.ErrorCode`. */
export const ERROR_VALUES: Readonly<Record<string, string>> = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
};

const CALL = /^=\s*INFUSION\.([A-Z0-9_]+)\s*\(([\s\S]*)\)\s*$/i;

/** Splits a function's argument list at top-level commas (outside quotes and braces). */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      current += ch;
      if (ch === '"') {
        if (text[i + 1] === '"') {
          current += '"';
          i++;
        } else quoted = false;
      }
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '{' || ch === '(') depth++;
    else if (ch === '}' || ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '' || out.length > 0) out.push(current);
  return out;
}

function literal(text: string): unknown {
  const t = text.trim();
  if (t === '') return null;
  if (t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
  if (/^TRUE$/i.test(t)) return true;
  if (/^FALSE$/i.test(t)) return false;
  if (t.startsWith('{') && t.endsWith('}')) {
    return t
      .slice(1, -1)
      .split(';')
      .map((row) => splitArgs(row).map(literal));
  }
  const n = Number(t);
  if (t !== '' && Number.isFinite(n)) return n;
  return undefined;
}

export type Evaluation = { kind: 'value'; value: CellValue } | { kind: 'array'; values: CellValue[][] } | { kind: 'pending' };

function asCellValue(v: unknown): CellValue {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v === null || v === undefined) return 0;
  return String(v);
}

function fromResult(result: unknown): Evaluation {
  if (Array.isArray(result)) {
    const rows = (result as unknown[]).map((row) => (Array.isArray(row) ? (row as unknown[]).map(asCellValue) : [asCellValue(row)]));
    return rows.length === 1 && (rows[0] as CellValue[]).length === 1 ? { kind: 'value', value: (rows[0] as CellValue[])[0] as CellValue } : { kind: 'array', values: rows };
  }
  return { kind: 'value', value: asCellValue(result) };
}

/** The error value of something a custom function threw. */
export function errorValue(error: unknown): CellValue {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && code.startsWith('#')) return code;
  return (typeof code === 'string' && ERROR_VALUES[code]) || '#VALUE!';
}

/**
 * Evaluates a formula that is one `INFUSION.*` call with literal arguments or references to single cells of
 * the same sheet. Returns null for any other formula (the fake does not evaluate native formulas).
 */
export function evaluateInfusion(
  formula: string,
  registry: FunctionRegistry,
  cellValue: (local: string) => CellValue | undefined,
  onLate: (evaluation: Evaluation) => void,
): Evaluation | null {
  const m = CALL.exec(formula);
  if (!m) return null;
  const id = (m[1] as string).toUpperCase();
  const fn = registry.functions.get(id);
  if (!fn) return { kind: 'value', value: '#NAME?' };
  const args: unknown[] = [];
  for (const raw of splitArgs(m[2] as string)) {
    const lit = literal(raw);
    if (lit !== undefined) {
      args.push(lit);
      continue;
    }
    const ref = raw.trim();
    if (parseBox(ref) === null) return null;
    const box = parseBox(ref) as Box;
    if (box.rows !== 1 || box.cols !== 1) return null;
    const v = cellValue(ref);
    args.push(v === '' || v === undefined ? null : v);
  }
  const declared = registry.parameterCounts.get(id);
  if (declared !== undefined) while (args.length < declared) args.push(null);
  try {
    const result = fn(...args);
    if (result instanceof Promise) {
      result.then(
        (r: unknown) => onLate(fromResult(r)),
        (e: unknown) => onLate({ kind: 'value', value: errorValue(e) }),
      );
      return { kind: 'pending' };
    }
    return fromResult(result);
  } catch (e) {
    return { kind: 'value', value: errorValue(e) };
  }
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
    documentSettings: {},
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
    for (const chart of sheet.charts) chart.source = renameInFormula(chart.source, from, to);
  }
  for (const name of state.names) name.formula = renameInFormula(name.formula, from, to);
}
