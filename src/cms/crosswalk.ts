/**
 * The CMS ASP NDC-HCPCS crosswalk (quarterly), as CSV (the "section 508" version) or xlsx (DOMAIN.md 2.2).
 * Header on row 9: `_2026_CODE, Short Description, LABELER NAME, NDC2, Drug Name, HCPCS dosage, PKG SIZE,
 * PKG QTY, BILLUNITS, BILLUNITSPKG`; the code column's name changes every year, so it is found by pattern.
 * BILLUNITS is billing units per single item (vial, syringe, bottle) and may be fractional (0.5): the vial
 * sizes of a code, for waste modelling, are its distinct BILLUNITS.
 */
import { effectiveAbove, refuseIncompleteHeader, refuseMissingHeader, refuseShortRow } from './checks';
import { isBlankRow } from './csv';
import { CmsFileError } from './errors';
import { readCsvSheet, readSheets, type CmsFileInput, type Sheet } from './input';
import { HCPCS_PATTERN, cellAt, checkDecimal, headerKey, lastFilled, textProblem, type EffectivePeriod } from './table';

const KIND = 'crosswalk';

/** "_2026_CODE" (the year varies). */
const CODE_COLUMN = /^_?\d{4}_CODE$/i;

/** One crosswalk file, reduced to what the model uses. */
export interface Crosswalk extends EffectivePeriod {
  /** The file it came from. */
  readonly source: string;
  /** The code column's name as the file spells it, e.g. "_2026_CODE". */
  readonly codeColumn: string;
  /** Data rows read (one per NDC). */
  readonly rowCount: number;
  /** Sorted distinct BILLUNITS (billing units per single item) by HCPCS code. */
  readonly vialSizes: Readonly<Record<string, readonly number[]>>;
  /** The "HCPCS dosage" (billing unit) by code, as on the code's first row, e.g. "10 MG". */
  readonly dosage: Readonly<Record<string, string>>;
}

interface Header {
  readonly index: number;
  readonly code: number;
  readonly codeName: string;
  readonly dosage: number;
  readonly billUnits: number;
  readonly lastNamed: number;
  readonly lastName: string;
}

function fail(fileName: string, row: number, problem: string): never {
  throw new CmsFileError(KIND, fileName, row, problem);
}

function findHeader(sheets: readonly Sheet[], fileName: string): { sheet: Sheet; header: Header } {
  for (const sheet of sheets) {
    const index = sheet.rows.findIndex((row) => row.some((cell) => CODE_COLUMN.test(cell.trim()) || headerKey(cell) === 'billunits'));
    if (index === -1) continue;
    const row = sheet.rows[index] ?? [];
    const keys = row.map(headerKey);
    const code = row.findIndex((cell) => CODE_COLUMN.test(cell.trim()));
    const dosage = keys.indexOf('hcpcsdosage');
    const billUnits = keys.indexOf('billunits');
    const missing = [
      code === -1 ? '_<yyyy>_CODE' : null,
      dosage === -1 ? 'HCPCS dosage' : null,
      billUnits === -1 ? 'BILLUNITS' : null,
    ].filter((name): name is string => name !== null);
    refuseIncompleteHeader(row, index + 1, missing, KIND, fileName);
    const lastNamed = lastFilled(row);
    return {
      sheet,
      header: { index, code, codeName: cellAt(row, code), dosage, billUnits, lastNamed, lastName: cellAt(row, lastNamed) },
    };
  }
  return refuseMissingHeader(sheets, KIND, fileName, ['_<yyyy>_CODE', 'HCPCS dosage', 'BILLUNITS']);
}

/** Parses the sheets of a crosswalk (one for CSV; the worksheets of an xlsx). */
export function crosswalkFromSheets(sheets: readonly Sheet[], fileName: string): Crosswalk {
  const { sheet, header } = findHeader(sheets, fileName);
  const period = effectiveAbove(sheet, header.index, KIND, fileName);
  const sizes = new Map<string, Set<number>>();
  const dosage: Record<string, string> = {};
  let rowCount = 0;
  for (let r = header.index + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const rowNumber = r + 1;
    if (isBlankRow(cells)) continue;
    refuseShortRow(sheet, cells, rowNumber, header, KIND, fileName);
    const code = cellAt(cells, header.code);
    if (code === '') fail(fileName, rowNumber, `the row has no code in "${header.codeName}"`);
    if (!HCPCS_PATTERN.test(code)) fail(fileName, rowNumber, `HCPCS code "${code}" is not a five-character code`);
    const text = cellAt(cells, header.billUnits);
    const checked = checkDecimal(text);
    if (!checked.ok) {
      if (checked.negative) fail(fileName, rowNumber, `BILLUNITS "${text}" for ${code} is negative`);
      fail(fileName, rowNumber, `BILLUNITS "${text}" for ${code} is not a number`);
    }
    const units = Number(checked.value);
    if (units <= 0) fail(fileName, rowNumber, `BILLUNITS "${text}" for ${code} is not positive`);
    let set = sizes.get(code);
    if (set === undefined) {
      set = new Set();
      sizes.set(code, set);
      dosage[code] = cellAt(cells, header.dosage);
      // The longest "HCPCS dosage" in the January 2026 crosswalk is 91 characters.
      const problem = textProblem(dosage[code] ?? '', `the HCPCS dosage of ${code}`, 200);
      if (problem !== null) fail(fileName, rowNumber, problem);
    }
    set.add(units);
    rowCount++;
  }
  if (rowCount === 0) fail(fileName, header.index + 1, 'the header is followed by no data rows');
  const vialSizes: Record<string, readonly number[]> = {};
  for (const code of [...sizes.keys()].sort()) vialSizes[code] = [...(sizes.get(code) ?? [])].sort((a, b) => a - b);
  return { ...period, source: fileName, codeColumn: header.codeName, rowCount, vialSizes, dosage };
}

/**
 * Parses a crosswalk given as CSV text or the bytes of a CSV file (synchronous).
 * @throws CmsFileError naming the file, the row and the problem.
 */
export function parseCrosswalkCsv(input: CmsFileInput, fileName: string): Crosswalk {
  return crosswalkFromSheets([readCsvSheet(input, fileName, KIND)], fileName);
}

/**
 * Parses a crosswalk given as CSV (text or bytes) or as the bytes of an xlsx workbook.
 * @throws CmsFileError naming the file, the row and the problem.
 */
export async function parseCrosswalkFile(input: CmsFileInput, fileName: string): Promise<Crosswalk> {
  return crosswalkFromSheets(await readSheets(input, fileName, KIND), fileName);
}
