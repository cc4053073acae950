import { Workbook } from 'exceljs';
import { parseCrosswalkCsv, parseCrosswalkFile, type Crosswalk } from '../../src/cms/crosswalk';
import { ASP_FILES, CROSSWALK_FILE, asyncMessageOf, cmsBytes, cmsText, messageOf } from './files';

const NAME = 'cw.csv';

describe('parseCrosswalkCsv on the January 2026 NDC-HCPCS crosswalk', () => {
  let crosswalk: Crosswalk;
  beforeAll(() => {
    crosswalk = parseCrosswalkCsv(cmsBytes(CROSSWALK_FILE), CROSSWALK_FILE);
  });

  it('reads the effective period from row 2 and the code column by its yearly name', () => {
    expect(crosswalk.quarter).toBe('2026Q1');
    expect(crosswalk.effective).toBe('Effective January 1, 2026 through March 31, 2026');
    expect([crosswalk.effectiveFrom, crosswalk.effectiveTo]).toEqual(['2026-01-01', '2026-03-31']);
    expect(crosswalk.codeColumn).toBe('_2026_CODE');
  });

  it('reads every NDC row: 7125, counted as lines starting with a code and a comma', () => {
    // 7142 lines: 9 of title and header, 7125 records, and 8 continuation lines of drug names with a line
    // break inside quotes (J1885 once, J3301 seven times), which start with a quote and do not match.
    const text = cmsText(CROSSWALK_FILE);
    expect((text.match(/^[A-Z0-9]{5},/gm) ?? []).length).toBe(7125);
    expect(crosswalk.rowCount).toBe(7125);
  });

  it('lists 843 distinct codes', () => {
    const codes = new Set((cmsText(CROSSWALK_FILE).match(/^[A-Z0-9]{5}(?=,)/gm) ?? []).map(String));
    expect(codes.size).toBe(843);
    expect(Object.keys(crosswalk.vialSizes)).toHaveLength(843);
  });

  it('gives tocilizumab (J3262, billing unit 1 MG) vials of 80, 200 and 400 units = mg', () => {
    expect(crosswalk.dosage['J3262']).toBe('1 MG');
    expect(crosswalk.vialSizes['J3262']).toEqual([80, 200, 400]);
  });

  it('gives rituximab (J9312, 10 MG) 10 and 50 units: 100 and 500 mg vials', () => {
    expect(crosswalk.dosage['J9312']).toBe('10 MG');
    expect(crosswalk.vialSizes['J9312']).toEqual([10, 50]);
  });

  it('gives belimumab (J0490, 10 MG) 12 and 40 units: 120 and 400 mg vials', () => {
    expect(crosswalk.dosage['J0490']).toBe('10 MG');
    expect(crosswalk.vialSizes['J0490']).toEqual([12, 40]);
  });

  it('gives eculizumab (J1299, 2 MG) 150 units: one 300 mg vial', () => {
    expect(crosswalk.dosage['J1299']).toBe('2 MG');
    expect(crosswalk.vialSizes['J1299']).toEqual([150]);
  });

  it('keeps fractional billing units, sorted and distinct (90371: 0.5, 1 and 5 ML over five NDCs)', () => {
    expect(crosswalk.vialSizes['90371']).toEqual([0.5, 1, 5]);
  });

  it('parses an xlsx made from the CSV to the same result', async () => {
    const text = cmsText(CROSSWALK_FILE);
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Crosswalk');
    // Only the first 400 lines, to keep the test quick: title rows, header and data rows before J0490.
    const lines = text.split('\r\n').slice(0, 400);
    const small = `${lines.join('\r\n')}\r\n`;
    const { parseCsv } = await import('../../src/cms/csv');
    parseCsv(small).forEach((cells, r) => {
      cells.forEach((cell, c) => {
        if (cell === '') return;
        sheet.getCell(r + 1, c + 1).value = r >= 9 && (c === 8 || c === 9) ? Number(cell) : cell;
      });
    });
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await parseCrosswalkFile(bytes, 'cw.xlsx')).toEqual({ ...parseCrosswalkCsv(small, 'cw.csv'), source: 'cw.xlsx' });
  });
});

