/** `infusion-planner board`: writes the .xlsx, prints the formulary summary, refuses a bad scenario file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { sampleScenario } from '../../src/scenario';

function capture(): { io: { out: (t: string) => void; err: (t: string) => void }; out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t) }, out: () => out.join('\n'), err: () => err.join('\n') };
}

describe('infusion-planner board', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ip-board-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the workbook for the embedded sample, says where, and prints the formulary summary', async () => {
    const file = path.join(dir, 'board.xlsx');
    const c = capture();
    expect(await main(['board', '--out', file], c.io)).toBe(0);
    expect(c.out()).toContain(`Board workbook written to ${file}`);
    expect(c.out()).toMatch(/Q5121 Avsola \(infliximab-axxq\)\s+400 mg/);
    expect(c.out()).toContain('Break-even month:');
    expect(c.out()).toContain('NPV:');
    expect(c.out()).toContain('Peak working capital:');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Inputs', 'Formulary economics', 'Patient access', 'Projection', 'Sensitivity', 'Sources and assumptions', 'Claim detail', 'Cohorts']);
    // The NPV, in the key figures (below the conclusion): the row whose label starts "Net present value (at".
    const summary = wb.getWorksheet('Summary');
    let npvRow = 0;
    summary?.eachRow((row, n) => {
      if (npvRow === 0 && String(row.getCell(1).value).startsWith('Net present value (at')) npvRow = n;
    });
    const npv = summary?.getCell(`C${npvRow}`).value as ExcelJS.CellFormulaValue;
    expect(npv.formula).toMatch(/^'Projection'!\$Y\$\d+$/);
    expect(typeof npv.result).toBe('number');
  }, 60_000);

  it('writes infusion-planner-board.xlsx in the current directory by default', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const c = capture();
      expect(await main(['board'], c.io)).toBe(0);
      expect(c.out()).toContain(`Board workbook written to ${path.join(dir, 'infusion-planner-board.xlsx')}`);
      expect(readFileSync(path.join(dir, 'infusion-planner-board.xlsx')).subarray(0, 2).toString()).toBe('PK');
    } finally {
      process.chdir(cwd);
    }
  }, 60_000);

  it('uses a scenario file', async () => {
    const file = path.join(dir, 'two-drugs.json');
    writeFileSync(file, JSON.stringify({ ...sampleScenario, name: 'Two drugs', drugs: sampleScenario.drugs.slice(0, 2) }));
    const c = capture();
    expect(await main(['board', '--scenario', file, '--out', path.join(dir, 'two.xlsx')], c.io)).toBe(0);
    expect(c.out()).toContain('Two drugs');
    expect(c.out()).toContain(`scenario: ${file}`);
  }, 60_000);

  it('refuses a scenario file with errors: exit 1 and the validation messages', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...sampleScenario, payers: sampleScenario.payers.map((p) => ({ ...p, weight: 0.5 })) }));
    const c = capture();
    expect(await main(['board', '--scenario', file, '--out', path.join(dir, 'bad.xlsx')], c.io)).toBe(1);
    expect(c.err()).toContain(`scenario file "${file}" is not valid`);
    expect(c.err()).toMatch(/weight/);
    expect(() => readFileSync(path.join(dir, 'bad.xlsx'))).toThrow();
  });

  it('says so when the file cannot be written', async () => {
    const c = capture();
    expect(await main(['board', '--out', path.join(dir, 'no-such-dir', 'x.xlsx')], c.io)).toBe(1);
    expect(c.err()).toContain('cannot write');
  }, 60_000);
});
