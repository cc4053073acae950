/**
 * The one error the CMS parsers throw. A file that cannot be read the way CMS publishes it is the user's
 * problem to fix (wrong file, truncated download, edited in a text editor), so the message says which file,
 * which row as a spreadsheet shows it (1-based, a multi-line quoted cell counts as one row), and what is
 * wrong, e.g. `payment limit file "x.csv", row 57: payment limit "-3.2" for J1745 is negative`.
 */

/** The kinds of file this layer reads; the label starts every message. */
export type CmsFileKind = 'payment-limit' | 'crosswalk' | 'pfs-rvu' | 'catalog-seed';

/** The kind a message names: the kind the caller expected, or 'unknown' while it is being detected. */
export type CmsErrorKind = CmsFileKind | 'unknown';

/** What a message calls the file. */
export const CMS_FILE_LABEL: Readonly<Record<CmsErrorKind, string>> = {
  unknown: 'file',
  'payment-limit': 'payment limit file',
  crosswalk: 'NDC-HCPCS crosswalk',
  'pfs-rvu': 'PFS relative value file',
  'catalog-seed': 'drug catalog seed',
};

/** Where in the file the problem is: one row, a range of rows (e.g. where a header was looked for), or none. */
export type CmsFileLocation = number | { readonly from: number; readonly to: number } | null;

function describeLocation(location: CmsFileLocation): string {
  if (location === null) return '';
  if (typeof location === 'number') return `, row ${location}`;
  return location.from === location.to ? `, row ${location.from}` : `, rows ${location.from}-${location.to}`;
}

/** Thrown by every parser in `src/cms` for a file it refuses; never for a programming error. */
export class CmsFileError extends Error {
  override readonly name = 'CmsFileError';

  constructor(
    /** The kind the caller expected; 'unknown' while detecting it. */
    readonly kind: CmsErrorKind,
    readonly fileName: string,
    /** 1-based row (as a spreadsheet shows it), a range of rows, or null when the whole file is at fault. */
    readonly location: CmsFileLocation,
    /** The problem alone, without the file and row. */
    readonly problem: string,
  ) {
    super(`${CMS_FILE_LABEL[kind]} "${fileName}"${describeLocation(location)}: ${problem}`);
  }

  /** The first row the error names, or null. */
  get row(): number | null {
    const at = this.location;
    if (at === null) return null;
    return typeof at === 'number' ? at : at.from;
  }
}
