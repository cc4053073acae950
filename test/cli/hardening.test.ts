/**
 * The command line against crafted input (issue 16): a biosimilar whose derived ASP is negative, numbers
 * no practice has, odd option names, a BOM, an interrupted workbook write.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Workbook } from 'exceljs';
import { writeFileAtomic } from '../../src/cli/atomic-write';
import { finiteJson, usd } from '../../src/cli/format';
import { main } from '../../src/cli/main';
import { sampleScenario } from '../../src/scenario';
import { SheetBuilder } from '../../src/workbook/sheet-builder';

const JAN_2026 = path.join(__dirname, '../../data/cms/asp-pricing-files/section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv');

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cli-hardening-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a biosimilar whose derived ASP is not positive', () => {
  it('makes ASP, MARGIN, COST and RECOVERY an #N/A naming both codes, exit 1', async () => {
    // April 2026 = January's rows with J1745 at $1,000.000: ASP(J1745) = 1000 / 1.06 = 943.396226;
    // Q5121 = 23.811 - 0.08 x 943.396226 = -51.660698.
    const text = readFileSync(JAN_2026, 'latin1')
      .replace('Effective January 1, 2026 through March 31, 2026', 'Effective April 1, 2026 through June 30, 2026')
      .replace('J1745,Infliximab not biosimil 10mg,10 MG,32.423', 'J1745,Infliximab not biosimil 10mg,10 MG,1000.000');
    const file = path.join(dir, 'april.csv');
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const error =
      "#N/A Q5121: the ASP derived for 2026Q2 is -51.661, not positive (payment limit 23.811 - 0.08 x reference J1745's ASP 943.396); the payment limits of Q5121 and J1745 do not fit together";
    for (const formula of ['=INFUSION.ASP("Q5121")', '=INFUSION.MARGIN("Q5121", 400)', '=INFUSION.COST("Q5121", 400)', '=INFUSION.RECOVERY("Q5121", 400)']) {
      expect({ formula, ...(await run('calc', formula, '--asp', file)) }).toEqual({ formula, code: 1, out: error, err: '' });
    }
    // The reference itself still prices: 1000 / 1.06 = 943.396.
    expect((await run('calc', '=INFUSION.ASP("J1745")', '--asp', file)).out).toBe('943.396');
  });
});

describe('numbers no practice has', () => {
  function scenarioFile(name: string, doc: unknown): string {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(doc));
    return file;
  }

  it('model and board refuse 1e308 volumes, planningMonths 1e9 and infusionMinutes 1e15, naming each field, at once', async () => {
    const [first, ...rest] = sampleScenario.drugs;
    const doc = {
      ...sampleScenario,
      drugs: [{ ...first, newPatientsPerMonth: 1e308, infusionMinutes: 1e15 }, ...rest],
      program: { ...sampleScenario.program, planningMonths: 1e9 },
    };
    const file = scenarioFile('huge.json', doc);
    const started = Date.now();
    for (const command of ['model', 'board']) {
      const r = await run(command, '--scenario', file, ...(command === 'board' ? ['--out', path.join(dir, 'never.xlsx')] : []));
      expect(r.code).toBe(1);
      for (const line of [
        'drugs[0].newPatientsPerMonth: must be between 0 and 10000',
        'drugs[0].infusionMinutes: must be a whole number between 0 and 1440',
        'program.planningMonths: must be a whole number between 0 and 120',
      ]) {
        expect(r.err).toContain(line);
      }
      expect(r.out).not.toMatch(/∞|Infinity|NaN/);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('never prints or stores infinity or NaN, even if a figure escaped its bound', () => {
    expect(() => usd.format(Infinity)).toThrow("a figure came out as Infinity, not a finite number; check the scenario's numbers");
    expect(() => finiteJson({ summary: { npv: NaN } })).toThrow('"npv" came out as NaN, not a finite number');
    const sheet = new SheetBuilder('Summary', 'summary' as never, {} as never);
    expect(() => sheet.value(3, 1, Infinity)).toThrow("Summary!B4 came out as Infinity, not a finite number; check the scenario's numbers");
  });
});

describe('board --out replaces a workbook all or nothing', () => {
  const ROOT = path.join(__dirname, '../..');

  it('a full disk (a file size limit) leaves the previous workbook intact, and no temporary file', () => {
    if (process.platform === 'win32') return; // ulimit is POSIX
    const out = path.join(dir, 'full', 'board.xlsx');
    fs.mkdirSync(path.dirname(out));
    writeFileSync(out, 'the previous workbook');
    // 50 KB may be written per file, less than the board workbook; SIGXFSZ ignored so the write fails with EFBIG.
    const command = `ulimit -f 50; trap '' XFSZ; exec "${process.execPath}" --import tsx -e "require('${path.join(ROOT, 'src/cli/main')}').run()" x board --out "${out}"`;
    const r = spawnSync('bash', ['-c', command], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`infusion-planner board: cannot write "${out}": EFBIG (a file already there is left as it was)`);
    expect(readFileSync(out, 'utf8')).toBe('the previous workbook');
    expect(readdirSync(path.dirname(out))).toEqual(['board.xlsx']);
  }, 60_000);

  it('a write that fails part way leaves the previous file and removes the temporary one', () => {
    const out = path.join(dir, 'part', 'board.xlsx');
    fs.mkdirSync(path.dirname(out));
    writeFileSync(out, 'the previous workbook');
    let calls = 0;
    const failing = {
      ...fs,
      writeSync: (fd: number, data: Uint8Array, offset: number, length: number): number => {
        calls++;
        if (calls > 1) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return fs.writeSync(fd, data, offset, Math.min(length, 10));
      },
    } as typeof fs;
    expect(() => writeFileAtomic(out, new Uint8Array(1000).fill(65), failing)).toThrow('ENOSPC');
    expect(readFileSync(out, 'utf8')).toBe('the previous workbook');
    expect(readdirSync(path.dirname(out))).toEqual(['board.xlsx']);
  });

  it('a write that succeeds replaces the file, keeping its permissions', () => {
    const out = path.join(dir, 'ok', 'board.xlsx');
    fs.mkdirSync(path.dirname(out));
    writeFileSync(out, 'the previous workbook', { mode: 0o640 });
    fs.chmodSync(out, 0o640);
    writeFileAtomic(out, new TextEncoder().encode('the new workbook'));
    expect(readFileSync(out, 'utf8')).toBe('the new workbook');
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(readdirSync(path.dirname(out))).toEqual(['board.xlsx']);
  });
});

describe('text longer than Excel holds', () => {
  it('a 40,000-character practice name is cut with a note in cells, and to 255 characters in headers and footers', async () => {
    const practiceName = `Smith & Jones ${'Oncology & Hematology '.repeat(2000)}`.slice(0, 40_000);
    const file = path.join(dir, 'long-name.json');
    writeFileSync(file, JSON.stringify({ ...sampleScenario, practiceName }));
    const out = path.join(dir, 'long-name.xlsx');
    const r = await run('board', '--scenario', file, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const wb = new Workbook();
    await wb.xlsx.readFile(out);
    const texts: string[] = [];
    wb.eachSheet((ws) => {
      // Excel's limit on header and footer text is 255 characters, codes included.
      expect(ws.headerFooter.oddHeader?.length ?? 0).toBeLessThanOrEqual(255);
      expect(ws.headerFooter.oddFooter?.length ?? 0).toBeLessThanOrEqual(255);
      ws.eachRow((row) => row.eachCell((cell) => {
        if (typeof cell.value === 'string') texts.push(cell.value);
      }));
    });
    expect(Math.max(...texts.map((t) => t.length))).toBe(32_767);
    const cut = texts.filter((t) => t.startsWith('Smith & Jones') && t.length === 32_767);
    expect(cut.length).toBeGreaterThan(0);
    // The practice name alone (40,000) and in a longer line (40,028) on the other sheet.
    expect(cut.map((t) => t.slice(-54)).sort()).toEqual([
      ' … [cut: 40000 characters; an Excel cell holds 32,767]',
      ' … [cut: 40028 characters; an Excel cell holds 32,767]',
    ]);
    expect(wb.getWorksheet('Summary')?.headerFooter.oddHeader).toMatch(/^&C&"Calibri,Bold"&12Smith && Jones Oncology && Hematology .*…$/);
  }, 60_000);
});

describe('options and files a careless or crafted command line gives', () => {
  it.each(['--constructor', '--toString', '--__proto__', '--hasOwnProperty=1', '--valueOf'])('refuses %s as an unknown option (exit 2)', async (option) => {
    const name = option.slice(2).split('=')[0];
    expect(await run('model', option, 'x')).toEqual({ code: 2, out: '', err: `infusion-planner model: unknown option --${name} (see --help)` });
  });

  it('reads a scenario file that starts with a UTF-8 byte-order mark, as Notepad writes it', async () => {
    const file = path.join(dir, 'bom.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(sampleScenario))]));
    const withBom = await run('model', '--scenario', file, '--json');
    expect(withBom.err).toBe('');
    expect(withBom.code).toBe(0);
    // The same results as the sample itself.
    expect(withBom.out).toBe((await run('model', '--json')).out);
  });
});
