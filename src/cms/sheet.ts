/**
 * The sheet every CMS reader produces (input.ts for CSV, xlsx.ts for a workbook): its own module, so that the
 * xlsx reader, loaded only when a workbook is given, does not import input.ts back.
 */
/** One table: a CSV file, or one worksheet of a workbook. `rows[i]` is the row a spreadsheet numbers i + 1. */
export interface Sheet {
  /** The worksheet's name; empty for a CSV file. */
  readonly name: string;
  readonly rows: readonly (readonly string[])[];
  /**
   * True for CSV: every line keeps its trailing empty fields, so a row shorter than the header means the
   * line was cut off. A worksheet drops trailing empty cells, so width says nothing there.
   */
  readonly fromCsv: boolean;
}
