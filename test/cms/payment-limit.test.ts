import { paymentLimitXlsx } from '../support/cms-xlsx';
import { CmsFileError } from '../../src/cms/errors';
import { parsePaymentLimitCsv, parsePaymentLimitFile } from '../../src/cms/payment-limit';
import type { PaymentLimitQuarter } from '../../src/engine/reference';
import {
  ASP_FILES,
  CROSSWALK_FILE,
  RVU_2026,
  asyncMessageOf,
  cmsBytes,
  cmsText,
  latin1Bytes,
  messageOf,
} from './files';

const JAN_2026 = ASP_FILES['2026Q1'];
const NAME = 'x.csv';

/**
 * Data rows counted without the parser: lines of the raw text that start with a five-character code and a
 * comma. (The one multi-line record, A9606, continues on a line starting "microCurie", which does not
 * match.) Cross-checked with `grep -cE '^[A-Z0-9]{5},'` on each file.
 */
function countDataLines(text: string): number {
  return (text.match(/^[A-Z0-9]{5},/gm) ?? []).length;
}

function row(quarter: PaymentLimitQuarter, code: string): PaymentLimitQuarter['rows'][number] {
  const found = quarter.rows.find((r) => r.hcpcs === code);
  if (found === undefined) throw new Error(`${code} not in ${quarter.quarter}`);
  return found;
}

