/**
 * A CMS payment limit file as CMS's xlsx looks, made from the CSV's text: the CSV's rows in the same places,
 * numbers in the Payment Limit and Co-insurance columns (from the tenth row) stored as numbers with a 0.000
 * format, text elsewhere, no trailing empty cells. For the tests and the benchmark of the xlsx reader.
 */
import { Workbook } from 'exceljs';
import { parseCsv } from '../../src/cms/csv';

export async function paymentLimitXlsx(text: string, options: { readonly extraSheetFirst?: boolean } = {}): Promise<Uint8Array> {
  const workbook = new Workbook();
  if (options.extraSheetFirst) workbook.addWorksheet('Read me').getCell('A1').value = 'Notes on this file';
  const sheet = workbook.addWorksheet('Payment Limits');
  parseCsv(text).forEach((cells, r) => {
    cells.forEach((cell, c) => {
      if (cell === '') return;
      const target = sheet.getCell(r + 1, c + 1);
      if (r >= 9 && (c === 3 || c === 4) && /^\d+\.\d{3}$/.test(cell)) {
        target.value = Number(cell);
        target.numFmt = '0.000';
      } else {
        target.value = cell;
      }
    });
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
