/**
 * The Inputs sheet's layout, written once: where each table starts (the row arithmetic), the words that mark
 * the tables, and each input column's header, number format and the scenario field it holds, with the kind of
 * value a cell of it takes. The board's writer (inputs.ts) lays the sheet out from these tables; the add-in
 * reads a scenario back from the sheet (src/taskpane/model/inputs-sheet.ts) through the same tables.
 */
import type { DrugRule, DrugSource } from '../../engine/types';
import type { CoverageType, SupplementalCoverage } from '../../engine/patient';
import type { ScenarioCustomDrug, ScenarioDrug, ScenarioPayer, ScenarioProgram } from '../../scenario/types';
import type { NumberFormatId } from '../plan';

/** Where the Inputs sheet's Program table (header row, 0-based) and the fixed costs beside it (column) start. */
export const INPUTS_PROGRAM_HEADER = 5;
export const INPUTS_FIXED_COL = 7;

/** The program inputs listed on Inputs, in order; each gets a workbook name IP_<key>. */
export const PROGRAM_KEYS = [
  'Practice',
  'Scenario',
  'ScenarioFormat',
  'Quarter',
  'FeeScheduleYear',
  'PatientWeightKg',
  'Chairs',
  'HoursPerDay',
  'DaysPerMonth',
  'OpenChairHours',
  'UtilizationTarget',
  'ChairCapacity',
  'ChairsPerNurse',
  'FixedCostsMonthly',
  'StartupCosts',
  'PlanningMonths',
  'HorizonMonths',
  'DoseDaysCounted',
  'DiscountRate',
  'DistributorTermsDays',
  'InventoryDaysOnHand',
  'PriorAuthDelayDays',
  'PriorAuthStaffMinutes',
  'StaffHourlyCost',
  'PriorAuthCost',
  'ConversionFactor',
  'WhiteBagHandlingCost',
  'PromptPayDiscount',
  'GpoDiscount',
  'AccessRiskThreshold',
] as const;
export type ProgramKey = (typeof PROGRAM_KEYS)[number];

// Column positions that other sheets refer to.
export const IN_PAY = { id: 0, name: 1, weight: 2, rule: 3, figure: 4, adminPct: 5, drugCoins: 6, adminCoins: 7, seq: 8, collect: 9, denial: 10, paysJw: 11, days: 12, paDenial: 13, basedOn: 14, label: 15, source: 16, drugSource: 17, whiteBag: 18,
  // DOMAIN.md 5.7: the payer's patient coverage (values: the Patient access sheet and the pane's estimate read the scenario).
  coverageType: 19, deductible: 20, oopMax: 21, supplemental: 22, coverageLabel: 23 } as const;
export const IN_FORM = { hcpcs: 0, product: 1, biosimilarOf: 2, route: 3, complexity: 4, fixedDose: 5, perKg: 6, maxDose: 7, weight: 8, dose: 9, unitText: 10, unitAmount: 11, minutes: 12, extraMinutes: 13, acquisition: 14, wac: 15, distributor: 16, label: 17, loadFixed: 18, loadPerKg: 19, loadDose: 20, loadMinutes: 21 } as const;
export const IN_VOL = { hcpcs: 0, product: 1, newPatients: 2, ramp: 3, discontinuation: 4, loading: 5 } as const;

/** Words of the Inputs sheet that mark its tables' starts and ends (the add-in finds the tables by them). */
export const INPUTS_WORDS = {
  /** The last row of the fixed costs table, and the fixed cost written when the scenario has none. */
  fixedTotal: 'Total',
  noFixedCost: '(none)',
  /** The row under the Payers table. */
  weightsSum: 'Weights sum',
  /** The end of the product label of a drug of the user's own (DOMAIN.md 5.4; scenario/resolve.ts writes it). */
  yourDrug: '(your drug)',
} as const;

/** The Program table's columns, and the fixed costs table's. */
export const PROGRAM_HEADERS = ['Input', 'Value', 'Unit', 'Label', 'Source'] as const;
export const FIXED_COST_HEADERS = ['Fixed cost', 'Monthly', 'Label'] as const;

