/**
 * Issue 14: the board's Market and Launch plan sheets read back into the scenario's market, drug demand
 * claims and launch plan, and the input cells the add-in writes there when the pane changes them. Pure (no
 * Office.js): src/taskpane/excel/market-plan-store.ts reads the sheets' cells with the Inputs sheet and decides
 * what wins. The layouts are the writer's own descriptions (workbook/board/market-layout.ts and
 * launch-layout.ts), so the reader and the writer cannot drift.
 *
 * A value typed on the sheet is read as Excel reads typing it into a cell: a number typed as text ("12",
 * "1,200", "20%", "$5,000") is that number, a status or role in any case or spacing ("done", "in progress") is
 * that word (Excel's comparisons, which the sheet's formulas use, ignore case too). A value that is none of
 * what its cell takes is named with its sheet and cell.
 *
 * A field left to the product's default stays a default when the sheet shows the default there, unless the
 * sheet's note says the scenario gives it ("scenario input") or the scenario kept in the document gives it.
 */
import { AGE_BANDS, DEMAND_AREAS, DEMAND_AREA_NAMES, type DemandInput } from '../../engine/demand';
import { LAUNCH_ROLE_NAMES, LAUNCH_STATUS_NAMES, LAUNCH_TASK_KIND_NAMES, type LaunchRole, type LaunchTask } from '../../engine/launch';
import { DEFAULT_DRIVE_TIME_MINUTES, demandAreaDefault } from '../../data/demand';
import { resolveMarket } from '../../scenario/market';
import type { ScenarioLaunchMember, ScenarioLaunchPlan } from '../../scenario/launch-plan';
import type { Scenario, ScenarioDrugDemand, ScenarioMarket, ScenarioMarketArea } from '../../scenario/types';
import { keyOfWords, wordKey } from '../../workbook/board/inputs-layout';
import { LAUNCH_DRUG_HEADERS, LAUNCH_NOTE_HEADER, LAUNCH_SHEET, LAUNCH_TASK_HEADERS, LAUNCH_TEAM_COL, LAUNCH_TEAM_HEADERS, LAUNCH_TEMPLATE_SUBTITLE, LAUNCH_TITLE_START, LP, LPD, launchRows } from '../../workbook/board/launch-layout';
import { DRUG_HEADER, MA, MARKET_ADULT_FIELDS, MARKET_AREA_FIRST_HEADER, MARKET_AREA_INPUTS, MARKET_DRUG_HEADERS, MARKET_GIVEN_NOTE, MARKET_SERVICE_INPUTS, MARKET_TITLE, MD, MR, AREA_HEADER, marketAreaGivenOf, marketAreaRow, marketDrugRow, marketInputCells } from '../../workbook/board/market-layout';
import { SHEET } from '../../workbook/board/context';
import { cellAddress } from '../../workbook/plan';
import type { Grid } from './inputs-sheet';

/** The market and claims as the document's settings keep them (SETTING_KEYS.market). */
export interface StoredMarket {
  readonly market: ScenarioMarket;
  /** Demand claims by HCPCS code (upper case). */
  readonly claims: Readonly<Record<string, ScenarioDrugDemand>>;
}

/** What of a scenario the settings keep of its market; null without a market. */
export function storedMarketOf(s: Scenario): StoredMarket | null {
  if (s.market === undefined) return null;
  const claims: Record<string, ScenarioDrugDemand> = {};
  for (const d of s.drugs) if (d.demand !== undefined) claims[d.hcpcs.toUpperCase()] = d.demand;
  return { market: s.market, claims };
}

/** A value as Excel reads it when typed into a cell: a number, or text that is a number ("1,200", "20%", "$5"); else null. */
export function excelNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  let t = (v.startsWith("'") ? v.slice(1) : v).trim();
  if (t === '') return null;
  const negative = /^\(.*\)$/.test(t);
  if (negative) t = t.slice(1, -1).trim();
  const percent = t.endsWith('%');
  if (percent) t = t.slice(0, -1).trim();
  t = t.replace(/^([+-]?)\$/, '$1');
  // Thousands separators only between groups of three digits, as Excel takes them.
  if (/,/.test(t) && !/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) return null;
  t = t.replace(/,/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const n = Number(t) * (percent ? 0.01 : 1) * (negative ? -1 : 1);
  return Number.isFinite(n) ? Number(n.toPrecision(15)) : null;
}

