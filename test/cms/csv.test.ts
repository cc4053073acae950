import fc from 'fast-check';
import { CsvSyntaxError, parseCsv } from '../../src/cms/csv';
import { ASP_FILES, CROSSWALK_FILE, cmsText } from './files';

describe('parseCsv (RFC 4180)', () => {
  it('splits records on CRLF and fields on commas', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('accepts LF and a lone CR as record ends, and a last record without a line break', () => {
    expect(parseCsv('a,b\n1,2\r3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps commas, CRLF, LF and doubled quotes inside quoted fields', () => {
    expect(parseCsv('"Inj, eculizumab, 2 mg","say ""hi""","two\r\nlines","a\nb"\r\nx,y,z,w\r\n')).toEqual([
      ['Inj, eculizumab, 2 mg', 'say "hi"', 'two\r\nlines', 'a\nb'],
      ['x', 'y', 'z', 'w'],
    ]);
  });

  it('reads an empty quoted field and a field that is only a doubled quote', () => {
    expect(parseCsv('"",""""\r\n')).toEqual([['', '"']]);
  });

  it('skips a UTF-8 byte-order mark at the start', () => {
    expect(parseCsv('\uFEFFHCPCS Code,Notes\r\n')).toEqual([['HCPCS Code', 'Notes']]);
  });

  it('keeps trailing empty fields, and a trailing comma at the very end makes one more empty field', () => {
    expect(parseCsv('a,,\r\nb,')).toEqual([
      ['a', '', ''],
      ['b', ''],
    ]);
  });

  it('returns a blank line as a record of one empty field, so that record index + 1 is the spreadsheet row', () => {
    expect(parseCsv('a\r\n\r\nb\r\n')).toEqual([['a'], [''], ['b']]);
  });

  it('returns no records for empty text', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });

  it('keeps a quote inside an unquoted field as a character (12" needle)', () => {
    expect(parseCsv('Needle 12" long,x\r\n')).toEqual([['Needle 12" long', 'x']]);
  });

  it('refuses a quoted field still open at the end of the text, naming the record where it opened', () => {
    const error = (() => {
      try {
        parseCsv('a,b\r\nc,d\r\n"open,\r\nmore');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).row).toBe(3);
    expect((error as CsvSyntaxError).message).toBe('CSV row 3: a quoted field is opened here and never closed');
  });

  it('refuses text between a closing quote and the next comma', () => {
    expect(() => parseCsv('x\r\n"abc"def,1\r\n')).toThrow('CSV row 2: unexpected text after the closing quote of field 1');
  });

  it('reads back any table written the RFC 4180 way (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\r', '\n', '\r\n', 'é', '\u00a0') });
    const table = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.constantFrom('\r\n', '\n'), fc.boolean(), (rows, eol, finalEol) => {
        // A record of a single empty field is written as an empty line: quote it so it stays visible.
        const quote = (cell: string): string => `"${cell.replace(/"/g, '""')}"`;
        const line = (row: readonly string[]): string =>
          row.map((cell) => (/[",\r\n]/.test(cell) || (row.length === 1 && cell === '') ? quote(cell) : cell)).join(',');
        const text = rows.map(line).join(eol) + (finalEol ? eol : '');
        expect(parseCsv(text)).toEqual(rows);
      }),
    );
  });

  describe('speed', () => {
    const median = (run: () => void, times: number): number => {
      const samples: number[] = [];
      for (let k = 0; k < times; k++) {
        const start = performance.now();
        run();
        samples.push(performance.now() - start);
      }
      samples.sort((a, b) => a - b);
      return samples[Math.floor(samples.length / 2)] ?? Infinity;
    };

    it('parses the 60 KB January 2026 payment limit file in well under 100 ms', () => {
      const text = cmsText(ASP_FILES['2026Q1']);
      expect(text.length).toBeGreaterThan(59_000);
      expect(median(() => parseCsv(text), 7)).toBeLessThan(25);
    });

    it('parses the 2.4 MB crosswalk in under a second', () => {
      const text = cmsText(CROSSWALK_FILE);
      expect(text.length).toBeGreaterThan(2_400_000);
      expect(median(() => parseCsv(text), 3)).toBeLessThan(1000);
    });
  });
});