describe('parsePaymentLimitCsv on the real CMS files', () => {
  /** Quarter, effective period (row 3 of each file) and data rows, read off the files by hand. */
  const expected = [
    ['2024Q1', 'Effective January 1, 2024 through March 31, 2024', '2024-01-01', '2024-03-31', 823],
    ['2024Q2', 'Effective April 1, 2024 through June 30, 2024', '2024-04-01', '2024-06-30', 819],
    ['2024Q4', 'Effective October 1, 2024 through December 31, 2024', '2024-10-01', '2024-12-31', 865],
    ['2025Q1', 'Effective January 1, 2025 through March 31, 2025', '2025-01-01', '2025-03-31', 877],
    ['2025Q4', 'Effective October 1, 2025 through December 31, 2025', '2025-10-01', '2025-12-31', 1012],
    ['2026Q1', 'Effective January 1, 2026 through March 31, 2026', '2026-01-01', '2026-03-31', 877],
  ] as const;

  it.each(expected)('reads %s as "%s" (%s to %s) with %i rows', (quarter, effective, from, to, rows) => {
    const file = ASP_FILES[quarter];
    const parsed = parsePaymentLimitCsv(cmsBytes(file), file);
    expect(parsed.quarter).toBe(quarter);
    expect(parsed.effective).toBe(effective);
    expect(parsed.effectiveFrom).toBe(from);
    expect(parsed.effectiveTo).toBe(to);
    expect(parsed.source).toBe(file);
    expect(parsed.rows).toHaveLength(rows);
    expect(countDataLines(cmsText(file))).toBe(rows);
  });

  it('takes the quarter from the effective line inside the file, not from the file name', () => {
    const parsed = parsePaymentLimitCsv(cmsBytes(JAN_2026), 'misleading name April 2027.csv');
    expect(parsed.quarter).toBe('2026Q1');
  });

  it('reads J1745 (infliximab, 10 MG) at 32.423 per unit in January 2026', () => {
    const parsed = parsePaymentLimitCsv(cmsBytes(JAN_2026), JAN_2026);
    expect(row(parsed, 'J1745')).toEqual({
      hcpcs: 'J1745',
      description: 'Infliximab not biosimil 10mg',
      dosage: '10 MG',
      paymentLimit: '32.423',
      coinsurancePercent: '20.000',
      notes: '',
    });
  });

  it('keeps the inflation-adjusted coinsurance of J0897 (17.585) with its note', () => {
    const j0897 = row(parsePaymentLimitCsv(cmsBytes(JAN_2026), JAN_2026), 'J0897');
    expect(j0897.paymentLimit).toBe('29.457');
    expect(j0897.coinsurancePercent).toBe('17.585');
    expect(j0897.notes).toBe('Inflation-adjusted coinsurance');
  });

  it('keeps the biosimilar note of Q5121 (Avsola)', () => {
    const q5121 = row(parsePaymentLimitCsv(cmsBytes(JAN_2026), JAN_2026), 'Q5121');
    expect(q5121.paymentLimit).toBe('23.811');
    expect(q5121.notes).toBe('8% of reference add-on applied');
  });

  it('reads N/A as no payment limit and keeps a two-line quoted note (A9606)', () => {
    const a9606 = row(parsePaymentLimitCsv(cmsBytes(JAN_2026), JAN_2026), 'A9606');
    expect(a9606.paymentLimit).toBeNull();
    expect(a9606.dosage).toBe('1 microCurie');
    expect(a9606.notes).toBe('microCurie 100% AWP = $202.82\nmicroCurie 100% WAC = $169.02');
  });

  it('decodes the Windows-1252 no-break space of J9325 ("1 million PFU")', () => {
    const j9325 = row(parsePaymentLimitCsv(cmsBytes(JAN_2026), JAN_2026), 'J9325');
    expect(j9325.dosage).toBe('1 million\u00a0PFU');
    expect(j9325.coinsurancePercent).toBe('18.879');
  });

  it('reads the same rows from text as from bytes, and with a UTF-8 byte-order mark', () => {
    const fromBytes = parsePaymentLimitCsv(cmsBytes(JAN_2026), JAN_2026);
    expect(parsePaymentLimitCsv(cmsText(JAN_2026), JAN_2026)).toEqual(fromBytes);
    const utf8 = new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cmsText(JAN_2026), 'utf8')]));
    expect(parsePaymentLimitCsv(utf8, JAN_2026)).toEqual(fromBytes);
  });

  it('reads LF line endings like CRLF', () => {
    const lf = cmsText(JAN_2026).replace(/\r\n/g, '\n');
    expect(parsePaymentLimitCsv(lf, JAN_2026)).toEqual(parsePaymentLimitCsv(cmsText(JAN_2026), JAN_2026));
  });

  it('reads a blank payment limit as no payment limit, like N/A', () => {
    const text = cmsText(JAN_2026).replace('J1745,Infliximab not biosimil 10mg,10 MG,32.423,', 'J1745,Infliximab not biosimil 10mg,10 MG,,');
    expect(row(parsePaymentLimitCsv(text, NAME), 'J1745').paymentLimit).toBeNull();
  });

  it('accepts a duplicate row that repeats the same price, keeping one', () => {
    const text = cmsText(JAN_2026);
    const j1745 = /^J1745,.*\r\n/m.exec(text)?.[0] ?? '';
    const parsed = parsePaymentLimitCsv(text + j1745, NAME);
    expect(parsed.rows).toHaveLength(877);
  });
});

