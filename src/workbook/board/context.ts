/**
 * What every sheet writer of the board workbook shares: the engine's input and results, the display order
 * of the drugs, and the layout of every sheet (which row and column holds what), computed before any cell
 * is written so that sheets can refer to each other.
 */
import type { ReferenceBook } from '../../engine/book';
import type { ModelResults } from '../../engine/model';
import type { NamedScenario, SensitivityRow } from '../../engine/sensitivity';
import type { ModelInput } from '../../engine/types';
import type { AppliedDefault } from '../../scenario/resolve';
import type { Scenario } from '../../scenario/types';
import { cellAddress, rangeAddress, sheetPrefix } from '../plan';
import { type InputsRows, type ProgramKey, IN_PAY, IN_VOL, inputsRows } from './inputs-layout';

export const SHEET = {
  summary: 'Summary',
  inputs: 'Inputs',
  formulary: 'Formulary economics',
  access: 'Patient access',
  projection: 'Projection',
  sensitivity: 'Sensitivity',
  sources: 'Sources and assumptions',
  claims: 'Claim detail',
  cohorts: 'Cohorts',
  /** Issue 14: written only when the scenario has a market (board/market.ts). */
  market: 'Market',
} as const;

/** Workbook-level names all start with this prefix, so they never collide with a user's own names. */
export const NAME_PREFIX = 'IP_';

export interface BoardInputs {
  readonly book: ReferenceBook;
  readonly input: ModelInput;
  readonly results: ModelResults;
  readonly sensitivity: readonly SensitivityRow[];
  readonly named: readonly { readonly scenario: NamedScenario; readonly results: ModelResults }[];
  /** Which scenario fields were left to their defaults (scenarioDefaultsApplied); null when unknown. */
  readonly applied: readonly AppliedDefault[] | null;
  /** When the workbook is built (footer). */
  readonly generatedAt: Date;
  /**
   * The scenario the input was resolved from, when known: the Inputs sheet then also states what only the
   * scenario says (the scenario-wide patient weight, which drugs take it, each custom payer's starting
   * profile), so that the add-in can read the scenario back from the sheet.
   */
  readonly scenario: Scenario | null;
}

// The Inputs sheet's layout (inputs-layout.ts): its start, its program rows and its columns.
export { INPUTS_FIXED_COL, INPUTS_PROGRAM_HEADER, IN_FORM, IN_PAY, IN_VOL, PROGRAM_KEYS, type ProgramKey } from './inputs-layout';

/**
 * The board's criteria for the program, each a threshold on the Inputs sheet beside the Program table (column
 * CRITERIA_COL: label, threshold, unit, note). Defaults, judgement calls the board changes: NPV above $0,
 * payback within the horizon, no month over chair capacity, every drug's net cost recovery on the mix above
 * 100% (the "underwater" line, DOMAIN.md 2.7).
 */
export const CRITERIA_COL = 11;
export const CRITERIA = [
  { id: 'npv', label: 'Net present value above', unit: '$', value: 0, format: 'money0' },
  { id: 'payback', label: 'Payback within', unit: 'operating months', value: 0, format: 'int' },
  { id: 'capacity', label: 'Months over chair capacity, at most', unit: 'months', value: 0, format: 'int' },
  { id: 'recovery', label: 'Every drug\'s net cost recovery on the mix above', unit: 'of drug cost', value: 1, format: 'pct' },
] as const;

/** A case of the sensitivity analysis: the base case, each driver low and high, the named scenarios. */
export interface SensitivityCase {
  readonly id: string;
  readonly label: string;
  readonly driver: string;
  readonly what: string;
  readonly paymentLimitFactor: number;
  readonly acquisitionFactor: number;
  readonly volumeFactor: number;
  readonly denialAdd: number;
  /** Points of weight moved: negative = from the best-paying to the lowest-paying payer, positive = back. */
  readonly mixShift: number;
  /** The engine's figures for the case. */
  readonly npv: import('../../engine/decimal').Dec;
  readonly totalNet: import('../../engine/decimal').Dec;
}

