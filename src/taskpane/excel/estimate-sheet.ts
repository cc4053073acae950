/**
 * The one-page patient estimate (DOMAIN.md 5.7) as a sheet of the open workbook: always a new sheet ("Patient
 * estimate", or "Patient estimate (2)" when that name is taken), so that no sheet of the user's, nor an
 * earlier estimate, is ever changed. Values only (an estimate is a printout, not a model), set to print on one
 * portrait page. Two round trips: read the sheet names, then write.
 */
import { ESTIMATE_SHEET_NAME, type SheetRow } from '../model/patient-estimate';

const WIDTH = 4;
const FORMATS: Readonly<Record<NonNullable<SheetRow['format']>, string>> = { money: '$#,##0.00', number: 'General', text: '@' };

/** Text that Excel would read as a formula, number or date keeps a leading apostrophe, so it stays text. */
function asText(v: string): string {
  return /^[=+\-@']/.test(v) || /^[\d\s.,:/%$()-]+$/.test(v) ? `'${v}` : v;
}

/** A name for a new sheet that no sheet has (names compare without case, as Excel's do). */
export function freeSheetName(taken: readonly string[], base = ESTIMATE_SHEET_NAME): string {
  const names = new Set(taken.map((n) => n.toLowerCase()));
  let name = base;
  for (let i = 2; names.has(name.toLowerCase()); i++) name = `${base} (${i})`;
  return name;
}

/** Writes the estimate into a new sheet and shows it; returns the sheet's name. */
export async function writeEstimateSheet(rows: readonly SheetRow[]): Promise<string> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const name = freeSheetName(sheets.items.map((s) => s.name));
    const sheet = sheets.add(name);
    const values: (string | number)[][] = [];
    const formats: string[][] = [];
    for (const r of rows) {
      const value = r.value === undefined ? '' : typeof r.value === 'string' ? asText(r.value) : r.value;
      const more = (r.more ?? []).map((m) => (typeof m === 'string' ? asText(m) : m));
      const row = [asText(r.label), value, ...more];
      while (row.length < WIDTH) row.push('');
      values.push(row);
      const f = r.format === undefined ? '@' : FORMATS[r.format];
      formats.push(['@', f, ...Array.from({ length: WIDTH - 2 }, (_, i) => (typeof more[i] === 'number' ? FORMATS.money : '@'))]);
    }
    const all = sheet.getRangeByIndexes(0, 0, rows.length, WIDTH);
    all.numberFormat = formats;
    all.values = values;
    rows.forEach((r, i) => {
      if (r.heading) sheet.getRangeByIndexes(i, 0, 1, WIDTH).format.font.bold = true;
    });
    sheet.getRangeByIndexes(0, 0, 1, 1).format.font.size = 14;
    sheet.getRange('A:A').format.columnWidth = 250;
    sheet.getRange('B:D').format.columnWidth = 95;
    sheet.getRange('B:D').format.horizontalAlignment = 'Right';
    sheet.pageLayout.orientation = Excel.PageOrientation.portrait;
    sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 1 };
    sheet.pageLayout.setPrintArea(all);
    sheet.activate();
    await context.sync();
    return name;
  });
}
