/**
 * Reading an xlsx workbook into sheets of string cells, in browsers and in node alike. Cells become the text a
 * CSV export of the same sheet would hold: numbers with the decimals their number format shows ("20.000" for
 * a 0.000 format), so that an xlsx and the CSV of one CMS file parse alike.
 *
 * Issue 15: read with a small reader of our own instead of exceljs (249 KB gzipped in the task pane for this
 * one use): the parts of the package (ECMA-376 Part 1: workbook.xml and its relationships, sharedStrings.xml,
 * styles.xml, the worksheets) inflated by zip-limits.ts with pako, their XML scanned for the few elements a
 * cell's text needs. It gives what the exceljs reader gave: the same text per cell (its built-in number
 * formats, its date rule: a number whose format has date characters is a date, exceljs utils isDateFmt and
 * excelToDate), rows with no value left out, a formula's cached result. test/cms/xlsx.test.ts reads workbooks
 * exceljs writes and compares.
 */
import { CmsFileError, type CmsErrorKind } from './errors';
import type { Sheet } from './sheet';
import { inflateZip } from './zip-limits';
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

/** exceljs's built-in number formats (lib/xlsx/defaultnumformats.js), the ids a CMS file can use. */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** exceljs utils.isDateFmt: date characters outside quotes and brackets. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** exceljs utils.excelToDate. */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its entity and character references resolved. */
function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return ENTITIES[ref] ?? whole;
  });
}

/** The attributes of a start tag's text (`a="1" r:id="x"`), by local name. */
function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = m[1] as string;
    const value = unescapeXml(m[2] ?? m[3] ?? '');
    out.set(name, value);
    const colon = name.indexOf(':');
    if (colon >= 0 && !out.has(name.slice(colon + 1))) out.set(name.slice(colon + 1), value);
  }
  return out;
}

/** The text of a string item (<si> or <is>): its <t> runs joined, phonetic runs (<rPh>) left out. */
function runsText(xml: string): string {
  let text = '';
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/t>)/g)) text += unescapeXml(m[1] ?? '');
  return text;
}

/** Column number (1-based) of a cell reference ("AB12" -> 28). */
function columnOf(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n;
}

interface Styles {
  /** The number format of each cell style (the `s` attribute's index into cellXfs). */
  readonly formats: readonly (string | undefined)[];
}

function readStyles(xml: string | undefined): Styles {
  if (xml === undefined) return { formats: [] };
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)>/g)) {
    const a = attributes(m[1] as string);
    custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  const formats = [...cellXfs.matchAll(/<xf\b([^>]*)>/g)].map((m) => {
    const id = Number(attributes(m[1] as string).get('numFmtId') ?? 0);
    return custom.get(id) ?? BUILTIN_FORMATS[id];
  });
  return { formats };
}

/** One cell's text, as the exceljs reader gave it. */
function cellText(type: string | undefined, inner: string, format: string | undefined, strings: readonly string[], date1904: boolean): { text: string; hasValue: boolean } {
  const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  switch (type) {
    case 's':
      return v === undefined ? { text: '', hasValue: false } : { text: strings[Number(v)] ?? '', hasValue: true };
    case 'inlineStr': {
      const is = /<is>([\s\S]*?)<\/is>/.exec(inner)?.[1];
      return is === undefined ? { text: '', hasValue: false } : { text: runsText(is), hasValue: true };
    }
    case 'str':
    case 'e':
      return { text: v === undefined ? '' : unescapeXml(v), hasValue: v !== undefined || inner.includes('<f') };
    case 'b':
      return v === undefined ? { text: '', hasValue: inner.includes('<f') } : { text: v.trim() === '1' ? 'TRUE' : 'FALSE', hasValue: true };
    case 'd':
      return v === undefined ? { text: '', hasValue: inner.includes('<f') } : { text: isoDate(new Date(v)), hasValue: true };
    default: {
      // A formula without a cached result has a value (the formula) and no text.
      if (v === undefined) return { text: '', hasValue: inner.includes('<f') };
      const n = Number(v);
      return { text: isDateFormat(format) ? isoDate(excelDate(n, date1904)) : numberText(n, format), hasValue: true };
    }
  }
}

/** A worksheet's rows of cell text, rows numbered as Excel numbers them; rows without a value left out. */
function readWorksheet(xml: string, styles: Styles, strings: readonly string[], date1904: boolean): string[][] {
  const rows: string[][] = [];
  const data = /<sheetData\b[^>]*>([\s\S]*?)<\/sheetData>/.exec(xml)?.[1] ?? '';
  let rowNumber = 0;
  for (const rm of data.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = attributes(rm[1] as string).get('r');
    rowNumber = r === undefined ? rowNumber + 1 : Number(r);
    const cells: string[] = [];
    let column = 0;
    let hasValue = false;
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const a = attributes(cm[1] as string);
      const ref = a.get('r');
      column = ref === undefined ? column + 1 : columnOf(ref);
      const style = a.get('s');
      const cell = cellText(a.get('t'), cm[2] ?? '', styles.formats[style === undefined ? 0 : Number(style)], strings, date1904);
      cells[column - 1] = cell.text;
      hasValue ||= cell.hasValue;
    }
    if (!hasValue) continue;
    for (let k = 0; k < cells.length; k++) cells[k] ??= '';
    rows[rowNumber - 1] = cells;
  }
  for (let k = 0; k < rows.length; k++) rows[k] ??= [''];
  return rows;
}

/** A part's path inside the package from a relationship target relative to xl/. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, '/');
}

/**
 * Loads a workbook and returns one sheet per worksheet, rows numbered as Excel numbers them.
 * @throws CmsFileError when the bytes are not a readable workbook (a damaged or cut-off zip), or would
 *   inflate past MAX_UNCOMPRESSED_BYTES.
 */
export async function readXlsxSheets(bytes: Uint8Array, fileName: string, kind: CmsErrorKind): Promise<Sheet[]> {
  // The size checks of zip-limits.ts run on every entry as it inflates (a zip bomb stops there).
  const parts = inflateZip(bytes, fileName, kind, (name) => name.startsWith('xl/') && (name.endsWith('.xml') || name.endsWith('.rels')));
  const decoder = new TextDecoder();
  const text = (name: string): string | undefined => {
    const part = parts.get(name);
    return part === undefined ? undefined : decoder.decode(part);
  };
  const workbook = text('xl/workbook.xml');
  if (workbook === undefined) throw new CmsFileError(kind, fileName, null, 'not a readable xlsx workbook (damaged or truncated file?): no xl/workbook.xml');
  const targets = new Map<string, string>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b([^>]*)>/g)) {
    const a = attributes(m[1] as string);
    targets.set(a.get('Id') ?? '', a.get('Target') ?? '');
  }
  const date1904 = /<workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbook);
  const strings = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => runsText(m[1] ?? ''));
  const styles = readStyles(text('xl/styles.xml'));
  const sheets: Sheet[] = [];
  for (const m of workbook.matchAll(/<sheet\b([^>]*)>/g)) {
    const a = attributes(m[1] as string);
    const target = targets.get(a.get('id') ?? '');
    const xml = target === undefined ? undefined : text(partPath(target));
    if (xml === undefined) continue; // a chart sheet or a missing part: no cells
    sheets.push({ name: a.get('name') ?? '', rows: readWorksheet(xml, styles, strings, date1904), fromCsv: false });
  }
  if (sheets.length === 0) throw new CmsFileError(kind, fileName, null, 'the workbook has no worksheets');
  return sheets;
}