/** The sections' header rows of the Inputs sheet, from how many fixed costs, payers, drugs and priced codes it lists. */
export interface InputsRows {
  readonly programHeader: number;
  readonly programRow: Readonly<Record<ProgramKey, number>>;
  readonly fixedHeader: number;
  readonly fixedCol: number;
  readonly payersHeader: number;
  readonly weightsSumRow: number;
  readonly formularyHeader: number;
  readonly volumeHeader: number;
  readonly priorAuthHeader: number;
  /** DOMAIN.md 5.1-5.2: each drug's payer mix, drug source and white-bagged share, by payer. */
  readonly drugMixHeader: number;
  readonly drugSourceHeader: number;
  readonly drugWhiteBagHeader: number;
  readonly vialsHeader: number;
  readonly loadVialsHeader: number;
  readonly pricesHeader: number;
  readonly feesHeader: number;
}

/** Title rows 0-2, then the sections, each a title row, a header row and its rows, and a blank row. */
export function inputsRows(n: { readonly fixedCosts: number; readonly payers: number; readonly drugs: number; readonly priceCodes: number }): InputsRows {
  const programHeader = INPUTS_PROGRAM_HEADER;
  const programRow = Object.fromEntries(PROGRAM_KEYS.map((k, i) => [k, programHeader + 1 + i])) as Record<ProgramKey, number>;
  const programEnd = Math.max(programHeader + PROGRAM_KEYS.length, programHeader + n.fixedCosts + 1);
  const payersHeader = programEnd + 3;
  const weightsSumRow = payersHeader + n.payers + 1;
  const formularyHeader = weightsSumRow + 3;
  const D = n.drugs;
  const volumeHeader = formularyHeader + D + 3;
  const priorAuthHeader = volumeHeader + D + 3;
  const drugMixHeader = priorAuthHeader + D + 3;
  const drugSourceHeader = drugMixHeader + D + 3;
  const drugWhiteBagHeader = drugSourceHeader + D + 3;
  const vialsHeader = drugWhiteBagHeader + D + 3;
  const loadVialsHeader = vialsHeader + D + 3;
  const pricesHeader = loadVialsHeader + D + 3;
  const feesHeader = pricesHeader + n.priceCodes + 3;
  return { programHeader, programRow, fixedHeader: programHeader, fixedCol: INPUTS_FIXED_COL, payersHeader, weightsSumRow, formularyHeader, volumeHeader, priorAuthHeader, drugMixHeader, drugSourceHeader, drugWhiteBagHeader, vialsHeader, loadVialsHeader, pricesHeader, feesHeader };
}

// Words ------------------------------------------------------------------------------------------------------

/**
 * A payer's drug rule in words, written once for each kind: as the Inputs sheet writes it (`sheet`: the board's
 * formulas compare against these words), as the earlier version's Scenario table wrote it (`legacyTable`, still
 * read), and as the pane offers and states it (`choice`, `figureLabel`, and `sentence` around the figure).
 */
export const DRUG_RULE_WORDING = {
  payment_limit: { sheet: 'payment limit x', legacyTable: 'Payment limit x', choice: 'CMS payment limit x %', figureLabel: 'Percent', sentence: (figure: string) => `${figure} of the CMS payment limit` },
  asp_plus: { sheet: 'ASP plus', legacyTable: 'ASP +', choice: 'ASP + %', figureLabel: 'ASP plus', sentence: (figure: string) => `ASP + ${figure}` },
  wac_percent: { sheet: 'WAC x', legacyTable: '% of WAC', choice: '% of WAC', figureLabel: 'Percent', sentence: (figure: string) => `${figure} of WAC` },
  fixed_per_unit: { sheet: 'fixed per unit', legacyTable: '$ per unit', choice: 'Fixed $ per unit', figureLabel: 'Amount per billing unit', sentence: (figure: string) => `${figure} per billing unit` },
} as const satisfies Record<DrugRule['kind'], { sheet: string; legacyTable: string; choice: string; figureLabel: string; sentence: (figure: string) => string }>;

/** The payer's drug rule as the Inputs sheet writes it; the formulas compare against these words. */
export const RULE_WORDS: Readonly<Record<DrugRule['kind'], string>> = {
  payment_limit: DRUG_RULE_WORDING.payment_limit.sheet,
  asp_plus: DRUG_RULE_WORDING.asp_plus.sheet,
  wac_percent: DRUG_RULE_WORDING.wac_percent.sheet,
  fixed_per_unit: DRUG_RULE_WORDING.fixed_per_unit.sheet,
};