const textOf = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? (v.startsWith("'") ? v.slice(1) : v).trim() : String(v));
const shown = (v: unknown): string => (textOf(v) === '' ? 'a blank cell' : `"${textOf(v)}"`);
const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

/** A sheet read: 'foreign' when the workbook's sheet of that name is not laid out as the product's (left alone). */
export type BoardSheetRead<T> = { readonly kind: 'ok'; readonly value: T; readonly where: Readonly<Record<string, string>> } | { readonly kind: 'invalid'; readonly problems: readonly string[] } | { readonly kind: 'foreign' };

class Reader {
  readonly problems: string[] = [];
  /** Scenario path -> the cell it was read from ("Market!B10"), to name a cell the scenario's checks refuse. */
  readonly where: Record<string, string> = {};
  constructor(
    private readonly grid: Grid,
    private readonly sheet: string,
  ) {}
  at(r: number, c: number): unknown {
    return this.grid[r]?.[c] ?? '';
  }
  text(r: number, c: number): string {
    return textOf(this.at(r, c));
  }
  cell(r: number, c: number): string {
    return `${this.sheet} sheet, ${cellAddress(r, c)}`;
  }
  place(path: string, r: number, c: number): void {
    this.where[path] = this.cell(r, c);
  }
  number(r: number, c: number, path: string | null, what: string): number {
    if (path !== null) this.place(path, r, c);
    const n = excelNumber(this.at(r, c));
    if (n === null) this.problems.push(`${this.cell(r, c)}: ${what} must be a number (found ${shown(this.at(r, c))})`);
    return n ?? 0;
  }
  word<K extends string>(words: Readonly<Record<K, string>>, r: number, c: number, what: string, path?: string): K | undefined {
    if (path !== undefined) this.place(path, r, c);
    const key = keyOfWords(words, this.at(r, c));
    if (key === undefined) this.problems.push(`${this.cell(r, c)}: ${what} must be one of ${Object.values<string>(words).join(', ')} (found ${shown(this.at(r, c))})`);
    return key;
  }
}

// Market ---------------------------------------------------------------------------------------------------

export interface MarketSheet extends StoredMarket {
  /** The sheet's drug rows (HCPCS codes, in order): its structure. */
  readonly drugs: readonly string[];
}

/** Whether the grid is the product's Market sheet (its title and tables' headers where the layout puts them). */
function isMarketSheet(r: Reader): boolean {
  return r.text(0, 0) === MARKET_TITLE && r.text(AREA_HEADER, MA.area) === MARKET_AREA_FIRST_HEADER && MARKET_DRUG_HEADERS.every((h, c) => r.text(DRUG_HEADER, c) === h);
}

const SERVICE_DEFAULTS: Readonly<Record<(typeof MARKET_SERVICE_INPUTS)[number]['field'], number>> = { driveTimeMinutes: DEFAULT_DRIVE_TIME_MINUTES, travelShare: 0, hospitalOutpatient: 0, otherPractices: 0, homeInfusion: 0 };

/**
 * The market, claims and drug rows the Market sheet holds (see the file's comment). `basis`: the market kept in
 * the document's settings, for the fields it gives and the claims' areas.
 */