/** Fixed row and column positions of every sheet (0-based). */
export interface Layout {
  readonly inputs: InputsRows;
  readonly claims: { readonly header: number; readonly loadHeader: number };
  readonly formulary: { readonly header: number; readonly byPayerHeaders: readonly [number, number, number, number]; readonly loadNetHeader: number };
  readonly cohorts: {
    readonly regimenHeader: number;
    /** Header rows of the month grids (drug rows follow each). */
    readonly grid: Readonly<Record<CohortGrid, number>>;
    readonly timingHeader: number;
    readonly cashHeader: number;
  };
  readonly projection: { readonly header: number };
  readonly sensitivity: {
    readonly casesHeader: number;
    readonly tornadoHeader: number;
    readonly namedHeader: number;
    readonly checkRow: number;
    readonly rankingHeader: number;
    readonly weightsHeader: number;
    readonly fixedRow: number;
    readonly detail: Readonly<Record<'paShare' | 'paDenied' | 'npvTerm' | 'netTerm', number>>;
  };
}

export const COHORT_GRIDS = ['referred', 'newPatients', 'kernelPa', 'kernelNoPa', 'adminsPa', 'adminsNoPa', 'administrations', 'onTherapy', 'active', 'kernelLoadPa', 'kernelLoadNoPa', 'adminsLoadPa', 'adminsLoadNoPa', 'adminsLoad'] as const;
export type CohortGrid = (typeof COHORT_GRIDS)[number];

// Column positions that other sheets refer to.
export const IN_PRICE = { hcpcs: 0, description: 1, unitText: 2, unitAmount: 3, paymentLimit: 4, coinsurance: 5, notes: 6, reference: 7, addOn: 8, asp: 9, source: 10 } as const;
export const IN_FEE = { code: 0, description: 1, rvu: 2, amount: 3, source: 4 } as const;
export const CD = {
  hcpcs: 0, product: 1, payer: 2, weight: 3, paRequired: 4, paDenial: 5, rate: 6, units: 7, jwUnits: 8, drugLine: 9, jwLine: 10,
  allowedDrug: 11, adminLine1: 12, adminLine2: 13, allowedAdmin: 14, allowed: 15, drugCoins: 16, adminCoins: 17, share: 18,
  paid: 19, collected: 20, netDrug: 21, netAdmin: 22, net: 23, drugCost: 24, margin: 25, recovery: 26, underwater: 27,
  drugKept: 28, adminKept: 29, cmsPriced: 30, pvPa: 31, pvNoPa: 32, bought: 33, whiteBagged: 34, handling: 35, caseNet: 36,
} as const;
export const FE = {
  product: 0, hcpcs: 1, biosimilarOf: 2, dose: 3, unit: 4, units: 5, jw: 6, vials: 7, codes: 8, acquisition: 9, drugCost: 10,
  allowed: 11, net: 12, margin: 13, recovery: 14, chairHours: 15, marginPerHour: 16, underwater: 17, code1: 19, code2: 20, extraHours: 21,
  boughtCost: 22, handling: 23,
  // DOMAIN.md 5.3: the drug's loading dose, priced at its own dose and time (the maintenance dose's figures when it has none).
  lDose: 24, lUnits: 25, lJw: 26, lVials: 27, lCode1: 28, lCode2: 29, lExtraHours: 30, lBoughtCost: 31, lDrugCost: 32, lHandling: 33, lNet: 34, lMargin: 35, lChairHours: 36,
  /** 1 when the acquisition price is the ASP default (DOMAIN.md 5.6). */
  aspDefault: 37,
} as const;
export const CO = {
  hcpcs: 0, product: 1, nLoad: 2, lastLoad: 3, interval: 4, maxMaint: 5, lastMaint: 6, lastDay: 7, finite: 8, lastMonthPa: 9,
  lastMonthNoPa: 10, paShare: 11, paDenied: 12, discontinuation: 13, costPvPa: 14, costPvNoPa: 15, totalPa: 16, totalNoPa: 17,
  referredPv: 18, referredTotal: 19, offsetPa: 20, offsetNoPa: 21, step: 22, loading: 23,
  /** First month column of the month grids. */
  month0: 2,
} as const;
export const PJ = {
  month: 0, operating: 1, phase: 2, newPatients: 3, active: 4, administrations: 5, revenue: 6, drugCost: 7, margin: 8, fixed: 9,
  priorAuth: 10, startup: 11, net: 12, cashIn: 13, drugPaid: 14, cashFlow: 15, cumulative: 16, workingCapital: 17, chairHours: 18,
  capacity: 19, utilization: 20, overCapacity: 21, nurses: 22, discount: 23, pv: 24, breakEven: 25, staysPositive: 26, payback: 27,
  /** Cumulative cash in the break-even month, 0 in every other (the chart's bar marking the month). */
  breakEvenMark: 28,
  /** Drug inventory on hand at the month's end (engine inventory.ts). */
  inventory: 29,
} as const;
export const SE = { case: 0, driver: 1, what: 2, pl: 3, acq: 4, volume: 5, denial: 6, mix: 7, npv: 8, totalNet: 9, vsBase: 10 } as const;