/** DOMAIN.md 5.1: a payer's drug source as the Inputs sheet writes it; the formulas compare against these words. */
export const SOURCE_WORDS = {
  buy_and_bill: 'buy and bill',
  white_bag: 'white bag',
  free_drug: 'free drug',
} as const satisfies Record<DrugSource, string>;

/** DOMAIN.md 5.7: a payer's coverage type as the Inputs sheet writes it (read back by the add-in). */
export const COVERAGE_WORDS = {
  medicare: 'medicare',
  medicare_advantage: 'medicare advantage',
  medicaid: 'medicaid',
  commercial: 'commercial',
  uninsured: 'uninsured',
} as const satisfies Record<CoverageType, string>;

/** DOMAIN.md 5.7: a payer's supplemental coverage as the Inputs sheet writes it (read back by the add-in). */
export const SUPPLEMENTAL_WORDS = {
  none: 'none',
  medigap_g: 'Medigap plan G',
  medicaid_qmb: 'Medicaid as secondary (QMB)',
} as const satisfies Record<SupplementalCoverage, string>;

/** An out-of-pocket maximum of none (no limit, traditional Medicare) as the Inputs sheet writes it. */
export const NO_LIMIT_WORD = 'none';

/** A yes/no input (prior authorization, pays discarded drug, distributor confirmed) as the sheet writes it. */
export const yesNo = (v: boolean): 'yes' | 'no' => (v ? 'yes' : 'no');

/** The administration complexity words (the catalog's and the scenario's values, written as they are). */
export const COMPLEXITY_WORDS = { therapeutic: 'therapeutic', complex: 'complex' } as const;

/** The routes (the catalog's and a drug of the user's own, DOMAIN.md 5.4), written as they are. */
export const ROUTE_WORDS = { IV: 'IV', SC: 'SC' } as const satisfies Record<ScenarioCustomDrug['route'], string>;

/** Words as a key: case, spaces, punctuation and underscores do not count ("Medicaid as secondary (QMB)", "medicaid_qmb"). */
export const wordKey = (v: unknown): string => String(v).toLowerCase().replace(/[^a-z0-9]/g, '');

/** The key of `words` whose words (or the key itself) `v` spells; undefined when none. The one way the sheet's words are read. */
export function keyOfWords<K extends string>(words: Readonly<Record<K, string>>, v: unknown): K | undefined {
  const typed = wordKey(v);
  if (typed === '') return undefined;
  return (Object.keys(words) as K[]).find((k) => wordKey(words[k]) === typed || wordKey(k) === typed);
}

// Columns ----------------------------------------------------------------------------------------------------

/**
 * What a cell of an input column takes: text, a number, yes/no, one of a set of words (read by `keyOfWords`),
 * a number or one word (the payer's drug coinsurance "file", an out-of-pocket maximum of "none").
 */
export type CellKind =
  | { readonly kind: 'text' }
  | { readonly kind: 'number' }
  | { readonly kind: 'yesNo' }
  | { readonly kind: 'words'; readonly words: Readonly<Record<string, string>> }
  | { readonly kind: 'numberOrWord'; readonly word: string; readonly value: 'file' | null };

const TEXT = { kind: 'text' } as const;
const NUMBER = { kind: 'number' } as const;
const YES_NO = { kind: 'yesNo' } as const;

/** The scenario fields the Program table holds (the rest of its rows are formulas or informational). */
export type ProgramField = 'practiceName' | 'name' | 'chairs' | 'hoursPerDay' | 'daysPerMonth' | 'utilizationTarget' | 'chairsPerNurse' | 'startupCosts' | 'discountRate' | 'distributorTermsDays' | 'inventoryDaysOnHand' | 'priorAuthDelayDays' | 'priorAuthStaffMinutes' | 'staffHourlyCost' | 'whiteBagHandlingCost' | 'promptPayDiscount' | 'gpoDiscount' | 'accessRiskThreshold';
export type ProgramNumberField = Exclude<ProgramField, 'practiceName' | 'name'> & keyof ScenarioProgram;

export interface ProgramRowLayout {
  /** The row's label (the conversion factor's names the fee schedule's year). */
  readonly label: string | ((feeScheduleYear: number) => string);
  readonly unit: string;
  readonly format?: NumberFormatId;
  /** The scenario field the row's value holds (typed there, read back); none for a formula or an informational row. */
  readonly field?: ProgramField;
  /**
   * Whether a new value of the field changes only its own cell (its label is "scenario input" whatever the
   * value): the add-in then writes that cell without laying the sheet out again.
   */
  readonly plain?: boolean;
}

