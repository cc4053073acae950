/**
 * The board workbook as plain data (DESIGN.md "src/workbook/"): sheets of cells (a literal value, or a
 * native formula together with the engine's value for it, which renderers write as the cached result),
 * number formats and styles from small closed sets, column widths, Excel tables, named ranges, conditional
 * formats, charts, print setup, and which sheets the add-in owns. Two renderers draw it: render-exceljs.ts
 * (an .xlsx file) and render-officejs.ts (the open workbook, through Office.js). Nothing here knows either.
 *
 * Formulas are stored without the leading "=", in Excel's English (en-US) syntax, and use only functions
 * that Excel and LibreOffice 7.x compute identically. A reference to another sheet is always written quoted,
 * `'Sheet name'!A1`, so that renaming a sheet (`renameSheets`) is a plain text substitution.
 */

/** A literal value, or the cached result of a formula. `null` = an empty cell. */
export type CellValue = number | string | boolean | null;

/** The closed set of cell styles; each renderer maps them to its own formatting. */
export const STYLE_IDS = [
  'title',
  'subtitle',
  'section',
  'header',
  'label',
  'text',
  'center',
  'input',
  'inputDefault',
  'rule',
  'formula',
  'formulaBold',
  'formulaWrap',
  'total',
  'kpiLabel',
  'kpiValue',
  'note',
  'warning',
  'warningWrap',
  'paragraph',
  'check',
  'layout',
] as const;
export type StyleId = (typeof STYLE_IDS)[number];

export interface StyleSpec {
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Font size in points (default 10). */
  readonly size?: number;
  /** Font colour, "#RRGGBB". */
  readonly color?: string;
  /** Fill colour, "#RRGGBB". */
  readonly fill?: string;
  readonly horizontal?: 'left' | 'center' | 'right';
  readonly wrap?: boolean;
  readonly borderTop?: boolean;
  readonly borderBottom?: boolean;
  /** A thin border around each cell. */
  readonly box?: boolean;
}

/**
 * What each style looks like. Colours follow the modelling convention boards know: blue figures are inputs,
 * black are formulas; a cream fill marks a default (an assumption), green-grey a rule fixed by CMS or law.
 */
export const STYLES: Readonly<Record<StyleId, StyleSpec>> = {
  title: { bold: true, size: 16, color: '#1F3864' },
  subtitle: { italic: true, color: '#595959' },
  section: { bold: true, size: 12, color: '#1F3864', borderBottom: true },
  header: { bold: true, color: '#FFFFFF', fill: '#1F3864', horizontal: 'center', wrap: true, box: true },
  label: { color: '#000000' },
  text: { color: '#000000' },
  center: { color: '#000000', horizontal: 'center' },
  input: { color: '#0000FF', fill: '#FFF2CC', box: true },
  inputDefault: { color: '#0000FF', italic: true, fill: '#FCE4D6', box: true },
  rule: { color: '#0000FF', fill: '#E2EFDA', box: true },
  formula: { color: '#000000' },
  formulaBold: { bold: true, color: '#000000' },
  formulaWrap: { color: '#000000', wrap: true },
  total: { bold: true, borderTop: true },
  kpiLabel: { bold: true, color: '#1F3864' },
  kpiValue: { bold: true, size: 12, horizontal: 'right' },
  note: { italic: true, color: '#595959' },
  warning: { bold: true, color: '#9C0006' },
  warningWrap: { bold: true, color: '#9C0006', wrap: true },
  paragraph: { color: '#262626', wrap: true },
  check: { italic: true, color: '#375623' },
  layout: { color: '#7F7F7F', horizontal: 'center' },
};

/** The closed set of number formats (Excel format codes). */
export const NUMBER_FORMATS = {
  general: 'General',
  text: '@',
  money: '$#,##0.00;[Red]-$#,##0.00',
  money0: '$#,##0;[Red]-$#,##0',
  unitPrice: '$#,##0.000',
  pct: '0.0%',
  pct2: '0.00%',
  pct3: '0.000%',
  int: '0',
  /** Whole numbers above zero; zero and negatives left blank (operating months during planning). */
  positive: '0;;',
  month: '"month "0',
  count1: '#,##0.0',
  amount: '#,##0.###',
  count2: '#,##0.00',
  count4: '#,##0.0000',
  factor: '0.00##',
  fraction: '0.0000',
} as const;
export type NumberFormatId = keyof typeof NUMBER_FORMATS;

export interface PlanCell {
  /** The literal value; for a formula cell, the engine's value for it (the cached result). */
  readonly value: CellValue;
  /** A native formula, without the leading "=". */
  readonly formula?: string;
  readonly style?: StyleId;
  readonly format?: NumberFormatId;
}

/** An Excel table (ListObject) over a rectangle whose first row holds the column names. */
export interface PlanTable {
  readonly name: string;
  /** A1 range of the whole table, header row included, e.g. "A5:F12". */
  readonly range: string;
  readonly style: 'TableStyleLight1' | 'TableStyleLight9' | 'TableStyleLight15';
}

