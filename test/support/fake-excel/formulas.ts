/**
 * Formulas as Excel writes them back. Excel keeps a formula parsed, not as typed, and `range.formulas`
 * (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-formulas-member) and a
 * name's `formula` give Excel's own spelling of it:
 *
 * - function names and A1 references in upper case (`=sum(a1)` reads back `=SUM(A1)`); text in quotes as is;
 * - a sheet name in quotes only when it needs them: "If the name of the worksheet contains spaces or
 *   non-alphabetical characters, you must enclose it in single quotation marks"
 *   (https://support.microsoft.com/office/create-or-change-a-cell-reference-c7b8b95d-c594-4488-947e-c835903cebaa),
 *   so `='Inputs'!B4` reads back `=Inputs!B4` and `='Inputs (2)'!B4` keeps its quotes;
 * - TRUE and FALSE in upper case.
 *
 * Spaces are kept (Excel keeps the spaces typed between tokens).
 */

/** A sheet name that Excel writes without quotes in a reference. */
export function bareSheetName(name: string): boolean {
  // Letters, digits, underscore and period, not starting with a digit, and not readable as a cell
  // reference (A1, XFD10) or an R1C1 reference.
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name);
}

/** One stretch of a formula outside string literals and quoted sheet names, in Excel's spelling. */
function outsideQuotes(part: string): string {
  return part.replace(/\$?\b[A-Za-z_][A-Za-z0-9_.]*\b(?=\s*\()|\$?\b[A-Za-z]{1,3}\$?\d+\b|\b(?:true|false)\b/gi, (m) => m.toUpperCase());
}

/** The index of the quote closing the one at `i` (a doubled quote inside is part of the text). */
function closing(formula: string, i: number): number {
  const q = formula[i];
  let j = i + 1;
  while (j < formula.length) {
    if (formula[j] === q && formula[j + 1] === q) j += 2;
    else if (formula[j] === q) break;
    else j++;
  }
  return j;
}

/** The formula as Excel gives it back. */
export function asExcelWritesIt(formula: string): string {
  if (!formula.startsWith('=')) return formula;
  let out = '';
  let plain = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i] as string;
    if (ch !== '"' && ch !== "'") {
      plain += ch;
      i++;
      continue;
    }
    out += outsideQuotes(plain);
    plain = '';
    const j = closing(formula, i);
    const quoted = formula.slice(i, j + 1);
    // A string literal stays as written; a quoted sheet name loses quotes it does not need.
    const name = formula.slice(i + 1, j).replace(/''/g, "'");
    out += ch === "'" && formula[j + 1] === '!' && bareSheetName(name) ? name : quoted;
    i = j + 1;
  }
  return out + outsideQuotes(plain);
}
