/**
 * Text the add-in writes stays text. Excel reads a string written through `range.values` or
 * `range.formulas` as if it were typed into the cell (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values):
 * "=1+1" becomes a formula, "0012" the number 12, "TRUE" a boolean, "#N/A" an error, "Mar 2026" or "3/1" a
 * date. A leading apostrophe keeps the rest as text and is not part of the cell's value
 * (https://support.microsoft.com/office/stop-automatically-changing-numbers-to-dates-452bd2db-cc96-47d1-81e4-72cec11c4ed8),
 * so text that Excel might read as anything else gets one. The test is deliberately wide: an apostrophe on
 * text Excel would have kept anyway changes nothing a user sees.
 */

const MONTH = '(jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)\\.?';
const MAY_PARSE = [
  /^[=+\-@']/, // a formula, a signed number, an apostrophe of its own
  /^\s*[\d\s.,:/%$()+\-eE]+\s*$/, // numbers, fractions, times, dates of digits ("0012", "1,200", "3/1", "9:30")
  /^\s*(true|false)\s*$/i, // booleans
  /^\s*#[A-Za-z0-9/_]+[!?]?\s*$/, // error values (#N/A, #VALUE!, #DIV/0!, #NAME?, #SPILL!...)
  // Mar 2026, Mar-26, March 1, 2026; 1-Mar, 1 Mar 2026 (a month name with a number: "Mayzent" is a name)
  new RegExp(`^\\s*(${MONTH}([\\s,-]+\\d{1,4}){1,2}|\\d{1,2}[\\s-]+${MONTH}([\\s,-]+\\d{1,4})?)\\s*$`, 'i'),
  /^\s*\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?(\s+\d{1,2}:\d{2}(:\d{2})?\s*(am|pm)?)?\s*$/i, // 2026-03-01, 3.1.26
  /^\s*\d{1,2}:\d{2}(:\d{2})?\s*(am|pm)\s*$/i, // 9:30 AM
];

/** Whether Excel might read this text as something other than text when it is written to a cell. */
export function excelMayParse(text: string): boolean {
  return MAY_PARSE.some((re) => re.test(text));
}

/** A value as `range.values`/`range.formulas` takes it so that text stays text: "'" + text where needed. */
export function keepText(text: string): string {
  return text !== '' && excelMayParse(text) ? `'${text}` : text;
}
