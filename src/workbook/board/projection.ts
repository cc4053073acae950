/**
 * Projection: month by month over the planning period and the horizon (src/engine/model.ts):
 * revenue, drug cost and margin accrue in the month of administration; fixed costs run in operating months;
 * startup costs are spread over the planning months; prior-authorization staff time is paid for every
 * referral put forward, denied or not; cash arrives after each payer's delay and drug is paid on the
 * distributor's terms (Cohorts). Break-even: the first operating month whose net is >= 0. Payback: the first
 * operating month from which cumulative cash stays >= 0 to the horizon. NPV: each month's cash flow
 * discounted at (1 + annual rate)^(month / 12).
 */
import { Dec, ONE, ZERO, dec } from '../../engine/decimal';
import type { MonthRow } from '../../engine/model';
import { cellAddress, rangeAddress } from '../plan';
import { SheetBuilder } from '../sheet-builder';
import { type BoardContext, CO, FE, PJ, SHEET } from './context';
import { cohortCashRows, drugCostOfMonth } from './cohorts';
import { type PrintText, printSetup } from './print';
import { launchLayout, launchStartupFormula } from './launch';

export function projectionTotalsRow(ctx: BoardContext): number {
  return ctx.projectionRow(ctx.N) + 1;
}

export function writeProjection(ctx: BoardContext, text: PrintText): SheetBuilder {
  const { input, results } = ctx.src;
  const H0 = ctx.layout.projection.header;
  const s = new SheetBuilder(SHEET.projection, 'board', printSetup(text, { fitToHeight: false, area: rangeAddress(0, 0, projectionTotalsRow(ctx), PJ.nurses), titleRows: `${H0 + 1}:${H0 + 1}` }));
  s.tabColor = '#2F5597';
  s.value(0, 0, `Projection: ${input.practiceName}`, 'title');
  s.value(1, 0, `${ctx.PM} planning months, then ${ctx.H} operating months. Months are twelfths of a 52-week year. Cash timing: payers pay after their days to payment, the distributor is paid after ${input.program.distributorTermsDays} days.`, 'subtitle');
  s.value(2, 0, `Net = margin - fixed costs - prior-authorization staff - startup costs. Working capital = revenue not yet collected - drug cost not yet paid + drug inventory on hand (${input.program.inventoryDaysOnHand ?? 0} days of use at cost, Inputs).`, 'subtitle');
  s.value(H0 - 1, 0, 'Month by month', 'section');
  s.values(H0, 0, ['Month', 'Operating month', 'Phase', 'New patients', 'Active patients', 'Administrations', 'Net revenue', 'Drug cost', 'Margin', 'Fixed costs', 'Prior auth staff', 'Startup costs', 'Net', 'Cash in', 'Drug paid', 'Cash flow', 'Cumulative cash', 'Working capital (incl. inventory)', 'Chair hours used', 'Chair hours available', 'Utilization of open hours', 'Over capacity', 'Nurses needed', 'Discount factor', 'PV of cash flow', 'Break-even candidate', 'Cash stays >= 0 from here', 'Payback candidate', 'Cumulative cash at break-even (chart)', 'Drug inventory on hand'], 'header');
  const cash = cohortCashRows(ctx);
  const co = (row: number, k: number): string => ctx.ref(SHEET.cohorts, row, ctx.monthCol(k), false);
  const rate = dec(input.program.discountRate);
  const months = results.months;
  const N = ctx.N;
  const paShares = ctx.rangeRef(SHEET.cohorts, ctx.cohortRegimenRow(0), CO.paShare, ctx.cohortRegimenRow(ctx.D - 1), CO.paShare);
  // Cached values of the helper columns.
  const stays: boolean[] = new Array<boolean>(N).fill(false);
  for (let m = N; m > ctx.PM; m--) {
    const row = months[m - 1] as MonthRow;
    stays[m - 1] = row.cumulativeCash.gte(0) && (m === N || (stays[m] as boolean));
  }
  // Issue 14: with a launch plan, each month's startup costs are its tasks' (Launch plan sheet).
  const launch = launchLayout(ctx);
  for (let m = 1; m <= N; m++) {
    const row = months[m - 1] as MonthRow;
    const r = ctx.projectionRow(m);
    const k = m - ctx.PM;
    const C = (c: number): string => cellAddress(r, c);
    const prev = (c: number): string => cellAddress(r - 1, c);
    s.value(r, PJ.month, m, 'text', 'int');
    s.formula(r, PJ.operating, `${C(PJ.month)}-${ctx.name('PlanningMonths')}`, k, 'center', 'positive');
    s.value(r, PJ.phase, k >= 1 ? 'operating' : 'planning', 'center');
    if (k >= 1) {
      s.formula(r, PJ.newPatients, `SUM(${ctx.gridColumn('newPatients', k)})`, row.newPatients, 'formula', 'count2');
      s.formula(r, PJ.active, `SUM(${ctx.gridColumn('active', k)})`, row.activePatients, 'formula', 'count2');
      s.formula(r, PJ.administrations, `SUM(${ctx.gridColumn('administrations', k)})`, row.administrations, 'formula', 'count2');
      // DOMAIN.md 5.3: administrations at the loading dose at their own figures.
      const loads = ctx.gridColumn('adminsLoad', k);
      s.formula(r, PJ.revenue, `SUMPRODUCT(${ctx.gridColumn('administrations', k)},${ctx.formularyColumn(FE.net)})+SUMPRODUCT(${loads},${ctx.formularyColumn(FE.lNet)})-SUMPRODUCT(${loads},${ctx.formularyColumn(FE.net)})`, row.netRevenue, 'formula', 'money0');
      s.formula(r, PJ.drugCost, drugCostOfMonth(ctx, k, true), row.drugCost, 'formula', 'money0');
      s.formula(r, PJ.fixed, ctx.name('FixedCostsMonthly'), row.fixedCosts, 'formula', 'money0');
      s.formula(r, PJ.priorAuth, `SUMPRODUCT(${ctx.gridColumn('referred', k)},${paShares})*${ctx.name('PriorAuthCost')}`, row.priorAuthCost, 'formula', 'money0');
      if (ctx.PM === 0 && k === 1) s.formula(r, PJ.startup, ctx.name('StartupCosts'), row.startupCosts, 'formula', 'money0');
      else s.value(r, PJ.startup, 0, 'text', 'money0');
      s.formula(r, PJ.cashIn, input.payers.map((_, i) => co(cash.received(i), k)).join('+'), row.cashIn, 'formula', 'money0');
      s.formula(r, PJ.drugPaid, co(cash.costPaid, k), row.cashOutDrug, 'formula', 'money0');
      s.formula(r, PJ.chairHours, `SUMPRODUCT(${ctx.gridColumn('administrations', k)},${ctx.formularyColumn(FE.chairHours)})+SUMPRODUCT(${loads},${ctx.formularyColumn(FE.lChairHours)})-SUMPRODUCT(${loads},${ctx.formularyColumn(FE.chairHours)})`, row.chairHoursDemand, 'formula', 'count1');
      s.formula(r, PJ.capacity, ctx.name('ChairCapacity'), row.chairHoursCapacity, 'formula', 'count1');
      s.formula(r, PJ.overCapacity, `IF(${C(PJ.chairHours)}>${C(PJ.capacity)},"yes","")`, row.overCapacity ? 'yes' : '', 'formula');
      s.formula(r, PJ.breakEven, `IF(${C(PJ.net)}>=0,${C(PJ.operating)},"")`, row.net.gte(0) ? k : '', 'formula', 'int');
      s.formula(r, PJ.staysPositive, m === N ? `IF(${C(PJ.cumulative)}>=0,1,0)` : `IF(AND(${C(PJ.cumulative)}>=0,${cellAddress(r + 1, PJ.staysPositive)}=1),1,0)`, stays[m - 1] ? 1 : 0, 'formula', 'int');
      s.formula(r, PJ.payback, `IF(${C(PJ.staysPositive)}=1,${C(PJ.operating)},"")`, stays[m - 1] ? k : '', 'formula', 'int');
      // The chart's break-even bar: this month's cumulative cash when it is the break-even month (the first
      // operating month whose net is >= 0, as the Summary states it), 0 otherwise.
      const candidates = rangeAddress(ctx.projectionRow(ctx.PM + 1), PJ.breakEven, ctx.projectionRow(N), PJ.breakEven, true);
      s.formula(r, PJ.breakEvenMark, `IF(AND(COUNT(${candidates})>0,${C(PJ.operating)}=MIN(${candidates})),${C(PJ.cumulative)},0)`, results.summary.breakEvenMonth === k ? row.cumulativeCash : 0, 'formula', 'money0');
    } else {
      for (const c of [PJ.newPatients, PJ.active, PJ.administrations]) s.value(r, c, 0, 'text', 'count2');
      for (const c of [PJ.revenue, PJ.drugCost, PJ.fixed, PJ.priorAuth, PJ.cashIn, PJ.drugPaid]) s.value(r, c, 0, 'text', 'money0');
      s.formula(r, PJ.startup, `${ctx.name('StartupCosts')}/${ctx.name('PlanningMonths')}`, row.startupCosts, 'formula', 'money0');
      s.value(r, PJ.chairHours, 0, 'text', 'count1');
      s.value(r, PJ.capacity, 0, 'text', 'count1');
      s.value(r, PJ.breakEvenMark, 0, 'text', 'money0');
    }
    s.formula(r, PJ.margin, `${C(PJ.revenue)}-${C(PJ.drugCost)}`, row.margin, 'formula', 'money0');
    s.formula(r, PJ.net, `${C(PJ.margin)}-${C(PJ.fixed)}-${C(PJ.priorAuth)}-${C(PJ.startup)}`, row.net, 'formulaBold', 'money0');
    s.formula(r, PJ.cashFlow, `${C(PJ.cashIn)}-${C(PJ.drugPaid)}-${C(PJ.fixed)}-${C(PJ.priorAuth)}-${C(PJ.startup)}`, row.cashFlow, 'formula', 'money0');
    if (launch) {
      const f = launchStartupFormula(ctx, launch, C(PJ.month));
      if (f === null) s.value(r, PJ.startup, 0, 'text', 'money0');
      else s.formula(r, PJ.startup, f, row.startupCosts, 'formula', 'money0');
    }
    s.formula(r, PJ.cumulative, m === 1 ? C(PJ.cashFlow) : `${prev(PJ.cumulative)}+${C(PJ.cashFlow)}`, row.cumulativeCash, 'formulaBold', 'money0');
    // Working capital = receivables - payables (running sums from month 1) + drug inventory on hand:
    // this month's drug cost x days on hand / (364 / 12) (engine inventory.ts).
    s.formula(r, PJ.inventory, `${C(PJ.drugCost)}*${ctx.name('InventoryDaysOnHand')}*12/364`, row.inventory, 'formula', 'money0');
    const upTo = (c: number): string => `SUM(${cellAddress(ctx.projectionRow(1), c, true)}:${C(c)})`;
    s.formula(r, PJ.workingCapital, `${upTo(PJ.revenue)}-${upTo(PJ.cashIn)}-(${upTo(PJ.drugCost)}-${upTo(PJ.drugPaid)})+${C(PJ.inventory)}`, row.workingCapital, 'formula', 'money0');
    const open = ctx.name('OpenChairHours');
    s.formula(r, PJ.utilization, `IF(${open}=0,0,${C(PJ.chairHours)}/${open})`, row.utilization, 'formula', 'pct');
    s.formula(r, PJ.nurses, `IF(OR(${open}=0,${ctx.name('ChairsPerNurse')}<=0),0,${C(PJ.chairHours)}/(${ctx.name('HoursPerDay')}*${ctx.name('DaysPerMonth')})/${ctx.name('ChairsPerNurse')})`, row.nursesNeeded, 'formula', 'count2');
    const df = ONE.div(ONE.plus(rate).pow(dec(m).div(12)));
    s.formula(r, PJ.discount, `1/POWER(1+${ctx.name('DiscountRate')},${C(PJ.month)}/12)`, df, 'formula', 'fraction');
    s.formula(r, PJ.pv, `${C(PJ.cashFlow)}*${C(PJ.discount)}`, row.cashFlow.times(df), 'formula', 'money0');
  }
  const t = projectionTotalsRow(ctx);
  const first = ctx.projectionRow(1);
  const last = ctx.projectionRow(N);
  s.value(t, 0, 'Total', 'total');
  const sumOf = (c: number, f: (m: MonthRow) => Dec): void => {
    const v = months.reduce((acc, m) => acc.plus(f(m)), ZERO);
    s.formula(t, c, `SUM(${rangeAddress(first, c, last, c)})`, v, 'total', c === PJ.administrations || c === PJ.newPatients ? 'count1' : 'money0');
  };
  sumOf(PJ.newPatients, (m) => m.newPatients);
  sumOf(PJ.administrations, (m) => m.administrations);
  sumOf(PJ.revenue, (m) => m.netRevenue);
  sumOf(PJ.drugCost, (m) => m.drugCost);
  sumOf(PJ.margin, (m) => m.margin);
  sumOf(PJ.fixed, (m) => m.fixedCosts);
  sumOf(PJ.priorAuth, (m) => m.priorAuthCost);
  sumOf(PJ.startup, (m) => m.startupCosts);
  sumOf(PJ.net, (m) => m.net);
  sumOf(PJ.cashIn, (m) => m.cashIn);
  sumOf(PJ.drugPaid, (m) => m.cashOutDrug);
  sumOf(PJ.cashFlow, (m) => m.cashFlow);
  const npv = months.reduce((acc, m) => acc.plus(m.cashFlow.div(ONE.plus(rate).pow(dec(m.month).div(12)))), ZERO);
  s.formula(t, PJ.pv, `SUM(${rangeAddress(first, PJ.pv, last, PJ.pv)})`, npv, 'total', 'money0');

  // Conditional formats: negative net and cumulative cash red; months over capacity amber.
  s.conditionalFormats.push({ range: rangeAddress(first, PJ.net, last, PJ.net), rule: { kind: 'lessThan', value: 0 }, look: 'bad' });
  s.conditionalFormats.push({ range: rangeAddress(first, PJ.cumulative, last, PJ.cumulative), rule: { kind: 'lessThan', value: 0 }, look: 'bad' });
  s.conditionalFormats.push({ range: rangeAddress(first, PJ.overCapacity, last, PJ.overCapacity), rule: { kind: 'textEquals', text: 'yes' }, look: 'warn' });
  // The charts below the totals, side by side on a page of their own.
  const chartTop = t + 3;
  s.value(chartTop - 1, 0, 'Charts', 'section');
  s.charts.push({
    type: 'line',
    title: 'Cumulative cash by month, break-even month marked',
    categories: s.range(first, PJ.month, last, PJ.month),
    series: [
      { name: 'Cumulative cash', values: s.range(first, PJ.cumulative, last, PJ.cumulative) },
      { name: 'Break-even month', values: s.range(first, PJ.breakEvenMark, last, PJ.breakEvenMark), column: true },
    ],
    valueAxisTitle: 'Cumulative cash ($)',
    from: cellAddress(chartTop, 0),
    to: cellAddress(chartTop + 28, PJ.net),
  });
  s.charts.push({
    type: 'line',
    title: 'Chair hours needed against chair hours available',
    categories: s.range(first, PJ.month, last, PJ.month),
    series: [
      { name: 'Chair hours used', values: s.range(first, PJ.chairHours, last, PJ.chairHours) },
      { name: 'Chair hours available (target utilization)', values: s.range(first, PJ.capacity, last, PJ.capacity) },
    ],
    valueAxisTitle: 'Chair hours a month',
    from: cellAddress(chartTop, PJ.net + 1),
    to: cellAddress(chartTop + 28, PJ.nurses + 1),
  });
  s.print = printSetup(text, { fitToHeight: false, area: rangeAddress(0, 0, chartTop + 28, PJ.nurses), titleRows: `${H0 + 1}:${H0 + 1}`, breaks: [chartTop - 1] });
  s.widths(0, [7, 9, 10, 9, 9, 10, 11, 11, 11, 10, 9, 10, 11, 11, 11, 11, 12, 12, 9, 9, 9, 8, 8, 9, 11, 10, 10, 10, 12, 11]);
  s.freeze = { rows: H0 + 1, columns: 3 };
  return s;
}
