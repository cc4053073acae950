/**
 * Printing a workbook to PDF through LibreOffice, headless (`soffice --convert-to pdf`), for
 * `infusion-planner board --pdf`. LibreOffice runs with a fresh profile of its own in a temporary directory
 * (so it neither disturbs nor waits for a LibreOffice the user has open) set to recalculate every formula on
 * load (Calc's OOXMLRecalcMode 0, "always"): the PDF shows what the workbook's formulas compute.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The Debian package that provides a headless LibreOffice Calc. */
export const LIBREOFFICE_PACKAGE = 'libreoffice-calc-nogui';

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** The soffice executable on PATH, or null when LibreOffice is not installed. */
export function findSoffice(envPath: string = process.env.PATH ?? ''): string | null {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    for (const name of ['soffice', 'libreoffice']) {
      const p = path.join(dir, name);
      if (existsSync(p)) return p;
    }
  }
  return null;
}

/**
 * Prints the .xlsx `xlsx` (its visible sheets, in workbook order, as each sheet's print setup says) to the PDF
 * `pdf`, replacing it only once LibreOffice has written the whole file. Throws an Error with a one-line reason.
 */
export async function printToPdf(soffice: string, xlsx: Buffer, pdf: string, timeoutMs = 240_000): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'infusion-planner-pdf-'));
  try {
    const profile = path.join(work, 'profile');
    mkdirSync(path.join(profile, 'user'), { recursive: true });
    writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
    const input = path.join(work, 'board-pack.xlsx');
    writeFileSync(input, xlsx);
    const outDir = path.join(work, 'out');
    mkdirSync(outDir);
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nologo', '--nodefault', '--nolockcheck', '--convert-to', 'pdf:calc_pdf_Export', '--outdir', outDir, input],
        { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 },
        (error, _stdout, stderr) => (error ? reject(new Error(`LibreOffice (${soffice}) failed: ${error.message.split('\n')[0] ?? ''} ${stderr.trim().split('\n')[0] ?? ''}`.trim())) : resolve()),
      );
    });
    const written = path.join(outDir, 'board-pack.pdf');
    if (!existsSync(written)) throw new Error(`LibreOffice (${soffice}) wrote no PDF`);
    // Next to the target first, then renamed over it: a reader never sees half a PDF.
    const temp = `${pdf}.${process.pid}.tmp`;
    copyFileSync(written, temp);
    renameSync(temp, pdf);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
