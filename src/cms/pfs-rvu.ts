/**
 * The Physician Fee Schedule national relative value file (PPRRVUyy), as CMS lays it out: title lines
 * ("2026 National Physician Fee Schedule Relative Value File July Release", "RELEASED 06/30/2026"), a header
 * stacked over several lines whose last line starts "HCPCS, MOD, DESCRIPTION", then one row per code and
 * modifier. A column's name is its header lines read top to bottom ("NON-FACILITY" over "TOTAL", "CONV"
 * over "FACTOR"); columns are found by name because the column count changes between years (2026 adds
 * "PRIC IND").
 * DOMAIN.md 2.3: national non-facility amount = total non-facility RVU x conversion factor.
 */
import type { FeeSchedule } from '../engine/reference';
import { refuseIncompleteHeader, refuseMissingHeader, refuseShortRow } from './checks';
import { isBlankRow } from './csv';
import { CmsFileError } from './errors';
import { readCsvSheet, readSheets, type CmsFileInput, type Sheet } from './input';
import { HCPCS_PATTERN, cellAt, checkDecimal, findInRow, headerKey, lastFilled } from './table';

const KIND = 'pfs-rvu';

const TITLE = /(\d{4})\s+National Physician Fee Schedule Relative Value File\b[^,]*/i;
/**
 * The whole title cell as CMS writes it: the year, the file's name and the release ("January Release",
 * "July Release", "Revised October Release"): letters, digits, spaces and hyphens. Anything else in the cell
 * (quotes, slashes, semicolons) is not CMS's, and the title is embedded in the generated data.
 */
const TITLE_CELL = /^\d{4} National Physician Fee Schedule Relative Value File(?: [A-Za-z0-9-]+){0,6}$/;
const RELEASED = /RELEASED\s+(\d{1,2})\/(\d{1,2})\/(\d{4})/i;
/** Lines above the header that are not part of it. */
const NOT_HEADER = /RELEASED|Relative Value File|copyright/i;
const MAX_HEADER_LINES = 8;

/** A fee schedule with what the file says about itself. */
export interface ParsedFeeSchedule extends FeeSchedule {
  /** The title line: "2026 National Physician Fee Schedule Relative Value File July Release". */
  readonly title: string;
  /** ISO date of the "RELEASED mm/dd/yyyy" line, or null when the file has none. */
  readonly released: string | null;
}

interface Header {
  readonly index: number;
  readonly code: number;
  readonly modifier: number;
  readonly nonFacilityTotal: number;
  readonly conversionFactor: number;
  readonly lastNamed: number;
  readonly lastName: string;
}

function fail(fileName: string, row: number, problem: string): never {
  throw new CmsFileError(KIND, fileName, row, problem);
}

function isHeaderRow(row: readonly string[]): boolean {
  const keys = row.map(headerKey);
  return keys.includes('hcpcs') && keys.includes('mod');
}

function readHeader(sheet: Sheet, index: number, fileName: string): Header {
  const row = sheet.rows[index] ?? [];
  // The header block: the lines above the "HCPCS, MOD" line up to a blank line or a title line.
  let top = index;
  while (top > 0 && index - top < MAX_HEADER_LINES) {
    const above = sheet.rows[top - 1] ?? [];
    if (isBlankRow(above) || above.some((cell) => NOT_HEADER.test(cell))) break;
    top--;
  }
  const block = sheet.rows.slice(top, index + 1);
  const names = row.map((_, k) => block.map((line) => cellAt(line, k)).join(' ').trim().replace(/\s+/g, ' '));
  const keys = names.map(headerKey);
  const find = (name: string): number => keys.indexOf(headerKey(name));
  const code = row.map(headerKey).indexOf('hcpcs');
  const modifier = row.map(headerKey).indexOf('mod');
  const nonFacilityTotal = find('NON-FACILITY TOTAL');
  const conversionFactor = find('CONV FACTOR');
  const missing = [nonFacilityTotal === -1 ? 'NON-FACILITY TOTAL' : null, conversionFactor === -1 ? 'CONV FACTOR' : null].filter(
    (name): name is string => name !== null,
  );
  refuseIncompleteHeader(names, index + 1, missing, KIND, fileName);
  const lastNamed = lastFilled(row);
  return { index, code, modifier, nonFacilityTotal, conversionFactor, lastNamed, lastName: names[lastNamed] ?? '' };
}

