/**
 * The scenario in the board workbook's Inputs sheet, and back: the Inputs tables are where the pane keeps the
 * scenario (the visible source of truth), so this file both lays a scenario out as the sheet (`inputsModel`,
 * the same cells the board's own writer produces) and reads a scenario from whatever the sheet holds now
 * (`readInputsSheet`), including values a user typed there.
 *
 * The sheet's layout depends on the formulary's *structure* (which drugs in which order, which payers, how
 * many fixed costs, loading-dose and vial-size columns): the same structure gives the same cells for every
 * formula of the board's other sheets (`InputsModel.signature`). An edit that keeps the structure rewrites
 * only the cells that change (`changedRuns`), and the board's formulas follow; an edit that changes it needs
 * the sheet, and the board built on it, laid out again.
 *
 * Reading the sheet back: the structure comes from the tables' key cells (drug codes, payer ids, fixed-cost
 * rows, the program table), which give a scenario with every optional field left to its default. That
 * scenario is laid out, and every input cell of the sheet that holds something else is read into the
 * scenario as that field. So a value equal to its default stays a default, a default shown as a formula
 * (the derived ASP, the scenario's patient weight) is recognised as one, and nothing the sheet shows is lost.
 */
import type { ReferenceBook } from '../../engine/book';
import { runModel } from '../../engine/model';
import { DAYS_PER_YEAR } from '../../engine/regimen';
import { keptRun, scenarioRun } from './model-run';
import type { DrugRule } from '../../engine/types';
import { builtinPayer, drugRuleOf } from '../../engine/payers';
import { formatIssue, loadScenario, resolveScenario, sampleScenario, scenarioDefaultsApplied } from '../../scenario';
import { newestFeeScheduleYear, newestQuarter } from '../../scenario/lookup';
import { PAYER_COVERAGE_KEYS, PAYER_TERM_KEYS, SCENARIO_FORMAT_VERSION, type Scenario, type ScenarioCustomDrug, type ScenarioDrug, type ScenarioPayer } from '../../scenario/types';
import { DEFAULT_HORIZON_MONTHS, DEFAULT_PATIENT_WEIGHT_KG, DEFAULT_PLANNING_MONTHS, defaultPriorAuthPayers } from '../../scenario/defaults';
import { buildInputsPlan } from '../../workbook/board';
import { BoardContext } from '../../workbook/board/context';
import { type CellKind, FORMULARY_COLUMNS, INPUTS_WORDS, IN_FORM, IN_PAY, IN_VOL, PAYER_COLUMNS, PROGRAM_HEADERS, PROGRAM_KEYS, PROGRAM_LAYOUT, type ProgramKey, REGIMEN_HEADERS, RULE_WORDS, SOURCE_WORDS, VOLUME_COLUMNS, inputColumns, inputsRows, keyOfWords, wordKey } from '../../workbook/board/inputs-layout';
import { NUMBER_FORMATS, type PlanCell, type PlanSheet, type StyleId, cellAddress } from '../../workbook/plan';
import { keepText } from '../../workbook/typed-text';


type Input = string | number | boolean;

/** A cell of the Inputs sheet that holds a scenario field, and how a value typed there changes the scenario. */
interface FieldCell {
  readonly row: number;
  readonly col: number;
  /** The scenario with the typed value; null when the value cannot be that field. `at` reads other cells. */
  readonly apply: (s: Scenario, value: unknown, at: (row: number, col: number) => unknown) => Scenario | null;
  /**
   * For a field whose new value changes only this cell (inputs-layout.ts `plain`): the field's value in a
   * scenario, which the cell shows as it is. Such an edit is laid out without the engine (`patchedModel`).
   */
  readonly plain?: (s: Scenario) => unknown;
}

export interface InputsModel {
  /** Cells as Office.js `formulas` takes them. */
  readonly cells: Input[][];
  readonly formats: string[][];
  /** The plan style of each cell ('' for none): an input given, a default, a rule... */
  readonly styles: (StyleId | '')[][];
  /** Equal for two scenarios exactly when the board's other sheets have the same formulas for both. */
  readonly signature: string;
  readonly fields: readonly FieldCell[];
}

