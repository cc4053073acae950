/**
 * LibreOffice, headless, for tests that must see a workbook recalculated by a spreadsheet program other than
 * the one that wrote it (DESIGN.md "Tests, by layer": the board workbook).
 *
 * LibreOffice normally shows an .xlsx file's cached formula results, which would prove nothing. Each
 * `LibreOffice` gets its own fresh profile directory (under os.tmpdir()) whose registrymodifications.xcu
 * sets /org.openoffice.Office.Calc/Formula/Load OOXMLRecalcMode to 0, "always recalculate", so that every
 * formula is recomputed on load. Conversions batch several files into one soffice run (each run takes
 * seconds); a profile is used by one soffice process at a time.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** The soffice executable, or null when LibreOffice is not installed. */
export function findSoffice(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const p = path.join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  return null;
}

export function hasPdftoppm(): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, 'pdftoppm')));
}

function run(cmd: string, args: readonly string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(cmd)} failed: ${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** A cell as LibreOffice computed it: a number, text, boolean, an error code ("#DIV/0!") or null. */
export type LoValue = number | string | boolean | null;

export class LibreOffice {
  /** The profile directory, with the always-recalculate setting. */
  readonly profile: string;
  readonly workDir: string;

  constructor(private readonly soffice: string = findSoffice() ?? 'soffice') {
    this.workDir = mkdtempSync(path.join(os.tmpdir(), 'ip-lo-'));
    this.profile = path.join(this.workDir, 'profile');
    mkdirSync(path.join(this.profile, 'user'), { recursive: true });
    writeFileSync(path.join(this.profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  }

  /**
   * Converts files in one soffice run: "xlsx" recalculates on load (the profile) and saves the results as
   * the cached values; "pdf" prints each file's visible sheets. Returns the output paths, in input order.
   */
  async convert(files: readonly string[], to: 'xlsx' | 'pdf', outDir: string = path.join(this.workDir, to), timeoutMs = 180_000): Promise<string[]> {
    mkdirSync(outDir, { recursive: true });
    const filter = to === 'xlsx' ? 'xlsx:Calc MS Excel 2007 XML' : 'pdf:calc_pdf_Export';
    await run(this.soffice, [`-env:UserInstallation=file://${this.profile}`, '--headless', '--norestore', '--nologo', '--nodefault', '--nolockcheck', '--convert-to', filter, '--outdir', outDir, ...files], timeoutMs);
    return files.map((f) => {
      const out = path.join(outDir, `${path.basename(f, path.extname(f))}.${to}`);
      if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${to} for ${f} (in ${outDir}: ${readdirSync(outDir).join(', ')})`);
      return out;
    });
  }

  /** Recalculates .xlsx files and returns each one's cells, as LibreOffice computed them. */
  async recalculate(files: readonly string[]): Promise<Map<string, Map<string, LoValue>>[]> {
    const outs = await this.convert(files, 'xlsx');
    return Promise.all(outs.map((o) => readCells(o)));
  }

  dispose(): void {
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** PDF pages to PNG files (`prefix-1.png`, ...); returns their paths. */
export async function pdfToPng(pdf: string, prefix: string, dpi = 110): Promise<string[]> {
  await run('pdftoppm', ['-png', '-r', String(dpi), pdf, prefix], 60_000);
  const dir = path.dirname(prefix);
  const base = path.basename(prefix);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort((a, b) => Number(a.slice(base.length + 1, -4)) - Number(b.slice(base.length + 1, -4)))
    .map((f) => path.join(dir, f));
}

/** A PDF's text, page layout kept (pdftotext, poppler-utils). */
export async function pdfText(pdf: string): Promise<string> {
  return (await run('pdftotext', ['-layout', pdf, '-'], 60_000)).stdout;
}

const decode = (text: string): string =>
  text
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of an element's <t> runs (shared strings, inline strings). */
const runs = (xml: string): string => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => decode(m[1] ?? '')).join('');

/**
 * Every non-empty cell of an .xlsx file: sheet name -> A1 address -> value (a formula cell: its cached
 * result). Read straight from the sheet XML: a reader that drops a formula's cached 0 (as exceljs 4.4
 * does) would blur 0 and "".
 */
export async function readCells(file: string): Promise<Map<string, Map<string, LoValue>>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const text = async (name: string): Promise<string> => (await zip.file(name)?.async('string')) ?? '';
  const shared = [...(await text('xl/sharedStrings.xml')).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runs(m[1] ?? ''));
  const rels = new Map([...(await text('xl/_rels/workbook.xml.rels')).matchAll(/<Relationship\s[^>]*>/g)].map((m) => [/Id="([^"]+)"/.exec(m[0])?.[1] ?? '', /Target="([^"]+)"/.exec(m[0])?.[1] ?? '']));
  const out = new Map<string, Map<string, LoValue>>();
  for (const m of (await text('xl/workbook.xml')).matchAll(/<sheet\s[^>]*>/g)) {
    const name = decode(/name="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const target = rels.get(/r:id="([^"]+)"/.exec(m[0])?.[1] ?? '') ?? '';
    const xml = await text(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    const cells = new Map<string, LoValue>();
    for (const c of xml.matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1] ?? '';
      const body = c[2] ?? '';
      const ref = /(?:^|\s)r="([A-Z]+\d+)"/.exec(attrs)?.[1];
      if (!ref) continue;
      const t = /(?:^|\s)t="([^"]+)"/.exec(attrs)?.[1] ?? 'n';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const hasFormula = body.includes('<f');
      let value: LoValue;
      if (t === 'inlineStr') value = runs(body);
      else if (v === undefined) value = hasFormula ? '' : null;
      else if (t === 's') value = shared[Number(v)] ?? '';
      else if (t === 'str' || t === 'e') value = decode(v);
      else if (t === 'b') value = v === '1' || v === 'true';
      else value = Number(v);
      if (value !== null) cells.set(ref, value);
    }
    out.set(name, cells);
  }
  return out;
}
