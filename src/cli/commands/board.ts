/**
 * `infusion-planner board [--scenario FILE] [--out FILE] [--pdf [FILE]]`: writes the board workbook (.xlsx)
 * for a scenario (default: the embedded sample) and prints the formulary summary. The workbook's figures are
 * native formulas over its Inputs sheet, each cached with the engine's value, with five native charts.
 * `--pdf` also prints the board pack (a cover page, then the board's sheets in reading order) to PDF through
 * LibreOffice, when it is installed.
 */
import path from 'node:path';
import { referenceData } from '../../data';
import { ReferenceBook } from '../../engine/book';
import { modelReport } from '../../engine/report';
import { resolveScenario, scenarioDefaultsApplied } from '../../scenario';
import { boardInputs, buildBoardPackPlan, buildBoardPlan, dataVintage } from '../../workbook/board';
import { formulaCells } from '../../workbook/plan';
import { renderXlsx } from '../../workbook/render-exceljs';
import { writeFileAtomic } from '../atomic-write';
import { type Command, CommandFailure } from '../command';
import { LIBREOFFICE_PACKAGE, findSoffice, printToPdf } from '../libreoffice';
import { readScenarioFile } from '../scenario-file';
import { formatSummary } from '../summary-table';

export const DEFAULT_BOARD_FILE = 'infusion-planner-board.xlsx';

export const board: Command = {
  name: 'board',
  summary: 'write the board workbook (.xlsx, live formulas) for a scenario and print the formulary summary',
  usage: 'board [--scenario FILE] [--out FILE] [--pdf [FILE]]',
  options: {
    scenario: { kind: 'value', valueName: 'FILE', description: 'scenario JSON file (default: the embedded sample)' },
    out: { kind: 'value', valueName: 'FILE', description: `the .xlsx to write (default: ${DEFAULT_BOARD_FILE} in the current directory)` },
    pdf: { kind: 'flagOrValue', valueName: 'FILE', description: 'also print the board pack to PDF through LibreOffice (default FILE: the .xlsx name with .pdf)' },
  },
  async run(args, io) {
    const wantPdf = args.flags.has('pdf') || args.values['pdf'] !== undefined;
    const soffice = wantPdf ? findSoffice() : null;
    if (wantPdf && soffice === null) {
      throw new CommandFailure(`--pdf needs LibreOffice, which is not installed (no soffice on PATH): install the Debian package ${LIBREOFFICE_PACKAGE} (apt-get install ${LIBREOFFICE_PACKAGE}), or print the .xlsx from Excel`);
    }
    const { scenario, source } = readScenarioFile(args.values['scenario'], referenceData, (line) => io.err(line));
    const book = new ReferenceBook(referenceData);
    const input = resolveScenario(scenario, referenceData);
    const src = boardInputs(book, input, { applied: scenarioDefaultsApplied(scenario, referenceData), scenario });
    const plan = buildBoardPlan(src);
    const out = path.resolve(args.values['out'] ?? DEFAULT_BOARD_FILE);
    const bytes = await renderXlsx(plan);
    try {
      // Beside the file, flushed, then renamed over it: a failure leaves the previous workbook intact.
      writeFileAtomic(out, bytes);
    } catch (e) {
      throw new CommandFailure(`cannot write "${out}": ${(e as NodeJS.ErrnoException).code ?? String(e)} (a file already there is left as it was)`);
    }
    let pdf: string | null = null;
    if (soffice !== null) {
      pdf = path.resolve(args.values['pdf'] ?? out.replace(/\.xlsx$/i, '') + '.pdf');
      const pack = buildBoardPackPlan(src);
      try {
        await printToPdf(soffice, await renderXlsx(pack.plan, { hide: pack.hide }), pdf);
      } catch (e) {
        throw new CommandFailure(`cannot print the board pack to "${pdf}": ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const formulas = [...formulaCells(plan)].length;
    io.out(formatSummary(modelReport(src.results)));
    io.out('');
    io.out(`Board workbook written to ${out}`);
    io.out(`  scenario: ${source}; data: ${dataVintage(src)}`);
    io.out(`  ${plan.sheets.length} sheets (${plan.sheets.map((s) => s.name).join(', ')}), ${formulas} live formulas over the Inputs sheet`);
    io.out(`  ${plan.sheets.reduce((n, s) => n + s.charts.length, 0)} charts over live ranges`);
    if (pdf !== null) io.out(`Board pack (PDF) written to ${pdf}`);
    return 0;
  },
};
