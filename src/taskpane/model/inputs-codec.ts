/**
 * The earlier version's scenario tables: before the pane kept the scenario in the board's Inputs sheet
 * (inputs-sheet.ts), it kept it in tables of its own on a "Scenario" sheet. A workbook from that version is
 * read through `decodeTables` (then migrated and validated by `loadScenario`) and moved to the Inputs sheet
 * at the first save; `cellOfPath` says which of those cells a validation message is about. `encodeScenario`
 * writes the same tables (the tests make such workbooks with it).
 *
 * Conventions of those tables: an empty cell means "the default" for an optional field; shares and rates
 * are fractions; yes/no fields read "Yes"/"No" (TRUE/FALSE are accepted); the payers a drug needs prior
 * authorization from are a comma-separated list of payer ids, "none" for an empty list.
 */
import type { DrugRule } from '../../engine/types';
import { drugRuleFigure, drugRuleOf as ruleOfKind } from '../../engine/payers';
import { DRUG_RULE_WORDING } from '../../workbook/board/inputs-layout';
import { PAYER_TERM_KEYS, type PayerTerms, type Scenario } from '../../scenario/types';
import { SCENARIO_FORMAT_VERSION } from '../../scenario/types';

export type Cell = string | number | boolean;

/** One Excel table of the Scenario sheet: where it sits, its columns and their number formats. */
export interface TableSpec {
  readonly name: string;
  /** 0-based column of the table's first column on the sheet; tables sit side by side from row `FIRST_ROW`. */
  readonly column: number;
  readonly headers: readonly string[];
  /** Number format per column (Excel codes). */
  readonly formats: readonly string[];
  /** A key-value table has a fixed list of rows; the others grow and shrink with the scenario. */
  readonly fixedRows: boolean;
}

