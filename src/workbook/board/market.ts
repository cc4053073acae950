/**
 * Issue 14, the Market sheet: where "new patients per month" comes from (engine/demand.ts restated as live
 * formulas). The service area and competitors are inputs on this sheet; per therapeutic area, prevalence by
 * age band, the share on infused therapy and the yearly starts (defaults labelled, with their sources on the
 * Sources sheet) give the expected new patients a month; per drug, the share the user sets gives the derived
 * figure beside the scenario's own (from Inputs), and a 1/0 cell says which the model uses: Cohorts reads a
 * claimed drug's new patients from this sheet's "used" column, so adopting the derived figure here flows
 * through Cohorts and Projection. Written only when the scenario has a market. Where each block and input cell
 * is: market-layout.ts, shared with the add-in's reader of the sheet.
 * Where the product has no public figure for an area's share on infused therapy or yearly starts (and the
 * scenario gives none) the input cell is blank, labelled so: the area's results show blank until the practice
 * types its figures, and a drug claiming a share of it uses its own figure (no derived one, no gap) even when
 * its "use derived" cell is 1. Typing the two figures makes the sheet compute, live.
 */
import { AGE_BANDS, type DemandInput, type DemandResult, demand } from '../../engine/demand';
import { cellAddress } from '../plan';
import { SheetBuilder } from '../sheet-builder';
import { type BoardContext, IN_VOL, SHEET } from './context';
import { type PrintText, printSetup } from './print';
import { AREA_HEADER, DRUG_HEADER, MA, MARKET_AREA_FIRST_HEADER, MARKET_DRUG_HEADERS, MARKET_GIVEN_NOTE, MARKET_SERVICE_INPUTS, MARKET_TITLE, MD, MR, marketAreaLabel, marketAreaRow, marketDrugRow } from './market-layout';

const B = (row: number): string => cellAddress(row, 1);

/** The Market sheet's row of a drug that claims a share of an area, or undefined. */
function drugRow(market: DemandInput, hcpcs: string): number | undefined {
  const i = market.drugs.findIndex((d) => d.hcpcs === hcpcs);
  return i < 0 ? undefined : marketDrugRow(i);
}

/**
 * Where Cohorts reads the new patients a month of the drug at display position `pos`: the Market sheet's
 * "used" cell for a drug claiming a share of an area, else its Inputs cell.
 */
export function newPatientsRef(ctx: BoardContext, pos: number): string {
  const market = ctx.src.input.market;
  const line = ctx.src.input.drugs[ctx.drug(pos)];
  const row = market === undefined || line === undefined ? undefined : drugRow(market, line.hcpcs);
  return row === undefined ? ctx.ref(SHEET.inputs, ctx.inputVolumeRow(pos), IN_VOL.newPatients) : ctx.ref(SHEET.market, row, MD.used);
}

/**
 * The figure the Inputs sheet shows as a drug's new patients a month: the scenario's own, also when the drug
 * adopts the derived figure (the model then reads the Market sheet; the own figure is kept for going back).
 */
export function ownNewPatients(ctx: BoardContext, drugIndex: number): number {
  const line = ctx.src.input.drugs[drugIndex];
  if (line === undefined) return 0;
  return ctx.src.input.market?.drugs.find((d) => d.hcpcs === line.hcpcs)?.scenarioNewPatients ?? line.newPatientsPerMonth;
}

