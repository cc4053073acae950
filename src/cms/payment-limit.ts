/**
 * The CMS Medicare Part B drug payment limit file ("ASP Pricing File"; from January 2026 "Medicare Part B
 * Payment Limit File"), as CSV (the "section 508" version) or xlsx. Layout (DOMAIN.md 2.1): title and notes,
 * the effective period ("Effective January 1, 2026 through March 31, 2026") on row 3, the header on row 9,
 * data after. Columns are found by name; nothing past "Notes" is relied on (some quarters add one or two
 * empty trailing columns). The Payment Limit is per billing unit and already includes the add-on.
 */
import type { PaymentLimitQuarter, PaymentLimitRow } from '../engine/reference';
import { effectiveAbove, refuseIncompleteHeader, refuseMissingHeader, refuseShortRow } from './checks';
import { isBlankRow } from './csv';
import { CmsFileError } from './errors';
import { readCsvSheet, readSheets, type CmsFileInput, type Sheet } from './input';
import { HCPCS_PATTERN, cellAt, checkDecimal, headerKey, isNotAvailable, lastFilled, textProblem } from './table';

const KIND = 'payment-limit';

/** The columns read, by the header text CMS uses. */
const COLUMNS = {
  hcpcs: 'HCPCS Code',
  description: 'Short Description',
  dosage: 'HCPCS Code Dosage',
  paymentLimit: 'Payment Limit',
  coinsurance: 'Co-insurance Percentage',
  notes: 'Notes',
} as const;

type Column = keyof typeof COLUMNS;

/**
 * The largest payment limit per billing unit accepted: $10,000,000. The largest in the files in data/ is
 * $770,620.000 (Q2057, afamitresgene autoleucel, 2026Q1), and the dearest one-time gene therapies list at about
 * $4.25 million a treatment (atidarsagene autotemcel, FDA approval March 2024), billed as one unit; a limit
 * above ten million dollars a unit is a damaged or crafted file (a 400-digit number would print as infinity).
 */
export const MAX_PAYMENT_LIMIT_PER_UNIT = 10_000_000;

/** The longest text CMS puts in each column, with room to spare (the files in data/: 31, 91 and 119). */
const MAX_TEXT = { description: 80, dosage: 200, notes: 1000 } as const;

interface Header {
  /** 0-based index of the header row. */
  readonly index: number;
  readonly columns: Readonly<Record<Column, number>>;
  /** Index of the header's last named column ("Notes"): a CSV line shorter than this + 1 is cut off. */
  readonly lastNamed: number;
  readonly lastName: string;
}

function fail(fileName: string, row: number, problem: string): never {
  throw new CmsFileError(KIND, fileName, row, problem);
}

function headerIndex(sheet: Sheet): number {
  return sheet.rows.findIndex((row) => row.some((cell) => headerKey(cell) === 'hcpcscode'));
}

function readHeader(sheet: Sheet, index: number, fileName: string): Header {
  const row = sheet.rows[index] ?? [];
  const keys = row.map(headerKey);
  const columns: Partial<Record<Column, number>> = {};
  const missing: string[] = [];
  for (const [column, name] of Object.entries(COLUMNS) as [Column, string][]) {
    const at = keys.indexOf(headerKey(name));
    if (at === -1) missing.push(name);
    else columns[column] = at;
  }
  refuseIncompleteHeader(row, index + 1, missing, KIND, fileName);
  const lastNamed = lastFilled(row);
  return { index, columns: columns as Record<Column, number>, lastNamed, lastName: cellAt(row, lastNamed) };
}

/** The sheet holding the header, or a precise refusal naming what the file is instead. */
function chooseSheet(sheets: readonly Sheet[], fileName: string): { sheet: Sheet; index: number } {
  for (const sheet of sheets) {
    const index = headerIndex(sheet);
    if (index !== -1) return { sheet, index };
  }
  return refuseMissingHeader(sheets, KIND, fileName, Object.values(COLUMNS));
}

function decimalCell(text: string, what: string, code: string, fileName: string, row: number): string | null {
  if (isNotAvailable(text)) return null;
  const checked = checkDecimal(text);
  if (checked.ok) return checked.value;
  if (checked.negative) fail(fileName, row, `${what} "${text.trim()}" for ${code} is negative`);
  return fail(fileName, row, `${what} "${text.trim()}" for ${code} is not a number (expected a decimal such as 32.423, or N/A)`);
}

