/** Helpers the CMS parsers share: header columns by name, the effective period line, numbers and codes. */

/** A header cell reduced to lower-case letters and digits, so "Co-insurance  Percentage" = "coinsurancepercentage". */
export function headerKey(cell: string): string {
  return cell.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Cell i of a row, trimmed (a no-break space counts as space); '' past the end. */
export function cellAt(row: readonly string[], index: number): string {
  return (row[index] ?? '').trim();
}

/** The index of the last non-empty cell of a row, or -1. */
export function lastFilled(row: readonly string[]): number {
  for (let k = row.length - 1; k >= 0; k--) if ((row[k] ?? '').trim() !== '') return k;
  return -1;
}

/** The first cell of a row matching a pattern, with its match. */
export function findInRow(row: readonly string[], pattern: RegExp): RegExpExecArray | null {
  for (const cell of row) {
    const match = pattern.exec(cell);
    if (match !== null) return match;
  }
  return null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  if (lower.length < 3) return null;
  const index = MONTHS.findIndex((month) => month === lower || (lower.length === 3 && month.startsWith(lower)));
  return index === -1 ? null : index + 1;
}

function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The effective period a CMS quarterly file states, e.g. "Effective January 1, 2026 through March 31, 2026". */
export interface EffectivePeriod {
  /** The phrase as the file states it (surrounding blanks removed): "Effective January 1, 2026 through March 31, 2026". */
  readonly effective: string;
  /** ISO dates. */
  readonly effectiveFrom: string;
  readonly effectiveTo: string;
  /** The calendar quarter the period starts in: "2026Q1". */
  readonly quarter: string;
}

export const EFFECTIVE_PATTERN =
  /Effective\s+([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\s+(?:through|thru|to|-)\s+([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})/i;

/** Parses an effective line; a string describing the problem when it names an impossible date or runs backwards. */
export function parseEffective(match: RegExpExecArray): EffectivePeriod | string {
  const [phrase, m1 = '', d1 = '', y1 = '', m2 = '', d2 = '', y2 = ''] = match;
  const fromMonth = monthNumber(m1);
  const toMonth = monthNumber(m2);
  const from = fromMonth === null ? null : isoDay(Number(y1), fromMonth, Number(d1));
  const to = toMonth === null ? null : isoDay(Number(y2), toMonth, Number(d2));
  if (from === null || to === null) return `effective line "${phrase}" names a date that does not exist`;
  if (to < from) return `effective line "${phrase}" ends before it starts`;
  const quarter = `${from.slice(0, 4)}Q${Math.ceil(Number(from.slice(5, 7)) / 3)}`;
  return { effective: phrase.replace(/\s+/g, ' ').trim(), effectiveFrom: from, effectiveTo: to, quarter };
}

/** A HCPCS / CPT code: five letters or digits (J1745, 90371, Q5121, 0591T). */
export const HCPCS_PATTERN = /^[A-Z0-9]{5}$/;

/** A non-negative decimal as CMS writes it ("32.423", "0.5", ".25"); thousands separators allowed. */
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+|\d{1,3}(?:,\d{3})+(?:\.\d*)?)$/;

export type DecimalCheck = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly negative: boolean };

/** Checks a decimal cell; the value keeps the file's digits (only a leading "$" and thousands commas go). */
export function checkDecimal(text: string): DecimalCheck {
  const bare = text.trim().replace(/^\$/, '');
  if (DECIMAL.test(bare)) return { ok: true, value: bare.replace(/,/g, '') };
  const negative = /^(?:-\s*\$?|\(\s*\$?)(?:\d|\.\d)/.test(text.trim());
  return { ok: false, negative };
}

/**
 * Characters no CMS text field holds: controls (a newline only where a field may span lines), invisible
 * format characters (bidirectional overrides, zero-width joiners) and line or paragraph separators. CMS's
 * files hold printable ASCII and the no-break space (0xA0) in their text fields; a cell with anything
 * above was edited, damaged, or crafted.
 */
const NOT_CMS_TEXT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * Checks a text field against what CMS publishes there: at most `maxLength` characters (each field's bound
 * is well above the longest in the files in data/) and no control or format character (a newline only where
 * `multiLine`). Returns the problem, or null when the text is fine.
 */
export function textProblem(text: string, what: string, maxLength: number, multiLine = false): string | null {
  if (text.length > maxLength) return `${what} is ${text.length} characters long, more than the ${maxLength} a CMS file has there`;
  const bad = NOT_CMS_TEXT.exec(multiLine ? text.replace(/\n/g, ' ') : text);
  if (bad !== null) {
    const code = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return `${what} holds the character U+${code}, which no CMS file has there`;
  }
  return null;
}

/** Whether a CMS cell means "no value": blank or N/A. */
export function isNotAvailable(text: string): boolean {
  const t = text.trim().toUpperCase();
  return t === '' || t === 'N/A' || t === 'NA';
}
