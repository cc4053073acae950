/**
 * The cover page of the printed board pack (`infusion-planner board --pdf`): practice, scenario, the data
 * vintage (the CMS quarter of the prices and the fee schedule year), the date the pack was built, and the
 * pages that follow in their order. It is a sheet of the pack's workbook only: the .xlsx has no cover.
 */
import { SheetBuilder } from '../sheet-builder';
import { type BoardContext, SHEET } from './context';
import { type PrintText, printSetup } from './print';
import { stalenessLine } from './staleness';
import { LAUNCH_SHEET } from './launch';

export const COVER_SHEET = 'Cover';

/** The pack's pages after the cover, in print order, with what a board member finds there. */
export const PACK_ORDER: readonly (readonly [string, string])[] = [
  [SHEET.summary, 'the program at a glance: conclusion, key figures, years, each drug'],
  [SHEET.formulary, 'each drug per administration, by payer, and the chart of margins'],
  [SHEET.projection, 'month by month: volume, cash, capacity; cumulative cash and chair hours charts'],
  // Issue 14: only in a pack whose scenario has a launch plan.
  [LAUNCH_SHEET, 'the task force\'s plan month by month: tasks, owners, statuses, startup costs, the drugs held back'],
  [SHEET.sensitivity, 'what moves the value: each driver low and high, the tornado, named scenarios'],
  [SHEET.inputs, 'every input, labelled scenario input, default or rule'],
  // Issue 14: only in a board whose scenario has a market.
  [SHEET.market, 'where the new patients a month come from: service area, areas, each drug beside its own figure'],
  [SHEET.sources, 'where each rule and default comes from'],
  [SHEET.claims, 'appendix: each drug\'s claim for each payer, line by line'],
];

export function writeCover(ctx: BoardContext, text: PrintText): SheetBuilder {
  const { input, results, book } = ctx.src;
  const s = new SheetBuilder(COVER_SHEET, 'board', printSetup(text, { fitToHeight: true, area: 'A1:C30' }));
  s.tabColor = '#1F3864';
  const q = book.quarterTable(results.quarter).quarter;
  s.value(2, 0, 'Board pack', 'subtitle');
  s.value(3, 0, `${input.practiceName}`, 'title');
  s.value(4, 0, 'Specialty infusion program', 'section');
  const facts: [string, string][] = [
    ['Practice', input.practiceName],
    ['Scenario', input.name],
    ['Prices', `CMS Medicare Part B payment limits ${q.quarter} (${q.effective})`],
    ['Administration fees', `CMS physician fee schedule CY${results.feeScheduleYear}, national non-facility amounts`],
    ['Built', text.date],
  ];
  let r = 6;
  for (const [label, value] of facts) {
    s.value(r, 0, label, 'kpiLabel');
    s.value(r, 1, value, 'text');
    r++;
  }
  const stale = stalenessLine(q.quarter, ctx.src.generatedAt);
  s.value(r, 1, stale.text, stale.stale ? 'warningWrap' : 'note');
  r += 2;
  s.value(r, 0, 'In this pack', 'section');
  r++;
  for (const [sheet, what] of PACK_ORDER) {
    if (sheet === LAUNCH_SHEET && ctx.src.input.launchPlan === undefined) continue;
    if (sheet === SHEET.market && ctx.src.input.market === undefined) continue;
    s.value(r, 0, sheet, 'kpiLabel');
    s.value(r, 1, what, 'text');
    r++;
  }
  r++;
  s.value(r, 0, 'Every figure is a live formula of the accompanying workbook; a figure is a reading of the inputs, not a recommendation.', 'note');
  s.widths(0, [28, 110, 4]);
  return s;
}