/** Everything the sheet writers need. */
export class BoardContext {
  readonly D: number;
  readonly P: number;
  /** Operating months. */
  readonly H: number;
  /** Planning months. */
  readonly PM: number;
  readonly N: number;
  /** Loading-day columns (the most loading doses of any drug, at least 1). */
  readonly L: number;
  /** Vial-size columns (the most vial sizes of any drug). */
  readonly V: number;
  /** Display position -> index into input.drugs / results.drugs: biosimilars follow their reference product. */
  readonly order: readonly number[];
  /** HCPCS codes listed under Reference prices: the formulary's, then reference products not in it. */
  readonly priceCodes: readonly string[];
  readonly cases: readonly SensitivityCase[];
  readonly layout: Layout;

  constructor(
    readonly src: BoardInputs,
    cases: readonly SensitivityCase[],
  ) {
    const { input } = src;
    this.D = input.drugs.length;
    this.P = input.payers.length;
    this.H = input.program.horizonMonths;
    this.PM = input.program.planningMonths;
    this.N = this.PM + this.H;
    this.L = Math.max(1, ...input.drugs.map((d) => d.regimen.loadingDays.length));
    this.V = Math.max(1, ...input.drugs.map((d) => new Set(d.vialSizes.length > 0 ? d.vialSizes : src.book.vialSizes(d.hcpcs)).size));
    this.order = displayOrder(src);
    const codes: string[] = [];
    for (const i of this.order) {
      const code = input.drugs[i]?.hcpcs as string;
      if (!codes.includes(code)) codes.push(code);
    }
    for (const code of [...codes]) {
      const ref = src.book.catalogDrug(code)?.referenceHcpcs ?? null;
      if (ref !== null && !codes.includes(ref)) codes.push(ref);
    }
    this.priceCodes = codes;
    this.cases = cases;
    this.layout = computeLayout(this);
  }

  /** Whether the drug at `pos` has a loading dose of its own (DOMAIN.md 5.3); the loading-dose cells are written only for those. */
  hasLoading(pos: number): boolean {
    return this.src.results.drugs[this.drug(pos)]?.doseKinds.some((k) => k.loadingPositions.length > 0) ?? false;
  }

  /** Payer ids (as the engine lists them, e.g. underwater payers) as the payers' display names, in a list. */
  payerNames(ids: readonly string[]): string {
    return ids.map((id) => this.src.input.payers.find((p) => p.profile.id === id)?.profile.name ?? id).join(', ');
  }

  /** The results index of the drug shown at position `pos`. */
  drug(pos: number): number {
    return this.order[pos] as number;
  }