/** Parses the sheets of a payment limit file (one for CSV; the worksheets of an xlsx). */
export function paymentLimitsFromSheets(sheets: readonly Sheet[], fileName: string): PaymentLimitQuarter {
  const chosen = chooseSheet(sheets, fileName);
  const { sheet } = chosen;
  const header = readHeader(sheet, chosen.index, fileName);
  const period = effectiveAbove(sheet, header.index, KIND, fileName);
  const { columns } = header;
  const rows: PaymentLimitRow[] = [];
  const seen = new Map<string, { row: number; paymentLimit: string | null; coinsurance: string | null }>();
  for (let r = header.index + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const rowNumber = r + 1;
    if (isBlankRow(cells)) continue;
    refuseShortRow(sheet, cells, rowNumber, header, KIND, fileName);
    const code = cellAt(cells, columns.hcpcs);
    if (code === '') fail(fileName, rowNumber, 'the row has no HCPCS code');
    if (!HCPCS_PATTERN.test(code)) fail(fileName, rowNumber, `HCPCS code "${code}" is not a five-character code`);
    const paymentLimit = decimalCell(cells[columns.paymentLimit] ?? '', 'payment limit', code, fileName, rowNumber);
    if (paymentLimit !== null && Number(paymentLimit) > MAX_PAYMENT_LIMIT_PER_UNIT) {
      const shown = paymentLimit.length > 24 ? `${paymentLimit.slice(0, 20)}... (${paymentLimit.length} digits)` : paymentLimit;
      fail(fileName, rowNumber, `payment limit ${shown} for ${code} is over $10,000,000 a billing unit, far above any CMS has published`);
    }
    const coinsurance = decimalCell(cells[columns.coinsurance] ?? '', 'co-insurance percentage', code, fileName, rowNumber);
    if (coinsurance !== null && Number(coinsurance) > 100) {
      fail(fileName, rowNumber, `co-insurance percentage "${coinsurance}" for ${code} is over 100`);
    }
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      if (earlier.paymentLimit === paymentLimit && earlier.coinsurance === coinsurance) continue;
      fail(
        fileName,
        rowNumber,
        `${code} appears again with a different price (payment limit ${paymentLimit ?? 'N/A'}, co-insurance ${coinsurance ?? 'N/A'}) than on row ${earlier.row} (payment limit ${earlier.paymentLimit ?? 'N/A'}, co-insurance ${earlier.coinsurance ?? 'N/A'})`,
      );
    }
    seen.set(code, { row: rowNumber, paymentLimit, coinsurance });
    const description = cellAt(cells, columns.description);
    const dosage = cellAt(cells, columns.dosage);
    const notes = cellAt(cells, columns.notes).replace(/\r\n?/g, '\n');
    const problem =
      textProblem(description, `the short description of ${code}`, MAX_TEXT.description) ??
      textProblem(dosage, `the dosage of ${code}`, MAX_TEXT.dosage) ??
      textProblem(notes, `the notes of ${code}`, MAX_TEXT.notes, true);
    if (problem !== null) fail(fileName, rowNumber, problem);
    rows.push({ hcpcs: code, description, dosage, paymentLimit, coinsurancePercent: coinsurance, notes });
  }
  if (rows.length === 0) fail(fileName, header.index + 1, 'the header is followed by no data rows');
  return { ...period, source: fileName, rows };
}

/**
 * Parses a payment limit file given as CSV text or the bytes of a CSV file (synchronous).
 * @throws CmsFileError naming the file, the row and the problem.
 */
export function parsePaymentLimitCsv(input: CmsFileInput, fileName: string): PaymentLimitQuarter {
  return paymentLimitsFromSheets([readCsvSheet(input, fileName, KIND)], fileName);
}

/**
 * Parses a payment limit file given as CSV (text or bytes) or as the bytes of an xlsx workbook.
 * @throws CmsFileError naming the file, the row and the problem.
 */
export async function parsePaymentLimitFile(input: CmsFileInput, fileName: string): Promise<PaymentLimitQuarter> {
  return paymentLimitsFromSheets(await readSheets(input, fileName, KIND), fileName);
}