/** A workbook-level name for a cell or range. */
export interface PlanName {
  readonly name: string;
  readonly sheet: string;
  /** A1 address on that sheet, absolute, e.g. "$C$5" or "$C$5:$C$9". */
  readonly range: string;
  readonly comment: string;
}

export type ConditionalRule =
  /** A formula relative to the top-left cell of the range, true where the format applies. */
  | { readonly kind: 'expression'; readonly formula: string }
  /** The cell's value below a number. */
  | { readonly kind: 'lessThan'; readonly value: number }
  /** The cell's text equals a string. */
  | { readonly kind: 'textEquals'; readonly text: string };

export interface PlanConditionalFormat {
  readonly range: string;
  readonly rule: ConditionalRule;
  /** bad = red fill and dark red text; warn = amber; good = green. */
  readonly look: 'bad' | 'warn' | 'good' | 'plan';
}

export const CONDITIONAL_LOOKS: Readonly<Record<PlanConditionalFormat['look'], { readonly fill: string; readonly color: string }>> = {
  bad: { fill: '#FFC7CE', color: '#9C0006' },
  warn: { fill: '#FFEB9C', color: '#9C5700' },
  good: { fill: '#C6EFCE', color: '#006100' },
  /** Issue 14: a task running in the Launch plan's month grid. */
  plan: { fill: '#BDD7EE', color: '#1F3864' },
};

export interface PlanSeries {
  readonly name: string;
  /** Values range, with its sheet: `'Sheet'!$B$5:$B$14`. */
  readonly values: string;
  /**
   * On a line chart, drawn as columns instead: a category marked by a bar, e.g. the break-even month (the
   * range holds 0 in every other month, so only that month shows a bar, labelled).
   */
  readonly column?: boolean;
}

/** A chart, as data, over live ranges of the workbook: both renderers draw it as a native Excel chart. */
export interface PlanChart {
  readonly type: 'barClustered' | 'columnClustered' | 'line' | 'pie';
  readonly title: string;
  /** Bars of the series drawn over each other, categories top-down in sheet order (a tornado). */
  readonly overlap?: boolean;
  /** Value axis title, e.g. "NPV change ($)". */
  readonly valueAxisTitle?: string;
  /** Category labels range, with its sheet. */
  readonly categories: string;
  readonly series: readonly PlanSeries[];
  /** Where it sits on its sheet: top-left and bottom-right cells, e.g. "T3" and "AB22". */
  readonly from: string;
  readonly to: string;
}

export interface PlanPrint {
  readonly landscape: boolean;
  /** Fit to one page wide. */
  readonly fitToWidth: boolean;
  /** Fit to one page tall as well (a one-page sheet); otherwise as many pages tall as needed. */
  readonly fitToHeight: boolean;
  /** A1 range printed; the used range when absent. */
  readonly area?: string;
  /** Rows repeated at the top of each printed page, e.g. "4:4". */
  readonly titleRows?: string;
  /** Columns repeated at the left of each printed page, e.g. "A:C". */
  readonly titleColumns?: string;
  /** Pages wide when fitting to width (default 1). */
  readonly pagesWide?: number;
  /** Rows (0-based) that start a new printed page: a manual page break above each. */
  readonly breaks?: readonly number[];
  /** Header, centre: the practice's name. */
  readonly header: string;
  /** Footer, left: the date; right: the data vintage. */
  readonly footerLeft: string;
  readonly footerRight: string;
}

export type SheetRole =
  /** A sheet a board member reads. */
  | 'board'
  /** The scenario's inputs. */
  | 'inputs'
  /** Calculation detail behind the board sheets: visible, for auditors. */
  | 'calc';

export interface PlanSheet {
  readonly name: string;
  readonly role: SheetRole;
  /** Cells by row, then column (0-based: rows[0][0] is A1). Missing entries are empty cells. */
  readonly rows: readonly (readonly (PlanCell | undefined)[] | undefined)[];
  /** Column widths in characters, by column (0-based); missing = the default. */
  readonly columnWidths: readonly (number | undefined)[];
  /** Row heights in points, by row (0-based); missing = the default (wrapped text needs them set). */
  readonly rowHeights: readonly (number | undefined)[];
  readonly tables: readonly PlanTable[];
  readonly conditionalFormats: readonly PlanConditionalFormat[];
  readonly charts: readonly PlanChart[];
  readonly print: PlanPrint;
  /** Rows and columns frozen at the top and left. */
  readonly freeze?: { readonly rows: number; readonly columns: number };
  readonly tabColor?: string;
  readonly showGridlines: boolean;
}

/** The marker the add-in leaves on its own sheets (a workbook setting in Excel; see render-officejs.ts). */
export const OWNER_MARKER = 'InfusionPlanner.board';

