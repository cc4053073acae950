/**
 * Zip bombs: an xlsx workbook is a zip archive, and a few megabytes can inflate to gigabytes (issue 16: a
 * 3.2 MB file inflating to 3 GB took 37 s and 3.4 GB of memory before it was refused). Before exceljs sees
 * a workbook, this reads the archive's central directory and refuses it when the declared uncompressed
 * sizes are too large, then inflates each entry, stopping as soon as it yields more than declared or the
 * total passes the limit. Layout: PKWARE APPNOTE.TXT 6.3.x, sections 4.3.7 (local file header), 4.3.12
 * (central directory header), 4.3.16 (end of central directory record).
 */
import { Inflate } from 'pako';
import { CmsFileError, type CmsErrorKind } from './errors';

/**
 * The most a CMS workbook may inflate to, all entries together: 100 MB. CMS's largest file, the NDC-HCPCS
 * crosswalk (about 40,000 rows; 2.4 MB as CSV), is some 25 MB of worksheet XML; a payment limit file is
 * under 1 MB.
 */
export const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;

/** Entries in a workbook: an xlsx has tens; thousands is not a spreadsheet. */
export const MAX_ZIP_ENTRIES = 10_000;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The central directory's entries, or a refusal. */
function centralDirectory(bytes: Uint8Array, refuse: (problem: string) => never): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd === -1) refuse('not a readable xlsx workbook (no zip directory: damaged or truncated file?)');
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) refuse('a ZIP64 archive, which no spreadsheet of CMS data needs; not read');
  if (count > MAX_ZIP_ENTRIES) refuse(`the workbook holds ${count} parts, more than the ${MAX_ZIP_ENTRIES} a spreadsheet has; not read`);
  if (offset + size > bytes.length) refuse('not a readable xlsx workbook (its zip directory points past the end: damaged or truncated file?)');
  const entries: Entry[] = [];
  let at = offset;
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE) refuse('not a readable xlsx workbook (damaged zip directory)');
    const nameLength = view.getUint16(at + 28, true);
    const entry: Entry = {
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) refuse('a ZIP64 archive, which no spreadsheet of CMS data needs; not read');
    entries.push(entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/**
 * Refuses a workbook that would inflate past MAX_UNCOMPRESSED_BYTES, by its declared sizes first and then
 * by inflating it with a running count, so a false declaration stops the inflation rather than memory.
 * @throws CmsFileError naming the file and the entry.
 */
export function checkZipSizes(bytes: Uint8Array, fileName: string, kind: CmsErrorKind): void {
  inflateZip(bytes, fileName, kind, () => false);
}

/**
 * checkZipSizes, keeping the inflated bytes of the entries `keep` names (issue 15: the xlsx reader reads
 * them, with no second inflation and no zip library of its own).
 */
export function inflateZip(bytes: Uint8Array, fileName: string, kind: CmsErrorKind, keep: (name: string) => boolean): Map<string, Uint8Array> {
  const kept = new Map<string, Uint8Array>();
  const refuse = (problem: string): never => {
    throw new CmsFileError(kind, fileName, null, problem);
  };
  const entries = centralDirectory(bytes, refuse);
  const declared = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (declared > MAX_UNCOMPRESSED_BYTES) {
    const largest = entries.reduce((a, b) => (b.size > a.size ? b : a));
    refuse(
      `the workbook would inflate to ${megabytes(declared)} (${largest.name}: ${megabytes(largest.size)}), more than the ${megabytes(MAX_UNCOMPRESSED_BYTES)} any CMS file needs (a zip bomb?); not read`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (const entry of entries) {
    if (entry.method === 0) {
      total += entry.compressedSize;
      if (keep(entry.name)) {
        const local = entry.localOffset;
        if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_SIGNATURE) refuse(`not a readable xlsx workbook (${entry.name}: damaged zip entry)`);
        const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
        kept.set(entry.name, bytes.slice(start, start + entry.compressedSize));
      }
      continue;
    }
    if (entry.method !== 8) refuse(`${entry.name} is compressed with method ${entry.method}, which xlsx workbooks do not use; not read`);
    const local = entry.localOffset;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL_SIGNATURE) refuse(`not a readable xlsx workbook (${entry.name}: damaged zip entry)`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize));
    let inflated = 0;
    const chunks: Uint8Array[] | null = keep(entry.name) ? [] : null;
    const inflater = new Inflate({ raw: true, chunkSize: 64 * 1024 });
    inflater.onData = (chunk): void => {
      inflated += chunk.length;
      chunks?.push(chunk as Uint8Array);
      if (inflated > entry.size) {
        refuse(`${entry.name} inflates to more than the ${entry.size} bytes it declares (a zip bomb?); not read`);
      }
      if (total + inflated > MAX_UNCOMPRESSED_BYTES) {
        refuse(`the workbook inflates to more than the ${megabytes(MAX_UNCOMPRESSED_BYTES)} any CMS file needs (a zip bomb?); not read`);
      }
    };
    inflater.push(data, true);
    if (chunks && inflater.err) refuse(`not a readable xlsx workbook (damaged or truncated file?): ${entry.name}: ${inflater.msg || 'damaged data'}`);
    total += inflated;
    if (chunks) {
      const out = new Uint8Array(inflated);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      kept.set(entry.name, out);
    }
  }
  return kept;
}