describe('parsePaymentLimitFile with xlsx', () => {
  const xlsxFromCsv = (text: string, extraSheetFirst = false): Promise<Uint8Array> => paymentLimitXlsx(text, { extraSheetFirst });

  it('parses an xlsx made from the January 2026 CSV to the same quarter and rows', async () => {
    const csv = parsePaymentLimitCsv(cmsBytes(JAN_2026), JAN_2026);
    const xlsx = await parsePaymentLimitFile(await xlsxFromCsv(cmsText(JAN_2026)), JAN_2026);
    expect(xlsx).toEqual(csv);
    expect(row(xlsx, 'J0897').coinsurancePercent).toBe('17.585');
  });

  it('finds the data on a worksheet that is not the first', async () => {
    const bytes = await xlsxFromCsv(cmsText(ASP_FILES['2024Q2']), true);
    // As an ArrayBuffer, the way a browser's File.arrayBuffer() hands it over.
    const arrayBuffer = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(arrayBuffer).set(bytes);
    const parsed = await parsePaymentLimitFile(arrayBuffer, 'x.xlsx');
    expect(parsed.quarter).toBe('2024Q2');
    expect(parsed.rows).toHaveLength(819);
  });

  it('also reads CSV through the async entry point', async () => {
    const parsed = await parsePaymentLimitFile(cmsBytes(ASP_FILES['2025Q4']), 'oct.csv');
    expect(parsed.rows).toHaveLength(1012);
  });

  it('tells the synchronous CSV entry point\'s caller that a workbook needs the async one', async () => {
    const bytes = await xlsxFromCsv(cmsText(ASP_FILES['2024Q1']));
    expect(messageOf(() => parsePaymentLimitCsv(bytes, 'x.xlsx'))).toBe(
      'payment limit file "x.xlsx": this is a zip archive (an xlsx workbook?), not CSV text; read it with the async parser',
    );
  });

  it('refuses a cut-off xlsx as an unreadable workbook', async () => {
    const bytes = await xlsxFromCsv(cmsText(JAN_2026));
    const message = await asyncMessageOf(() => parsePaymentLimitFile(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cut.xlsx'));
    expect(message).toMatch(/^payment limit file "cut\.xlsx": not a readable xlsx workbook/);
  });

  it('names the worksheet row of a bad value, as Excel numbers it', async () => {
    const text = cmsText(JAN_2026).replace('J1745,Infliximab not biosimil 10mg,10 MG,32.423', 'J1745,Infliximab not biosimil 10mg,10 MG,-3.2');
    const message = await asyncMessageOf(async () => parsePaymentLimitFile(await xlsxFromCsv(text), 'x.xlsx'));
    expect(message).toBe('payment limit file "x.xlsx", row 323: payment limit "-3.2" for J1745 is negative');
  });
});

describe('parsePaymentLimitCsv refuses broken files with the file, the row and the problem', () => {
  const text = cmsText(JAN_2026);
  // Rows as a spreadsheet shows them, read off the January 2026 file with Python's csv module (record
  // number): J1745 is row 323 (line 324 of the text, since A9606 on row 52 spans two lines), Q9998 row 885.
  const J1745_ROW = 323;

  it('refuses an empty file', () => {
    expect(messageOf(() => parsePaymentLimitCsv('', NAME))).toBe('payment limit file "x.csv", row 1: the file is empty');
    expect(messageOf(() => parsePaymentLimitCsv(new Uint8Array(0), NAME))).toBe('payment limit file "x.csv", row 1: the file is empty');
    expect(messageOf(() => parsePaymentLimitCsv(' \r\n', NAME))).toBe('payment limit file "x.csv", row 1: the file is empty');
  });

  it('refuses a file of blank rows only', () => {
    expect(messageOf(() => parsePaymentLimitCsv(',,,\r\n,,,\r\n', NAME))).toBe(
      'payment limit file "x.csv", row 1: the file is empty (only blank rows)',
    );
  });

  it('refuses a file without the header row, saying which columns it looked for', () => {
    const message = messageOf(() => parsePaymentLimitCsv(text.replace(/^HCPCS Code,.*\r\n/m, ''), NAME));
    expect(message).toBe(
      'payment limit file "x.csv", rows 1-885: no header row: no row has the columns "HCPCS Code", "Short Description", "HCPCS Code Dosage", "Payment Limit", "Co-insurance Percentage", "Notes"',
    );
  });

  it('refuses a header without "Payment Limit", naming the missing column and the row', () => {
    const message = messageOf(() => parsePaymentLimitCsv(text.replace('HCPCS Code Dosage,Payment Limit,', 'HCPCS Code Dosage,Payment Amount,'), NAME));
    expect(message).toMatch(/^payment limit file "x\.csv", row 9: the header lacks the column "Payment Limit" \(it has "HCPCS Code", /);
  });

  it('lists every missing column', () => {
    const message = messageOf(() => parsePaymentLimitCsv(text.replace('Co-insurance Percentage', 'Coins').replace(',Notes,', ',Remarks,'), NAME));
    expect(message).toMatch(/^payment limit file "x\.csv", row 9: the header lacks the columns "Co-insurance Percentage", "Notes"/);
  });

  it('says so when given the NDC-HCPCS crosswalk instead', () => {
    expect(messageOf(() => parsePaymentLimitCsv(cmsBytes(CROSSWALK_FILE), 'crosswalk.csv'))).toBe(
      'payment limit file "crosswalk.csv", row 9: this is an ASP NDC-HCPCS crosswalk (a header with "_2026_CODE" and "BILLUNITS"), not a payment limit file',
    );
  });

  it('says so when given a PFS relative value file instead', () => {
    expect(messageOf(() => parsePaymentLimitCsv(cmsBytes(RVU_2026), 'rvu.csv'))).toBe(
      'payment limit file "rvu.csv", row 1: this is a PFS relative value file (the title "2026 National Physician Fee Schedule Relative Value File July Release"), not a payment limit file',
    );
  });

  it('refuses a file cut off inside a quoted field (A9606\'s two-line note, row 52)', () => {
    const cut = text.slice(0, text.indexOf('microCurie 100% WAC'));
    expect(messageOf(() => parsePaymentLimitCsv(cut, NAME))).toBe(
      'payment limit file "x.csv", row 52: a quoted field is opened here and never closed (the file is cut off: truncated download?)',
    );
  });

  it('refuses a file cut off inside a quoted description (Q9998, row 885)', () => {
    const cut = text.slice(0, text.indexOf('"Inj ustekinumab-aekn') + 10);
    expect(messageOf(() => parsePaymentLimitCsv(cut, NAME))).toMatch(/^payment limit file "x\.csv", row 885: a quoted field is opened here and never closed/);
  });

  it('refuses a row cut off before "Notes"', () => {
    const cut = text.slice(0, text.indexOf('J1745,Infliximab not biosimil 10mg,10 MG,32') + 'J1745,Infliximab not biosimil 10mg,10 MG,32'.length);
    expect(messageOf(() => parsePaymentLimitCsv(cut, NAME))).toBe(
      `payment limit file "x.csv", row ${J1745_ROW}: the row has 4 columns where the header has 11 up to "Notes": it is cut short (truncated file?)`,
    );
  });

  it('refuses binary content, naming the row where it starts', () => {
    const bytes = latin1Bytes(text);
    const at = text.indexOf('J1745,');
    bytes.fill(0, at, at + 16);
    expect(messageOf(() => parsePaymentLimitCsv(bytes, NAME))).toBe(
      `payment limit file "x.csv", row ${J1745_ROW}: binary content (control character 0x00): this is not a CSV text file or an xlsx workbook`,
    );
  });

  it('refuses a legacy .xls workbook and a PDF by their signatures', () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect(messageOf(() => parsePaymentLimitCsv(xls, 'old.xls'))).toBe(
      'payment limit file "old.xls", row 1: binary content: this is a legacy Excel .xls workbook (save it as .xlsx or CSV), not a CSV or xlsx file',
    );
    expect(messageOf(() => parsePaymentLimitCsv(latin1Bytes('%PDF-1.7\n...'), 'f.pdf'))).toMatch(/row 1: binary content: this is a PDF document/);
  });

  it('refuses the same code twice with different prices, naming both rows', () => {
    const bad = `${text}J1745,Infliximab not biosimil 10mg,10 MG,33.000,20.000,,,,,,,\r\n`;
    expect(messageOf(() => parsePaymentLimitCsv(bad, NAME))).toBe(
      `payment limit file "x.csv", row 887: J1745 appears again with a different price (payment limit 33.000, co-insurance 20.000) than on row ${J1745_ROW} (payment limit 32.423, co-insurance 20.000)`,
    );
  });

  it('refuses a negative payment limit', () => {
    const bad = text.replace('J1745,Infliximab not biosimil 10mg,10 MG,32.423', 'J1745,Infliximab not biosimil 10mg,10 MG,-3.2');
    expect(messageOf(() => parsePaymentLimitCsv(bad, NAME))).toBe(`payment limit file "x.csv", row ${J1745_ROW}: payment limit "-3.2" for J1745 is negative`);
  });

  it('refuses a payment limit that is not a number', () => {
    const bad = text.replace('J1745,Infliximab not biosimil 10mg,10 MG,32.423', 'J1745,Infliximab not biosimil 10mg,10 MG,32.4.23');
    expect(messageOf(() => parsePaymentLimitCsv(bad, NAME))).toBe(
      `payment limit file "x.csv", row ${J1745_ROW}: payment limit "32.4.23" for J1745 is not a number (expected a decimal such as 32.423, or N/A)`,
    );
  });

  it('refuses a co-insurance percentage that is not a number or over 100', () => {
    const base = 'J1745,Infliximab not biosimil 10mg,10 MG,32.423,20.000';
    expect(messageOf(() => parsePaymentLimitCsv(text.replace(base, base.replace('20.000', 'twenty')), NAME))).toMatch(
      new RegExp(`row ${J1745_ROW}: co-insurance percentage "twenty" for J1745 is not a number`),
    );
    expect(messageOf(() => parsePaymentLimitCsv(text.replace(base, base.replace('20.000', '120.000')), NAME))).toMatch(
      new RegExp(`row ${J1745_ROW}: co-insurance percentage "120.000" for J1745 is over 100`),
    );
  });

  it('refuses a row whose code is not a HCPCS code', () => {
    const bad = text.replace('J1745,Infliximab', 'J17 45,Infliximab');
    expect(messageOf(() => parsePaymentLimitCsv(bad, NAME))).toBe(`payment limit file "x.csv", row ${J1745_ROW}: HCPCS code "J17 45" is not a five-character code`);
  });

  it('refuses a file without the effective line', () => {
    const bad = text.replace('"Effective January 1, 2026 through March 31, 2026"', '');
    expect(messageOf(() => parsePaymentLimitCsv(bad, NAME))).toBe(
      'payment limit file "x.csv", rows 1-9: no effective line ("Effective <Month> <d>, <yyyy> through <Month> <d>, <yyyy>") above the header',
    );
  });

  it('refuses an effective line with a date that does not exist', () => {
    const bad = text.replace('Effective January 1, 2026 through March 31, 2026', 'Effective January 1, 2026 through February 30, 2026');
    expect(messageOf(() => parsePaymentLimitCsv(bad, NAME))).toBe(
      'payment limit file "x.csv", row 3: effective line "Effective January 1, 2026 through February 30, 2026" names a date that does not exist',
    );
  });

  it('refuses a header with no data rows after it', () => {
    const bad = text.slice(0, text.indexOf('90371,'));
    expect(messageOf(() => parsePaymentLimitCsv(bad, NAME))).toBe('payment limit file "x.csv", row 9: the header is followed by no data rows');
  });

  it('throws CmsFileError carrying the file, row and problem separately', () => {
    const bad = text.replace('J1745,Infliximab not biosimil 10mg,10 MG,32.423', 'J1745,Infliximab not biosimil 10mg,10 MG,-3.2');
    try {
      parsePaymentLimitCsv(bad, NAME);
      throw new Error('expected a CmsFileError');
    } catch (error) {
      expect(error).toBeInstanceOf(CmsFileError);
      const e = error as CmsFileError;
      expect([e.kind, e.fileName, e.row, e.problem]).toEqual(['payment-limit', NAME, J1745_ROW, 'payment limit "-3.2" for J1745 is negative']);
    }
  });
});