export function readMarketSheet(grid: Grid, basis: StoredMarket | null): BoardSheetRead<MarketSheet> {
  const r = new Reader(grid, SHEET.market);
  if (!isMarketSheet(r)) return { kind: 'foreign' };
  const own = basis?.market;
  const market: Record<string, unknown> = {};
  MARKET_ADULT_FIELDS.forEach((field, i) => (market[field] = r.number(MR.adults[i] as number, 1, `market.${field}`, 'the number of adults')));
  for (const s of MARKET_SERVICE_INPUTS) {
    const v = r.number(s.row, 1, `market.${s.field}`, s.label.toLowerCase());
    if (!same(v, SERVICE_DEFAULTS[s.field]) || r.text(s.row, 2).startsWith(MARKET_GIVEN_NOTE) || own?.[s.field] !== undefined) market[s.field] = v;
  }
  const areas: ScenarioMarketArea[] = [];
  const areaCells: { path: string; row: number; col: number }[][] = [];
  for (const id of DEMAND_AREAS) {
    const row = marketAreaRow(id);
    const d = demandAreaDefault(id);
    const mine = own?.areas?.find((a) => a.area === id);
    // The label says which figures the scenario gives (a figure equal to its default is kept given so).
    const said = marketAreaGivenOf(id, r.text(row, MA.label));
    const name = DEMAND_AREA_NAMES[id];
    const prevalence = MA.prev.map((col, i) => r.number(row, col, null, `${name}: the prevalence, ${AGE_BANDS[i] ?? ''}`)) as [number, number, number];
    // A share the product has no default for (no public figure) is blank until the practice gives one.
    const noDefault = (f: (typeof MARKET_AREA_INPUTS)[number]): boolean => (f.field === 'infusedShare' || f.field === 'startsPerYear') && d[f.field] === null && textOf(r.at(row, f.col)) === '';
    const [infusedShare, startsPerYear, backlog, waitWeeks] = MARKET_AREA_INPUTS.map((f) => (noDefault(f) ? null : r.number(row, f.col, null, `${name}: ${f.label}`))) as [number | null, number | null, number, number];
    const entry: Record<string, unknown> = {};
    if (prevalence.some((p, i) => !same(p, d.prevalence[i] as number)) || said?.prevalence === true || mine?.prevalence !== undefined) entry.prevalence = prevalence;
    const differs = (v: number, dv: number | null): boolean => dv === null || !same(v, dv);
    if (infusedShare !== null && (differs(infusedShare, d.infusedShare) || said?.infused === true || mine?.infusedShare !== undefined)) entry.infusedShare = infusedShare;
    if (startsPerYear !== null && (differs(startsPerYear, d.startsPerYear) || said?.starts === true || mine?.startsPerYear !== undefined)) entry.startsPerYear = startsPerYear;
    if (backlog !== 0 || mine?.backlog !== undefined) entry.backlog = backlog;
    if (waitWeeks !== 0 || mine?.waitWeeks !== undefined) entry.waitWeeks = waitWeeks;
    if (Object.keys(entry).length === 0) continue;
    areaCells.push([...MA.prev.map((col) => ({ path: 'prevalence', row, col })), ...MARKET_AREA_INPUTS.map((f) => ({ path: f.field, row, col: f.col }))]);
    areas.push({ area: id, ...entry });
  }
  areaCells.forEach((cells, k) => {
    r.place(`market.areas[${k}]`, cells[0]?.row ?? 0, MA.area);
    // The first cell of a field (the prevalence's first band) names it.
    for (const c of cells) if (r.where[`market.areas[${k}].${c.path}`] === undefined) r.place(`market.areas[${k}].${c.path}`, c.row, c.col);
  });
  if (areas.length > 0) market.areas = areas;

  const drugs: string[] = [];
  const claims: Record<string, ScenarioDrugDemand> = {};
  for (let i = 0; r.text(marketDrugRow(i), MD.hcpcs) !== '' && i < 1000; i++) {
    const row = marketDrugRow(i);
    const hcpcs = r.text(row, MD.hcpcs).toUpperCase();
    drugs.push(hcpcs);
    const before = basis?.claims[hcpcs];
    const area = keyOfWords(DEMAND_AREA_NAMES, r.at(row, MD.area)) ?? before?.area;
    if (area === undefined) r.problems.push(`${r.cell(row, MD.area)}: the area must be one of ${Object.values(DEMAND_AREA_NAMES).join(', ')} (found ${shown(r.at(row, MD.area))})`);
    const share = r.number(row, MD.share, `claim:${hcpcs}.share`, `the share of ${hcpcs}`);
    r.place(`claim:${hcpcs}.adopt`, row, MD.adopt);
    const adopt = excelNumber(r.at(row, MD.adopt));
    if (adopt !== 0 && adopt !== 1) r.problems.push(`${r.cell(row, MD.adopt)}: "use derived" must be 1 (use the derived figure) or 0 (keep your own) (found ${shown(r.at(row, MD.adopt))})`);
    if (area !== undefined) claims[hcpcs] = { area, share, ...(adopt === 1 ? { adopt: true } : before?.adopt === false ? { adopt: false } : {}) };
  }
  if (r.problems.length > 0) return { kind: 'invalid', problems: r.problems };
  return { kind: 'ok', value: { market: market as unknown as ScenarioMarket, claims, drugs }, where: r.where };
}