/** The Program table, row by row (PROGRAM_KEYS gives the order). */
export const PROGRAM_LAYOUT: Readonly<Record<ProgramKey, ProgramRowLayout>> = {
  Practice: { label: 'Practice', unit: '', field: 'practiceName', plain: true },
  Scenario: { label: 'Scenario', unit: '', field: 'name' },
  ScenarioFormat: { label: 'Scenario format (Infusion Planner)', unit: '', format: 'int' },
  Quarter: { label: 'CMS payment limits, quarter', unit: '' },
  FeeScheduleYear: { label: 'Physician fee schedule, year', unit: '', format: 'int' },
  PatientWeightKg: { label: 'Patient weight for weight-based doses', unit: 'kg', format: 'count1' },
  Chairs: { label: 'Chairs in the program', unit: 'chairs', format: 'count1', field: 'chairs', plain: true },
  HoursPerDay: { label: 'Hours open per day', unit: 'hours', format: 'count1', field: 'hoursPerDay', plain: true },
  DaysPerMonth: { label: 'Days open per month', unit: 'days', format: 'count1', field: 'daysPerMonth', plain: true },
  OpenChairHours: { label: 'Open chair hours per month', unit: 'hours', format: 'count1' },
  UtilizationTarget: { label: 'Target chair utilization', unit: 'of open hours', format: 'pct', field: 'utilizationTarget' },
  ChairCapacity: { label: 'Chair hours available per month', unit: 'hours', format: 'count1' },
  ChairsPerNurse: { label: 'Chairs per infusion nurse', unit: 'chairs', format: 'count2', field: 'chairsPerNurse', plain: true },
  FixedCostsMonthly: { label: 'Fixed costs per month', unit: '$ / month', format: 'money' },
  StartupCosts: { label: 'Startup costs (one time)', unit: '$', format: 'money', field: 'startupCosts', plain: true },
  PlanningMonths: { label: 'Planning months before launch', unit: 'months', format: 'int' },
  HorizonMonths: { label: 'Operating months projected', unit: 'months', format: 'int' },
  DoseDaysCounted: { label: 'Dose days counted (a patient\'s first days on therapy)', unit: 'days', format: 'int' },
  DiscountRate: { label: 'Discount rate (annual)', unit: 'per year', format: 'pct', field: 'discountRate', plain: true },
  DistributorTermsDays: { label: 'Distributor payment terms', unit: 'days', format: 'int', field: 'distributorTermsDays' },
  InventoryDaysOnHand: { label: 'Drug inventory on hand (counted in working capital)', unit: 'days of use', format: 'int', field: 'inventoryDaysOnHand' },
  PriorAuthDelayDays: { label: 'Prior authorization delay of the first dose', unit: 'days', format: 'int', field: 'priorAuthDelayDays' },
  PriorAuthStaffMinutes: { label: 'Staff minutes per prior authorization', unit: 'minutes', format: 'count1', field: 'priorAuthStaffMinutes', plain: true },
  StaffHourlyCost: { label: 'Prior authorization staff cost per hour', unit: '$ / hour', format: 'money', field: 'staffHourlyCost', plain: true },
  PriorAuthCost: { label: 'Staff cost of one prior authorization', unit: '$', format: 'money' },
  AccessRiskThreshold: { label: 'Patient out-of-pocket threshold (Patient access)', unit: '$ / year', format: 'money0', field: 'accessRiskThreshold' },
  ConversionFactor: { label: (year) => `Fee schedule conversion factor, CY${year}`, unit: '$ per RVU', format: 'fraction' },
  WhiteBagHandlingCost: { label: 'Handling cost of a white-bagged administration', unit: '$', format: 'money', field: 'whiteBagHandlingCost' },
  PromptPayDiscount: { label: 'Distributor prompt-pay discount (on the ASP default price only)', unit: 'of ASP', format: 'pct', field: 'promptPayDiscount' },
  GpoDiscount: { label: 'GPO discount (on the ASP default price only)', unit: 'of ASP', format: 'pct', field: 'gpoDiscount' },
};