describe('parseCrosswalkCsv refuses broken files with the file, the row and the problem', () => {
  const text = cmsText(CROSSWALK_FILE);
  const j3262 = 'J3262,Tocilizumab injection,"Genentech, Inc.",50242-0135-01,Actemra,1 MG,4,1,80,80,';
  // J3262's first NDC is row 4061 (record number read with Python's csv module).
  const J3262_ROW = 4061;

  it('finds the J3262 line the tests edit', () => {
    expect(text.includes(j3262)).toBe(true);
  });

  it('says so when given a payment limit file instead', () => {
    expect(messageOf(() => parseCrosswalkCsv(cmsBytes(ASP_FILES['2026Q1']), 'asp.csv'))).toBe(
      'NDC-HCPCS crosswalk "asp.csv", row 9: this is a Medicare Part B payment limit (ASP pricing) file (a header with "HCPCS Code" and "Payment Limit"), not an NDC-HCPCS crosswalk',
    );
  });

  it('refuses an empty file', () => {
    expect(messageOf(() => parseCrosswalkCsv('', NAME))).toBe('NDC-HCPCS crosswalk "cw.csv", row 1: the file is empty');
  });

  it('refuses a header without BILLUNITS', () => {
    expect(messageOf(() => parseCrosswalkCsv(text.replace('PKG QTY,BILLUNITS,', 'PKG QTY,UNITS,'), NAME))).toMatch(
      /^NDC-HCPCS crosswalk "cw\.csv", row 9: the header lacks the column "BILLUNITS" \(it has "_2026_CODE", /,
    );
  });

  it('refuses a header whose code column does not follow the _<yyyy>_CODE pattern', () => {
    expect(messageOf(() => parseCrosswalkCsv(text.replace('_2026_CODE,', 'CODE,'), NAME))).toMatch(
      /^NDC-HCPCS crosswalk "cw\.csv", row 9: the header lacks the column "_<yyyy>_CODE"/,
    );
  });

  it('refuses negative, non-numeric and zero BILLUNITS', () => {
    const edit = (units: string): string => text.replace(j3262, j3262.replace(',1,80,80,', `,1,${units},80,`));
    expect(messageOf(() => parseCrosswalkCsv(edit('-80'), NAME))).toBe(`NDC-HCPCS crosswalk "cw.csv", row ${J3262_ROW}: BILLUNITS "-80" for J3262 is negative`);
    expect(messageOf(() => parseCrosswalkCsv(edit('eighty'), NAME))).toBe(`NDC-HCPCS crosswalk "cw.csv", row ${J3262_ROW}: BILLUNITS "eighty" for J3262 is not a number`);
    expect(messageOf(() => parseCrosswalkCsv(edit('0'), NAME))).toBe(`NDC-HCPCS crosswalk "cw.csv", row ${J3262_ROW}: BILLUNITS "0" for J3262 is not positive`);
  });

  it('refuses a file cut off in the middle of a row', () => {
    const cut = text.slice(0, text.indexOf(j3262) + 'J3262,Tocilizumab injection,"Genentech, Inc.",50242-0135-01'.length);
    expect(messageOf(() => parseCrosswalkCsv(cut, NAME))).toBe(
      `NDC-HCPCS crosswalk "cw.csv", row ${J3262_ROW}: the row has 4 columns where the header has 10 up to "BILLUNITSPKG": it is cut short (truncated file?)`,
    );
  });

  it('refuses a file cut off inside a quoted field', () => {
    const cut = text.slice(0, text.indexOf(j3262) + 'J3262,Tocilizumab injection,"Genen'.length);
    expect(messageOf(() => parseCrosswalkCsv(cut, NAME))).toMatch(new RegExp(`^NDC-HCPCS crosswalk "cw\\.csv", row ${J3262_ROW}: a quoted field is opened here and never closed`));
  });

  it('refuses binary content', () => {
    const bytes = new Uint8Array(Buffer.from(text.slice(0, 5000), 'latin1'));
    bytes[4000] = 0x01;
    expect(messageOf(() => parseCrosswalkCsv(bytes, NAME))).toMatch(/^NDC-HCPCS crosswalk "cw\.csv", row \d+: binary content \(control character 0x01\)/);
  });

  it('refuses a file without the effective line', () => {
    expect(messageOf(() => parseCrosswalkCsv(text.replace('Effective January 1, 2026 through March 31, 2026', 'Effective soon'), NAME))).toBe(
      'NDC-HCPCS crosswalk "cw.csv", rows 1-9: no effective line ("Effective <Month> <d>, <yyyy> through <Month> <d>, <yyyy>") above the header',
    );
  });

  it('refuses an xlsx that is not a readable workbook', async () => {
    const zipHeaderOnly = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    expect(await asyncMessageOf(() => parseCrosswalkFile(zipHeaderOnly, 'cw.xlsx'))).toMatch(/^NDC-HCPCS crosswalk "cw\.xlsx": not a readable xlsx workbook/);
  });
});
