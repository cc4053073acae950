/** Recognising which kind of file a table is, by its content (never by its name). */
import type { CmsFileKind } from './errors';
import { readSheets, type CmsFileInput, type Sheet } from './input';
import { headerKey } from './table';

/** Where the kinds' headers are looked for: CMS puts them on row 9 or 10; this leaves room. */
const LOOK_ROWS = 60;

/** What gave a kind away: the 1-based row and a short description for messages. */
export interface Recognised {
  readonly kind: CmsFileKind;
  readonly row: number;
  readonly evidence: string;
}

const CROSSWALK_CODE = /^_?\d{4}_CODE$/i;
const RVU_TITLE = /National Physician Fee Schedule Relative Value File/i;

function recogniseRow(row: readonly string[]): { kind: CmsFileKind; evidence: string } | null {
  const keys = new Set(row.map(headerKey));
  if (keys.has('hcpcscode') && keys.has('paymentlimit')) {
    return { kind: 'payment-limit', evidence: 'a header with "HCPCS Code" and "Payment Limit"' };
  }
  const codeColumn = row.find((cell) => CROSSWALK_CODE.test(cell.trim()));
  if (codeColumn !== undefined || (keys.has('ndc2') && keys.has('billunits'))) {
    return { kind: 'crosswalk', evidence: `a header with "${codeColumn?.trim() ?? 'NDC2'}" and "BILLUNITS"` };
  }
  const title = row.find((cell) => RVU_TITLE.test(cell));
  if (title !== undefined) return { kind: 'pfs-rvu', evidence: `the title "${title.trim()}"` };
  if (keys.has('hcpcs') && keys.has('mod') && keys.has('description')) {
    return { kind: 'pfs-rvu', evidence: 'a header with "HCPCS", "MOD" and "DESCRIPTION"' };
  }
  if (keys.has('hcpcs') && keys.has('dosebasis')) return { kind: 'catalog-seed', evidence: 'a header with "hcpcs" and "dose_basis"' };
  return null;
}

/** The kind of the first row, within the first rows of a sheet, that gives one away; null if none does. */
export function recogniseSheet(sheet: Sheet): Recognised | null {
  const limit = Math.min(sheet.rows.length, LOOK_ROWS);
  for (let r = 0; r < limit; r++) {
    const found = recogniseRow(sheet.rows[r] ?? []);
    if (found !== null) return { ...found, row: r + 1 };
  }
  return null;
}

/**
 * Reads a CSV or xlsx file and says which kind of file it is, or null when it is none of them.
 * @throws CmsFileError (kind 'unknown') for an empty, binary or truncated file.
 */
export async function detectCmsFileKind(input: CmsFileInput, fileName: string): Promise<CmsFileKind | null> {
  const sheets = await readSheets(input, fileName, 'unknown');
  for (const sheet of sheets) {
    const found = recogniseSheet(sheet);
    if (found !== null) return found.kind;
  }
  return null;
}
