/**
 * The board workbook (DESIGN.md "The board workbook"; issue 4) as a plan: Summary, Inputs, Formulary
 * economics, Projection, Sensitivity, Sources and assumptions, and the calculation sheets behind them
 * (Claim detail, Cohorts). Every computed figure is a native formula reading the Inputs sheet; each formula
 * cell carries the engine's value as its cached result. The formulas are a second, independent statement
 * of the engine's rules; test/workbook proves the two agree by recalculating the workbook in LibreOffice.
 */
import type { ReferenceBook } from '../engine/book';
import { runModel } from '../engine/model';
import { namedScenarios, sensitivity } from '../engine/sensitivity';
import type { ModelInput } from '../engine/types';
import type { AppliedDefault } from '../scenario/resolve';
import type { Scenario } from '../scenario/types';
import { type BoardInputs, BoardContext, NAME_PREFIX, PROGRAM_KEYS, SHEET } from './board/context';
import { writeAccess } from './board/access';
import { writeCohorts } from './board/cohorts';
import { caseNetRevenue, writeClaims, writeFormulary } from './board/formulary';
import { writeInputs } from './board/inputs';
import { writeMarket } from './board/market';
import { CohortNumbers } from './board/numbers';
import type { PrintText } from './board/print';
import { writeProjection } from './board/projection';
import { launchLayout, writeLaunchPlan } from './board/launch';
import { sensitivityCases, writeSensitivity } from './board/sensitivity';
import { writeSources } from './board/sources';
import { writeSummary } from './board/summary';
import { COVER_SHEET, PACK_ORDER, writeCover } from './board/cover';
import { type BoardPlan, OWNER_MARKER, type PlanName, cellAddress } from './plan';

export { SHEET, NAME_PREFIX } from './board/context';
export type { BoardInputs } from './board/context';

/** Runs the engine for the board: the model, its sensitivity and the named scenarios. */
export function boardInputs(book: ReferenceBook, input: ModelInput, options: { applied?: readonly AppliedDefault[] | null; generatedAt?: Date; scenario?: Scenario | null } = {}): BoardInputs {
  const results = runModel(book, input);
  return {
    book,
    input,
    results,
    sensitivity: sensitivity(book, input, results),
    named: namedScenarios(book, input),
    applied: options.applied ?? null,
    generatedAt: options.generatedAt ?? new Date(),
    scenario: options.scenario ?? null,
  };
}

/** The data vintage as the footer and the Sources sheet state it. */
export function dataVintage(src: BoardInputs): string {
  const q = src.book.quarterTable(src.results.quarter).quarter;
  return `CMS payment limits ${q.quarter} (${q.effective}); physician fee schedule CY${src.results.feeScheduleYear}`;
}

/** The data vintage, short, as each printed page's footer states it: "CMS payment limits 2026Q1; fee schedule CY2026". */
function footerVintage(src: BoardInputs): string {
  return `CMS payment limits ${src.results.quarter}; fee schedule CY${src.results.feeScheduleYear}`;
}

/** The header and footer text of every printed page. */
function printText(src: BoardInputs): PrintText {
  return { practice: src.input.practiceName, date: src.generatedAt.toISOString().slice(0, 10), vintage: footerVintage(src) };
}

