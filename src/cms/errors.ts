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

/**
 * The kinds' names, written once: `label` starts every message about a file of the kind ("payment limit file
 * "x.csv", row 3: ..."); with its article it is what a parser expected ("not a payment limit file"); `recognised`
 * is how a file found to be of the kind is described when it is not the one expected (else the label with its
 * article).
 */
export const CMS_FILE_KINDS: Readonly<Record<CmsFileKind, { readonly label: string; readonly article: 'a' | 'an'; readonly recognised?: string }>> = {
  'payment-limit': { label: 'payment limit file', article: 'a', recognised: 'a Medicare Part B payment limit (ASP pricing) file' },
  crosswalk: { label: 'NDC-HCPCS crosswalk', article: 'an', recognised: 'an ASP NDC-HCPCS crosswalk' },
  'pfs-rvu': { label: 'PFS relative value file', article: 'a' },
  'catalog-seed': { label: 'drug catalog seed', article: 'a' },
};

/** What a message calls the file. */
export const CMS_FILE_LABEL: Readonly<Record<CmsErrorKind, string>> = {
  unknown: 'file',
  ...(Object.fromEntries(Object.entries(CMS_FILE_KINDS).map(([k, v]) => [k, v.label])) as Record<CmsFileKind, string>),
};

/** The kind with its article: "a payment limit file", "an NDC-HCPCS crosswalk". */
export function kindWithArticle(kind: CmsFileKind): string {
  const k = CMS_FILE_KINDS[kind];
  return `${k.article} ${k.label}`;
}

/** How a file found to be of `kind` is described: "this is <...>, not a payment limit file". */
export function kindAsRecognised(kind: CmsFileKind): string {
  return CMS_FILE_KINDS[kind].recognised ?? kindWithArticle(kind);
}

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