  // Rows of the repeated blocks --------------------------------------------------------------------------
  /** Row of the board criterion `i` (CRITERIA) on Inputs. */
  criterionRow(i: number): number {
    return this.layout.inputs.programHeader + 1 + i;
  }
  inputPayerRow(i: number): number {
    return this.layout.inputs.payersHeader + 1 + i;
  }
  inputFormularyRow(pos: number): number {
    return this.layout.inputs.formularyHeader + 1 + pos;
  }
  inputVolumeRow(pos: number): number {
    return this.layout.inputs.volumeHeader + 1 + pos;
  }
  inputPriorAuthRow(pos: number): number {
    return this.layout.inputs.priorAuthHeader + 1 + pos;
  }
  /** Rows of the by-drug grids (columns 2 + payer index). */
  inputDrugMixRow(pos: number): number {
    return this.layout.inputs.drugMixHeader + 1 + pos;
  }
  inputDrugSourceRow(pos: number): number {
    return this.layout.inputs.drugSourceHeader + 1 + pos;
  }
  inputDrugWhiteBagRow(pos: number): number {
    return this.layout.inputs.drugWhiteBagHeader + 1 + pos;
  }
  /** A drug's payer weights as a column (its Claim detail rows), for SUMPRODUCT with its other claim columns. */
  drugWeights(pos: number): string {
    return this.claimRange(pos, CD.weight);
  }
  inputVialRow(pos: number): number {
    return this.layout.inputs.vialsHeader + 1 + pos;
  }
  /** The vial plan of the loading dose (DOMAIN.md 5.3). */
  inputLoadVialRow(pos: number): number {
    return this.layout.inputs.loadVialsHeader + 1 + pos;
  }
  /** Volume table: the course interval column, and the flag of loading day l taking the loading dose. */
  get volCourseCol(): number {
    return IN_VOL.loading + this.L + 3;
  }
  volFlagCol(l: number): number {
    return IN_VOL.loading + this.L + 4 + l;
  }
  /** Cohorts regimen table: the loading-dose columns after the loading-day columns. */
  coLoad(which: 'costPvPa' | 'costPvNoPa' | 'totalPa' | 'totalNoPa'): number {
    return CO.loading + 3 * this.L + ['costPvPa', 'costPvNoPa', 'totalPa', 'totalNoPa'].indexOf(which);
  }
  inputPriceRow(code: string): number {
    const i = this.priceCodes.indexOf(code);
    if (i < 0) throw new RangeError(`no price row for ${code}`);
    return this.layout.inputs.pricesHeader + 1 + i;
  }
  claimRow(pos: number, payer: number, loading = false): number {
    return (loading ? this.layout.claims.loadHeader : this.layout.claims.header) + 1 + pos * this.P + payer;
  }
  formularyRow(pos: number): number {
    return this.layout.formulary.header + 1 + pos;
  }
  cohortRegimenRow(pos: number): number {
    return this.layout.cohorts.regimenHeader + 1 + pos;
  }
  cohortGridRow(grid: CohortGrid, pos: number): number {
    return this.layout.cohorts.grid[grid] + 1 + pos;
  }
  /** Column of operating month k (1-based) in the Cohorts month grids. */
  monthCol(k: number): number {
    return CO.month0 + k - 1;
  }
  projectionRow(month: number): number {
    return this.layout.projection.header + month;
  }

  // References ---------------------------------------------------------------------------------------------
  /** `'Sheet'!$A$1` */
  ref(sheet: string, row: number, col: number, abs = true): string {
    return `${sheetPrefix(sheet)}${cellAddress(row, col, abs)}`;
  }
  /** `'Sheet'!$A$1:$B$9` */
  rangeRef(sheet: string, row1: number, col1: number, row2: number, col2: number, abs = true): string {
    return `${sheetPrefix(sheet)}${rangeAddress(row1, col1, row2, col2, abs)}`;
  }
  /** The workbook name of a program input. */
  name(key: ProgramKey): string {
    return `${NAME_PREFIX}${key}`;
  }
  /** The payers' weights on Inputs (a column of P cells). */
  get weightsRange(): string {
    return this.rangeRef(SHEET.inputs, this.inputPayerRow(0), IN_PAY.weight, this.inputPayerRow(this.P - 1), IN_PAY.weight);
  }
  /** A column of the Claim detail rows of the drug at `pos` (P cells, in payer order). */
  claimRange(pos: number, col: number, loading = false): string {
    return this.rangeRef(SHEET.claims, this.claimRow(pos, 0, loading), col, this.claimRow(pos, this.P - 1, loading), col);
  }
  /** A column of the Formulary economics table over all drugs (D cells). */
  formularyColumn(col: number): string {
    return this.rangeRef(SHEET.formulary, this.formularyRow(0), col, this.formularyRow(this.D - 1), col);
  }
  /** Month k's column of a Cohorts grid over all drugs (D cells). */
  gridColumn(grid: CohortGrid, k: number): string {
    return this.rangeRef(SHEET.cohorts, this.cohortGridRow(grid, 0), this.monthCol(k), this.cohortGridRow(grid, this.D - 1), this.monthCol(k));
  }
  /** One drug's row of a Cohorts grid, operating months k1..k2. */
  gridRow(grid: CohortGrid, pos: number, k1: number, k2: number, sheetQualified = false): string {
    const row = this.cohortGridRow(grid, pos);
    return sheetQualified ? this.rangeRef(SHEET.cohorts, row, this.monthCol(k1), row, this.monthCol(k2)) : rangeAddress(row, this.monthCol(k1), row, this.monthCol(k2), true);
  }
}