export interface TableData {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export type TablesData = Readonly<Record<string, TableData>>;

/** The row (0-based) of the tables' header rows; the rows above hold the sheet's title and a note. */
export const FIRST_ROW = 3;

const PCT = '0.0%';
const MONEY = '$#,##0.00';
const UNIT = '$#,##0.000';
const NUM = 'General';
const TEXT = '@';

export const TABLES = {
  scenario: {
    name: 'ipScenario',
    column: 0,
    headers: ['Setting', 'Value'],
    formats: [TEXT, NUM],
    fixedRows: true,
  },
  program: {
    name: 'ipProgram',
    column: 3,
    headers: ['Program input', 'Value'],
    formats: [TEXT, NUM],
    fixedRows: true,
  },
  fixedCosts: {
    name: 'ipFixedCosts',
    column: 6,
    headers: ['Fixed cost', 'Monthly $'],
    formats: [TEXT, MONEY],
    fixedRows: false,
  },
  payers: {
    name: 'ipPayers',
    column: 9,
    headers: [
      'Payer id',
      'Payer',
      'Mix share',
      'Based on',
      'Drug rule',
      'Drug rule value',
      'Admin % of fee schedule',
      'Drug coinsurance',
      'Admin coinsurance',
      'Sequestration',
      'Collection rate',
      'Denial write-off',
      'Pays discarded (JW)',
      'Days to payment',
      'PA denial rate',
    ],
    formats: [TEXT, TEXT, PCT, TEXT, TEXT, NUM, PCT, PCT, PCT, PCT, PCT, PCT, TEXT, NUM, PCT],
    fixedRows: false,
  },
  drugs: {
    name: 'ipDrugs',
    column: 25,
    headers: [
      'HCPCS',
      'Dose',
      'Weight kg',
      'New patients / month',
      'Ramp months',
      'Discontinuation / year',
      'Acquisition $ / unit',
      'WAC $ / unit',
      'Infusion minutes',
      'Chair extra minutes',
      'Complexity',
      'Distributor verified',
      'Prior authorization payers',
    ],
    formats: [TEXT, NUM, NUM, NUM, NUM, PCT, UNIT, UNIT, NUM, NUM, TEXT, TEXT, TEXT],
    fixedRows: false,
  },
} as const satisfies Record<string, TableSpec>;

export const TABLE_LIST: readonly TableSpec[] = [TABLES.scenario, TABLES.program, TABLES.fixedCosts, TABLES.payers, TABLES.drugs];

/** Rows of the key-value tables: the label shown, and the scenario field it holds. */
const SCENARIO_ROWS = [
  ['Format version', 'version'],
  ['Scenario name', 'name'],
  ['Practice name', 'practiceName'],
  ['Payment limit quarter', 'quarter'],
  ['Fee schedule year', 'feeScheduleYear'],
  ['Patient weight kg', 'patientWeightKg'],
] as const;

const PROGRAM_ROWS = [
  ['Chairs', 'chairs'],
  ['Hours open per day', 'hoursPerDay'],
  ['Days open per month', 'daysPerMonth'],
  ['Utilization target', 'utilizationTarget'],
  ['Chairs per nurse', 'chairsPerNurse'],
  ['Startup costs $', 'startupCosts'],
  ['Planning months', 'planningMonths'],
  ['Horizon months', 'horizonMonths'],
  ['Discount rate / year', 'discountRate'],
  ['Distributor terms days', 'distributorTermsDays'],
  ['Drug inventory days on hand', 'inventoryDaysOnHand'],
  ['Prior authorization delay days', 'priorAuthDelayDays'],
  ['Prior authorization staff minutes', 'priorAuthStaffMinutes'],
  ['Staff hourly cost $', 'staffHourlyCost'],
  ['White-bag handling cost $', 'whiteBagHandlingCost'],
  ['Prompt-pay discount', 'promptPayDiscount'],
  ['GPO discount', 'gpoDiscount'],
  ['Access-risk threshold $', 'accessRiskThreshold'],
] as const;

const DRUG_FIELDS = [
  'hcpcs',
  'dose',
  'weightKg',
  'newPatientsPerMonth',
  'rampMonths',
  'discontinuationRate',
  'acquisitionPerUnit',
  'wacPerUnit',
  'infusionMinutes',
  'chairExtraMinutes',
  'complexity',
  'distributorVerified',
  'priorAuthPayers',
] as const;

const RULE_KINDS = Object.fromEntries(Object.entries(DRUG_RULE_WORDING).map(([k, w]) => [k, w.legacyTable])) as Readonly<Record<DrugRule['kind'], string>>;


const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');
const opt = (v: string | number | boolean | undefined): Cell => (v === undefined ? '' : typeof v === 'boolean' ? yesNo(v) : v);

// ---------------------------------------------------------------------------------------------------
// Encoding

export function encodeScenario(s: Scenario): Record<string, TableData> {
  const scenarioRows: Cell[][] = SCENARIO_ROWS.map(([label, field]) => [label, opt(s[field])]);
  const programRows: Cell[][] = PROGRAM_ROWS.map(([label, field]) => [label, opt(s.program[field])]);
  const costRows: Cell[][] = s.program.fixedCosts.map((c) => [c.name, c.monthly]);
  const payerRows: Cell[][] = s.payers.map((p) => [
    p.id,
    p.name,
    p.weight,
    opt(p.basedOn),
    p.drugRule === undefined ? '' : RULE_KINDS[p.drugRule.kind],
    p.drugRule === undefined ? '' : drugRuleFigure(p.drugRule),
    opt(p.adminPercentOfFeeSchedule),
    opt(p.drugCoinsurance),
    opt(p.adminCoinsurance),
    opt(p.sequestration),
    opt(p.collectionRate),
    opt(p.denialWriteOff),
    opt(p.paysDiscarded),
    opt(p.daysToPayment),
    opt(p.priorAuthDenialRate),
  ]);
  const drugRows: Cell[][] = s.drugs.map((d) =>
    DRUG_FIELDS.map((f): Cell => {
      if (f === 'priorAuthPayers') return d.priorAuthPayers === undefined ? '' : d.priorAuthPayers.length === 0 ? 'none' : d.priorAuthPayers.join(', ');
      return opt(d[f]);
    }),
  );
  return {
    [TABLES.scenario.name]: { headers: TABLES.scenario.headers, rows: scenarioRows },
    [TABLES.program.name]: { headers: TABLES.program.headers, rows: programRows },
    [TABLES.fixedCosts.name]: { headers: TABLES.fixedCosts.headers, rows: costRows },
    [TABLES.payers.name]: { headers: TABLES.payers.headers, rows: payerRows },
    [TABLES.drugs.name]: { headers: TABLES.drugs.headers, rows: drugRows },
  };
}

// ---------------------------------------------------------------------------------------------------
// Decoding

const isBlank = (c: Cell | undefined): boolean => c === undefined || c === '' || (typeof c === 'string' && c.trim() === '');

function text(c: Cell | undefined): string {
  return c === undefined ? '' : String(c).trim();
}

/** A cell for an optional field: blank -> absent; numeric text -> number; "Yes"/"No" -> boolean. */
function value(c: Cell | undefined, kind: 'number' | 'text' | 'bool' = 'number'): unknown {
  if (isBlank(c)) return undefined;
  if (kind === 'text') return text(c);
  if (kind === 'bool') {
    if (typeof c === 'boolean') return c;
    const t = text(c).toLowerCase();
    if (t === 'yes' || t === 'true') return true;
    if (t === 'no' || t === 'false') return false;
    return text(c);
  }
  if (typeof c === 'string') {
    const t = c.trim().replace(/,/g, '');
    const pct = t.endsWith('%');
    const n = Number(pct ? t.slice(0, -1) : t);
    if (t !== '' && Number.isFinite(n)) return pct ? n / 100 : n;
    return c;
  }
  return c;
}

function keyValue(data: TableData | undefined, rows: readonly (readonly [string, string])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!data) return out;
  const byLabel = new Map(data.rows.map((r) => [text(r[0]).toLowerCase(), r[1]]));
  for (const [label, field] of rows) {
    const kind = field === 'name' || field === 'practiceName' || field === 'quarter' ? 'text' : 'number';
    const v = value(byLabel.get(label.toLowerCase()), kind);
    if (v !== undefined) out[field] = v;
  }
  return out;
}

