/**
 * An RFC 4180 CSV reader: fields separated by commas, records by CRLF (LF or a lone CR are accepted too),
 * a field in double quotes may hold commas, line breaks and doubled quotes (`""`). A UTF-8 byte-order mark
 * at the start is skipped. A blank line is a record of one empty field, so that the index of a record plus
 * one is the row a spreadsheet shows for it. A double quote inside an unquoted field is kept as a
 * character (real files contain `12" needle`); text between a closing quote and the next separator, and a
 * quoted field still open at the end of the text, are errors.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;

/** A syntax error of the CSV text; `row` is the 1-based record where it occurs. */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';

  constructor(
    readonly row: number,
    readonly problem: string,
  ) {
    super(`CSV row ${row}: ${problem}`);
  }
}

/**
 * Splits CSV text into records of fields. Runs in one pass over the text; unquoted fields are sliced, not
 * built character by character.
 * @throws CsvSyntaxError for a quoted field never closed, or characters after a closing quote.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === BOM ? 1 : 0;
  if (i >= n) return rows;
  let row: string[] = [];
  for (;;) {
    // At the start of a field. Reaching the end here means the text ended just after a comma.
    if (i >= n) {
      row.push('');
      rows.push(row);
      return rows;
    }
    let sep: number;
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1) {
          throw new CsvSyntaxError(rows.length + 1, 'a quoted field is opened here and never closed');
        }
        if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      row.push(value);
      sep = i < n ? text.charCodeAt(i) : -1;
      if (sep !== COMMA && sep !== CR && sep !== LF && sep !== -1) {
        throw new CsvSyntaxError(rows.length + 1, `unexpected text after the closing quote of field ${row.length}`);
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === CR || c === LF) break;
        j++;
      }
      row.push(text.slice(i, j));
      i = j;
      sep = i < n ? text.charCodeAt(i) : -1;
    }
    if (sep === COMMA) {
      i++;
      continue;
    }
    rows.push(row);
    if (sep === -1) return rows;
    i += sep === CR && i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
    if (i >= n) return rows;
    row = [];
  }
}

/** Whether a record holds nothing but empty or blank fields (a spreadsheet's empty row). */
export function isBlankRow(row: readonly string[]): boolean {
  for (const cell of row) if (cell.trim() !== '') return false;
  return true;
}