/** Reference products first, each followed by its biosimilars in the formulary; the rest in input order. */
function displayOrder(src: BoardInputs): number[] {
  const drugs = src.input.drugs;
  const refOf = (i: number): string | null => src.book.catalogDrug(drugs[i]?.hcpcs as string)?.referenceHcpcs ?? null;
  const placed = new Set<number>();
  const order: number[] = [];
  const codes = new Set(drugs.map((d) => d.hcpcs));
  drugs.forEach((d, i) => {
    if (placed.has(i)) return;
    const ref = refOf(i);
    if (ref !== null && codes.has(ref)) return; // placed after its reference product
    order.push(i);
    placed.add(i);
    drugs.forEach((_, j) => {
      if (!placed.has(j) && refOf(j) === d.hcpcs) {
        order.push(j);
        placed.add(j);
      }
    });
  });
  drugs.forEach((_, i) => {
    if (!placed.has(i)) order.push(i);
  });
  return order;
}

function computeLayout(ctx: BoardContext): Layout {
  const { D, P } = ctx;
  const inputs = inputsRows({ fixedCosts: ctx.src.input.program.fixedCosts.length, payers: P, drugs: D, priceCodes: ctx.priceCodes.length });

  const feHeader = 5;
  const b0 = feHeader + D + 3;
  const byPayerHeaders: [number, number, number, number] = [b0, b0 + D + 3, b0 + 2 * (D + 3), b0 + 3 * (D + 3)];
  // Below the margin chart that follows the four by-payer tables (formulary.ts chartTop).
  const loadNetHeader = b0 + 4 * (D + 3) + Math.max(22, D + 6) + 3;

  const regimenHeader = 4;
  let row = regimenHeader + D + 3;
  const grid = {} as Record<CohortGrid, number>;
  for (const g of COHORT_GRIDS) {
    grid[g] = row;
    row += D + 3;
  }
  const timingHeader = row;
  const cashHeader = timingHeader + P + 4;

  const casesHeader = 5;
  const C = ctx.cases.length;
  const tornadoHeader = casesHeader + C + 3;
  const namedHeader = tornadoHeader + 5 + 3;
  const checkRow = namedHeader + 5;
  const rankingHeader = checkRow + 5;
  const weightsHeader = rankingHeader + P + 5;
  const fixedRow = weightsHeader + 3 + P + 2;
  let dr = fixedRow + 4;
  const detail = {} as Record<'paShare' | 'paDenied' | 'npvTerm' | 'netTerm', number>;
  for (const k of ['paShare', 'paDenied', 'npvTerm', 'netTerm'] as const) {
    detail[k] = dr;
    dr += D + 4;
  }

  return {
    inputs,
    claims: { header: 4, loadHeader: 4 + D * P + 3 },
    formulary: { header: feHeader, byPayerHeaders, loadNetHeader },
    cohorts: { regimenHeader, grid, timingHeader, cashHeader },
    projection: { header: 5 },
    sensitivity: { casesHeader, tornadoHeader, namedHeader, checkRow, rankingHeader, weightsHeader, fixedRow, detail },
  };
}
