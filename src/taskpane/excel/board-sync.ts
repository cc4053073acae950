/**
 * Keeping the board workbook's Inputs sheet and the pane's scenario in step, after a board was built.
 *
 * The board's Inputs sheet (src/workbook/board/inputs.ts) lays the scenario out for the board's native
 * formulas: every default filled in, biosimilars beside their reference product, a vial plan, the reference
 * prices. Its layout depends on the formulary's *structure* (which drugs in which order, which payers, how many
 * fixed costs, loading-dose and vial-size columns, the horizon): the same structure gives the same cells for
 * every formula of every other sheet. So:
 *
 * - an edit in the pane that keeps the structure (a weight, a price, a volume, a payer's terms) rewrites the
 *   Inputs sheet's cells as a new build would (one 2-D block), and the board's formulas follow;
 * - an edit that changes the structure (a drug or payer added or removed) leaves the board alone and says it
 *   needs a rebuild;
 * - an edit a user makes in the Inputs sheet's input cells (a board member trying another weight) is read back
 *   into the scenario, cell by cell, against what the pane last wrote there.
 *
 * The scenario the board was last built or updated from is kept in a workbook setting (BOARD_SCENARIO), so
 * the comparison survives closing the file.
 */
import type { ReferenceBook } from '../../engine/book';
import { runModel } from '../../engine/model';
import type { DrugRule } from '../../engine/types';
import { drugRuleOf } from '../../engine/payers';
import { resolveScenario, scenarioDefaultsApplied } from '../../scenario';
import type { Scenario, ScenarioDrug, ScenarioPayer } from '../../scenario/types';
import { PRIOR_AUTH_EXEMPT_PAYER_IDS } from '../../scenario/defaults';
import { dataVintage } from '../../workbook/board';
import { BoardContext, IN_FORM, IN_PAY, IN_VOL, type ProgramKey } from '../../workbook/board/context';
import { RULE_WORDS, writeInputs } from '../../workbook/board/inputs';
import { NUMBER_FORMATS, type PlanCell, type PlanSheet } from '../../workbook/plan';

export const BOARD_SCENARIO = 'InfusionPlanner.boardScenario';

type Input = string | number | boolean;

/** A cell of the Inputs sheet that holds a scenario field, and how a value typed there changes the scenario. */
interface FieldCell {
  readonly row: number;
  readonly col: number;
  /** The scenario with the typed value; null when the value cannot be that field. `at` reads other cells. */
  readonly apply: (s: Scenario, value: unknown, at: (row: number, col: number) => unknown) => Scenario | null;
}

export interface InputsModel {
  /** Cells as Office.js `formulas` takes them. */
  readonly cells: Input[][];
  readonly formats: string[][];
  /** Equal for two scenarios exactly when the board's other sheets have the same formulas for both. */
  readonly signature: string;
  readonly fields: readonly FieldCell[];
}

