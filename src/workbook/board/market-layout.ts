/**
 * Issue 14: the Market sheet's layout, written once: where its blocks start, the words that mark them, and
 * which cells are inputs and the scenario field each holds. The board's writer (market.ts) lays the sheet out
 * from these; the add-in reads the market back from the sheet (src/taskpane/model/board-sheets.ts) through the
 * same description, as inputs-layout.ts does for the Inputs sheet.
 */
import type { DemandAreaId, DemandInput } from '../../engine/demand';
import { DEMAND_AREAS } from '../../engine/demand';
import type { ScenarioMarket } from '../../scenario/types';
import { demandAreaDefault, demandSharesLabel } from '../../data/demand';

/** The sheet's title (cell A1): the add-in recognises the product's Market sheet by it. */
export const MARKET_TITLE = 'Market: where the new patients a month come from';

/** Rows of the service-area block (column B holds the value, column C its note). */
export const MR = { adults: [5, 6, 7], driveTime: 8, travel: 9, hospital: 10, practices: 11, home: 12, totalAdults: 13, sites: 14, fairShare: 15, capture: 16 } as const;
/** The area table: header row, first area row and its columns. */
export const AREA_HEADER = 19;
export const MA = { area: 0, prev: [1, 2, 3], infused: 4, starts: 5, diagnosed: 6, onInfused: 7, areaStarts: 8, newPatients: 9, backlog: 10, wait: 11, backlogCaptured: 12, referrals: 13, label: 14 } as const;
/** The drug table: header row (two rows below the last area) and its columns. */
export const DRUG_HEADER = AREA_HEADER + DEMAND_AREAS.length + 3;
export const MD = { drug: 0, hcpcs: 1, area: 2, share: 3, derived: 4, own: 5, adopt: 6, used: 7, gap: 8 } as const;

/** The first header of the area table and of the drug table (the add-in checks them before reading). */
export const MARKET_AREA_FIRST_HEADER = 'Area';
export const MARKET_DRUG_HEADERS = ['Drug', 'HCPCS', 'Area', 'Share of the area', 'Derived a month', 'Scenario\'s own (Inputs)', 'Use derived (1 = yes, 0 = keep own)', 'Used by the model', 'Gap (used - derived)'] as const;

/** The start of the note beside a service-area input the scenario gives (else it is the product's default). */
export const MARKET_GIVEN_NOTE = 'scenario input';
/** Which of an area's figures the scenario gives (the others are the product's defaults). */
export interface MarketAreaGiven {
  readonly prevalence: boolean;
  readonly infused: boolean;
  readonly starts: boolean;
}

/** The area's label cell: whether its prevalence and its two shares are the scenario's own, or defaults with their sources. */
export function marketAreaLabel(id: DemandAreaId, given: MarketAreaGiven): string {
  return `${given.prevalence ? 'prevalence: scenario input' : 'prevalence: default (public source)'}; ${demandSharesLabel(demandAreaDefault(id), { infused: given.infused, starts: given.starts })}`;
}

/** What the area's label cell says the scenario gives (each combination the writer words), or null for other words. */
export function marketAreaGivenOf(id: DemandAreaId, label: string): MarketAreaGiven | null {
  for (const prevalence of [false, true]) for (const infused of [false, true]) for (const starts of [false, true]) {
    const given = { prevalence, infused, starts };
    if (marketAreaLabel(id, given) === label) return given;
  }
  return null;
}

export const marketAreaRow = (id: DemandAreaId): number => AREA_HEADER + 1 + DEMAND_AREAS.indexOf(id);
export const marketDrugRow = (i: number): number => DRUG_HEADER + 1 + i;

type OptionalServiceField = 'driveTimeMinutes' | 'travelShare' | 'hospitalOutpatient' | 'otherPractices' | 'homeInfusion';

/** The service-area inputs besides the adults by age band: their row, field, label, format and note. */
export const MARKET_SERVICE_INPUTS: readonly { readonly row: number; readonly field: OptionalServiceField; readonly label: string; readonly format: 'int' | 'pct'; readonly note: string }[] = [
  { row: MR.driveTime, field: 'driveTimeMinutes', label: 'Drive time (minutes)', format: 'int', note: 'labels the travel share' },
  { row: MR.travel, field: 'travelShare', label: 'Share of patients now travelling beyond it', format: 'pct', note: 'they are assumed to come to the practice, the near site' },
  { row: MR.hospital, field: 'hospitalOutpatient', label: 'Competing hospital outpatient infusion sites', format: 'int', note: '' },
  { row: MR.practices, field: 'otherPractices', label: 'Competing practices that infuse', format: 'int', note: '' },
  { row: MR.home, field: 'homeInfusion', label: 'Competing home infusion providers', format: 'int', note: '' },
];
/** The adults by age band, in AGE_BANDS order, as the scenario names them. */
export const MARKET_ADULT_FIELDS = ['adults18to49', 'adults50to64', 'adults65plus'] as const satisfies readonly (keyof ScenarioMarket)[];

/** The area inputs beside the prevalence by band: column and field. */
export const MARKET_AREA_INPUTS = [
  { col: MA.infused, field: 'infusedShare', label: 'the share of diagnosed on infused therapy' },
  { col: MA.starts, field: 'startsPerYear', label: 'the new starts and switches a year' },
  { col: MA.backlog, field: 'backlog', label: 'the referral backlog' },
  { col: MA.wait, field: 'waitWeeks', label: 'the wait to first infusion elsewhere' },
] as const;

/** One input cell of the Market sheet and the value the writer puts there ('' for a blank cell: a figure the product has no default for, not given). */
export interface MarketInputCell {
  readonly row: number;
  readonly col: number;
  readonly value: number | '';
}

/**
 * Every input cell of the Market sheet for a resolved market, with its value: the cells the writer lays out as
 * inputs, and the cells the add-in writes when the pane changes the market (the same list: they cannot drift).
 */
export function marketInputCells(market: DemandInput): MarketInputCell[] {
  const out: MarketInputCell[] = [];
  MR.adults.forEach((row, i) => out.push({ row, col: 1, value: market.population[i] ?? 0 }));
  for (const s of MARKET_SERVICE_INPUTS) out.push({ row: s.row, col: 1, value: market[s.field] });
  for (const a of market.areas) {
    const row = marketAreaRow(a.id);
    MA.prev.forEach((col, i) => out.push({ row, col, value: a.prevalence[i] ?? 0 }));
    for (const f of MARKET_AREA_INPUTS) out.push({ row, col: f.col, value: a[f.field] ?? '' });
  }
  market.drugs.forEach((d, i) => {
    out.push({ row: marketDrugRow(i), col: MD.share, value: d.share });
    out.push({ row: marketDrugRow(i), col: MD.adopt, value: d.adopted ? 1 : 0 });
  });
  return out;
}