/** A plan cell as `range.formulas` takes it (text that Excel would read as anything else keeps an apostrophe: typed-text.ts). */
function cellInput(cell: PlanCell | undefined): Input {
  if (!cell) return '';
  if (cell.formula !== undefined) return `=${cell.formula}`;
  const v = cell.value;
  if (v === null || v === '') return '';
  if (typeof v !== 'string') return v;
  // Also under the text format: the format and the value are written in one request, and what Excel does
  // with "=1+1" in a text-formatted cell written through the API is not documented.
  return keepText(v);
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

/** Whether a value typed in a cell is text (trimmed, not empty). */
const textValue = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** A value typed in a cell as its column takes it (inputs-layout.ts); undefined when it is not one. */
function valueOf(takes: CellKind, v: unknown): unknown {
  switch (takes.kind) {
    case 'text':
      return textValue(v) ?? undefined;
    case 'number':
      return num(v) ?? undefined;
    case 'yesNo':
      return yes(v) ?? undefined;
    case 'words':
      return keyOfWords(takes.words, v);
    case 'numberOrWord':
      return wordKey(v) === wordKey(takes.word) ? takes.value : (num(v) ?? undefined);
  }
}

function ruleFrom(words: unknown, figure: unknown): DrugRule | null {
  const n = num(figure);
  if (n === null) return null;
  const kind = keyOfWords(RULE_WORDS, words);
  return kind === undefined ? null : drugRuleOf(kind, n);
}

/** A scenario payer without one of its optional fields (back to its default). */
const payerWithout = (p: ScenarioPayer, key: string): ScenarioPayer => Object.fromEntries(Object.entries(p).filter(([k]) => k !== key)) as unknown as ScenarioPayer;

function fieldCells(ctx: BoardContext, s: Scenario): FieldCell[] {
  const cells: FieldCell[] = [];
  const L = ctx.layout.inputs;
  for (const key of PROGRAM_KEYS) {
    const { field, plain } = PROGRAM_LAYOUT[key];
    if (field === undefined) continue;
    cells.push({
      row: L.programRow[key],
      col: 1,
      ...(plain ? { plain: (x: Scenario) => (field === 'practiceName' || field === 'name' ? x[field] : x.program[field]) } : {}),
      apply: (x, v) => {
        if (field === 'practiceName' || field === 'name') return textValue(v) === null ? null : { ...x, [field]: textValue(v) };
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
    cells.push({ row, col: L.fixedCol, apply: (x, v) => (textValue(v) === null ? null : cost(x, (c) => ({ ...c, name: textValue(v) as string }))) });
    cells.push({ row, col: L.fixedCol + 1, apply: (x, v) => (num(v) === null ? null : cost(x, (c) => ({ ...c, monthly: num(v) as number }))) });
  });
  s.payers.forEach((_, i) => {
    const row = ctx.inputPayerRow(i);
    for (const { col, layout } of inputColumns(PAYER_COLUMNS, IN_PAY)) {
      if (layout.field === 'drugRule') {
        // The drug rule is two cells, its words and its figure: either changed, both are read.
        cells.push({
          row,
          col,
          apply: (x, _v, at) => {
            const rule = ruleFrom(at(row, IN_PAY.rule), at(row, IN_PAY.figure));
            return rule === null ? null : mapPayer(x, i, (p) => ({ ...p, drugRule: rule }));
          },
        });
        continue;
      }
      cells.push({
        row,
        col,
        ...(layout.plain ? { plain: (x: Scenario) => x.payers[i]?.[layout.field] } : {}),
        apply: (x, v) => {
          // DOMAIN.md 5.7: a blank coverage cell is the default (a board built before these columns has none; a cleared cell goes back to the default).
          if (layout.blankIsDefault && textOf(v) === '') return mapPayer(x, i, (p) => payerWithout(p, layout.field));
          const value = valueOf(layout.takes, v);
          return value === undefined ? null : mapPayer(x, i, (p) => ({ ...p, [layout.field]: value }));
        },
      });
    }
  });
  for (let pos = 0; pos < ctx.D; pos++) {
    const i = ctx.drug(pos);
    const columns = [
      ...inputColumns(FORMULARY_COLUMNS, IN_FORM).map((c) => ({ ...c, row: ctx.inputFormularyRow(pos) })),
      ...inputColumns(VOLUME_COLUMNS, IN_VOL).map((c) => ({ ...c, row: ctx.inputVolumeRow(pos) })),
    ];
    const custom = s.drugs[i]?.custom !== undefined;
    for (const { row, col, layout } of columns) {
      // A drug of the user's own: these columns hold its facts (read below).
      if (custom && layout.custom !== undefined) continue;
      cells.push({
        row,
        col,
        ...(layout.plain ? { plain: (x: Scenario) => x.drugs[i]?.[layout.field] } : {}),
        apply: (x, v) => {
          const value = valueOf(layout.takes, v);
          return value === undefined ? null : mapDrug(x, i, (d) => ({ ...d, [layout.field]: value }));
        },
      });
    }
    if (custom) {
      const place = customPlace(ctx.inputFormularyRow(pos), ctx.inputVolumeRow(pos), ctx.inputVialRow(pos), ctx.L, ctx.V);
      const crosswalk = ctx.src.book.data.vialSizes[s.drugs[i]?.hcpcs.toUpperCase() ?? ''] ?? [];
      for (const f of customFactCells(place, crosswalk)) {
        cells.push({ row: f.row, col: f.col, apply: (x, v, at) => mapDrug(x, i, (d) => {
          const facts = d.custom === undefined ? null : f.apply(d.custom, v, at);
          return facts === null ? null : { ...d, custom: facts };
        }) });
      }
    }
    const pr = ctx.inputPriorAuthRow(pos);
    s.payers.forEach((payer, j) => {
      cells.push({
        row: pr,
        col: 2 + j,
        apply: (x, v) => {
          const required = yes(v);
          if (required === null) return null;
          return mapDrug(x, i, (d) => {
            const current = d.priorAuthPayers ?? defaultPriorAuthPayers(x.payers.map((p) => p.id));
            const next = required ? [...current.filter((id) => id !== payer.id), payer.id] : current.filter((id) => id !== payer.id);
            return { ...d, priorAuthPayers: x.payers.map((p) => p.id).filter((id) => next.includes(id)) };
          });
        },
      });
    });
    // DOMAIN.md 5.3: a drug given in courses shows its course interval (days); the scenario holds courses a year.
    const catalogCourse = ctx.src.book.catalogDrug(ctx.src.input.drugs[i]?.hcpcs ?? '')?.regimen.courseIntervalDays;
    if (typeof catalogCourse === 'number' && catalogCourse > 0) {
      const vr = ctx.inputVolumeRow(pos);
      cells.push({
        row: vr,
        col: ctx.volCourseCol,
        apply: (x, v) => {
          const n = num(v);
          if (textOf(v) !== '' && (n === null || n <= 0)) return null;
          // Blank or the catalog's interval: the label's courses (the default). Else DAYS_PER_YEAR / interval, to 12 digits.
          const own = n !== null && !sameCell(n, catalogCourse);
          return mapDrug(x, i, (d) => (own ? { ...d, coursesPerYear: Number((DAYS_PER_YEAR / n).toPrecision(12)) } : withoutField(d, 'coursesPerYear')));
        },
      });
    }
    byDrugCells(cells, ctx, s, pos, i);
  }
  return cells;
}

/**
 * Where the facts of a drug of the user's own are on the Inputs sheet (inputs-layout.ts: the Formulary columns
 * marked `custom`, the Product cell, REGIMEN_HEADERS): its rows, and the Volume and vial plan columns.
 */
interface CustomPlace {
  readonly form: number;
  readonly vol: number;
  readonly vial: number;
  readonly loadCols: readonly number[];
  readonly interval: number;
  readonly doses: number;
  readonly sizeCols: readonly number[];
}

/** A custom drug's place from its rows and the number of loading-day columns (L) and vial sizes (V) the sheet has. */
function customPlace(form: number, vol: number, vial: number, L: number, V: number): CustomPlace {
  return {
    form,
    vol,
    vial,
    loadCols: Array.from({ length: L }, (_, l) => IN_VOL.loading + l),
    interval: IN_VOL.loading + L,
    doses: IN_VOL.loading + L + 1,
    sizeCols: Array.from({ length: V }, (_, k) => 3 + 2 * k),
  };
}

/** The numbers of a run of cells (`v` in the cell `col`), blanks left out; null when `v` is neither blank nor a number. Other cells that are not numbers are left out (each is named by its own read). */
function numbersOf(cols: readonly number[], row: number, col: number, v: unknown, at: (row: number, col: number) => unknown): number[] | null {
  if (textOf(v) !== '' && num(v) === null) return null;
  return cols.map((c) => (c === col ? v : at(row, c))).map((x) => num(x)).filter((n): n is number => n !== null);
}

/**
 * DOMAIN.md 5.4: each cell holding a fact of a drug of the user's own, and the facts with the value typed there
 * (null when the cell cannot hold it). A value equal to its default leaves the fact out: no loading days but
 * day 0 (the first dose), no maximum of doses, the crosswalk's vial sizes. Checks across facts (one of dose and
 * dose per kg) are the scenario's (validate.ts).
 */
function customFactCells(p: CustomPlace, crosswalk: readonly number[]): { row: number; col: number; apply: (c: ScenarioCustomDrug, v: unknown, at: (row: number, col: number) => unknown) => ScenarioCustomDrug | null }[] {
  const out: ReturnType<typeof customFactCells> = [];
  out.push({
    row: p.form,
    col: IN_FORM.product,
    apply: (c, v) => {
      const label = textOf(v);
      const name = label.endsWith(INPUTS_WORDS.yourDrug) ? label.slice(0, -INPUTS_WORDS.yourDrug.length).trim() : '';
      return name === '' ? null : { ...c, name };
    },
  });
  for (const [key, layout] of Object.entries(FORMULARY_COLUMNS)) {
    const fact = layout.custom;
    if (fact === undefined || layout.takes === undefined) continue;
    const takes = layout.takes;
    const optional = fact === 'dose' || fact === 'dosePerKg';
    out.push({
      row: p.form,
      col: IN_FORM[key as keyof typeof IN_FORM],
      apply: (c, v) => {
        if (optional && textOf(v) === '') return withoutField(c, fact);
        const value = valueOf(takes, v);
        return value === undefined ? null : { ...c, [fact]: value };
      },
    });
  }
  // A run of cells read together (the loading days, the vial sizes): each cell read gives the facts from all of them.
  const run = (row: number, cols: readonly number[], set: (c: ScenarioCustomDrug, numbers: number[]) => ScenarioCustomDrug): void => {
    for (const col of cols) out.push({ row, col, apply: (c, v, at) => { const numbers = numbersOf(cols, row, col, v, at); return numbers === null ? null : set(c, numbers); } });
  };
  run(p.vol, p.loadCols, (c, days) => (days.length === 0 || (days.length === 1 && days[0] === 0) ? withoutField(c, 'loadingDays') : { ...c, loadingDays: days }));
  out.push({ row: p.vol, col: p.interval, apply: (c, v) => (textOf(v) === '' ? { ...c, maintenanceIntervalDays: null } : num(v) === null ? null : { ...c, maintenanceIntervalDays: num(v) }) });
  out.push({ row: p.vol, col: p.doses, apply: (c, v) => (textOf(v) === '' ? withoutField(c, 'maxDoses') : num(v) === null ? null : { ...c, maxDoses: num(v) as number }) });
  const given = [...new Set(crosswalk)].sort((a, b) => a - b);
  run(p.vial, p.sizeCols, (c, sizes) => {
    const sorted = [...new Set(sizes)].sort((a, b) => a - b);
    return sorted.length === 0 || (sorted.length === given.length && sorted.every((x, k) => x === given[k])) ? withoutField(c, 'vialSizes') : { ...c, vialSizes: sorted };
  });
  return out;
}

/** A scenario drug (or a custom drug's facts) without one of its optional fields (back to its default). */
function withoutField<T extends ScenarioDrug | ScenarioCustomDrug>(d: T, key: keyof T): T {
  return Object.fromEntries(Object.entries(d).filter(([k]) => k !== key)) as unknown as T;
}

/** A grid cell that shows the default: the formula written there (or any formula), or blank (a board built before the grid, a cleared cell). */
const isDefaultCell = (v: unknown): boolean => textOf(v) === '' || (typeof v === 'string' && v.trim().startsWith('='));

/**
 * DOMAIN.md 5.1-5.2: the by-drug grids (payer mix, drug source, white-bagged share). A cell showing the formula
 * (or blank) is the program's / the payer's figure; a figure typed there is the drug's own. The cell being read
 * must be readable (else it is named); other cells of the row that cannot be read count as the default (each
 * is named by its own read). A drug's own figures equal to the defaults leave the field out.
 */
function byDrugCells(cells: FieldCell[], ctx: BoardContext, s: Scenario, pos: number, i: number): void {
  const mr = ctx.inputDrugMixRow(pos);
  const sr = ctx.inputDrugSourceRow(pos);
  const wr = ctx.inputDrugWhiteBagRow(pos);
  const sourceOf = (v: unknown): keyof typeof SOURCE_WORDS | undefined => keyOfWords(SOURCE_WORDS, v);
  s.payers.forEach((_, j) => {
    cells.push({
      row: mr,
      col: 2 + j,
      apply: (x, v, at) => {
        if (!isDefaultCell(v) && num(v) === null) return null;
        const weights = x.payers.map((p, k) => {
          const cell = k === j ? v : at(mr, 2 + k);
          return isDefaultCell(cell) || num(cell) === null ? p.weight : (num(cell) as number);
        });
        const own = weights.some((w, k) => !sameCell(w, x.payers[k]?.weight ?? 0));
        // A payer left out weighs 0 (scenario/types.ts): only the payers the drug has are listed.
        const mix = Object.fromEntries(x.payers.map((p, k) => [p.id, weights[k] ?? 0]).filter(([, w]) => w !== 0));
        return mapDrug(x, i, (d) => (own ? { ...d, payerMix: mix } : withoutField(d, 'payerMix')));
      },
    });
    // The source and the white-bagged share of one payer are read together.
    const pick = (x: Scenario, v: unknown, at: (row: number, col: number) => unknown, row: number): Scenario | null => {
      const payer = x.payers[j];
      if (!payer) return null;
      const pr = ctx.inputPayerRow(j);
      const payerSource = sourceOf(at(pr, IN_PAY.drugSource)) ?? 'buy_and_bill';
      const payerShare = num(at(pr, IN_PAY.whiteBag)) ?? 0;
      const sourceCell = row === sr ? v : at(sr, 2 + j);
      const shareCell = row === wr ? v : at(wr, 2 + j);
      const source = isDefaultCell(sourceCell) ? payerSource : (sourceOf(sourceCell) ?? payerSource);
      const share = isDefaultCell(shareCell) ? payerShare : (num(shareCell) ?? payerShare);
      const bought = source === 'buy_and_bill';
      const own = source !== payerSource || (bought && !sameCell(share, payerShare));
      return mapDrug(x, i, (d) => {
        const others = (d.drugSources ?? []).filter((e) => e.payer.toUpperCase() !== payer.id.toUpperCase());
        const entry = own ? [{ payer: payer.id, source, ...(bought && share !== 0 ? { whiteBagShare: share } : {}) }] : [];
        const next = [...others, ...entry].sort((a, b) => x.payers.findIndex((p) => p.id === a.payer) - x.payers.findIndex((p) => p.id === b.payer));
        return next.length > 0 ? { ...d, drugSources: next } : withoutField(d, 'drugSources');
      });
    };
    cells.push({ row: sr, col: 2 + j, apply: (x, v, at) => (isDefaultCell(v) || sourceOf(v) !== undefined ? pick(x, v, at, sr) : null) });
    cells.push({ row: wr, col: 2 + j, apply: (x, v, at) => (isDefaultCell(v) || num(v) !== null ? pick(x, v, at, wr) : null) });
  });
}


/** The board's Inputs sheet for a scenario, and what the sync needs to know about its layout. */
export function inputsModel(book: ReferenceBook, scenario: Scenario, shared = false): InputsModel {
  const input = resolveScenario(scenario, book.data);
  // The Inputs sheet shows only figures of one administration (dose, vials, prices), which do not depend on
  // the months projected: the engine runs over one month, a fifth of the time of the sample's 42. (A test
  // holds this to the Inputs sheet of the full board.)
  // (Without the launch plan, issue 14: it sets the planning months, and the Inputs sheet shows none of what it moves.)
  // A scenario the results show (`shared`, or already run for them) takes the results' full run instead, made once
  // for both (model-run.ts, issue 15).
  const { launchPlan: _plan, ...once } = input;
  void _plan;
  const results =
    (shared ? scenarioRun(book, scenario) : keptRun(book, scenario)) ??
    runModel(book, { ...once, program: { ...input.program, planningMonths: 0, horizonMonths: 1 } });
  const src = { book, input, results, sensitivity: [], named: [], applied: scenarioDefaultsApplied(scenario, book.data), generatedAt: new Date(), scenario };
  // Inputs does not depend on the sensitivity cases: none are computed.
  const ctx = new BoardContext(src, []);
  const sheet: PlanSheet = buildInputsPlan(src, ctx).sheets[0] as PlanSheet;
  // Rows are sparse (a blank row is a hole), so no map() over them.
  let cols = 1;
  for (let r = 0; r < sheet.rows.length; r++) cols = Math.max(cols, sheet.rows[r]?.length ?? 0);
  const cells: Input[][] = [];
  const formats: string[][] = [];
  const styles: (StyleId | '')[][] = [];
  for (let r = 0; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    cells.push(Array.from({ length: cols }, (_, c) => cellInput(row?.[c])));
    styles.push(Array.from({ length: cols }, (_, c) => row?.[c]?.style ?? ''));
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
  return { cells, formats, styles, signature, fields: fieldCells(ctx, scenario) };
}

/**
 * The layout of `next` from that of `held` without the engine, when `next` differs from `held` only in fields
 * whose cell shows the value as it is and nothing else (inputs-layout.ts `plain`: a chair count, a drug's new
 * patients a month): those cells are written, the rest is `held`'s. Null when another field changed (the full
 * layout, `inputsModel`, is needed). A test holds the result equal to `inputsModel(next)`.
 */
export function patchedModel(held: { readonly scenario: Scenario; readonly model: InputsModel }, next: Scenario): InputsModel | null {
  let cells: Input[][] | null = null;
  let applied = held.scenario;
  for (const f of held.model.fields) {
    if (f.plain === undefined) continue;
    const value = f.plain(next);
    if (Object.is(value, f.plain(held.scenario))) continue;
    if (typeof value !== 'number' && typeof value !== 'string') return null;
    const cell = cellInput({ value });
    const read = f.apply(applied, cell, () => '');
    if (read === null) return null;
    applied = read;
    cells ??= held.model.cells.map((row) => [...row]);
    const row = cells[f.row];
    if (row === undefined) return null;
    row[f.col] = cell;
  }
  // Only plain fields changed, each read back as the value given: the sheet differs in those cells alone.
  if (JSON.stringify(applied) !== JSON.stringify(next)) return null;
  return cells === null ? held.model : { ...held.model, cells };
}

/**
 * The sheet read against the layout the pane holds, without the engine: when every cell of `grid` is what the
 * pane wrote (`held`) but for plain fields typed over (inputs-layout.ts `plain`: a chair count, a drug's new
 * patients a month), the scenario with those values and its layout (`patchedModel`). Null for anything else (a
 * figure the pane does not read, another field, a label, a row added): the whole sheet is read then
 * (`readInputsSheet`). The caller validates the scenario as after any read.
 */
export function readHeldEdits(held: { readonly scenario: Scenario; readonly model: InputsModel }, grid: Grid): { scenario: Scenario; model: InputsModel } | null {
  const edits = readInputEdits(held.scenario, held.model, grid);
  if (edits !== null && edits.ignored.length > 0) return null;
  const scenario = edits?.scenario ?? held.scenario;
  const model = patchedModel(held, scenario);
  if (model === null) return null;
  const rows = Math.max(model.cells.length, grid.length);
  for (let r = 0; r < rows; r++) {
    const cols = Math.max(model.cells[r]?.length ?? 0, grid[r]?.length ?? 0);
    for (let c = 0; c < cols; c++) if (!sameCell(model.cells[r]?.[c] ?? '', grid[r]?.[c] ?? '')) return null;
  }
  return { scenario, model };
}

/**
 * `scenario` with the input cells of `sheet` that differ from `written` (its layout) read into it. Returns
 * the new scenario and the cells that could not be read as their field (left out), or null when no input
 * cell differs.
 */
export function readInputEdits(scenario: Scenario, written: InputsModel, sheet: Grid): { scenario: Scenario; ignored: string[] } | null {
  const at = (r: number, c: number): unknown => sheet[r]?.[c] ?? '';
  let next = scenario;
  let changed = false;
  const ignored: string[] = [];
  for (const f of written.fields) {
    const now = at(f.row, f.col);
    if (sameCell(written.cells[f.row]?.[f.col] ?? '', now)) continue;
    const applied = f.apply(next, now, at);
    if (applied === null) ignored.push(cellAddress(f.row, f.col));
    else {
      next = applied;
      changed = true;
    }
  }
  return changed || ignored.length > 0 ? { scenario: next, ignored } : null;
}

/** What a sheet holds, as a grid from A1: formulas as "=...", constants as Office.js reads them. */
export type Grid = readonly (readonly unknown[] | undefined)[];

export type SheetRead =
  | {
      readonly kind: 'ok';
      readonly scenario: Scenario;
      /** The scenario format the sheet says it holds. */
      readonly fromVersion: number;
      /** Cells that hold something other than what the pane would write there and that it does not read (a label, a formula typed over, a vial count). */
      readonly unread: readonly string[];
      /** The scenario laid out (what the pane would write for it). */
      readonly model: InputsModel;
    }
  /** Not a sheet of this format: an earlier version's layout, or not the board's Inputs at all. */
  | { readonly kind: 'unknown'; readonly why: string }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

const textOf = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? (v.startsWith("'") ? v.slice(1) : v).trim() : String(v));

/**
 * The scenario the Inputs sheet holds (see the file's comment). `grid` is the sheet's cells from A1.
 * Structure that cannot be found gives 'unknown' (an older layout) or 'invalid' (with the cells to fix);
 * values that are not what their field takes give 'invalid' naming the cell.
 */
export function readInputsSheet(book: ReferenceBook, grid: Grid, shown = true): SheetRead {
  const at = (r: number, c: number): unknown => grid[r]?.[c] ?? '';
  const text = (r: number, c: number): string => textOf(at(r, c));
  // The table starts and ends as inputs-layout.ts lays them out: each found, the rows below it follow.
  const rows0 = inputsRows({ fixedCosts: 0, payers: 0, drugs: 0, priceCodes: 0 });
  const H = rows0.programHeader;
  const row = (key: ProgramKey): number => rows0.programRow[key];
  if (text(H, 0) !== PROGRAM_HEADERS[0] || text(row('ScenarioFormat'), 0) !== PROGRAM_LAYOUT.ScenarioFormat.label) {
    return { kind: 'unknown', why: `the Program table of the Inputs sheet does not start at ${cellAddress(H, 0)} with the scenario format in ${cellAddress(row('ScenarioFormat'), 0)}` };
  }
  const version = num(at(row('ScenarioFormat'), 1));
  if (version === null || !Number.isInteger(version) || version < 1) return { kind: 'invalid', problems: [`${cellAddress(row('ScenarioFormat'), 1)}: the scenario format must be a whole number (this version of the add-in writes ${SCENARIO_FORMAT_VERSION})`] };
  if (version > SCENARIO_FORMAT_VERSION) return { kind: 'invalid', problems: [`${cellAddress(row('ScenarioFormat'), 1)}: the sheet was written by a newer version of the add-in (scenario format ${version}; this one reads up to ${SCENARIO_FORMAT_VERSION}); update the add-in`] };

  // Structure: fixed costs beside the program, then payers, then the formulary.
  const problems: string[] = [];
  const fc = rows0.fixedCol;
  const fixedCosts: { name: string; monthly: number }[] = [];
  let r = rows0.fixedHeader + 1;
  for (; text(r, fc) !== INPUTS_WORDS.fixedTotal; r++) {
    if (r > H + 10_000 || (text(r, fc) === '' && text(r, fc + 1) === '')) return { kind: 'invalid', problems: [`${cellAddress(rows0.fixedHeader, fc)}: the fixed costs table must end with its "${INPUTS_WORDS.fixedTotal}" row (add or remove fixed costs in the pane)`] };
    const monthly = num(at(r, fc + 1));
    if (monthly === null) problems.push(`${cellAddress(r, fc + 1)}: a fixed cost's monthly amount must be a number of dollars`);
    fixedCosts.push({ name: text(r, fc), monthly: monthly ?? 0 });
  }
  if (fixedCosts.length === 1 && fixedCosts[0]?.name === INPUTS_WORDS.noFixedCost && fixedCosts[0].monthly === 0) fixedCosts.length = 0;
  const payersHeader = inputsRows({ fixedCosts: fixedCosts.length, payers: 0, drugs: 0, priceCodes: 0 }).payersHeader;
  if (text(payersHeader, IN_PAY.id) !== PAYER_COLUMNS.id.header) return { kind: 'invalid', problems: [`${cellAddress(payersHeader, 0)}: the Payers table must start here (rows above it were added or removed; add fixed costs in the pane)`] };
  const payers: { id: string; name: string; weight: number; basedOn: string }[] = [];
  for (r = payersHeader + 1; text(r, IN_PAY.name) !== INPUTS_WORDS.weightsSum; r++) {
    if (text(r, IN_PAY.id) === '' || r > payersHeader + 1000) return { kind: 'invalid', problems: [`${cellAddress(r, 0)}: the Payers table must end with its "${INPUTS_WORDS.weightsSum}" row (add or remove payers in the pane)`] };
    const weight = num(at(r, IN_PAY.weight));
    if (weight === null) problems.push(`${cellAddress(r, IN_PAY.weight)}: a payer's weight must be a percentage`);
    payers.push({ id: text(r, IN_PAY.id).toUpperCase(), name: text(r, IN_PAY.name), weight: weight ?? 0, basedOn: text(r, IN_PAY.basedOn).toUpperCase() });
  }
  const formularyHeader = inputsRows({ fixedCosts: fixedCosts.length, payers: payers.length, drugs: 0, priceCodes: 0 }).formularyHeader;
  if (text(formularyHeader, IN_FORM.hcpcs) !== FORMULARY_COLUMNS.hcpcs.header) return { kind: 'invalid', problems: [`${cellAddress(formularyHeader, 0)}: the Formulary table must start here (rows were added or removed; add or remove payers in the pane)`] };
  const codes: string[] = [];
  for (r = formularyHeader + 1; text(r, IN_FORM.hcpcs) !== ''; r++) codes.push(text(r, IN_FORM.hcpcs).toUpperCase());
  if (codes.length === 0) return { kind: 'invalid', problems: [`${cellAddress(formularyHeader + 1, 0)}: the Formulary table has no drug`] };
  // A code outside the catalog is a drug of the user's own (DOMAIN.md 5.4) when its product is labelled "(your
  // drug)": its facts are read from the cells the board writes them in (customFactCells). Any other is refused.
  const yours = (k: number): boolean => text(formularyHeader + 1 + k, IN_FORM.product).endsWith(INPUTS_WORDS.yourDrug);
  const unknownCodes = codes.filter((c, k) => book.catalogDrug(c) === undefined && !yours(k));
  if (unknownCodes.length > 0) return { kind: 'invalid', problems: unknownCodes.map((c) => `${cellAddress(formularyHeader + 1 + codes.indexOf(c), 0)}: "${c}" is not a drug of the catalog (add drugs in the pane)`) };
  const customOf = customReader(grid, { fixedCosts: fixedCosts.length, payers: payers.length, drugs: codes.length }, book);

  // The scenario with that structure and every optional field at its default; required values are read below.
  const ref = book.data;
  const optional = <T,>(value: T | null, fallback: T | undefined): T | undefined => (value === null || value === fallback ? undefined : value);
  const quarter = text(row('Quarter'), 1);
  const year = num(at(row('FeeScheduleYear'), 1));
  const sample = sampleScenario;
  const skeleton: Scenario = {
    version: SCENARIO_FORMAT_VERSION,
    name: text(row('Scenario'), 1),
    practiceName: text(row('Practice'), 1),
    ...(quarter !== '' && quarter !== newestQuarter(ref) ? { quarter } : {}),
    ...(year !== null && year !== newestFeeScheduleYear(ref) ? { feeScheduleYear: year } : {}),
    ...(optional(num(at(row('PatientWeightKg'), 1)), DEFAULT_PATIENT_WEIGHT_KG.value) === undefined ? {} : { patientWeightKg: num(at(row('PatientWeightKg'), 1)) as number }),
    drugs: codes.map((hcpcs, k) => ({ hcpcs, newPatientsPerMonth: 0, rampMonths: 0, distributorVerified: false, ...(book.catalogDrug(hcpcs) === undefined ? { custom: customOf(k, hcpcs) } : {}) })),
    payers: payers.map((p) => ({
      id: p.id,
      name: p.name,
      weight: p.weight,
      // A custom payer that starts from no built-in profile gives every term; it is read as one based on Commercial, then every term is made its own.
      ...(p.basedOn !== '' ? { basedOn: p.basedOn } : builtinPayer(p.id) === undefined ? { basedOn: 'COMMERCIAL' } : {}),
    })),
    program: {
      ...sample.program,
      fixedCosts,
      utilizationTarget: undefined,
      distributorTermsDays: undefined,
      inventoryDaysOnHand: undefined,
      priorAuthDelayDays: undefined,
      planningMonths: optional(num(at(row('PlanningMonths'), 1)), DEFAULT_PLANNING_MONTHS.value),
      horizonMonths: optional(num(at(row('HorizonMonths'), 1)), DEFAULT_HORIZON_MONTHS.value),
    },
  };
  const bare = JSON.parse(JSON.stringify(skeleton)) as Scenario; // drops the undefined fields
  if (problems.length > 0) return { kind: 'invalid', problems };
  let model: InputsModel;
  try {
    model = inputsModel(book, bare);
  } catch (e) {
    return { kind: 'invalid', problems: [...problems, `the Inputs sheet's formulary, payers or program cannot be laid out: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const edits = readInputEdits(bare, model, grid);
  if (edits !== null && edits.ignored.length > 0) problems.push(...edits.ignored.map((c) => `${c}: not a value this input can take`));
  if (problems.length > 0) return { kind: 'invalid', problems };
  let scenario = edits?.scenario ?? bare;

  // Custom payers with no starting profile: every term their own.
  const ownTerms = (i: number): boolean => payers[i]?.basedOn === '' && builtinPayer(payers[i].id) === undefined;
  const resolved = payers.some((_, i) => ownTerms(i)) ? resolveScenario(scenario, ref) : null;
  scenario = {
    ...scenario,
    payers: scenario.payers.map((p, i) => {
      if (!ownTerms(i)) return p;
      const profile = resolved?.payers[i]?.profile;
      if (profile === undefined) return p;
      const own: ScenarioPayer = { id: p.id, name: p.name, weight: p.weight };
      // The coverage the sheet gives (DOMAIN.md 5.7) stays the payer's own; the rest is the default of its id.
      const coverage = Object.fromEntries(PAYER_COVERAGE_KEYS.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
      return Object.assign(own, Object.fromEntries(PAYER_TERM_KEYS.map((k) => [k, profile[k]])), coverage);
    }),
  };
  const loaded = loadScenario(scenario, ref);
  if (!loaded.ok) return { kind: 'invalid', problems: loaded.errors.map((e) => formatIssue(e)) };
  // The scenario read is the one the pane shows next: its run is kept for the results (model-run.ts). Not when
  // another part will be put on it first (`shown` false; issue 14: the board's market and launch plan), whose
  // results run the engine on the scenario shown: the layout takes its own one-month run (or a run already made).
  const shownModel = shown ? inputsModel(book, loaded.scenario, true) : JSON.stringify(loaded.scenario) === JSON.stringify(bare) ? model : inputsModel(book, loaded.scenario);
  // Figures and formulas only: a label or note that reads differently is not an input.
  const figure = (v: unknown): boolean => typeof v === 'number' || (typeof v === 'string' && v.startsWith('='));
  const unread: string[] = [];
  // A blank input cell that was read (a coverage cell, whose blank is its default) is not a figure left unread.
  const readBlank = new Set(shownModel.fields.map((f) => cellAddress(f.row, f.col)));
  shownModel.cells.forEach((cells, rr) =>
    cells.forEach((cell, c) => {
      const now = at(rr, c);
      if (textOf(now) === '' && readBlank.has(cellAddress(rr, c))) return;
      if ((figure(cell) || figure(now)) && !sameCell(cell, now)) unread.push(cellAddress(rr, c));
    }),
  );
  return { kind: 'ok', scenario: loaded.scenario, fromVersion: version, unread, model: shownModel };
}

/**
 * The facts of the drug of the user's own at position `k` of the Formulary table, read from the sheet (the loading-day
 * and vial-size columns found by their headers, REGIMEN_HEADERS). A cell that cannot be read keeps a stand-in, so
 * that the sheet can be laid out; the stand-in differs from the cell, whose read then names it.
 */
function customReader(grid: Grid, n: { fixedCosts: number; payers: number; drugs: number }, book: ReferenceBook): (k: number, hcpcs: string) => ScenarioCustomDrug {
  const at = (r: number, c: number): unknown => grid[r]?.[c] ?? '';
  const rows = inputsRows({ ...n, priceCodes: 0 });
  const count = (row: number, first: number, step: number, header: (i: number) => string): number => {
    let i = 0;
    while (textOf(at(row, first + step * i)) === header(i)) i++;
    return i;
  };
  const L = count(rows.volumeHeader, IN_VOL.loading, 1, REGIMEN_HEADERS.loadingDay);
  const V = count(rows.vialsHeader, 3, 2, REGIMEN_HEADERS.vialSize);
  return (k, hcpcs) => {
    const place = customPlace(rows.formularyHeader + 1 + k, rows.volumeHeader + 1 + k, rows.vialsHeader + 1 + k, L, V);
    const standIn: ScenarioCustomDrug = { name: hcpcs, route: 'IV', complexity: 'therapeutic', dose: 1, infusionMinutes: 0, chairExtraMinutes: 0, maintenanceIntervalDays: null };
    const facts = customFactCells(place, book.data.vialSizes[hcpcs] ?? []).reduce((c, f) => f.apply(c, at(f.row, f.col), at) ?? c, standIn);
    // Neither dose given: the stand-in's, which its cell then names.
    return facts.dose === undefined && facts.dosePerKg === undefined ? { ...facts, dose: 1 } : facts;
  };
}

/** Two cells hold the same thing (a number within rounding; text with or without Excel's leading apostrophe). */
export function sameCell(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  const ta = textOf(a);
  const tb = textOf(b);
  // Excel may give a formula back in its own spelling (case, spaces outside quotes): compared as Excel reads it.
  if (ta.startsWith('=') && tb.startsWith('=')) return formulaKey(ta) === formulaKey(tb);
  return ta === tb;
}

/** A formula with the case and spacing Excel does not keep outside string literals made uniform. */
function formulaKey(formula: string): string {
  return formula.split('"').map((part, i) => (i % 2 === 1 ? part : part.replace(/\s+/g, '').toUpperCase())).join('"');
}

/** A run of cells of one row that a write changes. */
export interface CellRun {
  readonly row: number;
  readonly col: number;
  readonly cells: readonly Input[];
  readonly formats: readonly string[];
  /** Per cell of the run: the style to give it, or null where it keeps its own. */
  readonly styles: readonly (StyleId | null)[];
}

/**
 * The cells that differ between two layouts of the same structure, as runs along each row: what a write
 * needs to touch, so that a cell the pane has no reason to change (a user's note beside a table) is left alone.
 */
export function changedRuns(before: InputsModel, after: InputsModel): CellRun[] {
  const runs: CellRun[] = [];
  const rows = Math.max(before.cells.length, after.cells.length);
  for (let r = 0; r < rows; r++) {
    const b = before.cells[r] ?? [];
    const a = after.cells[r] ?? [];
    const [bf, af] = [before.formats[r] ?? [], after.formats[r] ?? []];
    const [bs, as] = [before.styles[r] ?? [], after.styles[r] ?? []];
    const cols = Math.max(a.length, b.length);
    let start = -1;
    for (let c = 0; c <= cols; c++) {
      const changed = c < cols && (!Object.is(a[c] ?? '', b[c] ?? '') || (af[c] ?? 'General') !== (bf[c] ?? 'General') || (as[c] ?? '') !== (bs[c] ?? ''));
      if (changed && start < 0) start = c;
      if (!changed && start >= 0) {
        runs.push({
          row: r,
          col: start,
          cells: Array.from({ length: c - start }, (_, k) => a[start + k] ?? ''),
          formats: Array.from({ length: c - start }, (_, k) => af[start + k] ?? 'General'),
          styles: Array.from({ length: c - start }, (_, k) => {
            const now = as[start + k] ?? '';
            return now !== '' && now !== (bs[start + k] ?? '') ? now : null;
          }),
        });
        start = -1;
      }
    }
  }
  return runs;
}