/** An input column of a table: its header, its usual number format, the field it holds and what it takes. */
export interface ColumnLayout<F extends string> {
  readonly header: string;
  readonly format?: NumberFormatId;
  readonly field?: F;
  readonly takes?: CellKind;
  /** DOMAIN.md 5.7: a blank cell is the field's default (the field is left out). */
  readonly blankIsDefault?: boolean;
  /** As in ProgramRowLayout: a new value changes only its own cell. */
  readonly plain?: boolean;
  /**
   * DOMAIN.md 5.4: the fact of a drug of the user's own (scenario `drugs[].custom`) the column holds for such a
   * drug (read with `takes`); for a catalog drug the column holds the catalog's fact, or `field`'s override.
   */
  readonly custom?: keyof ScenarioCustomDrug;
}

/** A payer field a Payers column holds ('drugRule' is the rule's words and figure, read together). */
export type PayerField = keyof ScenarioPayer;

/** The Payers table, column by column (IN_PAY gives the positions). */
export const PAYER_COLUMNS: Readonly<Record<keyof typeof IN_PAY, ColumnLayout<PayerField>>> = {
  id: { header: 'Payer' },
  name: { header: 'Name', field: 'name', takes: TEXT, plain: true },
  weight: { header: 'Weight', format: 'pct', field: 'weight', takes: NUMBER },
  rule: { header: 'Drug paid as', field: 'drugRule', takes: { kind: 'words', words: RULE_WORDS } },
  figure: { header: 'Drug figure', field: 'drugRule', takes: NUMBER },
  adminPct: { header: 'Admin % of fee schedule', format: 'pct', field: 'adminPercentOfFeeSchedule', takes: NUMBER },
  drugCoins: { header: 'Drug coinsurance', format: 'pct', field: 'drugCoinsurance', takes: { kind: 'numberOrWord', word: 'file', value: 'file' } },
  adminCoins: { header: 'Admin coinsurance', format: 'pct', field: 'adminCoinsurance', takes: NUMBER },
  seq: { header: 'Sequestration', format: 'pct', field: 'sequestration', takes: NUMBER },
  collect: { header: 'Collection of patient share', format: 'pct', field: 'collectionRate', takes: NUMBER },
  denial: { header: 'Denial write-off', format: 'pct', field: 'denialWriteOff', takes: NUMBER },
  paysJw: { header: 'Pays discarded drug (JW)', field: 'paysDiscarded', takes: YES_NO },
  days: { header: 'Days to payment', format: 'int', field: 'daysToPayment', takes: NUMBER },
  paDenial: { header: 'Prior auth denial rate', format: 'pct', field: 'priorAuthDenialRate', takes: NUMBER },
  basedOn: { header: 'Terms start from', format: 'text' },
  label: { header: 'Label' },
  source: { header: 'Source' },
  drugSource: { header: 'Drug source', field: 'drugSource', takes: { kind: 'words', words: SOURCE_WORDS } },
  whiteBag: { header: 'White-bagged share (with buy and bill)', format: 'pct', field: 'whiteBagShare', takes: NUMBER },
  coverageType: { header: 'Patient coverage', field: 'coverageType', takes: { kind: 'words', words: COVERAGE_WORDS }, blankIsDefault: true },
  deductible: { header: 'Annual deductible (patient)', format: 'money0', field: 'annualDeductible', takes: NUMBER, blankIsDefault: true },
  oopMax: { header: 'Out-of-pocket maximum (patient)', format: 'money0', field: 'outOfPocketMax', takes: { kind: 'numberOrWord', word: NO_LIMIT_WORD, value: null }, blankIsDefault: true },
  supplemental: { header: 'Supplemental coverage', field: 'supplemental', takes: { kind: 'words', words: SUPPLEMENTAL_WORDS }, blankIsDefault: true },
  coverageLabel: { header: 'Patient coverage: label' },
};

