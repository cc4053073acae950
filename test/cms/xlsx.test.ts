/**
 * The xlsx reader of src/cms/xlsx.ts (issue 15: our own, in place of exceljs in the task pane) against exceljs
 * reading the same workbook, cell by cell as the reader before it did (its text rules restated below), on a
 * workbook exceljs writes with every kind of cell a CMS file can hold; and the texts worked out by hand.
 */
import { type CellValue, Workbook } from 'exceljs';
import { readXlsxSheets } from '../../src/cms/xlsx';

/** The exceljs-based reader the product used before issue 15: a cell's text as a CSV export would hold it. */
function plainNumber(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, '') : text;
}
function formatDecimals(numFmt: string | undefined): number | null {
  if (numFmt === undefined || numFmt === '' || /general/i.test(numFmt)) return null;
  const match = /\.([0#]+)/.exec(numFmt.split(';')[0] ?? '');
  return match === null ? 0 : (match[1] ?? '').replace(/#/g, '').length;
}
function valueText(value: CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    const decimals = formatDecimals(numFmt);
    return decimals === null || !Number.isFinite(value) || decimals > 15 ? plainNumber(value) : value.toFixed(decimals);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return value.error;
  const result = value.result;
  if (result === undefined) return '';
  if (typeof result === 'object' && !(result instanceof Date)) return result.error;
  return valueText(result, numFmt);
}
async function exceljsSheets(bytes: Uint8Array): Promise<{ name: string; rows: string[][] }[]> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: { name: string; rows: string[][] }[] = [];
  workbook.eachSheet((worksheet) => {
    const rows: string[][] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = valueText(cell.value, cell.numFmt);
      });
      for (let k = 0; k < cells.length; k++) cells[k] ??= '';
      rows[rowNumber - 1] = cells;
    });
    for (let k = 0; k < rows.length; k++) rows[k] ??= [''];
    out.push({ name: worksheet.name, rows });
  });
  return out;
}

async function variedWorkbook(): Promise<Uint8Array> {
  const wb = new Workbook();
  wb.addWorksheet('Read me').getCell('A1').value = 'Notes & caveats <draft> "quoted" \u00e9';
  const ws = wb.addWorksheet('Payment Limits');
  ws.getCell('A1').value = 'HCPCS Code';
  ws.getCell('B1').value = 'Payment Limit';
  ws.getCell('C1').value = 'Note';
  ws.getCell('A3').value = 'J1745';
  ws.getCell('B3').value = 32.423;
  ws.getCell('B3').numFmt = '0.000';
  ws.getCell('C3').value = { richText: [{ text: 'rich ' }, { font: { bold: true }, text: 'text' }] };
  ws.getCell('D3').value = 20;
  ws.getCell('D3').numFmt = '0.000';
  ws.getCell('E3').value = 1234.5;
  ws.getCell('E3').numFmt = '#,##0.00';
  ws.getCell('F3').value = 0.175;
  ws.getCell('F3').numFmt = '0.0%';
  ws.getCell('G3').value = 1e-7;
  ws.getCell('H3').value = true;
  ws.getCell('I3').value = { error: '#N/A' };
  ws.getCell('J3').value = { formula: 'B3*2', result: 64.846 };
  ws.getCell('J3').numFmt = '0.00';
  ws.getCell('K3').value = { formula: 'A3&"x"', result: 'J1745x' };
  ws.getCell('L3').value = new Date(Date.UTC(2026, 0, 15));
  ws.getCell('M3').value = { text: 'CMS', hyperlink: 'https://www.cms.gov/' };
  ws.getCell('N3').value = { formula: 'NA()', result: { error: '#N/A' } };
  ws.getCell('A5').value = 'Q5121';
  ws.getCell('C5').value = '  spaced  ';
  ws.getCell('B6').numFmt = '0.000'; // a styled cell with no value: the row has no value
  ws.getCell('A7').value = 42;
  ws.getCell('A7').numFmt = '@';
  ws.getCell('B7').value = -0.5;
  ws.getCell('B7').numFmt = '0';
  ws.getCell('C7').value = 'J1745';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('the xlsx reader', () => {
  it('reads each cell as the exceljs reader before it did', async () => {
    const bytes = await variedWorkbook();
    const ours = (await readXlsxSheets(bytes, 'x.xlsx', 'payment-limit')).map((s) => ({ name: s.name, rows: s.rows }));
    expect(ours).toEqual(await exceljsSheets(bytes));
  });

  it('gives the text a CSV export of the sheet holds, worked out by hand', async () => {
    const [readMe, limits] = await readXlsxSheets(await variedWorkbook(), 'x.xlsx', 'payment-limit');
    expect(readMe?.rows).toEqual([['Notes & caveats <draft> "quoted" \u00e9']]);
    const row3 = limits?.rows[2];
    // 32.423 with a 0.000 format; 20 with 0.000 shows 20.000; 1234.5 with #,##0.00 shows 1234.50 (the reader
    // keeps the decimals, not the thousands separator); 0.175 with 0.0% keeps one decimal: 0.2 (toFixed(1)
    // of 0.175, not the percent); 1e-7 in General is 0.0000001; TRUE; #N/A; a formula's cached result 64.846
    // with 0.00 shows 64.85; a text formula's result; 15 Jan 2026; a hyperlink's text; an error result.
    expect(row3).toEqual(['J1745', '32.423', 'rich text', '20.000', '1234.50', '0.2', '0.0000001', 'TRUE', '#N/A', '64.85', 'J1745x', '2026-01-15', 'CMS', '#N/A']);
    expect(limits?.rows[4]).toEqual(['Q5121', '', '  spaced  ']);
    // Row 6 holds only a formatted empty cell: a row without a value, as a blank row.
    expect(limits?.rows[5]).toEqual(['']);
    // 42 in a text (@) format: no decimals ("@" has none); -0.5 in a 0 format: (-0.5).toFixed(0) is "-1"
    // (half away from zero), as Excel shows it.
    expect(limits?.rows[6]).toEqual(['42', '-1', 'J1745']);
  });
});