function drugRuleOf(kindCell: Cell | undefined, valueCell: Cell | undefined): unknown {
  if (isBlank(kindCell)) return undefined;
  const label = text(kindCell).toLowerCase();
  const kind = (Object.keys(RULE_KINDS) as DrugRule['kind'][]).find((k) => RULE_KINDS[k].toLowerCase() === label || k === label);
  if (kind === undefined) return { kind: text(kindCell) };
  // The figure as typed: validation names the rule's figure when it is not a number.
  return ruleOfKind(kind, value(valueCell) as number);
}

const nonBlankRows = (data: TableData | undefined): (readonly Cell[])[] => (data ? data.rows.filter((r) => r.some((c) => !isBlank(c))) : []);

/**
 * The scenario document the tables hold, for `loadScenario`. Missing tables give missing fields, which
 * validation then names; nothing is guessed. Returns null when the workbook has none of the tables.
 */
export function decodeTables(tables: TablesData): Record<string, unknown> | null {
  if (!TABLE_LIST.some((t) => tables[t.name] !== undefined)) return null;
  const doc: Record<string, unknown> = keyValue(tables[TABLES.scenario.name], SCENARIO_ROWS);
  if (doc.version === undefined && tables[TABLES.scenario.name] === undefined) doc.version = SCENARIO_FORMAT_VERSION;
  const program: Record<string, unknown> = keyValue(tables[TABLES.program.name], PROGRAM_ROWS);
  program.fixedCosts = nonBlankRows(tables[TABLES.fixedCosts.name]).map((r) => ({ name: value(r[0], 'text') ?? '', monthly: value(r[1]) }));
  doc.program = program;
  doc.payers = nonBlankRows(tables[TABLES.payers.name]).map((r) => {
    const p: Record<string, unknown> = { id: value(r[0], 'text'), name: value(r[1], 'text'), weight: value(r[2]) };
    const basedOn = value(r[3], 'text');
    if (basedOn !== undefined) p.basedOn = basedOn;
    const rule = drugRuleOf(r[4], r[5]);
    if (rule !== undefined) p.drugRule = rule;
    const terms: readonly [keyof PayerTerms, number, 'number' | 'bool' | 'text'][] = [
      ['adminPercentOfFeeSchedule', 6, 'number'],
      ['drugCoinsurance', 7, 'number'],
      ['adminCoinsurance', 8, 'number'],
      ['sequestration', 9, 'number'],
      ['collectionRate', 10, 'number'],
      ['denialWriteOff', 11, 'number'],
      ['paysDiscarded', 12, 'bool'],
      ['daysToPayment', 13, 'number'],
      ['priorAuthDenialRate', 14, 'number'],
    ];
    for (const [key, col, kind] of terms) {
      const v = value(r[col], kind);
      if (v !== undefined) p[key] = typeof v === 'string' && v.toLowerCase() === 'file' ? 'file' : v;
    }
    return p;
  });
  doc.drugs = nonBlankRows(tables[TABLES.drugs.name]).map((r) => {
    const d: Record<string, unknown> = {};
    DRUG_FIELDS.forEach((field, i) => {
      const cell = r[i];
      if (field === 'hcpcs') d.hcpcs = typeof cell === 'string' ? cell.trim().toUpperCase() : value(cell, 'text');
      else if (field === 'complexity') {
        const v = value(cell, 'text');
        if (v !== undefined) d.complexity = String(v).toLowerCase();
      } else if (field === 'distributorVerified') d.distributorVerified = value(cell, 'bool') ?? false;
      else if (field === 'priorAuthPayers') {
        if (!isBlank(cell)) {
          const t = text(cell);
          d.priorAuthPayers = t.toLowerCase() === 'none' ? [] : t.split(/[,;]/).map((x) => x.trim().toUpperCase()).filter((x) => x !== '');
        }
      } else {
        const v = value(cell);
        if (v !== undefined) d[field] = v;
      }
    });
    return d;
  });
  return doc;
}