export function writeMarket(ctx: BoardContext, text: PrintText, market: DemandInput): SheetBuilder {
  const r: DemandResult = demand(market);
  const own = ctx.src.scenario?.market;
  const s = new SheetBuilder(SHEET.market, 'board', printSetup(text, { fitToHeight: true }));
  s.tabColor = '#548235';
  s.value(0, 0, MARKET_TITLE, 'title');
  s.value(1, 0, 'Service area x prevalence x share on infused therapy x yearly starts / 12 x the practice\'s capture share, per therapeutic area; then each drug\'s share of its area, beside the figure the scenario uses.', 'subtitle');
  s.value(2, 0, `Blue cells are inputs (cream: the product's default; change it). Sources of the defaults: each area's Label column here, in full on the Sources and assumptions sheet (public sources; where none was found the cell is blank: enter the practice's own, and the area shows blank until then). Set "use derived" to 1 to run the model on the derived figure, 0 to keep your own.`, 'note');

  // Service area ------------------------------------------------------------------------------------------
  s.value(4, 0, 'Service area and competition', 'section');
  const given = (v: number | undefined): 'input' | 'inputDefault' => (v === undefined ? 'inputDefault' : 'input');
  AGE_BANDS.forEach((band, i) => {
    s.value(MR.adults[i] as number, 0, `Adults aged ${band}`, 'label');
    s.value(MR.adults[i] as number, 1, market.population[i] as number, 'input', 'int');
  });
  s.value(MR.adults[0], 2, 'scenario input (e.g. the Census Bureau\'s county population tables by age)', 'note');
  const inputRow = (row: number, label: string, value: number, style: 'input' | 'inputDefault', format: 'int' | 'pct', note: string): void => {
    s.value(row, 0, label, 'label');
    s.value(row, 1, value, style, format);
    s.value(row, 2, style === 'input' ? `${MARKET_GIVEN_NOTE}${note ? `; ${note}` : ''}` : `default: assumption${note ? `; ${note}` : ''}`, 'note');
  };
  for (const f of MARKET_SERVICE_INPUTS) inputRow(f.row, f.label, market[f.field], given(own?.[f.field]), f.format, f.note);
  s.value(MR.totalAdults, 0, 'Adults in the service area', 'label');
  s.formula(MR.totalAdults, 1, `SUM(${B(MR.adults[0])}:${B(MR.adults[2])})`, r.adults, 'formula', 'int');
  s.value(MR.sites, 0, 'Competing sites', 'label');
  s.formula(MR.sites, 1, `SUM(${B(MR.hospital)}:${B(MR.home)})`, r.competingSites, 'formula', 'int');
  s.value(MR.fairShare, 0, 'Fair share of the patients within the drive time', 'label');
  s.formula(MR.fairShare, 1, `1/(1+${B(MR.sites)})`, r.fairShare, 'formula', 'pct');
  s.value(MR.fairShare, 2, 'split evenly between the practice and the competing sites: an assumption', 'note');
  s.value(MR.capture, 0, 'Capture share', 'kpiLabel');
  s.formula(MR.capture, 1, `${B(MR.travel)}+(1-${B(MR.travel)})*${B(MR.fairShare)}`, r.capture, 'formulaBold', 'pct');
  s.value(MR.capture, 2, 'travelling share + the rest x fair share', 'note');
  const capture = B(MR.capture);

  // By therapeutic area -----------------------------------------------------------------------------------
  s.value(AREA_HEADER - 1, 0, 'By therapeutic area (prevalence by age band; starts and switches onto an infused therapy)', 'section');
  s.values(
    AREA_HEADER,
    0,
    [
      MARKET_AREA_FIRST_HEADER,
      ...AGE_BANDS.map((b) => `Prevalence ${b}`),
      'Share of diagnosed on infused therapy',
      'New starts and switches a year (share of those on one)',
      'Diagnosed in the area',
      'On infused therapy',
      'Starts a month in the area',
      'New patients a month at the practice',
      'Referral backlog (patients waiting elsewhere)',
      'Wait to first infusion elsewhere (weeks)',
      'Backlog captured (once)',
      'Referrals a month the backlog implies',
      'Label',
    ],
    'header',
  );
  market.areas.forEach((a) => {
    const row = marketAreaRow(a.id);
    const res = r.areas.find((x) => x.id === a.id);
    const mine = own?.areas?.find((x) => x.area === a.id);
    const c = (col: number): string => cellAddress(row, col, false);
    s.value(row, MA.area, res?.name ?? a.id, 'label');
    a.prevalence.forEach((p, i) => s.value(row, MA.prev[i] as number, p, given(mine?.prevalence?.[i]), 'pct3'));
    // A figure with no public source and none given: a blank input cell (the Label column says to enter one).
    s.value(row, MA.infused, a.infusedShare, a.infusedShare === null ? 'input' : given(mine?.infusedShare), 'pct');
    s.value(row, MA.starts, a.startsPerYear, a.startsPerYear === null ? 'input' : given(mine?.startsPerYear), 'pct');
    s.formula(row, MA.diagnosed, AGE_BANDS.map((_, i) => `${B(MR.adults[i] as number)}*${c(MA.prev[i] as number)}`).join('+'), res?.diagnosed ?? 0, 'formula', 'count1');
    // Blank while either figure is blank (the area is not estimated), as the engine's null.
    s.formula(row, MA.onInfused, `IF(OR(${c(MA.infused)}="",${c(MA.starts)}=""),"",${c(MA.diagnosed)}*${c(MA.infused)})`, res?.onInfused ?? '', 'formula', 'count1');
    s.formula(row, MA.areaStarts, `IF(${c(MA.onInfused)}="","",${c(MA.onInfused)}*${c(MA.starts)}/12)`, res?.marketStartsPerMonth ?? '', 'formula', 'count2');
    s.formula(row, MA.newPatients, `IF(${c(MA.areaStarts)}="","",${c(MA.areaStarts)}*${capture})`, res?.newPatientsPerMonth ?? '', 'formulaBold', 'count2');
    s.value(row, MA.backlog, a.backlog, given(mine?.backlog), 'count1');
    s.value(row, MA.wait, a.waitWeeks, given(mine?.waitWeeks), 'count1');
    s.formula(row, MA.backlogCaptured, `${c(MA.backlog)}*${capture}`, res?.backlogCaptured ?? 0, 'formula', 'count1');
    // Little's law: waiting = arrivals x wait, so arrivals a month = backlog / (wait in weeks x 12 / 52).
    s.formula(row, MA.referrals, `IF(OR(${c(MA.backlog)}=0,${c(MA.wait)}=0),"",${c(MA.backlog)}/(${c(MA.wait)}*12/52))`, res?.referralsPerMonth ?? '', 'formula', 'count2');
    const prevalenceGiven = mine?.prevalence !== undefined;
    s.value(row, MA.label, marketAreaLabel(a.id, { prevalence: prevalenceGiven, infused: mine?.infusedShare !== undefined, starts: mine?.startsPerYear !== undefined }), 'note');
  });

  // Per drug ----------------------------------------------------------------------------------------------
  s.value(DRUG_HEADER - 1, 0, 'New patients a month per drug: the derived figure beside the scenario\'s own', 'section');
  s.values(DRUG_HEADER, 0, [...MARKET_DRUG_HEADERS], 'header');
  if (market.drugs.length === 0) s.value(DRUG_HEADER + 1, 0, 'No drug claims a share of an area yet: set one in the add-in (Demand view) or the scenario file (drugs[].demand).', 'note');
  market.drugs.forEach((d, i) => {
    const row = marketDrugRow(i);
    const res = r.drugs[i];
    const pos = ctx.order.findIndex((di) => ctx.src.input.drugs[di]?.hcpcs === d.hcpcs);
    const c = (col: number): string => cellAddress(row, col, false);
    s.value(row, MD.drug, d.label, 'label');
    s.value(row, MD.hcpcs, d.hcpcs, 'text');
    s.value(row, MD.area, r.areas.find((a) => a.id === d.area)?.name ?? d.area, 'text');
    s.value(row, MD.share, d.share, 'input', 'pct');
    const areaNew = cellAddress(marketAreaRow(d.area), MA.newPatients);
    s.formula(row, MD.derived, `IF(${areaNew}="","",${areaNew}*${c(MD.share)})`, res?.derived ?? '', 'formula', 'count2');
    if (pos >= 0) s.formula(row, MD.own, ctx.ref(SHEET.inputs, ctx.inputVolumeRow(pos), IN_VOL.newPatients), d.scenarioNewPatients, 'formula', 'count2');
    else s.value(row, MD.own, d.scenarioNewPatients, 'text', 'count2');
    s.value(row, MD.adopt, d.adopted ? 1 : 0, 'input', 'int');
    // No derived figure (the area not estimated): the scenario's own, whatever the adopt cell says; no gap.
    s.formula(row, MD.used, `IF(AND(${c(MD.adopt)}=1,${c(MD.derived)}<>""),${c(MD.derived)},${c(MD.own)})`, res?.used ?? 0, 'formulaBold', 'count2');
    s.formula(row, MD.gap, `IF(${c(MD.derived)}="","",${c(MD.used)}-${c(MD.derived)})`, res?.gap ?? '', 'formula', 'count2');
  });
  s.widths(0, [44, 12, 12, 12, 14, 16, 14, 14, 14, 16, 16, 14, 14, 14, 52]);
  s.freeze = { rows: 0, columns: 1 };
  return s;
}