/** Builds the plan of the board workbook. Pure: the same inputs give the same plan. */
export function buildBoardPlan(src: BoardInputs): BoardPlan {
  refuseUnrestated(src);
  const ctx = new BoardContext(src, sensitivityCases(src));
  const vintage = dataVintage(src);
  const text = printText(src);
  const numbers = new CohortNumbers(ctx);
  const caseNet = caseNetRevenue(ctx);
  const caseNetLoad = caseNetRevenue(ctx, true);
  const launch = launchLayout(ctx);
  const sheets = [
    writeSummary(ctx, text, vintage),
    writeInputs(ctx, text),
    // Issue 14: the Market sheet, when the scenario has a market.
    ...(src.input.market === undefined ? [] : [writeMarket(ctx, text, src.input.market)]),
    writeFormulary(ctx, text),
    writeAccess(ctx, text),
    writeProjection(ctx, text),
    ...(launch ? [writeLaunchPlan(ctx, launch, text)] : []),
    writeSensitivity(ctx, text, numbers, caseNet, caseNetLoad),
    writeSources(ctx, text, vintage),
    writeClaims(ctx, text, numbers, caseNet, caseNetLoad),
    writeCohorts(ctx, text, numbers),
  ].map((s) => s.build());
  return {
    sheets,
    names: programNames(ctx),
    title: `${src.input.practiceName}: specialty infusion program`,
    subject: `Board workbook for "${src.input.name}"; ${vintage}`,
    activeSheet: SHEET.summary,
    owner: OWNER_MARKER,
  };
}

/** Thrown when a scenario uses something the board's native formulas do not restate yet. */
export class BoardUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BoardUnsupportedError';
  }
}

/**
 * The board restates the engine in native formulas; a scenario feature those formulas do not state yet is
 * refused by name rather than shown with figures that would differ from the engine's: more than one loading
 * dose of its own per drug (DOMAIN.md 5.3; no catalog regimen has more).
 */
function refuseUnrestated(src: BoardInputs): void {
  src.results.drugs.forEach((d) => {
    const what = `${d.input.label} (${d.input.hcpcs})`;
    if (d.doseKinds.filter((k) => k.loadingPositions.length > 0).length > 1) {
      throw new BoardUnsupportedError(`${what}: the board workbook restates one loading dose of its own per drug, and this regimen has more`);
    }
  });
}

/**
 * The printed board pack: the board workbook with a cover page first and the sheets in reading order
 * (cover/PACK_ORDER), the calculation grid (Cohorts) left out of the print. Returns the plan and the sheets
 * to write hidden, for renderXlsx.
 */
export function buildBoardPackPlan(src: BoardInputs): { plan: BoardPlan; hide: string[] } {
  const plan = buildBoardPlan(src);
  const ctx = new BoardContext(src, sensitivityCases(src));
  const cover = writeCover(ctx, printText(src)).build();
  const ordered = PACK_ORDER.map(([name]) => plan.sheets.find((s) => s.name === name)).filter((s) => s !== undefined);
  const rest = plan.sheets.filter((s) => !PACK_ORDER.some(([name]) => name === s.name));
  return { plan: { ...plan, sheets: [cover, ...ordered, ...rest], activeSheet: COVER_SHEET }, hide: rest.map((s) => s.name) };
}

/** The workbook names of the program inputs (IP_Chairs, ...), all on the Inputs sheet. */
function programNames(ctx: BoardContext): PlanName[] {
  return PROGRAM_KEYS.map((key) => ({
    name: `${NAME_PREFIX}${key}`,
    sheet: SHEET.inputs,
    range: cellAddress(ctx.layout.inputs.programRow[key], 1, true),
    comment: `Infusion Planner: ${key} (Inputs, Program)`,
  }));
}

/**
 * The Inputs sheet alone, with its names: where the task pane keeps the scenario before a board is built.
 * Its cells are those of the full board's Inputs sheet (which reads no other sheet), so building the board
 * later lays the other sheets over the same inputs. `ctx`: the layout, when the caller has it already.
 */
export function buildInputsPlan(src: BoardInputs, ctx: BoardContext = new BoardContext(src, [])): BoardPlan {
  const vintage = dataVintage(src);
  const inputs = writeInputs(ctx, printText(src)).build();
  return {
    sheets: [inputs],
    names: programNames(ctx),
    title: `${src.input.practiceName}: specialty infusion program`,
    subject: `Inputs of "${src.input.name}"; ${vintage}`,
    activeSheet: SHEET.inputs,
    owner: OWNER_MARKER,
  };
}