/**
 * Where a validation path lives on the Scenario sheet, for messages: "payers[2].weight" -> "ipPayers, row 3,
 * column Mix share". Null for paths without a cell (the whole payer list, say).
 */
export function cellOfPath(path: string): string | null {
  const m = /^(drugs|payers|program\.fixedCosts)\[(\d+)\]\.?([A-Za-z]*)/.exec(path);
  if (m) {
    const [, list, index, field] = m;
    const row = Number(index) + 1;
    if (list === 'drugs') {
      const i = DRUG_FIELDS.indexOf(field as (typeof DRUG_FIELDS)[number]);
      return `table ${TABLES.drugs.name}, row ${row}${i >= 0 ? `, column "${TABLES.drugs.headers[i]}"` : ''}`;
    }
    if (list === 'payers') {
      const cols: Record<string, number> = { id: 0, name: 1, weight: 2, basedOn: 3, drugRule: 4 };
      PAYER_TERM_KEYS.forEach((k, i) => {
        if (i > 0) cols[k] = i + 5;
      });
      const i = cols[field ?? ''];
      return `table ${TABLES.payers.name}, row ${row}${i === undefined ? '' : `, column "${TABLES.payers.headers[i]}"`}`;
    }
    return `table ${TABLES.fixedCosts.name}, row ${row}`;
  }
  const program = /^program\.([A-Za-z]+)$/.exec(path);
  if (program) {
    const hit = PROGRAM_ROWS.find(([, f]) => f === program[1]);
    return hit ? `table ${TABLES.program.name}, "${hit[0]}"` : null;
  }
  const top = SCENARIO_ROWS.find(([, f]) => f === path);
  return top ? `table ${TABLES.scenario.name}, "${top[0]}"` : null;
}

/** Scenario equality is the scenario layer's (src/scenario/equal.ts), not these tables'. */
export { sameScenario } from '../../scenario';
