/** Refusals the parsers of tabular CMS files share, phrased alike in every message. */
import { recogniseSheet } from './detect';
import { CmsFileError, type CmsFileKind, kindAsRecognised, kindWithArticle } from './errors';
import type { Sheet } from './input';
import { EFFECTIVE_PATTERN, findInRow, parseEffective, type EffectivePeriod } from './table';

/** The effective period stated above the header ("Effective January 1, 2026 through March 31, 2026"). */
export function effectiveAbove(sheet: Sheet, headerIndex: number, kind: CmsFileKind, fileName: string): EffectivePeriod {
  for (let r = 0; r < headerIndex; r++) {
    const match = findInRow(sheet.rows[r] ?? [], EFFECTIVE_PATTERN);
    if (match === null) continue;
    const period = parseEffective(match);
    if (typeof period === 'string') throw new CmsFileError(kind, fileName, r + 1, period);
    return period;
  }
  throw new CmsFileError(
    kind,
    fileName,
    { from: 1, to: headerIndex + 1 },
    'no effective line ("Effective <Month> <d>, <yyyy> through <Month> <d>, <yyyy>") above the header',
  );
}

/**
 * A CSV line with fewer fields than the header up to its last named column was cut off (a worksheet drops
 * trailing empty cells, so this holds for CSV only).
 */
export function refuseShortRow(
  sheet: Sheet,
  cells: readonly string[],
  rowNumber: number,
  header: { readonly lastNamed: number; readonly lastName: string },
  kind: CmsFileKind,
  fileName: string,
): void {
  if (!sheet.fromCsv || cells.length >= header.lastNamed + 1) return;
  throw new CmsFileError(
    kind,
    fileName,
    rowNumber,
    `the row has ${cells.length} column${cells.length === 1 ? '' : 's'} where the header has ${header.lastNamed + 1} up to "${header.lastName}": it is cut short (truncated file?)`,
  );
}

/**
 * When no sheet has the expected header: says what the file is instead, if it is another kind we know,
 * else that no header was found. Always throws.
 */
export function refuseMissingHeader(sheets: readonly Sheet[], kind: CmsFileKind, fileName: string, columns: readonly string[]): never {
  for (const sheet of sheets) {
    const recognised = recogniseSheet(sheet);
    if (recognised !== null && recognised.kind !== kind) {
      throw new CmsFileError(
        kind,
        fileName,
        recognised.row,
        `this is ${kindAsRecognised(recognised.kind)} (${recognised.evidence}), not ${kindWithArticle(kind)}`,
      );
    }
  }
  const rows = Math.max(1, ...sheets.map((sheet) => sheet.rows.length));
  throw new CmsFileError(
    kind,
    fileName,
    { from: 1, to: rows },
    `no header row: no row has the columns ${columns.map((name) => `"${name}"`).join(', ')}`,
  );
}

/** Refuses a header that lacks named columns, listing what it has. */
export function refuseIncompleteHeader(
  row: readonly string[],
  rowNumber: number,
  missing: readonly string[],
  kind: CmsFileKind,
  fileName: string,
): void {
  if (missing.length === 0) return;
  const found = row.filter((cell) => cell.trim() !== '').map((cell) => `"${cell.trim()}"`).join(', ');
  throw new CmsFileError(
    kind,
    fileName,
    rowNumber,
    `the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((name) => `"${name}"`).join(', ')} (it has ${found})`,
  );
}
