/**
 * The Inputs sheet: the scenario as Excel tables (program, fixed costs, payers and mix, formulary, volume
 * and regimen, prior authorization, vial plan) and the reference figures used (CMS payment limits with the
 * derived ASP, fee schedule). Every figure elsewhere in the workbook reads these cells. Each input is
 * labelled: a scenario input, a default (an assumption, with its source) or a rule (fixed by CMS or law).
 */
import { Dec, dec } from '../../engine/decimal';
import { EIGHT_PERCENT_NOTE } from '../../engine/book';
import { drugRuleFigure } from '../../engine/payers';
import { DAYS_PER_YEAR } from '../../engine/regimen';
import { coverageDefault, coverageOf } from '../../engine/patient';
import { DEFAULT_ACCESS_RISK_THRESHOLD, DEFAULT_PATIENT_WEIGHT_KG } from '../../scenario/defaults';
import { PAYER_COVERAGE_KEYS, SCENARIO_FORMAT_VERSION } from '../../scenario/types';
import { type NumberFormatId, type StyleId, cellAddress, rangeAddress } from '../plan';
import { type Cached, SheetBuilder } from '../sheet-builder';
import { type BoardContext, CRITERIA, CRITERIA_COL, IN_FEE, IN_FORM, IN_PAY, IN_PRICE, IN_VOL, NAME_PREFIX, PROGRAM_KEYS, type ProgramKey, SHEET } from './context';
import { type Labels, labelsFor } from './labels';
import { COVERAGE_WORDS, FIXED_COST_HEADERS, FORMULARY_COLUMNS, INPUTS_WORDS, NO_LIMIT_WORD, PAYER_COLUMNS, PROGRAM_HEADERS, PROGRAM_LAYOUT, REGIMEN_HEADERS, RULE_WORDS, SOURCE_WORDS, SUPPLEMENTAL_WORDS, VOLUME_COLUMNS, headersOf, yesNo } from './inputs-layout';
import { loadingKind } from './numbers';
import type { DrugResult } from '../../engine/model';
import { ownNewPatients } from './market';
import { type PrintText, printSetup } from './print';

export { COVERAGE_WORDS, NO_LIMIT_WORD, RULE_WORDS, SOURCE_WORDS, SUPPLEMENTAL_WORDS } from './inputs-layout';

/** The coverage fields' names in the Payers table's coverage label. */
const COVERAGE_FIELD_NAMES = { coverageType: 'coverage type', annualDeductible: 'deductible', outOfPocketMax: 'out-of-pocket maximum', supplemental: 'supplemental coverage' } as const satisfies Record<(typeof PAYER_COVERAGE_KEYS)[number], string>;

/** Descriptions of the administration codes (DOMAIN.md 2.3). */
export const ADMIN_CODE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '96365': 'IV infusion, therapeutic, initial hour',
  '96366': 'IV infusion, therapeutic, each additional hour',
  '96367': 'additional sequential infusion',
  '96372': 'SC/IM injection, therapeutic',
  '96374': 'IV push, single drug',
  '96375': 'each additional sequential push',
  '96401': 'chemo/complex SC/IM',
  '96409': 'chemo/complex IV push',
  '96413': 'chemo/complex IV infusion, initial hour',
  '96415': 'chemo/complex IV infusion, each additional hour',
  '96417': 'additional sequential complex infusion',
};

/** The vial plan of the drug at a display position: count per vial size, largest size first. */
export function vialPlan(ctx: BoardContext, pos: number, vials?: readonly { size: number; count: number }[]): { size: number; count: number }[] {
  const i = ctx.drug(pos);
  const line = ctx.src.input.drugs[i];
  const result = ctx.src.results.drugs[i];
  if (!line || !result) throw new RangeError(`no drug at ${pos}`);
  const sizes = [...new Set(line.vialSizes.length > 0 ? line.vialSizes : ctx.src.book.vialSizes(line.hcpcs))].sort((a, b) => b - a);
  const chosen = (vials ?? result.perPayer[0]?.dispensing.vials.vials ?? []).map((v) => [v.size, v.count] as const);
  const byIndex = new Map(chosen);
  return sizes.map((size) => ({ size, count: byIndex.get(size) ?? 0 }));
}

