/**
 * A small mutable builder for one PlanSheet: cells by 0-based row and column, with the formula's cached
 * value given next to the formula. Decimal values (the engine's) are converted to numbers here, the one
 * place a figure leaves decimal.js for the workbook: a cached result is a preview, the workbook recomputes.
 */
import type { Dec } from '../engine/decimal';
import {
  type CellValue,
  type NumberFormatId,
  type PlanCell,
  type PlanChart,
  type PlanConditionalFormat,
  type PlanPrint,
  type PlanSheet,
  type PlanTable,
  type SheetRole,
  type StyleId,
  STYLES,
  cellAddress,
  rangeAddress,
  sheetPrefix,
} from './plan';

/**
 * Excel's limits ("Excel specifications and limits", support.microsoft.com): 32,767 characters in a cell,
 * 255 in a header or footer. Longer text (a practice name or label pasted with a whole document in it) is
 * cut with a note saying so, never written for Excel to reject or truncate silently.
 */
export const MAX_CELL_CHARS = 32_767;
export const MAX_HEADER_FOOTER_CHARS = 255;
/**
 * What each printed text may take of the 255, "&" counting twice (it is written "&&"): the header is
 * `&C&"Calibri,Bold"&12` + text (20 + 200); the footer `&L&8` + left + `&C&8&P / &N&R&8` + right (19 + 2 x 110).
 */
const HEADER_TEXT_BUDGET = 200;
const FOOTER_PART_BUDGET = 110;

/** Text cut to `budget` characters as a header or footer writes them, with "…" where it was cut. */
export function fitHeaderFooter(text: string, budget: number): string {
  const escapedLength = (t: string): number => t.length + (t.match(/&/g)?.length ?? 0);
  if (escapedLength(text) <= budget) return text;
  let cut = text.slice(0, budget - 1);
  while (escapedLength(cut) > budget - 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Text cut to MAX_CELL_CHARS, ending with a note of how much was cut. */
export function fitCell(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  const note = ` … [cut: ${text.length} characters; an Excel cell holds ${MAX_CELL_CHARS.toLocaleString('en-US')}]`;
  return text.slice(0, MAX_CELL_CHARS - note.length) + note;
}

/** A value for a cell: a literal, or a decimal from the engine. */
export type Cached = CellValue | Dec;

function isDec(v: Cached): v is Dec {
  return typeof v === 'object' && v !== null;
}

/** A number, string, boolean or null for the workbook; decimals become the nearest binary double. */
export function toCell(v: Cached): CellValue {
  return isDec(v) ? v.toNumber() : v;
}

export class SheetBuilder {
  readonly rows: (PlanCell | undefined)[][] = [];
  readonly columnWidths: (number | undefined)[] = [];
  readonly tables: PlanTable[] = [];
  readonly conditionalFormats: PlanConditionalFormat[] = [];
  readonly charts: PlanChart[] = [];
  freeze: { rows: number; columns: number } | undefined;
  tabColor: string | undefined;
  showGridlines = false;
  print: PlanPrint;

  constructor(
    readonly name: string,
    readonly role: SheetRole,
    print: PlanPrint,
  ) {
    this.print = print;
  }

  /** `'Sheet'!` for references from other sheets. */
  get ref(): string {
    return sheetPrefix(this.name);
  }

  /** A reference to one of this sheet's cells from another sheet. */
  at(row: number, col: number, abs = true): string {
    return `${this.ref}${cellAddress(row, col, abs)}`;
  }

  /** A reference to a rectangle of this sheet from another sheet. */
  range(row1: number, col1: number, row2: number, col2: number, abs = true): string {
    return `${this.ref}${rangeAddress(row1, col1, row2, col2, abs)}`;
  }

  set(row: number, col: number, cell: PlanCell): void {
    // No cell is ever written as infinity or NaN (an input past its bound); refuse it, naming the cell.
    if (typeof cell.value === 'number' && !Number.isFinite(cell.value)) {
      throw new RangeError(`${this.name}!${cellAddress(row, col, false)} came out as ${String(cell.value)}, not a finite number; check the scenario's numbers`);
    }
    if (typeof cell.value === 'string' && cell.value.length > MAX_CELL_CHARS) cell = { ...cell, value: fitCell(cell.value) };
    let r = this.rows[row];
    if (!r) {
      r = [];
      this.rows[row] = r;
    }
    r[col] = cell;
  }

  /** A literal value. */
  value(row: number, col: number, value: Cached, style?: StyleId, format?: NumberFormatId): void {
    this.set(row, col, { value: toCell(value), ...(style ? { style } : {}), ...(format ? { format } : {}) });
  }

  /** A formula (without "=") and the engine's value for it. */
  formula(row: number, col: number, formula: string, value: Cached, style: StyleId = 'formula', format?: NumberFormatId): void {
    this.set(row, col, { value: toCell(value), formula, style, ...(format ? { format } : {}) });
  }

  /** A row of literal values from a column on. */
  values(row: number, col: number, values: readonly Cached[], style?: StyleId, format?: NumberFormatId): void {
    values.forEach((v, i) => this.value(row, col + i, v, style, format));
  }

  width(col: number, chars: number): void {
    this.columnWidths[col] = chars;
  }

  widths(from: number, chars: readonly number[]): void {
    chars.forEach((w, i) => this.width(from + i, w));
  }

  /**
   * Heights of the rows holding wrapped text (headers, paragraphs), estimated from the text length and the
   * column widths: spreadsheet programs do not grow a row for wrapped text written by a file or an add-in.
   */
  private rowHeights(): (number | undefined)[] {
    const heights: (number | undefined)[] = [];
    this.rows.forEach((row, r) => {
      if (!row) return;
      let lines = 1;
      let size = 10;
      row.forEach((cell, c) => {
        if (!cell || typeof cell.value !== 'string' || !cell.style || !STYLES[cell.style].wrap) return;
        const width = this.columnWidths[c] ?? 8.43;
        const words = cell.value.split(/\s+/);
        let n = 1;
        let used = 0;
        for (const w of words) {
          if (used > 0 && used + 1 + w.length > width * 1.1) {
            n++;
            used = w.length;
          } else used += (used > 0 ? 1 : 0) + w.length;
        }
        lines = Math.max(lines, n);
        size = Math.max(size, STYLES[cell.style].size ?? 10);
      });
      if (lines > 1) heights[r] = Math.ceil(lines * size * 1.3 + 3);
    });
    return heights;
  }

  build(): PlanSheet {
    return {
      name: this.name,
      role: this.role,
      rows: this.rows,
      columnWidths: this.columnWidths,
      rowHeights: this.rowHeights(),
      tables: this.tables,
      conditionalFormats: this.conditionalFormats,
      charts: this.charts,
      print: {
        ...this.print,
        header: fitHeaderFooter(this.print.header, HEADER_TEXT_BUDGET),
        footerLeft: fitHeaderFooter(this.print.footerLeft, FOOTER_PART_BUDGET),
        footerRight: fitHeaderFooter(this.print.footerRight, FOOTER_PART_BUDGET),
      },
      ...(this.freeze ? { freeze: this.freeze } : {}),
      ...(this.tabColor ? { tabColor: this.tabColor } : {}),
      showGridlines: this.showGridlines,
    };
  }
}