export interface BoardPlan {
  /** Sheets in workbook order. */
  readonly sheets: readonly PlanSheet[];
  readonly names: readonly PlanName[];
  /** Document title and subject (workbook properties). */
  readonly title: string;
  readonly subject: string;
  /** The sheet to show when the workbook opens. */
  readonly activeSheet: string;
  /** Every sheet of the plan is owned by the add-in: this marker identifies them (OWNER_MARKER). */
  readonly owner: typeof OWNER_MARKER;
}

// ---------------------------------------------------------------------------------------------------------
// A1 addressing

/** 0-based column index -> letters: 0 -> A, 25 -> Z, 26 -> AA. */
const LETTERS: string[] = [];

export function columnLetters(col: number): string {
  const hit = LETTERS[col];
  if (hit !== undefined) return hit;
  const letters = computeLetters(col);
  if (col < 20000) LETTERS[col] = letters;
  return letters;
}

function computeLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Letters -> 0-based column index. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A cell address from 0-based row and column; `abs` makes it absolute ($A$1). */
export function cellAddress(row: number, col: number, abs = false): string {
  return abs ? `$${columnLetters(col)}$${row + 1}` : `${columnLetters(col)}${row + 1}`;
}

/** A rectangle's A1 address from 0-based corners. */
export function rangeAddress(row1: number, col1: number, row2: number, col2: number, abs = false): string {
  const a = cellAddress(row1, col1, abs);
  const b = cellAddress(row2, col2, abs);
  return a === b ? a : `${a}:${b}`;
}

/** Parses "B3" or "$B$3" into 0-based row and column. */
export function parseCell(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m?.[1] || !m[2]) throw new RangeError(`not a cell address: "${address}"`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** Parses "A1:C9" (or one cell) into 0-based corners. */
export function parseRange(range: string): { row1: number; col1: number; row2: number; col2: number } {
  const [a, b] = range.split(':');
  const p = parseCell(a as string);
  const q = b === undefined ? p : parseCell(b);
  return { row1: Math.min(p.row, q.row), col1: Math.min(p.col, q.col), row2: Math.max(p.row, q.row), col2: Math.max(p.col, q.col) };
}

/** The quoted sheet prefix of a reference: `'Formulary economics'!`. */
export function sheetPrefix(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'!`;
}

/**
 * The plan with sheets renamed: formulas, names, charts and conditional formats follow. Used by the Office.js
 * renderer when a name is taken by the user's own sheet ("Summary (2)").
 */
export function renameSheets(plan: BoardPlan, mapping: ReadonlyMap<string, string>): BoardPlan {
  if ([...mapping].every(([from, to]) => from === to)) return plan;
  const pairs = [...mapping].filter(([from, to]) => from !== to).map(([from, to]) => [sheetPrefix(from), sheetPrefix(to)] as const);
  const fix = (text: string): string => {
    if (!text.includes("'")) return text;
    let out = text;
    for (const [from, to] of pairs) out = out.split(from).join(to);
    return out;
  };
  const rename = (name: string): string => mapping.get(name) ?? name;
  return {
    ...plan,
    activeSheet: rename(plan.activeSheet),
    names: plan.names.map((n) => ({ ...n, sheet: rename(n.sheet) })),
    sheets: plan.sheets.map((s) => ({
      ...s,
      name: rename(s.name),
      rows: s.rows.map((row) => row?.map((c) => (c?.formula === undefined ? c : { ...c, formula: fix(c.formula) }))),
      conditionalFormats: s.conditionalFormats.map((cf) => (cf.rule.kind === 'expression' ? { ...cf, rule: { ...cf.rule, formula: fix(cf.rule.formula) } } : cf)),
      charts: s.charts.map((c) => ({ ...c, categories: fix(c.categories), series: c.series.map((x) => ({ ...x, values: fix(x.values) })) })),
    })),
  };
}

/** Every formula cell of a plan, with its sheet and address: what the LibreOffice proof walks. */
export function* formulaCells(plan: BoardPlan): Generator<{ sheet: string; address: string; row: number; col: number; cell: PlanCell & { formula: string } }> {
  for (const sheet of plan.sheets) {
    for (let r = 0; r < sheet.rows.length; r++) {
      const row = sheet.rows[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (cell?.formula !== undefined) yield { sheet: sheet.name, address: cellAddress(r, c), row: r, col: c, cell: cell as PlanCell & { formula: string } };
      }
    }
  }
}

/** The used rectangle of a sheet (0-based, inclusive); null when the sheet is empty. */
export function usedRange(sheet: PlanSheet): { rows: number; cols: number } | null {
  let rows = 0;
  let cols = 0;
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    for (let c = row.length - 1; c >= 0; c--) {
      if (row[c] !== undefined) {
        rows = Math.max(rows, r + 1);
        cols = Math.max(cols, c + 1);
        break;
      }
    }
  });
  return rows === 0 ? null : { rows, cols };
}