function readTitle(sheet: Sheet, header: Header, fileName: string): { title: string; year: number; released: string | null } {
  let title: RegExpExecArray | null = null;
  let released: string | null = null;
  for (let r = 0; r < header.index; r++) {
    const row = sheet.rows[r] ?? [];
    if (title === null) {
      title = findInRow(row, TITLE);
      const cell = row.find((text) => TITLE.test(text))?.trim().replace(/\s+/g, ' ');
      if (cell !== undefined && !TITLE_CELL.test(cell)) {
        const shown = cell.length > 120 ? `${cell.slice(0, 117)}...` : cell;
        fail(
          fileName,
          r + 1,
          `title line "${shown}" is not as CMS writes it ("<yyyy> National Physician Fee Schedule Relative Value File <Month> Release": letters, digits, spaces, hyphens)`,
        );
      }
    }
    const release = findInRow(row, RELEASED);
    if (release !== null && released === null) {
      const [, month = '', day = '', year = ''] = release;
      released = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    }
  }
  if (title === null) {
    throw new CmsFileError(
      KIND,
      fileName,
      { from: 1, to: header.index + 1 },
      'no title line ("<yyyy> National Physician Fee Schedule Relative Value File ...") above the header',
    );
  }
  return { title: title[0].trim(), year: Number(title[1]), released };
}

function decimal(text: string, what: string, code: string, fileName: string, row: number): string {
  const checked = checkDecimal(text);
  if (checked.ok) return checked.value;
  if (checked.negative) fail(fileName, row, `${what} "${text}" for ${code} is negative`);
  return fail(fileName, row, `${what} "${text}" for ${code} is not a number`);
}

/** Parses the sheets of a relative value file (one for CSV; the worksheets of an xlsx). */
export function feeScheduleFromSheets(sheets: readonly Sheet[], fileName: string): ParsedFeeSchedule {
  let sheet: Sheet | undefined;
  let index = -1;
  for (const candidate of sheets) {
    index = candidate.rows.findIndex(isHeaderRow);
    if (index !== -1) {
      sheet = candidate;
      break;
    }
  }
  if (sheet === undefined) return refuseMissingHeader(sheets, KIND, fileName, ['HCPCS', 'MOD', 'NON-FACILITY TOTAL', 'CONV FACTOR']);
  const header = readHeader(sheet, index, fileName);
  const { title, year, released } = readTitle(sheet, header, fileName);
  const rvu: Record<string, string> = {};
  const rvuRow = new Map<string, number>();
  let factor: { value: string; row: number } | null = null;
  for (let r = header.index + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const rowNumber = r + 1;
    if (isBlankRow(cells)) continue;
    refuseShortRow(sheet, cells, rowNumber, header, KIND, fileName);
    const code = cellAt(cells, header.code);
    if (!HCPCS_PATTERN.test(code)) fail(fileName, rowNumber, `HCPCS code "${code}" is not a five-character code`);
    // Rows with a modifier (26, TC, 53) price a component of the service; the global row has none.
    if (cellAt(cells, header.modifier) !== '') continue;
    const total = decimal(cellAt(cells, header.nonFacilityTotal), 'non-facility total RVU', code, fileName, rowNumber);
    const earlier = rvuRow.get(code);
    if (earlier !== undefined && rvu[code] !== total) {
      fail(fileName, rowNumber, `${code} appears again with non-facility total RVU ${total}; row ${earlier} has ${rvu[code] ?? ''}`);
    }
    rvu[code] = total;
    rvuRow.set(code, rowNumber);
    const cfText = cellAt(cells, header.conversionFactor);
    if (cfText === '') continue;
    const cf = decimal(cfText, 'conversion factor', code, fileName, rowNumber);
    // A zero factor marks a code the schedule does not price by RVU; it says nothing about the year's CF.
    if (Number(cf) === 0) continue;
    if (factor === null) factor = { value: cf, row: rowNumber };
    else if (Number(factor.value) !== Number(cf)) {
      fail(fileName, rowNumber, `conversion factor ${cf} differs from ${factor.value} on row ${factor.row}`);
    }
  }
  if (rvuRow.size === 0) fail(fileName, header.index + 1, 'the header is followed by no data rows');
  if (factor === null) fail(fileName, header.index + 1, 'no row has a conversion factor ("CONV FACTOR")');
  return { year, conversionFactor: factor.value, rvu, source: fileName, title, released };
}

/**
 * Parses a relative value file given as CSV text or the bytes of a CSV file (synchronous).
 * @throws CmsFileError naming the file, the row and the problem.
 */
export function parsePfsRvuCsv(input: CmsFileInput, fileName: string): ParsedFeeSchedule {
  return feeScheduleFromSheets([readCsvSheet(input, fileName, KIND)], fileName);
}

/**
 * Parses a relative value file given as CSV (text or bytes) or as the bytes of an xlsx workbook.
 * @throws CmsFileError naming the file, the row and the problem.
 */
export async function parsePfsRvuFile(input: CmsFileInput, fileName: string): Promise<ParsedFeeSchedule> {
  return feeScheduleFromSheets(await readSheets(input, fileName, KIND), fileName);
}
