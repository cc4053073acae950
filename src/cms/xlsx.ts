/**
 * Reading an xlsx workbook into sheets of string cells with exceljs (which runs in browsers and in node).
 * Cells become the text a CSV export of the same sheet would hold: numbers with the decimals their number
 * format shows ("20.000" for a 0.000 format), so that an xlsx and the CSV of one CMS file parse alike.
 */
import type { Cell, CellValue, Xlsx } from 'exceljs';
import { CmsFileError, type CmsErrorKind } from './errors';
import type { Sheet } from './sheet';
import { checkZipSizes } from './zip-limits';

/** A number as plain decimal text, never in exponent notation. */
function plainNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

/** Decimals a number format shows after the point ("0.000" -> 3, "#,##0.00" -> 2, "General" -> null). */
function formatDecimals(numFmt: string | undefined): number | null {
  if (numFmt === undefined || numFmt === '' || /general/i.test(numFmt)) return null;
  const section = numFmt.split(';')[0] ?? '';
  const match = /\.([0#]+)/.exec(section);
  return match === null ? 0 : (match[1] ?? '').replace(/#/g, '').length;
}

function numberText(value: number, numFmt: string | undefined): string {
  const decimals = formatDecimals(numFmt);
  if (decimals === null || !Number.isFinite(value) || decimals > 15) return plainNumber(value);
  return value.toFixed(decimals);
}

function isoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

function valueText(value: CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return value.error;
  // A formula (plain or shared): its cached result.
  const result = value.result;
  if (result === undefined) return '';
  if (typeof result === 'object' && !(result instanceof Date)) return result.error;
  return valueText(result, numFmt);
}

function cellText(cell: Cell): string {
  return valueText(cell.value, cell.numFmt);
}

/**
 * Loads a workbook and returns one sheet per worksheet, rows numbered as Excel numbers them.
 * @throws CmsFileError when the bytes are not a readable workbook (a damaged or cut-off zip), or would
 *   inflate past MAX_UNCOMPRESSED_BYTES.
 */
export async function readXlsxSheets(bytes: Uint8Array, fileName: string, kind: CmsErrorKind): Promise<Sheet[]> {
  // exceljs is CommonJS: bundlers and ts-jest give its exports directly, Node's native import() (tsx) puts
  // them under `default`. Accept both.
  // Before anything inflates it: a workbook that would inflate past the limit is refused (zip-limits.ts).
  checkZipSizes(bytes, fileName, kind);
  const loaded = await import('exceljs');
  const { Workbook } = 'Workbook' in loaded ? loaded : (loaded as unknown as { default: typeof loaded }).default;
  const workbook = new Workbook();
  try {
    // exceljs declares its own Buffer type, but hands the data to JSZip, which takes a Uint8Array in
    // browsers and in node alike.
    await workbook.xlsx.load(bytes as unknown as Parameters<Xlsx['load']>[0]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CmsFileError(kind, fileName, null, `not a readable xlsx workbook (damaged or truncated file?): ${reason}`);
  }
  const sheets: Sheet[] = [];
  workbook.eachSheet((worksheet) => {
    const rows: string[][] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cellText(cell);
      });
      for (let k = 0; k < cells.length; k++) cells[k] ??= '';
      rows[rowNumber - 1] = cells;
    });
    for (let k = 0; k < rows.length; k++) rows[k] ??= [''];
    sheets.push({ name: worksheet.name, rows, fromCsv: false });
  });
  if (sheets.length === 0) throw new CmsFileError(kind, fileName, null, 'the workbook has no worksheets');
  return sheets;
}
