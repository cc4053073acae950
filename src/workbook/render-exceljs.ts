/**
 * Renders a board plan to an .xlsx file with exceljs: values, native formulas with the engine's value as
 * each one's cached result (so previews show numbers before any recalculation; the file asks Excel to
 * recalculate fully on load), styles, number formats, column widths, Excel tables, workbook names,
 * conditional formats, frozen panes and print setup with header and footer.
 *
 * exceljs cannot write charts; xlsx-charts.ts adds the plan's charts to the package it writes, as native
 * Excel charts over the workbook's live ranges.
 */
import ExcelJS from 'exceljs';
import {
  type BoardPlan,
  CONDITIONAL_LOOKS,
  NUMBER_FORMATS,
  type PlanCell,
  type PlanConditionalFormat,
  type PlanSheet,
  STYLES,
  type StyleId,
  parseRange,
  rangeAddress,
} from './plan';
import { addCharts } from './xlsx-charts';

export interface XlsxOptions {
  /** Sheets written hidden (e.g. to print one sheet to PDF); default none. */
  readonly hide?: readonly string[];
}

const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;

function styleOf(id: StyleId | undefined, format: string | undefined): Partial<ExcelJS.Style> {
  const spec = id ? STYLES[id] : {};
  const font: Partial<ExcelJS.Font> = { name: 'Calibri', size: spec.size ?? 10 };
  if (spec.bold) font.bold = true;
  if (spec.italic) font.italic = true;
  if (spec.color) font.color = { argb: argb(spec.color) };
  const style: Partial<ExcelJS.Style> = { font };
  if (spec.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(spec.fill) } };
  const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFBFBFBF' } };
  if (spec.box) style.border = { top: thin, bottom: thin, left: thin, right: thin };
  else if (spec.borderTop || spec.borderBottom) {
    const dark: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF1F3864' } };
    style.border = { ...(spec.borderTop ? { top: dark } : {}), ...(spec.borderBottom ? { bottom: dark } : {}) };
  }
  // Body text at the top of its row: a row made tall by wrapped text reads across from its first line. (Larger
  // type, titles and key figures, stays on the row's baseline.)
  const top = (spec.size ?? 10) <= 10;
  if (top || spec.horizontal || spec.wrap) {
    style.alignment = { ...(top ? { vertical: 'top' } : {}), ...(spec.horizontal ? { horizontal: spec.horizontal } : {}), ...(spec.wrap ? { wrapText: true } : {}) };
  }
  if (format) style.numFmt = format;
  return style;
}

/**
 * Functions newer than Excel 2007 are stored in the file with the "_xlfn." prefix (ECMA-376 Part 1, 18.17.2.1:
 * "future functions"); Excel and LibreOffice show them without it. Through Office.js they are typed plain.
 */
const FUTURE_FUNCTIONS = /\b(ISFORMULA)\(/g;

function cellValue(cell: PlanCell): ExcelJS.CellValue {
  if (cell.formula !== undefined) {
    const formula = cell.formula.replace(FUTURE_FUNCTIONS, '_xlfn.$1(');
    const result = cell.value === null ? undefined : cell.value;
    return { formula, ...(result === undefined ? {} : { result }) } as ExcelJS.CellFormulaValue;
  }
  return cell.value;
}

/** Header & footer text: "&" is a control character there. */
const hf = (text: string): string => text.replace(/&/g, '&&');

function conditional(cf: PlanConditionalFormat, priority: number): ExcelJS.ConditionalFormattingOptions {
  const look = CONDITIONAL_LOOKS[cf.look];
  const style: Partial<ExcelJS.Style> = {
    fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(look.fill) } },
    font: { color: { argb: argb(look.color) } },
  };
  const topLeft = cf.range.split(':')[0] as string;
  const rule: ExcelJS.ConditionalFormattingRule =
    cf.rule.kind === 'expression'
      ? { type: 'expression', priority, formulae: [cf.rule.formula], style }
      : cf.rule.kind === 'lessThan'
        ? { type: 'cellIs', priority, operator: 'lessThan', formulae: [String(cf.rule.value)], style }
        : { type: 'expression', priority, formulae: [`${topLeft}="${cf.rule.text.replace(/"/g, '""')}"`], style };
  return { ref: cf.range, rules: [rule] };
}

