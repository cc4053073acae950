/**
 * Turning what the user gives (text, or the bytes of a CSV or xlsx file) into sheets of string cells, with
 * the refusals every CMS parser shares: empty file, binary content, a CSV cut off inside a quoted field.
 */
import { CmsFileError, type CmsErrorKind } from './errors';
import type { Sheet } from './sheet';
import { CsvSyntaxError, isBlankRow, parseCsv } from './csv';

/** A file's content as a caller has it: text already decoded, or the raw bytes of a CSV or xlsx file. */
export type CmsFileInput = string | Uint8Array | ArrayBuffer;

export type { Sheet } from './sheet';

export function toBytes(input: Uint8Array | ArrayBuffer): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

/** Windows-1252 bytes 0x80-0x9F (WHATWG Encoding Standard); 0xA0-0xFF are the same code points as Latin-1. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
] as const;

function decodeLatin1(bytes: Uint8Array): string {
  const chunk = 8192;
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += chunk) {
    parts.push(String.fromCharCode(...bytes.subarray(start, start + chunk)));
  }
  return parts.join('');
}

/**
 * Windows-1252. Browsers decode it natively; node's decoder (some versions) treats the label as ISO-8859-1
 * and leaves 0x80-0x9F as C1 controls, and a node without ICU lacks it: so decode natively when possible,
 * then map any C1 control that remains through the table. Both ways give the same text.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('windows-1252').decode(bytes);
  } catch {
    text = decodeLatin1(bytes);
  }
  return text.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0)));
}

/**
 * Decodes a text file's bytes: UTF-8 (with or without byte-order mark), UTF-16 with a byte-order mark, and
 * otherwise Windows-1252, which is what CMS's section 508 CSV files are (0xA0, a no-break space, occurs in
 * them and is not valid UTF-8).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** A zip archive, which is what an xlsx workbook is. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Names a kind of binary file by its first bytes, for a message; null when it does not look like one we know. */
function knownBinaryKind(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]): boolean => sig.every((b, k) => bytes[k] === b);
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'a legacy Excel .xls workbook (save it as .xlsx or CSV)';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (starts(0x1f, 0x8b)) return 'a gzip archive';
  return null;
}

/**
 * Index of the first control character no text file of ours holds (tab, LF, VT, FF and CR are allowed),
 * or -1. A loop rather than a regular expression with control characters in it.
 */
function firstControlCharacter(text: string): number {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if ((c < 0x20 && (c < 0x09 || c > 0x0d)) || c === 0x7f) return k;
  }
  return -1;
}

/** The 1-based CSV record that the character at `offset` belongs to (quotes may span lines). */
function rowAtOffset(text: string, offset: number): number {
  let row = 1;
  let quoted = false;
  for (let k = 0; k < offset; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a))) row++;
  }
  return row;
}

function refuseBinaryText(text: string, fileName: string, kind: CmsErrorKind): void {
  const at = firstControlCharacter(text);
  if (at === -1) return;
  const code = text.charCodeAt(at).toString(16).padStart(2, '0');
  throw new CmsFileError(
    kind,
    fileName,
    rowAtOffset(text, at),
    `binary content (control character 0x${code}): this is not a CSV text file or an xlsx workbook`,
  );
}

/**
 * Reads CSV text (or the bytes of a CSV file) into one sheet.
 * @throws CmsFileError for an empty file, binary content, an xlsx workbook (use the async readSheets) or a
 *   quoted field left open at the end (a truncated file).
 */
export function readCsvSheet(input: CmsFileInput, fileName: string, kind: CmsErrorKind): Sheet {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    const bytes = toBytes(input);
    if (isZip(bytes)) {
      throw new CmsFileError(kind, fileName, null, 'this is a zip archive (an xlsx workbook?), not CSV text; read it with the async parser');
    }
    const known = knownBinaryKind(bytes);
    if (known !== null) throw new CmsFileError(kind, fileName, 1, `binary content: this is ${known}, not a CSV or xlsx file`);
    text = decodeText(bytes);
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new CmsFileError(kind, fileName, 1, 'the file is empty');
  refuseBinaryText(text, fileName, kind);
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      const truncated = error.problem.includes('never closed') ? ' (the file is cut off: truncated download?)' : '';
      throw new CmsFileError(kind, fileName, error.row, `${error.problem}${truncated}`);
    }
    throw error;
  }
  if (rows.every(isBlankRow)) throw new CmsFileError(kind, fileName, 1, 'the file is empty (only blank rows)');
  return { name: '', rows, fromCsv: true };
}

/**
 * Reads a CSV file or an xlsx workbook (recognised by content, not by name) into sheets: one for CSV, one
 * per worksheet for xlsx. exceljs is loaded only when a workbook is given.
 */
export async function readSheets(input: CmsFileInput, fileName: string, kind: CmsErrorKind): Promise<Sheet[]> {
  if (typeof input !== 'string') {
    const bytes = toBytes(input);
    if (isZip(bytes)) {
      const { readXlsxSheets } = await import('./xlsx');
      return readXlsxSheets(bytes, fileName, kind);
    }
  }
  return [readCsvSheet(input, fileName, kind)];
}
