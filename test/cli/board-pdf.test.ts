/**
 * `infusion-planner board --pdf`: the board pack printed through LibreOffice (headless), read back with
 * poppler's pdftotext and pdfinfo: a cover page with practice, scenario, data vintage and date, the sheets in
 * reading order, "Page N of M" on every page; and a clear refusal, naming the Debian package, without
 * LibreOffice.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { sampleScenario } from '../../src/scenario';

function capture(): { io: { out: (t: string) => void; err: (t: string) => void }; out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t) }, out: () => out.join('\n'), err: () => err.join('\n') };
}

const pdfText = (pdf: string): string => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
const pdfPages = (pdf: string): number => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);

describe('infusion-planner board --pdf', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ip-board-pdf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const xlsx = path.join(dir, 'board.xlsx');
  const pdf = path.join(dir, 'board.pdf');
  let text = '';
  let pages = 0;
  let output = '';

  beforeAll(async () => {
    const c = capture();
    expect(await main(['board', '--out', xlsx, '--pdf'], c.io)).toBe(0);
    output = c.out();
    text = pdfText(pdf);
    pages = pdfPages(pdf);
  }, 240_000);

  it('writes the PDF beside the .xlsx (the same name, .pdf) and says where', () => {
    expect(existsSync(xlsx)).toBe(true);
    expect(existsSync(pdf)).toBe(true);
    expect(output).toContain(`Board pack (PDF) written to ${pdf}`);
  });

  it('opens with a cover page: practice, scenario, the CMS quarter of the prices, the date built', () => {
    const cover = text.split('\f')[0] ?? '';
    expect(cover).toContain('Board pack');
    expect(cover).toMatch(new RegExp(`Practice\\s+${sampleScenario.practiceName}`));
    expect(cover).toMatch(new RegExp(`Scenario\\s+${sampleScenario.name.replace(/[()]/g, '\\$&')}`));
    expect(cover).toContain('CMS Medicare Part B payment limits 2026Q1 (Effective January 1, 2026 through March 31, 2026)');
    expect(cover).toMatch(new RegExp(`Built\\s+${new Date().toISOString().slice(0, 10)}`));
    expect(cover).toContain('Page 1 of');
  });

  it('numbers every page "Page N of M", M the PDF\'s page count, and prints the sheets in reading order', () => {
    // Cover (1) + Summary (1) + at least one page for each of the six sheets after it.
    expect(pages).toBeGreaterThanOrEqual(8);
    const sheets = text.split('\f').filter((p) => p.trim() !== '');
    expect(sheets).toHaveLength(pages);
    sheets.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${pages}`));
    // The first page after the cover holding each sheet's title (the cover lists the sheets by name).
    const firstPage = (title: string): number => sheets.findIndex((p, i) => i > 0 && p.split('\n').some((line) => line.trim().startsWith(title)));
    const order = [
      `${sampleScenario.practiceName}: specialty infusion program`,
      `Formulary economics: ${sampleScenario.practiceName}`,
      `Projection: ${sampleScenario.practiceName}`,
      "Sensitivity: what moves the program's value",
      `Inputs: ${sampleScenario.name}`,
      'Sources and assumptions',
      'Claim detail: one administration of each drug',
    ].map(firstPage);
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(sheets[0]).toContain('Board pack');
    expect(order[0]).toBe(1); // the Summary, right after the cover
    expect(order[1]).toBe(2); // and on one page
    // The calculation grid (Cohorts) is not part of the pack.
    expect(text).not.toContain('Cohorts: patients and administrations by drug and month');
  });

  it('writes the PDF where --pdf FILE says', async () => {
    const other = path.join(dir, 'pack for the board.pdf');
    const c = capture();
    expect(await main(['board', '--out', path.join(dir, 'other.xlsx'), '--pdf', other], c.io)).toBe(0);
    expect(pdfPages(other)).toBe(pages);
  }, 240_000);

  it('without LibreOffice: exit 1, naming the Debian package to install, and writes nothing', async () => {
    const saved = process.env.PATH;
    process.env.PATH = path.join(dir, 'no-such-bin');
    try {
      const c = capture();
      const out = path.join(dir, 'none.xlsx');
      expect(await main(['board', '--out', out, '--pdf'], c.io)).toBe(1);
      expect(c.err()).toContain('libreoffice-calc-nogui');
      expect(c.err()).toContain('--pdf needs LibreOffice');
      expect(existsSync(out)).toBe(false);
    } finally {
      process.env.PATH = saved;
    }
  });
});