function writeSheet(wb: ExcelJS.Workbook, sheet: PlanSheet, hidden: boolean): void {
  const ws = wb.addWorksheet(sheet.name, {
    state: hidden ? 'hidden' : 'visible',
    ...(sheet.tabColor ? { properties: { tabColor: { argb: argb(sheet.tabColor) } } } : {}),
    views: [
      sheet.freeze && (sheet.freeze.rows > 0 || sheet.freeze.columns > 0)
        ? { state: 'frozen', xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows, showGridLines: sheet.showGridlines }
        : { state: 'normal', showGridLines: sheet.showGridlines },
    ],
  });
  sheet.columnWidths.forEach((w, c) => {
    if (w !== undefined) ws.getColumn(c + 1).width = w;
  });
  sheet.rowHeights.forEach((h, r) => {
    if (h !== undefined) ws.getRow(r + 1).height = h;
  });
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    const xrow = ws.getRow(r + 1);
    row.forEach((cell, c) => {
      if (!cell) return;
      const x = xrow.getCell(c + 1);
      x.value = cellValue(cell);
      const format = cell.format ? NUMBER_FORMATS[cell.format] : undefined;
      const key = `${cell.style ?? ''}|${format ?? ''}`;
      let style = styles.get(key);
      if (!style) {
        style = styleOf(cell.style, format);
        styles.set(key, style);
      }
      x.style = style;
    });
  });
  for (const t of sheet.tables) {
    const { row1, col1, row2, col2 } = parseRange(t.range);
    const columns: ExcelJS.TableColumnProperties[] = [];
    for (let c = col1; c <= col2; c++) columns.push({ name: String(sheet.rows[row1]?.[c]?.value ?? `Column ${c - col1 + 1}`), filterButton: false });
    const rows: ExcelJS.CellValue[][] = [];
    for (let r = row1 + 1; r <= row2; r++) {
      const out: ExcelJS.CellValue[] = [];
      for (let c = col1; c <= col2; c++) {
        const cell = sheet.rows[r]?.[c];
        out.push(cell ? cellValue(cell) : null);
      }
      rows.push(out);
    }
    ws.addTable({ name: t.name, ref: rangeAddress(row1, col1, row1, col1), headerRow: true, totalsRow: false, style: { theme: t.style, showRowStripes: true }, columns, rows });
  }
  // Each rule its own priority: LibreOffice keeps only one of several rules of equal priority.
  sheet.conditionalFormats.forEach((cf, i) => ws.addConditionalFormatting(conditional(cf, i + 1)));
  const p = sheet.print;
  // exceljs puts a break below the row given (1-based): below 1-based row b is above 0-based row b.
  for (const b of p.breaks ?? []) if (b > 0) ws.getRow(b).addPageBreak();
  ws.pageSetup = {
    orientation: p.landscape ? 'landscape' : 'portrait',
    fitToPage: p.fitToWidth,
    fitToWidth: p.pagesWide ?? 1,
    fitToHeight: p.fitToHeight ? 1 : 0,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    // exceljs prefixes each corner with "$" ("$A1:$I45"), which LibreOffice does not read as a print range;
    // given "A$1:I$45" it writes the absolute "$A$1:$I$45".
    ...(p.area && !hidden ? { printArea: p.area.replace(/([A-Z]+)(\d+)/g, '$1$$$2') } : {}),
    ...(p.titleRows && !hidden ? { printTitlesRow: p.titleRows } : {}),
    ...(p.titleColumns && !hidden ? { printTitlesColumn: p.titleColumns } : {}),
  };
  ws.headerFooter = {
    oddHeader: `&C&"Calibri,Bold"&12${hf(p.header)}`,
    oddFooter: `&L&8${hf(p.footerLeft)}&C&8Page &P of &N&R&8${hf(p.footerRight)}`,
  };
}

/** The .xlsx bytes of a plan. */
export async function renderXlsx(plan: BoardPlan, options: XlsxOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Infusion Planner';
  wb.title = plan.title;
  wb.subject = plan.subject;
  wb.calcProperties = { fullCalcOnLoad: true };
  const hide = new Set(options.hide ?? []);
  for (const sheet of plan.sheets) writeSheet(wb, sheet, hide.has(sheet.name));
  for (const n of plan.names) wb.definedNames.add(`'${n.sheet.replace(/'/g, "''")}'!${n.range}`, n.name);
  const active = Math.max(0, plan.sheets.filter((s) => !hide.has(s.name)).findIndex((s) => s.name === plan.activeSheet));
  const firstVisible = plan.sheets.findIndex((s) => !hide.has(s.name));
  wb.views = [{ x: 0, y: 0, width: 24000, height: 15000, firstSheet: Math.max(0, firstVisible), activeTab: hide.size > 0 ? Math.max(0, firstVisible) : active, visibility: 'visible' }];
  const data = await wb.xlsx.writeBuffer();
  return addCharts(Buffer.from(data as ArrayBuffer), plan);
}