/** A plan cell as `range.formulas` takes it (text that Excel would read as a number keeps an apostrophe). */
function cellInput(cell: PlanCell | undefined): Input {
  if (!cell) return '';
  if (cell.formula !== undefined) return `=${cell.formula}`;
  const v = cell.value;
  if (v === null || v === '') return '';
  if (typeof v !== 'string') return v;
  if (cell.format === 'text') return v;
  if (/^[=+\-@]/.test(v) || /^[\d\s.,:/%$()-]+$/.test(v) || Number.isFinite(Number(v))) return `'${v}`;
  return v;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const yes = (v: unknown): boolean | null => {
  const t = String(v).trim().toLowerCase();
  return t === 'yes' || t === 'true' ? true : t === 'no' || t === 'false' ? false : null;
};

function mapDrug(s: Scenario, i: number, f: (d: ScenarioDrug) => ScenarioDrug | null): Scenario | null {
  const d = s.drugs[i];
  const next = d ? f(d) : null;
  return next ? { ...s, drugs: s.drugs.map((x, j) => (j === i ? next : x)) } : null;
}

function mapPayer(s: Scenario, i: number, f: (p: ScenarioPayer) => ScenarioPayer | null): Scenario | null {
  const p = s.payers[i];
  const next = p ? f(p) : null;
  return next ? { ...s, payers: s.payers.map((x, j) => (j === i ? next : x)) } : null;
}

const PROGRAM_FIELDS: Partial<Record<ProgramKey, 'practiceName' | 'name' | keyof Scenario['program']>> = {
  Practice: 'practiceName',
  Scenario: 'name',
  Chairs: 'chairs',
  HoursPerDay: 'hoursPerDay',
  DaysPerMonth: 'daysPerMonth',
  UtilizationTarget: 'utilizationTarget',
  ChairsPerNurse: 'chairsPerNurse',
  StartupCosts: 'startupCosts',
  DiscountRate: 'discountRate',
  DistributorTermsDays: 'distributorTermsDays',
  PriorAuthDelayDays: 'priorAuthDelayDays',
  PriorAuthStaffMinutes: 'priorAuthStaffMinutes',
  StaffHourlyCost: 'staffHourlyCost',
};

const PAYER_NUMBER_TERMS = {
  [IN_PAY.adminPct]: 'adminPercentOfFeeSchedule',
  [IN_PAY.adminCoins]: 'adminCoinsurance',
  [IN_PAY.seq]: 'sequestration',
  [IN_PAY.collect]: 'collectionRate',
  [IN_PAY.denial]: 'denialWriteOff',
  [IN_PAY.days]: 'daysToPayment',
  [IN_PAY.paDenial]: 'priorAuthDenialRate',
} as const;

function ruleFrom(words: unknown, figure: unknown): DrugRule | null {
  const w = String(words).trim().toLowerCase();
  const n = num(figure);
  if (n === null) return null;
  const kind = (Object.keys(RULE_WORDS) as DrugRule['kind'][]).find((k) => RULE_WORDS[k].toLowerCase() === w);
  return kind === undefined ? null : drugRuleOf(kind, n);
}

function fieldCells(ctx: BoardContext, s: Scenario): FieldCell[] {
  const cells: FieldCell[] = [];
  const L = ctx.layout.inputs;
  for (const [key, field] of Object.entries(PROGRAM_FIELDS) as [ProgramKey, string][]) {
    cells.push({
      row: L.programRow[key],
      col: 1,
      apply: (x, v) => {
        if (field === 'practiceName' || field === 'name') return typeof v === 'string' && v.trim() !== '' ? { ...x, [field]: v.trim() } : null;
        const n = num(v);
        return n === null ? null : { ...x, program: { ...x.program, [field]: n } };
      },
    });
  }
  s.program.fixedCosts.forEach((_, i) => {
    const row = L.fixedHeader + 1 + i;
    const cost = (x: Scenario, f: (c: Scenario['program']['fixedCosts'][number]) => Scenario['program']['fixedCosts'][number] | null): Scenario | null => {
      const c = x.program.fixedCosts[i];
      const next = c ? f(c) : null;
      return next ? { ...x, program: { ...x.program, fixedCosts: x.program.fixedCosts.map((y, j) => (j === i ? next : y)) } } : null;
    };
    cells.push({ row, col: L.fixedCol, apply: (x, v) => (typeof v === 'string' && v.trim() !== '' ? cost(x, (c) => ({ ...c, name: v.trim() })) : null) });
    cells.push({ row, col: L.fixedCol + 1, apply: (x, v) => (num(v) === null ? null : cost(x, (c) => ({ ...c, monthly: num(v) as number }))) });
  });
  s.payers.forEach((_, i) => {
    const row = ctx.inputPayerRow(i);
    cells.push({ row, col: IN_PAY.name, apply: (x, v) => (typeof v === 'string' && v.trim() !== '' ? mapPayer(x, i, (p) => ({ ...p, name: v.trim() })) : null) });
    cells.push({ row, col: IN_PAY.weight, apply: (x, v) => (num(v) === null ? null : mapPayer(x, i, (p) => ({ ...p, weight: num(v) as number }))) });
    for (const [col, term] of Object.entries(PAYER_NUMBER_TERMS)) {
      cells.push({ row, col: Number(col), apply: (x, v) => (num(v) === null ? null : mapPayer(x, i, (p) => ({ ...p, [term]: num(v) }))) });
    }
    cells.push({
      row,
      col: IN_PAY.drugCoins,
      apply: (x, v) => {
        if (String(v).trim().toLowerCase() === 'file') return mapPayer(x, i, (p) => ({ ...p, drugCoinsurance: 'file' }));
        const n = num(v);
        return n === null ? null : mapPayer(x, i, (p) => ({ ...p, drugCoinsurance: n }));
      },
    });
    cells.push({ row, col: IN_PAY.paysJw, apply: (x, v) => (yes(v) === null ? null : mapPayer(x, i, (p) => ({ ...p, paysDiscarded: yes(v) as boolean }))) });
    // The drug rule is two cells, its words and its figure: either changed, both are read.
    for (const col of [IN_PAY.rule, IN_PAY.figure]) {
      cells.push({
        row,
        col,
        apply: (x, _v, at) => {
          const rule = ruleFrom(at(row, IN_PAY.rule), at(row, IN_PAY.figure));
          return rule === null ? null : mapPayer(x, i, (p) => ({ ...p, drugRule: rule }));
        },
      });
    }
  });
  for (let pos = 0; pos < ctx.D; pos++) {
    const i = ctx.drug(pos);
    const fr = ctx.inputFormularyRow(pos);
    const vr = ctx.inputVolumeRow(pos);
    const drugNumber = (row: number, col: number, field: 'dose' | 'weightKg' | 'infusionMinutes' | 'chairExtraMinutes' | 'acquisitionPerUnit' | 'wacPerUnit' | 'newPatientsPerMonth' | 'rampMonths' | 'discontinuationRate'): void => {
      cells.push({ row, col, apply: (x, v) => (num(v) === null ? null : mapDrug(x, i, (d) => ({ ...d, [field]: num(v) }))) });
    };
    drugNumber(fr, IN_FORM.fixedDose, 'dose');
    drugNumber(fr, IN_FORM.weight, 'weightKg');
    drugNumber(fr, IN_FORM.minutes, 'infusionMinutes');
    drugNumber(fr, IN_FORM.extraMinutes, 'chairExtraMinutes');
    drugNumber(fr, IN_FORM.acquisition, 'acquisitionPerUnit');
    drugNumber(fr, IN_FORM.wac, 'wacPerUnit');
    cells.push({
      row: fr,
      col: IN_FORM.complexity,
      apply: (x, v) => {
        const t = String(v).trim().toLowerCase();
        return t === 'complex' || t === 'therapeutic' ? mapDrug(x, i, (d) => ({ ...d, complexity: t })) : null;
      },
    });
    cells.push({ row: fr, col: IN_FORM.distributor, apply: (x, v) => (yes(v) === null ? null : mapDrug(x, i, (d) => ({ ...d, distributorVerified: yes(v) as boolean }))) });
    drugNumber(vr, IN_VOL.newPatients, 'newPatientsPerMonth');
    drugNumber(vr, IN_VOL.ramp, 'rampMonths');
    drugNumber(vr, IN_VOL.discontinuation, 'discontinuationRate');
    const pr = ctx.inputPriorAuthRow(pos);
    s.payers.forEach((payer, j) => {
      cells.push({
        row: pr,
        col: 2 + j,
        apply: (x, v) => {
          const required = yes(v);
          if (required === null) return null;
          return mapDrug(x, i, (d) => {
            const current = d.priorAuthPayers ?? resolveDefaultPa(x);
            const next = required ? [...current.filter((id) => id !== payer.id), payer.id] : current.filter((id) => id !== payer.id);
            return { ...d, priorAuthPayers: x.payers.map((p) => p.id).filter((id) => next.includes(id)) };
          });
        },
      });
    });
  }
  return cells;
}

function resolveDefaultPa(s: Scenario): string[] {
  return s.payers.map((p) => p.id).filter((id) => !PRIOR_AUTH_EXEMPT_PAYER_IDS.includes(id));
}

/** The board's Inputs sheet for a scenario, and what the sync needs to know about its layout. */
export function inputsModel(book: ReferenceBook, scenario: Scenario): InputsModel {
  const input = resolveScenario(scenario, book.data);
  const results = runModel(book, input);
  const src = { book, input, results, sensitivity: [], named: [], applied: scenarioDefaultsApplied(scenario, book.data), generatedAt: new Date() };
  // Inputs does not depend on the sensitivity cases; an empty list keeps this to one model run.
  const ctx = new BoardContext(src, []);
  const sheet: PlanSheet = writeInputs(ctx, { practice: input.practiceName, date: src.generatedAt.toISOString().slice(0, 10), vintage: dataVintage(src) }).build();
  // Rows are sparse (a blank row is a hole), so no map() over them.
  let cols = 1;
  for (let r = 0; r < sheet.rows.length; r++) cols = Math.max(cols, sheet.rows[r]?.length ?? 0);
  const cells: Input[][] = [];
  const formats: string[][] = [];
  for (let r = 0; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    cells.push(Array.from({ length: cols }, (_, c) => cellInput(row?.[c])));
    formats.push(Array.from({ length: cols }, (_, c) => {
      const f = row?.[c]?.format;
      return f ? NUMBER_FORMATS[f] : 'General';
    }));
  }
  const signature = JSON.stringify({
    order: ctx.order.map((i) => input.drugs[i]?.hcpcs),
    payers: input.payers.map((p) => p.profile.id),
    fixed: input.program.fixedCosts.length,
    L: ctx.L,
    V: ctx.V,
    prices: ctx.priceCodes,
    H: ctx.H,
    PM: ctx.PM,
    rows: sheet.rows.length,
    cols,
    tables: sheet.tables,
  });
  return { cells, formats, signature, fields: fieldCells(ctx, scenario) };
}

/**
 * The scenario after the user's edits of the Inputs sheet: `sheet` is what the sheet holds now (formulas as
 * Office.js reads them), `written` the model the pane last wrote there for `scenario`. Returns the new
 * scenario and the cells that could not be read as their field (left out), or null when no input cell
 * changed.
 */
export function readInputEdits(scenario: Scenario, written: InputsModel, sheet: readonly (readonly unknown[])[]): { scenario: Scenario; ignored: string[] } | null {
  const at = (r: number, c: number): unknown => sheet[r]?.[c] ?? '';
  const same = (a: unknown, b: unknown): boolean => {
    if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-12;
    const strip = (v: unknown): string => (typeof v === 'string' && v.startsWith("'") ? v.slice(1) : String(v));
    return strip(a) === strip(b);
  };
  let next = scenario;
  let changed = false;
  const ignored: string[] = [];
  const letters = (c: number): string => {
    let n = c + 1;
    let t = '';
    while (n > 0) {
      const m = (n - 1) % 26;
      t = String.fromCharCode(65 + m) + t;
      n = Math.floor((n - 1) / 26);
    }
    return t;
  };
  for (const f of written.fields) {
    const before = written.cells[f.row]?.[f.col] ?? '';
    const now = at(f.row, f.col);
    if (same(before, now)) continue;
    const applied = f.apply(next, now, at);
    if (applied === null) ignored.push(`${letters(f.col)}${f.row + 1}`);
    else {
      next = applied;
      changed = true;
    }
  }
  return changed || ignored.length > 0 ? { scenario: next, ignored } : null;
}