/** The scenario's market resolved as the Market sheet shows it, its drug rows in `order` (the sheet's). */
export function marketShown(scenario: Scenario, order: readonly string[]): DemandInput | null {
  const lines = scenario.drugs.map((d) => ({ hcpcs: d.hcpcs.toUpperCase(), label: '' }));
  const input = resolveMarket(scenario, lines);
  if (input === undefined) return null;
  const drugs = order.map((h) => input.drugs.find((d) => d.hcpcs === h));
  if (drugs.length !== input.drugs.length || drugs.some((d) => d === undefined)) return null;
  return { ...input, drugs: drugs as DemandInput['drugs'] };
}

/** The Market sheet's input cells for a scenario whose claims are the sheet's rows (`order`); null when they are not. */
export function marketCells(scenario: Scenario, order: readonly string[]): { row: number; col: number; value: string | number }[] | null {
  const input = marketShown(scenario, order);
  return input === null ? null : marketInputCells(input);
}

// Launch plan ----------------------------------------------------------------------------------------------

export interface LaunchSheet {
  readonly plan: ScenarioLaunchPlan;
  /** The sheet's structure: the members' roles and the tasks' names, kinds and owners, in order. */
  readonly structure: string;
}

/** A plan's structure, as the sheet lays it out: two plans of one structure have the same rows. */
export function launchStructure(plan: Pick<ScenarioLaunchPlan, 'team' | 'tasks'>): string {
  return JSON.stringify({ team: plan.team.map((m) => m.role), tasks: plan.tasks.map((t) => [t.name, t.kind, t.owner]) });
}

function isLaunchSheet(r: Reader): boolean {
  const team = launchRows(0, 0).teamHeader;
  return r.text(0, 0).startsWith(LAUNCH_TITLE_START) && LAUNCH_TEAM_HEADERS.every((h, i) => r.text(team, LAUNCH_TEAM_COL.role + i) === h);
}

/**
 * The launch plan the Launch plan sheet holds. The sheet shows no drug or payer ids, only names: a task of
 * `basis` (the plan kept in the document) at the same place with the same name, kind and owner gives its drug,
 * payer and note; otherwise "Unblocks" is matched with the sheet's own drug table (HCPCS and product) and the
 * scenario's payer names. `months`: the planning months the Inputs sheet shows. `template`: the plan the
 * sheet was laid out from when `basis` is null (the default template for the scenario).
 */
