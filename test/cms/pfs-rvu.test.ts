import Decimal from 'decimal.js';
import { parsePfsRvuCsv, parsePfsRvuFile } from '../../src/cms/pfs-rvu';
import { ASP_FILES, RVU_2025, RVU_2026, asyncMessageOf, cmsBytes, cmsText, messageOf } from './files';

/** DOMAIN.md 2.3, copied by hand: code, RVU 2025, $ 2025, RVU 2026, $ 2026. */
const DOMAIN_TABLE = [
  ['96365', '1.79', '57.90', '2.01', '67.14'],
  ['96366', '0.60', '19.41', '0.64', '21.38'],
  ['96367', '0.82', '26.52', '0.89', '29.73'],
  ['96372', '0.43', '13.91', '0.46', '15.36'],
  ['96374', '1.05', '33.96', '1.13', '37.74'],
  ['96375', '0.44', '14.23', '0.47', '15.70'],
  ['96401', '2.05', '66.31', '2.15', '71.81'],
  ['96409', '2.86', '92.51', '3.13', '104.54'],
  ['96413', '3.69', '119.36', '3.99', '133.27'],
  ['96415', '0.79', '25.55', '0.85', '28.39'],
  ['96417', '1.82', '58.87', '1.99', '66.47'],
] as const;

/** Fee schedule amounts are rounded to cents half up, as CMS publishes them (DOMAIN.md 3). */
const Money = Decimal.clone({ rounding: Decimal.ROUND_HALF_UP });

describe('parsePfsRvuCsv on the CMS relative value files', () => {
  const y2025 = parsePfsRvuCsv(cmsBytes(RVU_2025), RVU_2025);
  const y2026 = parsePfsRvuCsv(cmsBytes(RVU_2026), RVU_2026);

  it('reads the year from the title line and the release date', () => {
    expect([y2025.year, y2025.title, y2025.released]).toEqual([2025, '2025 National Physician Fee Schedule Relative Value File January Release', '2024-12-23']);
    expect([y2026.year, y2026.title, y2026.released]).toEqual([2026, '2026 National Physician Fee Schedule Relative Value File July Release', '2026-06-30']);
  });

  it('reads the conversion factors 32.3465 (CY2025) and 33.4009 (CY2026, non-QP)', () => {
    expect(y2025.conversionFactor).toBe('32.3465');
    expect(y2026.conversionFactor).toBe('33.4009');
  });

  it('reads 96365 at 1.79 (2025) and 2.01 (2026) total non-facility RVUs', () => {
    expect(y2025.rvu['96365']).toBe('1.79');
    expect(y2026.rvu['96365']).toBe('2.01');
  });

  it('reads 96413 and 96415, though 2026 has one more column (PRIC IND) before the factor', () => {
    expect([y2025.rvu['96413'], y2025.rvu['96415']]).toEqual(['3.69', '0.79']);
    expect([y2026.rvu['96413'], y2026.rvu['96415']]).toEqual(['3.99', '0.85']);
  });

  it('reads all 23 administration codes of each file (counted as lines starting "9xxxx,,")', () => {
    for (const [file, schedule] of [[RVU_2025, y2025], [RVU_2026, y2026]] as const) {
      expect((cmsText(file).match(/^9\d{4},,/gm) ?? []).length).toBe(23);
      expect(Object.keys(schedule.rvu)).toHaveLength(23);
    }
  });

  it.each(DOMAIN_TABLE)('prices %s as DOMAIN.md states: RVU x CF rounded half up to cents', (code, rvu2025, usd2025, rvu2026, usd2026) => {
    expect(y2025.rvu[code]).toBe(rvu2025);
    expect(y2026.rvu[code]).toBe(rvu2026);
    expect(new Money(rvu2025).times(y2025.conversionFactor).toFixed(2)).toBe(usd2025);
    expect(new Money(rvu2026).times(y2026.conversionFactor).toFixed(2)).toBe(usd2026);
  });

  it('reads the same from the async entry point', async () => {
    expect(await parsePfsRvuFile(cmsBytes(RVU_2026), RVU_2026)).toEqual(y2026);
  });
});

describe('parsePfsRvuCsv refuses broken files with the file, the row and the problem', () => {
  const text = cmsText(RVU_2026);
  const NAME = 'rvu.csv';

  it('says so when given a payment limit file instead', () => {
    expect(messageOf(() => parsePfsRvuCsv(cmsBytes(ASP_FILES['2026Q1']), 'asp.csv'))).toMatch(
      /^PFS relative value file "asp\.csv", row 9: this is a Medicare Part B payment limit \(ASP pricing\) file/,
    );
  });

  it('refuses a file without the title line (the year comes from it)', () => {
    expect(messageOf(() => parsePfsRvuCsv(text.replace('2026 National Physician Fee Schedule Relative Value File July Release', 'Relative values'), NAME))).toBe(
      'PFS relative value file "rvu.csv", rows 1-10: no title line ("<yyyy> National Physician Fee Schedule Relative Value File ...") above the header',
    );
  });

  it('refuses a header without the conversion factor column', () => {
    expect(messageOf(() => parsePfsRvuCsv(text.replace(',CONV,', ',CNV,'), NAME))).toMatch(/^PFS relative value file "rvu\.csv", row 10: the header lacks the column "CONV FACTOR"/);
  });

  it('refuses a negative RVU and a conversion factor that differs between rows', () => {
    expect(messageOf(() => parsePfsRvuCsv(text.replace('NA,0.04,2.01,2.01,', 'NA,0.04,-2.01,2.01,'), NAME))).toBe(
      'PFS relative value file "rvu.csv", row 13: non-facility total RVU "-2.01" for 96365 is negative',
    );
    const lines = text.split('\r\n');
    lines[20] = (lines[20] ?? '').replace('33.4009', '33.5675');
    expect(messageOf(() => parsePfsRvuCsv(lines.join('\r\n'), NAME))).toBe(
      'PFS relative value file "rvu.csv", row 21: conversion factor 33.5675 differs from 33.4009 on row 11',
    );
  });

  it('refuses a row cut short', () => {
    const cut = text.slice(0, text.indexOf('96366,,') + '96366,,Ther/proph/diag iv inf addon,A'.length);
    expect(messageOf(() => parsePfsRvuCsv(cut, NAME))).toBe(
      'PFS relative value file "rvu.csv", row 14: the row has 4 columns where the header has 32 up to "MP USED FOR OPPS PAYMENT AMOUNT": it is cut short (truncated file?)',
    );
  });

  it('refuses binary content in the async entry point too', async () => {
    expect(await asyncMessageOf(() => parsePfsRvuFile(new Uint8Array([0x41, 0x00, 0x42]), NAME))).toBe(
      'PFS relative value file "rvu.csv", row 1: binary content (control character 0x00): this is not a CSV text file or an xlsx workbook',
    );
  });
});