/** The Formulary table, column by column (IN_FORM gives the positions). */
export const FORMULARY_COLUMNS: Readonly<Record<keyof typeof IN_FORM, ColumnLayout<keyof ScenarioDrug>>> = {
  hcpcs: { header: 'HCPCS' },
  product: { header: 'Product' },
  biosimilarOf: { header: 'Biosimilar of' },
  route: { header: 'Route', takes: { kind: 'words', words: ROUTE_WORDS }, custom: 'route' },
  complexity: { header: 'Administration', field: 'complexity', takes: { kind: 'words', words: COMPLEXITY_WORDS }, custom: 'complexity' },
  fixedDose: { header: 'Fixed dose', format: 'count1', field: 'dose', takes: NUMBER, custom: 'dose' },
  perKg: { header: 'Dose per kg', format: 'count2', takes: NUMBER, custom: 'dosePerKg' },
  maxDose: { header: 'Max dose', format: 'count1' },
  weight: { header: 'Patient weight (kg)', format: 'count1', field: 'weightKg', takes: NUMBER },
  dose: { header: 'Dose (billing measure)', format: 'count1' },
  unitText: { header: 'Billing unit' },
  unitAmount: { header: 'Billing unit amount', format: 'count2' },
  minutes: { header: 'Infusion minutes', format: 'int', field: 'infusionMinutes', takes: NUMBER, custom: 'infusionMinutes' },
  extraMinutes: { header: 'Chair prep + observation minutes', format: 'int', field: 'chairExtraMinutes', takes: NUMBER, custom: 'chairExtraMinutes' },
  acquisition: { header: 'Acquisition $ per unit', format: 'unitPrice', field: 'acquisitionPerUnit', takes: NUMBER },
  wac: { header: 'WAC $ per unit', format: 'unitPrice', field: 'wacPerUnit', takes: NUMBER },
  distributor: { header: 'Distributor confirmed', field: 'distributorVerified', takes: YES_NO },
  label: { header: 'Label' },
  loadFixed: { header: 'Loading dose: fixed', format: 'count1' },
  loadPerKg: { header: 'Loading dose: per kg', format: 'count2' },
  loadDose: { header: 'Loading dose (billing measure)', format: 'count1' },
  loadMinutes: { header: 'Loading dose: infusion minutes', format: 'int' },
};

/** The Volume table's columns before the loading days (IN_VOL gives the positions); the regimen columns follow. */
export const VOLUME_COLUMNS: Readonly<Record<Exclude<keyof typeof IN_VOL, 'loading'>, ColumnLayout<keyof ScenarioDrug>>> = {
  hcpcs: { header: 'HCPCS' },
  product: { header: 'Product' },
  newPatients: { header: 'New patients per month (at target)', format: 'count2', field: 'newPatientsPerMonth', takes: NUMBER, plain: true },
  ramp: { header: 'Ramp months', format: 'int', field: 'rampMonths', takes: NUMBER, plain: true },
  discontinuation: { header: 'Discontinuation per year', format: 'pct', field: 'discontinuationRate', takes: NUMBER },
};

/**
 * The Volume table's regimen columns after its first columns (VOLUME_COLUMNS), and the vial plans' size columns
 * (each followed by its count). For a drug of the user's own (DOMAIN.md 5.4) they hold its loading days, its
 * maintenance interval (blank: none, the regimen ends), its doses in a finite course (blank: ongoing) and its vial
 * sizes; the add-in reads them back from these headers. Its other facts are the Formulary columns marked `custom`
 * and its name, the Product cell (`<name> (your drug)`, INPUTS_WORDS.yourDrug).
 */
export const REGIMEN_HEADERS = {
  loadingDay: (l: number): string => `Loading dose ${l + 1}: day`,
  interval: 'Maintenance every (days)',
  doses: 'Doses in the course',
  vialSize: (k: number): string => `Vial size ${k + 1}`,
  vialCount: (k: number): string => `Count ${k + 1}`,
} as const;

/** A table's headers in column order. */
export function headersOf(columns: Readonly<Record<string, { readonly header: string }>>, positions: Readonly<Record<string, number>>): string[] {
  const out: string[] = [];
  for (const [key, c] of Object.entries(columns)) out[positions[key] as number] = c.header;
  return out;
}

/** The input columns of a table with their positions: what the add-in reads back. */
export function inputColumns<F extends string>(columns: Readonly<Record<string, ColumnLayout<F>>>, positions: Readonly<Record<string, number>>): { col: number; layout: ColumnLayout<F> & { field: F; takes: CellKind } }[] {
  return Object.entries(columns)
    .filter((e): e is [string, ColumnLayout<F> & { field: F; takes: CellKind }] => e[1].field !== undefined && e[1].takes !== undefined)
    .map(([key, layout]) => ({ col: positions[key] as number, layout }));
}