export function readLaunchSheet(grid: Grid, scenario: Scenario, months: number, basis: ScenarioLaunchPlan | null, template: () => ScenarioLaunchPlan): BoardSheetRead<LaunchSheet> {
  const r = new Reader(grid, LAUNCH_SHEET);
  if (!isLaunchSheet(r)) return { kind: 'foreign' };
  const teamHeader = launchRows(0, 0).teamHeader;
  const team: ScenarioLaunchMember[] = [];
  for (let row = teamHeader + 1; r.text(row, LAUNCH_TEAM_COL.role) !== '' && team.length < 100; row++) {
    const i = team.length;
    const role = r.word(LAUNCH_ROLE_NAMES, row, LAUNCH_TEAM_COL.role, 'a role of the task force', `launchPlan.team[${i}].role`);
    r.place(`launchPlan.team[${i}].name`, row, LAUNCH_TEAM_COL.name);
    const name = r.text(row, LAUNCH_TEAM_COL.name);
    team.push({ role: role ?? 'finance', ...(name === '' ? {} : { name }) });
  }
  const { taskHeader } = launchRows(team.length, 0);
  const missing = LAUNCH_TASK_HEADERS.findIndex((h, c) => r.text(taskHeader, c) !== h);
  if (missing >= 0) return { kind: 'invalid', problems: [`${r.cell(taskHeader, missing)}: the task table's "${LAUNCH_TASK_HEADERS[missing]}" header must be here (rows of the task force were added or removed; change the plan in the pane and build the board again)`] };
  let K = 0;
  while (K < 1000 && r.text(taskHeader + 1 + K, LP.name) !== '' && excelNumber(r.at(taskHeader + 1 + K, LP.num)) !== null) K++;
  const rows = launchRows(team.length, K);
  // Drug labels -> codes, from the sheet's own "Drugs and the tasks they wait on" table.
  const labels = new Map<string, string>();
  if (LAUNCH_DRUG_HEADERS.every((h, c) => r.text(rows.drugHeader, c) === h)) {
    for (let row = rows.drugHeader + 1; r.text(row, LPD.hcpcs) !== '' && row < rows.drugHeader + 1000; row++) labels.set(r.text(row, LPD.product), r.text(row, LPD.hcpcs).toUpperCase());
  }
  let noteCol = -1;
  for (let c = LP.grid0; c < LP.grid0 + 1000 && noteCol < 0; c++) if (r.text(taskHeader, c) === LAUNCH_NOTE_HEADER) noteCol = c;
  const payerOf = (name: string): string | undefined => scenario.payers.find((p) => p.name === name)?.id.toUpperCase();

  const named: { name: string; kind: LaunchTask['kind']; owner: LaunchRole }[] = [];
  for (let i = 0; i < K; i++) {
    const row = taskHeader + 1 + i;
    const kind = r.word(LAUNCH_TASK_KIND_NAMES, row, LP.kind, 'a task\'s kind', `launchPlan.tasks[${i}].kind`);
    const owner = r.word(LAUNCH_ROLE_NAMES, row, LP.owner, 'a task\'s owner', `launchPlan.tasks[${i}].owner`);
    named.push({ name: r.text(row, LP.name), kind: kind ?? 'other', owner: owner ?? 'finance' });
  }
  const structure = launchStructure({ team, tasks: named.map((t) => ({ ...t, startMonth: 0, endMonth: 0, cost: 0, status: 'not_started' })) });
  const fits = basis !== null && launchStructure(basis) === structure;
  const tasks: LaunchTask[] = named.map((t, i) => {
    const row = taskHeader + 1 + i;
    const path = `launchPlan.tasks[${i}]`;
    const startMonth = r.number(row, LP.start, `${path}.startMonth`, 'a task\'s start month');
    const endMonth = r.number(row, LP.end, `${path}.endMonth`, 'a task\'s end month');
    const cost = r.number(row, LP.cost, `${path}.cost`, 'a task\'s cost');
    const status = r.word(LAUNCH_STATUS_NAMES, row, LP.status, 'a task\'s status', `${path}.status`) ?? 'not_started';
    const was = fits ? basis.tasks[i] : undefined;
    const unblocks = r.text(row, LP.unblocks);
    const drug = was !== undefined ? was.drug : unblocks === '' ? undefined : labels.get(unblocks);
    const payer = was !== undefined ? was.payer : drug === undefined && unblocks !== '' ? payerOf(unblocks) : undefined;
    const note = was !== undefined ? was.note : noteCol < 0 ? '' : r.text(row, noteCol);
    return { ...t, startMonth, endMonth, cost, status, ...(drug === undefined ? {} : { drug }), ...(payer === undefined ? {} : { payer }), ...(note === undefined || note === '' ? {} : { note }) };
  });
  if (r.problems.length > 0) return { kind: 'invalid', problems: r.problems };
  // Still the template while the sheet says so and its tasks are the template's (an edit makes the plan the practice's own, as in the pane).
  const from = fits ? basis : template();
  const values = (ts: readonly LaunchTask[]): string => JSON.stringify(ts.map((t) => [t.startMonth, t.endMonth, t.cost, t.status]));
  const isTemplate = r.text(1, 0) === LAUNCH_TEMPLATE_SUBTITLE && (fits ? basis.template === true : true) && values(from.tasks) === values(tasks);
  const plan: ScenarioLaunchPlan = { months, team, tasks, ...(isTemplate ? { template: true } : {}) };
  return { kind: 'ok', value: { plan, structure }, where: r.where };
}

/** Whether a cell holds what `value` means (a number typed as text, a status in another case). */
export function sameMeaning(cell: unknown, value: string | number): boolean {
  if (typeof value === 'number') {
    const n = excelNumber(cell);
    return n !== null && same(n, value);
  }
  return wordKey(textOf(cell)) === wordKey(value) && (textOf(cell) === '') === (value === '');
}