export function writeInputs(ctx: BoardContext, text: PrintText): SheetBuilder {
  const { src, layout } = ctx;
  const L = layout.inputs;
  const input = src.input;
  const results = src.results;
  const book = src.book;
  const labels = labelsFor(src);
  // Printed: the tables' columns (the long labels and sources to their right are for the screen).
  const s = new SheetBuilder(SHEET.inputs, 'inputs', printSetup(text, { fitToHeight: false, area: rangeAddress(0, 0, ctx.layout.inputs.feesHeader + 12, IN_FORM.label), pagesWide: 2 }));
  s.tabColor = '#FFC000';

  s.value(0, 0, `Inputs: ${input.name}`, 'title');
  s.value(1, 0, 'Change a blue figure and the whole workbook follows. Each input is labelled: a scenario input, a default (an assumption, with its source) or a rule (fixed by CMS or law).', 'subtitle');
  s.value(2, 0, 'Scenario input', 'input');
  s.value(2, 1, 'Default (assumption)', 'inputDefault');
  s.value(2, 2, 'Rule (CMS, law)', 'rule');
  s.value(2, 3, 'Formula (do not type over)', 'formula');

  // Program ----------------------------------------------------------------------------------------------
  const prog = input.program;
  s.value(L.programHeader - 1, 0, 'Program', 'section');
  s.values(L.programHeader, 0, [...PROGRAM_HEADERS], 'header');
  const pr = L.programRow;
  const local = (key: ProgramKey): string => cellAddress(pr[key], 1, true);
  const fixedTotal = prog.fixedCosts.reduce((t, c) => t.plus(dec(c.monthly)), new Dec(0));
  const openHours = dec(prog.chairs).times(prog.hoursPerDay).times(prog.daysPerMonth);
  const untilDay = Math.ceil((prog.horizonMonths * DAYS_PER_YEAR) / 12) + 1;
  const paCost = dec(prog.priorAuthStaffMinutes).div(60).times(dec(prog.staffHourlyCost));
  const fixedFirst = L.fixedHeader + 1;
  const fixedLast = L.fixedHeader + Math.max(1, prog.fixedCosts.length);
  const fc = L.fixedCol;
  const quarterTable = book.quarterTable(results.quarter);
  const fees = book.feeTable(results.feeScheduleYear);
  const patientWeight = src.scenario?.patientWeightKg ?? DEFAULT_PATIENT_WEIGHT_KG.value;
  type Item = { value: Cached; formula?: string; labels: Labels };
  const items: Record<ProgramKey, Item> = {
    Practice: { value: input.practiceName, labels: labels.scenario() },
    Scenario: { value: input.name, labels: labels.scenario() },
    ScenarioFormat: { value: SCENARIO_FORMAT_VERSION, labels: { style: 'layout', label: 'informational: the version of the add-in\'s scenario format these tables hold; the add-in brings an older one up to date when it reads them', source: '' } },
    Quarter: { value: results.quarter, labels: labels.field('quarter', 'informational: the prices below are this quarter\'s; rebuild with the add-in to change it', quarterTable.quarter.effective) },
    FeeScheduleYear: { value: results.feeScheduleYear, labels: labels.field('feeScheduleYear', 'informational: the fee amounts below are this year\'s', fees.schedule.source) },
    PatientWeightKg: { value: patientWeight, labels: src.scenario?.patientWeightKg === undefined ? labels.field('patientWeightKg') : labels.scenario('the formulary\'s weight cells that show a formula take this weight') },
    Chairs: { value: prog.chairs, labels: labels.scenario() },
    HoursPerDay: { value: prog.hoursPerDay, labels: labels.scenario() },
    DaysPerMonth: { value: prog.daysPerMonth, labels: labels.scenario() },
    OpenChairHours: { value: openHours, formula: `${local('Chairs')}*${local('HoursPerDay')}*${local('DaysPerMonth')}`, labels: labels.formula('chairs x hours x days (DOMAIN.md 2.8)') },
    UtilizationTarget: { value: prog.utilizationTarget, labels: labels.field('program.utilizationTarget') },
    ChairCapacity: { value: openHours.times(dec(prog.utilizationTarget)), formula: `${local('OpenChairHours')}*${local('UtilizationTarget')}`, labels: labels.formula('open chair hours x target utilization (DOMAIN.md 2.8)') },
    ChairsPerNurse: { value: prog.chairsPerNurse, labels: labels.scenario('Advisory Board benchmark 1.7-3.6 chairs per nurse (DOMAIN.md 2.8)') },
    FixedCostsMonthly: { value: fixedTotal, formula: `SUM(${rangeAddress(fixedFirst, fc + 1, fixedLast, fc + 1, true)})`, labels: labels.formula('sum of the fixed costs table') },
    StartupCosts: { value: prog.startupCosts, labels: labels.scenario(ctx.src.input.launchPlan ? 'the launch plan\'s tasks\' costs, paid in the months they run: change them on the Launch plan sheet (issue 14)' : 'spread evenly over the planning months (month 1 when there are none)') },
    PlanningMonths: { value: prog.planningMonths, labels: labels.layout('program.planningMonths') },
    HorizonMonths: { value: prog.horizonMonths, labels: labels.layout('program.horizonMonths') },
    DoseDaysCounted: { value: untilDay, formula: `ROUNDUP(${local('HorizonMonths')}*364/12,0)+1`, labels: labels.formula('the horizon in days of the 52-week year (364 / 12 days a month), plus one') },
    DiscountRate: { value: prog.discountRate, labels: labels.scenario('the practice\'s cost of capital') },
    DistributorTermsDays: { value: prog.distributorTermsDays, labels: labels.field('program.distributorTermsDays') },
    InventoryDaysOnHand: { value: prog.inventoryDaysOnHand ?? 0, labels: labels.field('program.inventoryDaysOnHand') },
    PriorAuthDelayDays: { value: prog.priorAuthDelayDays, labels: labels.field('program.priorAuthDelayDays') },
    PriorAuthStaffMinutes: { value: prog.priorAuthStaffMinutes, labels: labels.scenario() },
    StaffHourlyCost: { value: prog.staffHourlyCost, labels: labels.scenario() },
    PriorAuthCost: { value: paCost, formula: `${local('PriorAuthStaffMinutes')}/60*${local('StaffHourlyCost')}`, labels: labels.formula('minutes / 60 x hourly cost') },
    AccessRiskThreshold: {
      value: prog.accessRiskThreshold ?? DEFAULT_ACCESS_RISK_THRESHOLD.value,
      labels: labels.field('program.accessRiskThreshold', undefined, 'DOMAIN.md 5.7: patients paying more than this in a year without help are counted on the Patient access sheet (values: rebuild after a change)'),
    },
    ConversionFactor: { value: fees.conversionFactor, labels: labels.rule(`CMS Physician Fee Schedule CY${results.feeScheduleYear}: ${fees.schedule.source} (DOMAIN.md 2.3)`) },
    WhiteBagHandlingCost: { value: prog.whiteBagHandlingCost ?? 0, labels: labels.field('program.whiteBagHandlingCost') },
    PromptPayDiscount: { value: prog.promptPayDiscount ?? 0, labels: labels.field('program.promptPayDiscount') },
    GpoDiscount: { value: prog.gpoDiscount ?? 0, labels: labels.field('program.gpoDiscount') },
  };
  for (const key of PROGRAM_KEYS) {
    const it = items[key];
    const { label, unit, format } = PROGRAM_LAYOUT[key];
    const r = pr[key];
    s.value(r, 0, typeof label === 'string' ? label : label(results.feeScheduleYear), 'label');
    if (it.formula !== undefined) s.formula(r, 1, it.formula, it.value, 'formula', format);
    else s.value(r, 1, it.value, it.labels.style, format);
    s.value(r, 2, unit, 'label');
    s.value(r, 3, it.labels.label, 'note');
    s.value(r, 4, it.labels.source, 'note');
  }
  s.tables.push({ name: `${NAME_PREFIX}Program`, range: rangeAddress(L.programHeader, 0, pr[PROGRAM_KEYS[PROGRAM_KEYS.length - 1] as ProgramKey], 4), style: 'TableStyleLight1' });

  // Fixed costs, beside the program.
  s.value(L.fixedHeader - 1, fc, 'Fixed costs per month', 'section');
  s.values(L.fixedHeader, fc, [...FIXED_COST_HEADERS], 'header');
  if (prog.fixedCosts.length === 0) {
    s.values(fixedFirst, fc, [INPUTS_WORDS.noFixedCost, 0, 'scenario input'], 'input');
  }
  prog.fixedCosts.forEach((c, i) => {
    s.value(fixedFirst + i, fc, c.name, 'input');
    s.value(fixedFirst + i, fc + 1, c.monthly, 'input', 'money');
    s.value(fixedFirst + i, fc + 2, 'scenario input', 'note');
  });
  s.tables.push({ name: `${NAME_PREFIX}FixedCosts`, range: rangeAddress(L.fixedHeader, fc, fixedLast, fc + 2), style: 'TableStyleLight1' });
  s.value(fixedLast + 1, fc, INPUTS_WORDS.fixedTotal, 'total');
  s.formula(fixedLast + 1, fc + 1, `SUM(${rangeAddress(fixedFirst, fc + 1, fixedLast, fc + 1)})`, fixedTotal, 'total', 'money');

  // The board's criteria for the conclusion on the Summary, beside the fixed costs.
  const cc = CRITERIA_COL;
  s.value(L.programHeader - 1, cc, 'Board criteria (the Summary\'s conclusion)', 'section');
  s.values(L.programHeader, cc, ['Criterion', 'Threshold', 'Unit', 'Label'], 'header');
  CRITERIA.forEach((c, i) => {
    const r = ctx.criterionRow(i);
    s.value(r, cc, c.label, 'label');
    // Payback: within the horizon unless the board asks for sooner.
    s.value(r, cc + 1, c.id === 'payback' ? prog.horizonMonths : c.value, 'inputDefault', c.format);
    s.value(r, cc + 2, c.unit, 'label');
    s.value(r, cc + 3, c.id === 'payback' ? 'default: assumption (the horizon); the board\'s judgement' : 'default: assumption; the board\'s judgement', 'note');
  });

  // Payers and mix -----------------------------------------------------------------------------------------
  s.value(L.payersHeader - 1, 0, 'Payers and mix', 'section');
  s.values(L.payersHeader, 0, headersOf(PAYER_COLUMNS, IN_PAY), 'header');
  input.payers.forEach((entry, i) => {
    const r = ctx.inputPayerRow(i);
    const p = entry.profile;
    const term = (key: string): StyleId => labels.payerTermStyle(i, key);
    // A cell of the payer's row, in its column's format (inputs-layout.ts) unless given another.
    const cell = (key: keyof typeof IN_PAY, value: Cached, style: StyleId, format: NumberFormatId | null = PAYER_COLUMNS[key].format ?? null): void => s.value(r, IN_PAY[key], value, style, format ?? undefined);
    cell('id', p.id, 'input');
    cell('name', p.name, 'input');
    cell('weight', entry.weight, 'input');
    cell('rule', RULE_WORDS[p.drugRule.kind], term('drugRule'));
    cell('figure', drugRuleFigure(p.drugRule), term('drugRule'), p.drugRule.kind === 'fixed_per_unit' ? 'unitPrice' : p.drugRule.kind === 'payment_limit' ? 'factor' : 'pct');
    cell('adminPct', p.adminPercentOfFeeSchedule, term('adminPercentOfFeeSchedule'));
    cell('drugCoins', p.drugCoinsurance, p.drugCoinsurance === 'file' ? 'rule' : term('drugCoinsurance'), p.drugCoinsurance === 'file' ? null : undefined);
    cell('adminCoins', p.adminCoinsurance, term('adminCoinsurance'));
    cell('seq', p.sequestration, p.sequestration > 0 && p.id === 'MEDICARE' ? 'rule' : term('sequestration'));
    cell('collect', p.collectionRate, term('collectionRate'));
    cell('denial', p.denialWriteOff, term('denialWriteOff'));
    cell('paysJw', yesNo(p.paysDiscarded), term('paysDiscarded'));
    cell('days', p.daysToPayment, term('daysToPayment'));
    cell('paDenial', p.priorAuthDenialRate, term('priorAuthDenialRate'));
    cell('basedOn', src.scenario?.payers[i]?.basedOn ?? '', 'input');
    const pl = labels.payer(i);
    s.value(r, IN_PAY.label, pl.label, 'note');
    s.value(r, IN_PAY.source, pl.source, 'note');
    // DOMAIN.md 5.1: where the drug comes from; the Claim detail reads these words.
    cell('drugSource', SOURCE_WORDS[p.drugSource ?? 'buy_and_bill'], term('drugSource'));
    cell('whiteBag', p.whiteBagShare ?? 0, term('whiteBagShare'));
    // DOMAIN.md 5.7: the patient coverage (values, read by the Patient access sheet and the add-in's estimate).
    const own = src.scenario?.payers[i];
    const given = (key: (typeof PAYER_COVERAGE_KEYS)[number]): boolean => (own === undefined ? p[key] !== undefined : own[key] !== undefined);
    const cover = (key: (typeof PAYER_COVERAGE_KEYS)[number]): StyleId => (given(key) ? 'input' : 'inputDefault');
    const c = coverageOf(p);
    cell('coverageType', COVERAGE_WORDS[c.coverageType], cover('coverageType'));
    cell('deductible', c.annualDeductible, cover('annualDeductible'));
    if (c.outOfPocketMax === null) cell('oopMax', NO_LIMIT_WORD, cover('outOfPocketMax'), null);
    else cell('oopMax', c.outOfPocketMax, cover('outOfPocketMax'));
    cell('supplemental', SUPPLEMENTAL_WORDS[c.supplemental], cover('supplemental'));
    s.value(r, IN_PAY.coverageLabel, coverageLabel(given, own?.basedOn ?? p.id), 'note');
  });
  const lastPayer = ctx.inputPayerRow(ctx.P - 1);
  s.tables.push({ name: `${NAME_PREFIX}Payers`, range: rangeAddress(L.payersHeader, 0, lastPayer, IN_PAY.coverageLabel), style: 'TableStyleLight1' });
  const weightSum = results.weights.reduce((t, w) => t.plus(w), new Dec(0));
  s.value(L.weightsSumRow, IN_PAY.name, INPUTS_WORDS.weightsSum, 'total');
  const wsum = `SUM(${rangeAddress(ctx.inputPayerRow(0), IN_PAY.weight, lastPayer, IN_PAY.weight)})`;
  s.formula(L.weightsSumRow, IN_PAY.weight, wsum, weightSum, 'total', 'pct');
  s.formula(L.weightsSumRow, IN_PAY.rule, `IF(ABS(${cellAddress(L.weightsSumRow, IN_PAY.weight)}-1)<=0.000000001,"OK: the weights sum to 100%","The weights must sum to 100%")`, 'OK: the weights sum to 100%', 'check');
  s.conditionalFormats.push({ range: cellAddress(L.weightsSumRow, IN_PAY.rule), rule: { kind: 'textEquals', text: 'The weights must sum to 100%' }, look: 'bad' });

  // Formulary ----------------------------------------------------------------------------------------------
  s.value(L.formularyHeader - 1, 0, 'Formulary: doses, chair time and prices paid', 'section');
  s.values(L.formularyHeader, 0, headersOf(FORMULARY_COLUMNS, IN_FORM), 'header');
  for (let pos = 0; pos < ctx.D; pos++) {
    const i = ctx.drug(pos);
    const line = input.drugs[i];
    const res = results.drugs[i];
    if (!line || !res) continue;
    const r = ctx.inputFormularyRow(pos);
    const dl = labels.drug(i);
    const catalog = book.catalogDrug(line.hcpcs);
    const refCode = catalog?.referenceHcpcs ?? null;
    const refName = refCode === null ? '' : `${book.catalogDrug(refCode)?.brand ?? refCode} (${refCode})`;
    s.value(r, IN_FORM.hcpcs, line.hcpcs, 'text');
    s.value(r, IN_FORM.product, line.label, 'text');
    s.value(r, IN_FORM.biosimilarOf, refName, 'text');
    // A drug of the user's own (DOMAIN.md 5.4): its facts (inputs-layout.ts, the columns marked `custom`) are inputs.
    const fact = (style: StyleId): StyleId => (line.custom === true ? 'input' : style);
    s.value(r, IN_FORM.route, line.route, fact('rule'));
    s.value(r, IN_FORM.complexity, line.complexity, fact(dl.style('complexity')));
    const basis = line.dose;
    if (basis.kind === 'per_kg') {
      s.value(r, IN_FORM.perKg, basis.perKg, fact(dl.style('dose')), 'count2');
      if (basis.maxDose !== undefined) s.value(r, IN_FORM.maxDose, basis.maxDose, dl.style('dose'), 'count1');
    } else {
      s.value(r, IN_FORM.fixedDose, res.dose, fact(dl.style('dose')), FORMULARY_COLUMNS.fixedDose.format);
    }
    // A drug without a weight of its own takes the scenario's patient weight (a formula, so the cell says so).
    if (src.scenario !== null && src.scenario.drugs[i]?.weightKg === undefined) s.formula(r, IN_FORM.weight, local('PatientWeightKg'), line.weightKg, 'inputDefault', 'count1');
    else s.value(r, IN_FORM.weight, line.weightKg, dl.style('weightKg'), FORMULARY_COLUMNS.weight.format);
    const F = (c: number): string => cellAddress(r, c);
    s.formula(r, IN_FORM.dose, `IF(ISNUMBER(${F(IN_FORM.fixedDose)}),${F(IN_FORM.fixedDose)},IF(ISNUMBER(${F(IN_FORM.maxDose)}),MIN(${F(IN_FORM.perKg)}*${F(IN_FORM.weight)},${F(IN_FORM.maxDose)}),${F(IN_FORM.perKg)}*${F(IN_FORM.weight)}))`, res.dose, 'formula', 'count1');
    const priceRow = ctx.inputPriceRow(line.hcpcs);
    const unit = book.billingUnit(line.hcpcs, results.quarter);
    s.formula(r, IN_FORM.unitText, cellAddress(priceRow, IN_PRICE.unitText, true), unit.text, 'formula');
    s.formula(r, IN_FORM.unitAmount, cellAddress(priceRow, IN_PRICE.unitAmount, true), unit.amount, 'formula', 'count2');
    s.value(r, IN_FORM.minutes, line.infusionMinutes, fact(dl.style('infusionMinutes')), FORMULARY_COLUMNS.minutes.format);
    s.value(r, IN_FORM.extraMinutes, line.chairExtraMinutes, fact(dl.style('chairExtraMinutes')), FORMULARY_COLUMNS.extraMinutes.format);
    const acq = res.perPayer[0]?.acquisitionPerUnit ?? book.asp(line.hcpcs, results.quarter);
    // DOMAIN.md 5.6: the default is the derived ASP less the prompt-pay and GPO discounts.
    if (line.acquisitionPerUnit === null) s.formula(r, IN_FORM.acquisition, `${cellAddress(priceRow, IN_PRICE.asp, true)}*(1-${local('PromptPayDiscount')})*(1-${local('GpoDiscount')})`, acq, 'inputDefault', 'unitPrice');
    else s.value(r, IN_FORM.acquisition, line.acquisitionPerUnit, 'input', FORMULARY_COLUMNS.acquisition.format);
    if (line.wacPerUnit !== null) s.value(r, IN_FORM.wac, line.wacPerUnit, 'input', FORMULARY_COLUMNS.wac.format);
    s.value(r, IN_FORM.distributor, yesNo(line.distributorVerified), 'input');
    s.value(r, IN_FORM.label, dl.summary(basis.kind === 'weight_tiers' ? `dose: the catalog's weight tier for ${line.weightKg} kg (enter a fixed dose if the weight changes)` : null), 'note');
    // DOMAIN.md 5.3: the loading dose with its own dose and time (the label's); none = the maintenance dose.
    const load = loadingKind(res);
    const own = load === undefined ? null : (line.regimen.loadingDoses?.[load.loadingPositions[0] as number] ?? null);
    if (own?.dose.kind === 'fixed') s.value(r, IN_FORM.loadFixed, own.dose.amount, 'inputDefault', 'count1');
    if (own?.dose.kind === 'per_kg') s.value(r, IN_FORM.loadPerKg, own.dose.perKg, 'inputDefault', 'count2');
    s.formula(r, IN_FORM.loadDose, `IF(ISNUMBER(${F(IN_FORM.loadFixed)}),${F(IN_FORM.loadFixed)},IF(ISNUMBER(${F(IN_FORM.loadPerKg)}),${F(IN_FORM.loadPerKg)}*${F(IN_FORM.weight)},${F(IN_FORM.dose)}))`, load?.dose ?? res.dose, 'formula', 'count1');
    if (own === null) s.formula(r, IN_FORM.loadMinutes, F(IN_FORM.minutes), line.infusionMinutes, 'formula', 'int');
    else s.value(r, IN_FORM.loadMinutes, own.minutes, 'inputDefault', 'int');
  }
  const lastForm = ctx.inputFormularyRow(ctx.D - 1);
  s.tables.push({ name: `${NAME_PREFIX}Formulary`, range: rangeAddress(L.formularyHeader, 0, lastForm, IN_FORM.loadMinutes), style: 'TableStyleLight1' });

  // Volume and regimen -------------------------------------------------------------------------------------
  s.value(L.volumeHeader - 1, 0, 'Volume and regimen (regimens from the catalog: dose days from the first dose)', 'section');
  const loadHeads = Array.from({ length: ctx.L }, (_, l) => REGIMEN_HEADERS.loadingDay(l));
  const flagHeads = Array.from({ length: ctx.L }, (_, l) => `Loading dose ${l + 1}: at the loading dose (1 = yes)`);
  const volCols = [...headersOf(VOLUME_COLUMNS, IN_VOL), ...loadHeads, REGIMEN_HEADERS.interval, REGIMEN_HEADERS.doses, 'Label', 'Loading doses repeat every (days; courses)', ...flagHeads];
  s.values(L.volumeHeader, 0, volCols, 'header');
  const ivCol = IN_VOL.loading + ctx.L;
  for (let pos = 0; pos < ctx.D; pos++) {
    const i = ctx.drug(pos);
    const line = input.drugs[i];
    if (!line) continue;
    const r = ctx.inputVolumeRow(pos);
    const dl = labels.drug(i);
    s.value(r, IN_VOL.hcpcs, line.hcpcs, 'text');
    s.value(r, IN_VOL.product, line.label, 'text');
    // Issue 14: the scenario's own figure, also when the drug adopts the Market sheet's (board/market.ts).
    s.value(r, IN_VOL.newPatients, ownNewPatients(ctx, i), 'input', VOLUME_COLUMNS.newPatients.format);
    s.value(r, IN_VOL.ramp, line.rampMonths, 'input', VOLUME_COLUMNS.ramp.format);
    s.value(r, IN_VOL.discontinuation, line.discontinuationRate, dl.style('discontinuationRate'), VOLUME_COLUMNS.discontinuation.format);
    // A drug of the user's own (DOMAIN.md 5.4): its regimen is an input (REGIMEN_HEADERS).
    const regimenStyle: StyleId = line.custom === true ? 'input' : 'inputDefault';
    const loading = line.regimen.loadingDays.length > 0 ? line.regimen.loadingDays : [0];
    loading.forEach((d, l) => s.value(r, IN_VOL.loading + l, d, regimenStyle, 'int'));
    if (line.regimen.maintenanceIntervalDays !== null) s.value(r, ivCol, line.regimen.maintenanceIntervalDays, regimenStyle, 'int');
    if (line.regimen.maxDoses !== null) s.value(r, ivCol + 1, line.regimen.maxDoses, regimenStyle, 'int');
    s.value(r, ivCol + 2, dl.volumeSummary(line.regimen.loadingDays.length === 0), 'note');
    // DOMAIN.md 5.3: courses (the loading days repeat), and which loading days take the loading dose.
    const course = line.regimen.courseIntervalDays;
    if (course !== undefined && course !== null && course > 0) s.value(r, ctx.volCourseCol, course, 'inputDefault', 'count1');
    const positions = loadingKind(results.drugs[i] as DrugResult)?.loadingPositions ?? [];
    for (let l = 0; l < ctx.L; l++) s.value(r, ctx.volFlagCol(l), positions.includes(l) ? 1 : 0, 'inputDefault', 'int');
  }
  s.tables.push({ name: `${NAME_PREFIX}Volume`, range: rangeAddress(L.volumeHeader, 0, ctx.inputVolumeRow(ctx.D - 1), ctx.volFlagCol(ctx.L - 1)), style: 'TableStyleLight1' });

  // Prior authorization grid -------------------------------------------------------------------------------
  s.value(L.priorAuthHeader - 1, 0, 'Prior authorization required (yes / no), by payer', 'section');
  s.values(L.priorAuthHeader, 0, ['HCPCS', 'Product', ...input.payers.map((p) => p.profile.id), 'Label'], 'header');
  for (let pos = 0; pos < ctx.D; pos++) {
    const i = ctx.drug(pos);
    const line = input.drugs[i];
    if (!line) continue;
    const r = ctx.inputPriorAuthRow(pos);
    const dl = labels.drug(i);
    s.value(r, 0, line.hcpcs, 'text');
    s.value(r, 1, line.label, 'text');
    input.payers.forEach((p, j) => s.value(r, 2 + j, yesNo(line.priorAuthPayers.includes(p.profile.id)), dl.style('priorAuthPayers')));
    s.value(r, 2 + ctx.P, dl.priorAuthSummary(), 'note');
  }
  s.tables.push({ name: `${NAME_PREFIX}PriorAuth`, range: rangeAddress(L.priorAuthHeader, 0, ctx.inputPriorAuthRow(ctx.D - 1), 2 + ctx.P), style: 'TableStyleLight1' });

  // By drug and payer: the payer mix, the drug source and the white-bagged share (DOMAIN.md 5.1-5.2). A cell that
  // shows a formula takes the program's (the payer's) figure; a figure typed over it is the drug's own.
  const grid = (header: number, rowOf: (pos: number) => number, title: string, cell: (pos: number, j: number, r: number) => void, name: string): void => {
    s.value(header - 1, 0, title, 'section');
    s.values(header, 0, ['HCPCS', 'Product', ...input.payers.map((p) => p.profile.id)], 'header');
    for (let pos = 0; pos < ctx.D; pos++) {
      const line = input.drugs[ctx.drug(pos)];
      if (!line) continue;
      const r = rowOf(pos);
      s.value(r, 0, line.hcpcs, 'text');
      s.value(r, 1, line.label, 'text');
      input.payers.forEach((_, j) => cell(pos, j, r));
    }
    s.tables.push({ name: `${NAME_PREFIX}${name}`, range: rangeAddress(header, 0, rowOf(ctx.D - 1), 1 + ctx.P), style: 'TableStyleLight1' });
  };
  grid(L.drugMixHeader, (pos) => ctx.inputDrugMixRow(pos), 'Payer mix by drug (a formula: the program\'s mix; a figure: the drug\'s own, DOMAIN.md 5.2)', (pos, j, r) => {
    const res = results.drugs[ctx.drug(pos)];
    const w = res?.weights[j];
    if (res?.ownMix) s.value(r, 2 + j, w ?? 0, 'input', 'pct');
    else s.formula(r, 2 + j, cellAddress(ctx.inputPayerRow(j), IN_PAY.weight, true), w ?? 0, 'inputDefault', 'pct');
  }, 'DrugMix');
  grid(L.drugSourceHeader, (pos) => ctx.inputDrugSourceRow(pos), 'Drug source by drug (a formula: the payer\'s; words typed over it: the drug\'s own, DOMAIN.md 5.1)', (pos, j, r) => {
    const line = input.drugs[ctx.drug(pos)];
    const p = input.payers[j]?.profile;
    const own = p ? line?.drugSources?.[p.id] : undefined;
    if (own) s.value(r, 2 + j, SOURCE_WORDS[own.source], 'input');
    else s.formula(r, 2 + j, cellAddress(ctx.inputPayerRow(j), IN_PAY.drugSource, true), SOURCE_WORDS[p?.drugSource ?? 'buy_and_bill'], 'inputDefault');
  }, 'DrugSource');
  grid(L.drugWhiteBagHeader, (pos) => ctx.inputDrugWhiteBagRow(pos), 'White-bagged share by drug, with buy and bill (a formula: the payer\'s)', (pos, j, r) => {
    const line = input.drugs[ctx.drug(pos)];
    const p = input.payers[j]?.profile;
    const own = p ? line?.drugSources?.[p.id] : undefined;
    if (own) s.value(r, 2 + j, own.whiteBagShare, 'input', 'pct');
    else s.formula(r, 2 + j, cellAddress(ctx.inputPayerRow(j), IN_PAY.whiteBag, true), p?.whiteBagShare ?? 0, 'inputDefault', 'pct');
  }, 'DrugWhiteBag');

  // Vial plans: the maintenance dose's, then the loading dose's (DOMAIN.md 5.3) -------------------------------------
  writeVialPlan(ctx, s, false);
  writeVialPlan(ctx, s, true);

  // Reference prices -----------------------------------------------------------------------------------------
  const q = quarterTable.quarter;
  s.value(L.pricesHeader - 1, 0, `Reference prices: CMS payment limits ${q.quarter} (${q.effective})`, 'section');
  s.values(L.pricesHeader, 0, ['HCPCS', 'Description', 'Billing unit', 'Billing unit amount', 'Payment limit $ per unit', 'Coinsurance % (file)', 'Notes (file)', 'Reference product', 'Biosimilar add-on', 'ASP $ per unit (derived)', 'Source'], 'header');
  ctx.priceCodes.forEach((code) => {
    const r = ctx.inputPriceRow(code);
    const entry = book.price(code, results.quarter);
    const ref = book.catalogDrug(code)?.referenceHcpcs ?? null;
    s.value(r, IN_PRICE.hcpcs, code, 'text');
    s.value(r, IN_PRICE.description, entry.description, 'text');
    s.value(r, IN_PRICE.unitText, entry.unit.text, 'rule');
    s.value(r, IN_PRICE.unitAmount, entry.unit.amount, 'rule', 'count2');
    s.value(r, IN_PRICE.paymentLimit, entry.paymentLimit, 'rule', 'unitPrice');
    if (entry.coinsurance !== null) s.value(r, IN_PRICE.coinsurance, entry.coinsurance.times(100), 'rule', 'fraction');
    s.value(r, IN_PRICE.notes, entry.notes, 'rule');
    const asp = book.asp(code, results.quarter);
    const P = (c: number): string => cellAddress(r, c);
    if (ref === null) {
      s.formula(r, IN_PRICE.asp, `${P(IN_PRICE.paymentLimit)}/1.06`, asp, 'formula', 'unitPrice');
      s.value(r, IN_PRICE.source, `CMS ${q.source}; ASP = payment limit / 1.06 (42 USC 1395w-3a(b)(1))`, 'note');
    } else {
      const rr = ctx.inputPriceRow(ref);
      s.value(r, IN_PRICE.reference, ref, 'rule');
      const addOn = EIGHT_PERCENT_NOTE.test(entry.notes) ? dec('0.08') : dec('0.06');
      s.formula(r, IN_PRICE.addOn, `IF(ISNUMBER(SEARCH("8% of reference",${P(IN_PRICE.notes)})),0.08,0.06)`, addOn, 'formula', 'pct');
      s.formula(r, IN_PRICE.asp, `${P(IN_PRICE.paymentLimit)}-${P(IN_PRICE.addOn)}*${cellAddress(rr, IN_PRICE.asp)}*${P(IN_PRICE.unitAmount)}/${cellAddress(rr, IN_PRICE.unitAmount)}`, asp, 'formula', 'unitPrice');
      s.value(r, IN_PRICE.source, `CMS ${q.source}; biosimilar ASP = payment limit - add-on x reference ASP (42 USC 1395w-3a(b)(8); 8% under Inflation Reduction Act section 11403)`, 'note');
    }
  });
  s.tables.push({ name: `${NAME_PREFIX}Prices`, range: rangeAddress(L.pricesHeader, 0, L.pricesHeader + ctx.priceCodes.length, IN_PRICE.source), style: 'TableStyleLight1' });

  // Fee schedule -----------------------------------------------------------------------------------------------
  s.value(L.feesHeader - 1, 0, `Administration fees: CMS Physician Fee Schedule CY${fees.year}, national non-facility`, 'section');
  s.values(L.feesHeader, 0, ['CPT', 'Description', 'RVU (total non-facility)', 'Amount', 'Source'], 'header');
  const codes = Object.keys(fees.schedule.rvu).sort();
  codes.forEach((code, k) => {
    const r = L.feesHeader + 1 + k;
    s.value(r, IN_FEE.code, code, 'rule', 'text');
    s.value(r, IN_FEE.description, ADMIN_CODE_DESCRIPTIONS[code] ?? '', 'text');
    s.value(r, IN_FEE.rvu, fees.rvu(code) ?? 0, 'rule', 'count2');
    s.formula(r, IN_FEE.amount, `ROUND(${cellAddress(r, IN_FEE.rvu)}*${ctx.name('ConversionFactor')},2)`, fees.amount(code), 'formula', 'money');
    s.value(r, IN_FEE.source, `RVU x conversion factor, rounded to cents as CMS publishes it (${fees.schedule.source})`, 'note');
  });
  s.tables.push({ name: `${NAME_PREFIX}Fees`, range: rangeAddress(L.feesHeader, 0, L.feesHeader + codes.length, IN_FEE.source), style: 'TableStyleLight1' });

  s.widths(0, [34, 30, 16, 16, 16, 14, 14, 26, 14, 14, 14, 14, 12, 14, 16, 14, 14, 40]);
  for (let c = 18; c < 40; c++) s.width(c, 14);
  s.freeze = { rows: 3, columns: 0 };
  return s;
}

