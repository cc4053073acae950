/**
 * Excel's parsing of text written to a cell: the fake stores what Excel would store.
 *
 * Excel reads a string written through `range.values` or `range.formulas` as if it were typed into the cell
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values): "=..." is a
 * formula, "12" a number, "TRUE" a boolean, "#N/A" an error, "Mar 2026" or "3/1" a date (its serial number,
 * https://support.microsoft.com/office/stop-automatically-changing-numbers-to-dates-452bd2db-cc96-47d1-81e4-72cec11c4ed8).
 * Two things keep text as text, as that article says: a leading apostrophe (not part of the value) and the
 * Text number format "@" set on the cell first.
 *
 * Scope: the en-US forms Excel recognises (the add-in's own text is English); numbers with a thousands
 * separator, a percent sign or a currency sign; the dates and times below. Anything else stays text.
 */

export type TypedValue = string | number | boolean;

/** Excel's error values as cell values (https://learn.microsoft.com/javascript/api/excel/excel.errorcelltype). */
export const EXCEL_ERRORS = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#BUSY!', '#CONNECT!', '#UNKNOWN!'] as const;

export function isErrorValue(v: unknown): v is string {
  return typeof v === 'string' && (EXCEL_ERRORS as readonly string[]).includes(v.toUpperCase());
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.indexOf(w) >= 0 ? MONTHS.indexOf(w) : FULL_MONTHS.indexOf(w);
  return i >= 0 ? i + 1 : w === 'sept' ? 9 : null;
}

/** Excel's serial number of a date (1900 date system: 1 = 1900-01-01, with Excel's phantom 1900-02-29). */
export function dateSerial(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const utc = Date.UTC(year, month - 1, day);
  const d = new Date(utc);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  const days = (utc - Date.UTC(1899, 11, 31)) / 86_400_000;
  return days >= 60 ? days + 1 : days;
}

/** A two-digit year as Excel reads it: 00-29 are 2000-2029, 30-99 are 1930-1999. */
const fullYear = (y: string): number => (y.length <= 2 ? (Number(y) < 30 ? 2000 + Number(y) : 1900 + Number(y)) : Number(y));

/** The year a date typed without one falls in (Excel takes the current year; fixed here so tests are stable). */
export const CURRENT_YEAR = 2026;

/** The serial number of a date or time Excel recognises in typed text, or null. */
export function parseDateTime(text: string): number | null {
  const t = text.trim();
  let m: RegExpExecArray | null;
  // Time: 9:30, 9:30 AM, 13:45:10.
  if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(t))) {
    let h = Number(m[1]);
    const ampm = m[4]?.toLowerCase();
    if (ampm === 'pm' && h < 12) h += 12;
    if (ampm === 'am' && h === 12) h = 0;
    if (Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return null;
    return (h * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)) / 86400;
  }
  // 3/1, 3/1/26, 3-1-2026 (month first, en-US).
  if ((m = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2}|\d{4}))?$/.exec(t))) {
    return dateSerial(m[3] === undefined ? CURRENT_YEAR : fullYear(m[3]), Number(m[1]), Number(m[2]));
  }
  // 2026-03-01, 2026/3/1.
  if ((m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(t))) return dateSerial(Number(m[1]), Number(m[2]), Number(m[3]));
  // Mar 2026, March 2026, Mar-26 (the first of the month); 1 Mar 2026, 1-Mar, 1-Mar-26; Mar 1, 2026; Mar 1.
  if ((m = /^([A-Za-z]+\.?)[\s-]+(\d{4}|\d{2})$/.exec(t))) {
    const month = monthOf(m[1] as string);
    if (month !== null) {
      const n = m[2] as string;
      // "Mar 26" is March 26 of this year when 26 can be a day; "Mar 2026" and "Mar-45" are a month.
      if (n.length === 2 && Number(n) >= 1 && Number(n) <= 31 && /\s/.test(t)) return dateSerial(CURRENT_YEAR, month, Number(n));
      return dateSerial(fullYear(n), month, 1);
    }
  }
  if ((m = /^(\d{1,2})[\s-]+([A-Za-z]+\.?)(?:[\s-]+(\d{2}|\d{4}))?$/.exec(t))) {
    const month = monthOf(m[2] as string);
    if (month !== null) return dateSerial(m[3] === undefined ? CURRENT_YEAR : fullYear(m[3]), month, Number(m[1]));
  }
  if ((m = /^([A-Za-z]+\.?)\s+(\d{1,2})(?:,?\s+(\d{4}))?$/.exec(t))) {
    const month = monthOf(m[1] as string);
    if (month !== null) return dateSerial(m[3] === undefined ? CURRENT_YEAR : Number(m[3]), month, Number(m[2]));
  }
  return null;
}

/** A number Excel recognises in typed text: 12, -1.5, 1e3, 1,234.5, 50%, $1,200, (12) for -12. */
export function parseNumber(text: string): number | null {
  let t = text.trim();
  if (t === '') return null;
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  let percent = false;
  if (t.endsWith('%')) {
    percent = true;
    t = t.slice(0, -1).trim();
  }
  const sign = /^[-+]/.exec(t)?.[0];
  if (sign) t = t.slice(1).trim();
  if (t.startsWith('$')) t = t.slice(1).trim();
  if (!/^(\d{1,3}(,\d{3})+|\d+)?(\.\d*)?([eE][-+]?\d+)?$/.test(t) || !/\d/.test(t)) return null;
  let n = Number(t.replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  if (percent) n /= 100;
  if (sign === '-') n = -n;
  return negative ? -n : n;
}

/**
 * What a cell holds after a string is written to it as a constant: text, or what Excel parses it into.
 * `numberFormat` is the cell's format before the write ("@" keeps the text). Formulas ("=...") are the
 * caller's: this is the constant path.
 */
export function typedConstant(value: unknown, numberFormat: string | undefined): TypedValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = String(value);
  if (text.startsWith("'")) return text.slice(1);
  if (numberFormat === '@') return text;
  if (text.trim() === '') return text;
  if (/^(true|false)$/i.test(text.trim())) return text.trim().toUpperCase() === 'TRUE';
  if (isErrorValue(text.trim())) return text.trim().toUpperCase();
  const n = parseNumber(text);
  if (n !== null) return n;
  const d = parseDateTime(text);
  if (d !== null) return d;
  return text;
}