/**
 * The Payers table's coverage label: the fields the scenario gives, and those left to the default of the payer's
 * profile (its basedOn, else its id) with that default's label and source (engine/patient.ts).
 */
function coverageLabel(given: (key: (typeof PAYER_COVERAGE_KEYS)[number]) => boolean, profileId: string): string {
  const names = (gave: boolean): string => PAYER_COVERAGE_KEYS.filter((k) => given(k) === gave).map((k) => COVERAGE_FIELD_NAMES[k]).join(', ');
  const parts: string[] = [];
  if (names(true) !== '') parts.push(`${names(true)}: scenario input`);
  if (names(false) !== '') {
    const d = coverageDefault(profileId);
    parts.push(`${names(false)}: ${d.label} (${d.source.replace(/\.$/, '')})`);
  }
  parts.push('an out-of-pocket maximum of none = no limit; values: build the board again after a change (DOMAIN.md 5.7)');
  return parts.join('; ');
}

/** The vial plan of the maintenance dose, or of the loading dose (DOMAIN.md 5.3), on Inputs. */
function writeVialPlan(ctx: BoardContext, s: SheetBuilder, loading: boolean): void {
  const { input, results, book } = ctx.src;
  const header = loading ? ctx.layout.inputs.loadVialsHeader : ctx.layout.inputs.vialsHeader;
  const rowOf = (pos: number): number => (loading ? ctx.inputLoadVialRow(pos) : ctx.inputVialRow(pos));
  s.value(header - 1, 0, loading ? 'Vial plan of the loading dose (the maintenance dose\'s where a drug has no loading dose of its own)' : 'Vial plan: vials opened per administration, by size (in billing units)', 'section');
  const vialHeads: string[] = [];
  for (let v = 0; v < ctx.V; v++) vialHeads.push(REGIMEN_HEADERS.vialSize(v), REGIMEN_HEADERS.vialCount(v));
  const vc = 3 + 2 * ctx.V; // units in vials
  s.values(header, 0, ['HCPCS', 'Product', 'Billing units needed', ...vialHeads, 'Units in the vials', 'Vials opened', 'Check', 'Source'], 'header');
  for (let pos = 0; pos < ctx.D; pos++) {
    const i = ctx.drug(pos);
    const line = input.drugs[i];
    const res = results.drugs[i];
    if (!line || !res) continue;
    const kind = loading ? (loadingKind(res) ?? res.doseKinds[0]) : res.doseKinds[0];
    const r = rowOf(pos);
    const fr = ctx.inputFormularyRow(pos);
    const unit = book.billingUnit(line.hcpcs, results.quarter);
    const dose = kind?.dose ?? res.dose;
    s.value(r, 0, line.hcpcs, 'text');
    s.value(r, 1, line.label, 'text');
    s.formula(r, 2, `${cellAddress(fr, loading ? IN_FORM.loadDose : IN_FORM.dose)}/${cellAddress(fr, IN_FORM.unitAmount)}`, dose.div(unit.amount), 'formula', 'count2');
    const dispensing = kind?.perPayer[0]?.dispensing ?? res.perPayer[0]?.dispensing;
    const plan = vialPlan(ctx, pos, dispensing?.vials.vials ?? []);
    const parts: string[] = [];
    plan.forEach((v, k) => {
      s.value(r, 3 + 2 * k, v.size, line.custom === true ? 'input' : 'layout', 'count1');
      s.value(r, 4 + 2 * k, v.count, 'inputDefault', 'int');
      parts.push(`${cellAddress(r, 3 + 2 * k)}*${cellAddress(r, 4 + 2 * k)}`);
    });
    const counts = plan.map((_, k) => cellAddress(r, 4 + 2 * k));
    s.formula(r, vc, parts.join('+'), dispensing?.vials.totalUnits ?? 0, 'formula', 'count1');
    s.formula(r, vc + 1, counts.join('+'), dispensing?.vials.vialCount ?? 0, 'formula', 'int');
    const ok = 'OK: the vials cover the dose';
    s.formula(r, vc + 2, `IF(${cellAddress(r, vc)}>=ROUND(${cellAddress(r, 2)},9),"${ok}","The vials no longer cover the dose: change the counts or rebuild")`, ok, 'check');
    s.value(r, vc + 3, 'computed by the add-in from the dose and vial sizes (DOMAIN.md 2.4: least total amount, then fewest vials)', 'note');
  }
  s.tables.push({ name: `${NAME_PREFIX}${loading ? 'LoadingVialPlan' : 'VialPlan'}`, range: rangeAddress(header, 0, rowOf(ctx.D - 1), vc + 3), style: 'TableStyleLight1' });
  s.conditionalFormats.push({ range: rangeAddress(rowOf(0), vc + 2, rowOf(ctx.D - 1), vc + 2), rule: { kind: 'expression', formula: `LEFT(${cellAddress(rowOf(0), vc + 2)},2)<>"OK"` }, look: 'bad' });
}

/** The fee schedule codes as listed on Inputs: first and last row of the table, for look-ups. */
export function feeTableRows(ctx: BoardContext): { first: number; last: number } {
  const n = Object.keys(ctx.src.book.feeTable(ctx.src.results.feeScheduleYear).schedule.rvu).length;
  return { first: ctx.layout.inputs.feesHeader + 1, last: ctx.layout.inputs.feesHeader + n };
}

