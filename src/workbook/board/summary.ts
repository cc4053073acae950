/**
 * Summary: the one printable page a board reads first. Every figure is a formula over the Projection,
 * Formulary economics, Cohorts and Inputs sheets.
 */
import { Dec, ZERO } from '../../engine/decimal';
import { yearsOf } from '../../engine/report';
import { cellAddress, rangeAddress } from '../plan';
import { type Cached, SheetBuilder } from '../sheet-builder';
import { type BoardContext, CRITERIA, CRITERIA_COL, FE, IN_FORM, IN_PAY, PJ, SHEET } from './context';
import { projectionTotalsRow } from './projection';
import { type PrintText, printSetup } from './print';
import { stalenessLine } from './staleness';
import { launchKpis } from './launch';

export function writeSummary(ctx: BoardContext, text: PrintText, vintage: string): SheetBuilder {
  const { input, results } = ctx.src;
  const sum = results.summary;
  const s = new SheetBuilder(SHEET.summary, 'board', printSetup(text, { fitToHeight: true }));
  s.tabColor = '#1F3864';
  s.value(0, 0, `${input.practiceName}: specialty infusion program`, 'title');
  s.value(1, 0, `Board summary. Scenario: ${input.name}`, 'subtitle');
  s.value(2, 0, `Data: ${vintage}. Every figure is a live formula: change an input on the Inputs sheet and the workbook follows.`, 'subtitle');
  const stale = stalenessLine(results.quarter, ctx.src.generatedAt);
  s.value(3, 0, stale.text, stale.stale ? 'warning' : 'note');

  const pj = (row: number, col: number, abs = true): string => ctx.ref(SHEET.projection, row, col, abs);
  const pjCol = (col: number, fromMonth: number, toMonth: number): string => ctx.rangeRef(SHEET.projection, ctx.projectionRow(fromMonth), col, ctx.projectionRow(toMonth), col);
  const opFirst = ctx.PM + 1;
  const N = ctx.N;
  const totals = projectionTotalsRow(ctx);
  const rate = input.program.discountRate;

  // Key figures (below the conclusion, which reads them) ---------------------------------------------------
  const KPI_SECTION = 5 + CRITERIA.length + 3;
  let r = KPI_SECTION;
  s.value(r, 0, 'The program at a glance', 'section');
  r++;
  type Kpi = { label: string; formula: string; value: Cached; format: 'money0' | 'int' | 'month' | 'pct' | 'count1'; note: string; noteFormula?: { formula: string; value: string } };
  const notFound = 'not within the horizon';
  const kpis: Kpi[] = [
    { label: `Net present value (at ${Math.round(rate * 1000) / 10}% a year)`, formula: pj(totals, PJ.pv), value: sum.npv, format: 'money0', note: `all ${N} months of cash flow, discounted monthly` },
    { label: 'Break-even month', formula: `IF(COUNT(${pjCol(PJ.breakEven, opFirst, N)})=0,"${notFound}",MIN(${pjCol(PJ.breakEven, opFirst, N)}))`, value: sum.breakEvenMonth ?? notFound, format: 'month', note: 'first operating month whose net (after fixed costs) is >= 0' },
    { label: 'Payback month', formula: `IF(COUNT(${pjCol(PJ.payback, opFirst, N)})=0,"${notFound}",MIN(${pjCol(PJ.payback, opFirst, N)}))`, value: sum.paybackMonth ?? notFound, format: 'month', note: 'first operating month from which cumulative cash stays >= 0' },
    { label: 'Peak working capital', formula: `MAX(0,MAX(${pjCol(PJ.workingCapital, 1, N)}))`, value: sum.peakWorkingCapital, format: 'money0', note: `drug on the shelf (${input.program.inventoryDaysOnHand ?? 0} days of use) and drug given before payers pay` },
    { label: 'Net over the projection', formula: pj(totals, PJ.net), value: sum.totalNet, format: 'money0', note: 'margin - fixed, prior-authorization and startup costs, all months' },
    { label: 'Cash at the end of the horizon', formula: pj(ctx.projectionRow(N), PJ.cumulative), value: sum.endingCash, format: 'money0', note: 'cumulative cash flow' },
    { label: 'Peak chair utilization', formula: `MAX(0,MAX(${pjCol(PJ.utilization, opFirst, N)}))`, value: sum.peakUtilization, format: 'pct', note: `of open chair hours (target ${Math.round(input.program.utilizationTarget * 100)}%)` },
    { label: 'Average chair utilization', formula: `AVERAGE(${pjCol(PJ.utilization, opFirst, N)})`, value: sum.averageUtilization, format: 'pct', note: 'operating months' },
    { label: 'Months over capacity', formula: `COUNTIF(${pjCol(PJ.overCapacity, opFirst, N)},"yes")`, value: sum.monthsOverCapacity.length, format: 'int', note: 'chair hours needed above the target utilization' },
    { label: 'Nurses needed at the peak', formula: `MAX(0,MAX(${pjCol(PJ.nurses, opFirst, N)}))`, value: sum.peakNursesNeeded, format: 'count1', note: `chairs in use / ${input.program.chairsPerNurse} chairs per nurse` },
    {
      label: 'Drugs not yet confirmed with the distributor',
      formula: `COUNTIF(${ctx.rangeRef(SHEET.inputs, ctx.inputFormularyRow(0), IN_FORM.distributor, ctx.inputFormularyRow(ctx.D - 1), IN_FORM.distributor)},"no")`,
      value: input.drugs.filter((d) => !d.distributorVerified).length,
      format: 'int',
      note: 'verify availability before launch (limited distribution)',
    },
    {
      label: 'Drugs underwater for at least one payer',
      formula: `SUMPRODUCT((LEN(${ctx.formularyColumn(FE.underwater)})>0)*1)`,
      value: results.drugs.filter((d) => d.underwaterPayers.length > 0).length,
      format: 'int',
      note: 'drug-line net revenue below drug cost (Formulary economics)',
    },
    {
      // DOMAIN.md 5.6: the ASP default is never silent.
      label: 'Drugs priced at the ASP default (no contract price entered)',
      formula: `SUM(${ctx.formularyColumn(FE.aspDefault)})`,
      value: input.drugs.filter((d) => d.acquisitionPerUnit === null).length,
      format: 'int',
      note: 'acquisition cost assumed at the derived ASP (less any prompt-pay or GPO discount); enter contract prices on Inputs',
    },
    // Issue 14: readiness, when the scenario has a launch plan.
    ...launchKpis(ctx),
  ];
  const kpiCell: Record<string, string> = {};
  for (const k of kpis) {
    s.value(r, 0, k.label, 'kpiLabel');
    s.formula(r, 2, k.formula, k.value, 'kpiValue', k.format);
    if (k.noteFormula) s.formula(r, 3, k.noteFormula.formula, k.noteFormula.value, 'note');
    else s.value(r, 3, k.note, 'note');
    kpiCell[k.label.replace(/ \(.*$/, '')] = cellAddress(r, 2);
    r++;
  }
  writeConclusion(ctx, s, kpiCell);

  // By operating year ----------------------------------------------------------------------------------------
  r++;
  s.value(r, 0, 'By operating year', 'section');
  r++;
  const years = sum.years;
  s.value(r, 0, 'Figure', 'header');
  s.value(r, 1, '', 'header');
  years.forEach((y, i) => {
    const months = Math.min(12, ctx.H - (y.year - 1) * 12);
    s.value(r, 2 + i, months === 12 ? `Year ${y.year}` : `Year ${y.year} (${months} months)`, 'header');
  });
  r++;
  const slice = (col: number, y: number): string => {
    const from = ctx.PM + (y - 1) * 12 + 1;
    const to = Math.min(ctx.PM + y * 12, N);
    return pjCol(col, from, to);
  };
  const sumMonths = (y: number, f: (m: (typeof results.months)[number]) => Dec): Dec =>
    results.months.slice(ctx.PM + (y - 1) * 12, Math.min(ctx.PM + y * 12, N)).reduce((t, m) => t.plus(f(m)), ZERO);
  const yearRows: { label: string; f: (y: number) => string; v: (i: number) => Cached; format: 'money0' | 'count1' | 'pct' }[] = [
    { label: 'New patients', f: (y) => `SUM(${slice(PJ.newPatients, y)})`, v: (i) => sumMonths(i + 1, (m) => m.newPatients), format: 'count1' },
    { label: 'Administrations', f: (y) => `SUM(${slice(PJ.administrations, y)})`, v: (i) => years[i]?.administrations ?? ZERO, format: 'count1' },
    { label: 'Net revenue', f: (y) => `SUM(${slice(PJ.revenue, y)})`, v: (i) => years[i]?.netRevenue ?? ZERO, format: 'money0' },
    { label: 'Drug spend', f: (y) => `SUM(${slice(PJ.drugCost, y)})`, v: (i) => years[i]?.drugCost ?? ZERO, format: 'money0' },
    { label: 'Margin', f: (y) => `SUM(${slice(PJ.margin, y)})`, v: (i) => years[i]?.margin ?? ZERO, format: 'money0' },
    { label: 'Margin % of net revenue', f: () => '', v: (i) => { const y = years[i]; return y && !y.netRevenue.isZero() ? y.margin.div(y.netRevenue) : ''; }, format: 'pct' },
    { label: 'Fixed and prior-authorization costs', f: (y) => `SUM(${slice(PJ.fixed, y)})+SUM(${slice(PJ.priorAuth, y)})`, v: (i) => years[i]?.fixedCosts ?? ZERO, format: 'money0' },
    { label: 'Net after fixed costs', f: (y) => `SUM(${slice(PJ.net, y)})`, v: (i) => years[i]?.net ?? ZERO, format: 'money0' },
    { label: 'Active patients at year end', f: (y) => pj(Math.min(ctx.projectionRow(ctx.PM + y * 12), ctx.projectionRow(N)), PJ.active), v: (i) => years[i]?.activePatientsAtEnd ?? ZERO, format: 'count1' },
  ];
  const yearRow: Record<string, number> = {};
  for (const yr of yearRows) {
    yearRow[yr.label] = r;
    s.value(r, 0, yr.label, 'label');
    years.forEach((y, i) => {
      const c = 2 + i;
      const formula = yr.label.startsWith('Margin %')
        ? `IF(${cellAddress(yearRow['Net revenue'] as number, c)}=0,"",${cellAddress(yearRow['Margin'] as number, c)}/${cellAddress(yearRow['Net revenue'] as number, c)})`
        : yr.f(y.year);
      s.formula(r, c, formula, yr.v(i), yr.label === 'Margin' || yr.label.startsWith('Net after') ? 'formulaBold' : 'formula', yr.format);
    });
    r++;
  }

  // The formulary ------------------------------------------------------------------------------------------------
  r++;
  const lastYear = years[years.length - 1];
  const Y = lastYear?.year ?? 1;
  s.value(r, 0, 'The formulary', 'section');
  r++;
  const fh = r;
  s.values(r, 0, ['Product', 'HCPCS', 'Margin per administration (mix)', `Administrations, year ${Y}`, `Margin, year ${Y}`, 'Underwater for', 'Distributor confirmed', 'Prior authorization with', 'Assessment'], 'header');
  r++;
  const yFrom = (Y - 1) * 12 + 1;
  const yTo = Math.min(Y * 12, ctx.H);
  for (let pos = 0; pos < ctx.D; pos++) {
    const i = ctx.drug(pos);
    const res = results.drugs[i];
    if (!res) continue;
    const line = res.input;
    const fr = ctx.formularyRow(pos);
    const fe = (c: number): string => ctx.ref(SHEET.formulary, fr, c);
    const C = (c: number): string => cellAddress(r, c);
    const y = yearsOf(res.administrations, res.margin, ctx.H).find((x) => x.year === Y);
    s.value(r, 0, line.label, 'text');
    s.value(r, 1, line.hcpcs, 'center');
    s.formula(r, 2, fe(FE.margin), res.mix.margin, 'formula', 'money');
    s.formula(r, 3, `SUM(${ctx.gridRow('administrations', pos, yFrom, yTo, true)})`, y?.administrations ?? ZERO, 'formula', 'count1');
    // Administrations at the loading dose earn their own margin (DOMAIN.md 5.3).
    s.formula(r, 4, `${C(3)}*${C(2)}+SUM(${ctx.gridRow('adminsLoad', pos, yFrom, yTo, true)})*(${fe(FE.lMargin)}-${fe(FE.margin)})`, y?.margin ?? ZERO, 'formula', 'money0');
    s.formula(r, 5, fe(FE.underwater), ctx.payerNames(res.underwaterPayers), 'formulaWrap');
    s.formula(r, 6, ctx.ref(SHEET.inputs, ctx.inputFormularyRow(pos), IN_FORM.distributor), line.distributorVerified ? 'yes' : 'no', 'center');
    const paCell = (j: number): string => ctx.ref(SHEET.inputs, ctx.inputPriorAuthRow(pos), 2 + j);
    const pa = input.payers.map((_, j) => `IF(${paCell(j)}="yes",", "&${ctx.ref(SHEET.inputs, ctx.inputPayerRow(j), IN_PAY.name)},"")`);
    const paPayers = input.payers.filter((p) => line.priorAuthPayers.includes(p.profile.id));
    s.formula(r, 7, `MID(${pa.join('&')},3,500)`, paPayers.map((p) => p.profile.name).join(', '), 'formulaWrap');
    // The share of the mix whose payer requires prior authorization for this drug.
    const paShareFormula = input.payers.map((_, j) => `(${paCell(j)}="yes")*${ctx.ref(SHEET.inputs, ctx.inputPayerRow(j), IN_PAY.weight)}`).join('+');
    const paShare = input.payers.reduce((t, p, j) => (line.priorAuthPayers.includes(p.profile.id) ? t.plus(results.weights[j] ?? ZERO) : t), ZERO);
    const assessment = drugAssessment({
      losesOnMix: res.mix.margin.lt(0),
      underwater: ctx.payerNames(res.underwaterPayers),
      atAspDefault: line.acquisitionPerUnit === null,
      distributorConfirmed: line.distributorVerified,
      paSharePercent: paShare.times(100),
    });
    s.formula(r, 8, assessmentFormula({
      margin: C(2),
      underwater: C(5),
      acquisition: ctx.ref(SHEET.inputs, ctx.inputFormularyRow(pos), IN_FORM.acquisition),
      distributor: C(6),
      paShare: paShareFormula,
    }), assessment, 'formulaWrap');
    r++;
  }
  const fl = r - 1;
  s.conditionalFormats.push({ range: rangeAddress(fh + 1, 2, fl, 2), rule: { kind: 'lessThan', value: 0 }, look: 'bad' });
  s.conditionalFormats.push({ range: rangeAddress(fh + 1, 5, fl, 5), rule: { kind: 'expression', formula: `LEN(${cellAddress(fh + 1, 5)})>0` }, look: 'warn' });
  s.conditionalFormats.push({ range: rangeAddress(fh + 1, 6, fl, 6), rule: { kind: 'textEquals', text: 'no' }, look: 'warn' });
  r++;
  s.value(r, 0, 'Assessment is a reading of the figures, not a recommendation: the board weighs access, referrals and capacity too. Sensitivity: see the Sensitivity sheet.', 'note');
  r++;
  s.value(r, 0, '"Priced at the ASP default": the acquisition price on Inputs is still the derived ASP (a formula); type the contract price over it. Sources: Sources and assumptions.', 'note');
  r++;
  s.charts.push({
    type: 'pie',
    title: 'Payer mix',
    categories: ctx.rangeRef(SHEET.inputs, ctx.inputPayerRow(0), IN_PAY.name, ctx.inputPayerRow(ctx.P - 1), IN_PAY.name),
    series: [{ name: 'Weight', values: ctx.weightsRange }],
    from: cellAddress(4, 6),
    to: cellAddress(18, 9),
  });
  s.widths(0, [40, 8, 16, 16, 16, 30, 12, 34, 62, 3, 12, 12, 12, 12, 12, 12]);
  s.print = printSetup(text, { fitToHeight: true, area: rangeAddress(0, 0, r, 8) });
  return s;
}

/** What the assessment of one drug says, from the facts the Summary shows beside it. */
export interface DrugFacts {
  readonly losesOnMix: boolean;
  /** Display names of the payers for which the drug is underwater, ", "-separated; "" for none. */
  readonly underwater: string;
  /** The acquisition price is the derived-ASP default (a formula on Inputs), not a contract price. */
  readonly atAspDefault: boolean;
  readonly distributorConfirmed: boolean;
  /** Percent of the payer mix whose payer requires prior authorization for the drug. */
  readonly paSharePercent: Dec;
}

/** The assessment sentence, as the workbook's formula (assessmentFormula) computes it. */
export function drugAssessment(f: DrugFacts): string {
  const parts = [f.losesOnMix ? 'loses money on the payer mix' : 'earns a margin on the payer mix'];
  parts.push(f.underwater === '' ? 'above water with every payer' : `underwater with ${f.underwater}`);
  if (f.atAspDefault) parts.push('priced at the ASP default, not a contract price');
  if (!f.distributorConfirmed) parts.push('distributor not confirmed');
  // FIXED(x, 0) rounds half away from zero, as ROUND_HALF_UP does for these non-negative shares.
  const pa = f.paSharePercent.toDecimalPlaces(0, Dec.ROUND_HALF_UP);
  parts.push(pa.isZero() ? 'no prior authorization' : `prior authorization for ${pa.toString()}% of the mix`);
  return parts.join('; ');
}

/** The same sentence as a live formula over the Summary's cells and Inputs. */
function assessmentFormula(c: { margin: string; underwater: string; acquisition: string; distributor: string; paShare: string }): string {
  return [
    `IF(${c.margin}<0,"loses money on the payer mix","earns a margin on the payer mix")`,
    `IF(LEN(${c.underwater})=0,"; above water with every payer","; underwater with "&${c.underwater})`,
    `IF(ISFORMULA(${c.acquisition}),"; priced at the ASP default, not a contract price","")`,
    `IF(${c.distributor}="yes","","; distributor not confirmed")`,
    `IF(ROUND((${c.paShare})*100,0)=0,"; no prior authorization","; prior authorization for "&FIXED((${c.paShare})*100,0)&"% of the mix")`,
  ].join('&');
}

/**
 * The criteria the board judges the program by, each a threshold on the Inputs sheet (CRITERIA; the board
 * changes them there): which are met, as live formulas, and a one-line conclusion.
 */
function writeConclusion(ctx: BoardContext, s: SheetBuilder, kpi: Record<string, string>): void {
  const { results } = ctx.src;
  const sum = results.summary;
  const top = 4;
  s.value(top, 0, 'Conclusion: the criteria the board set (thresholds on the Inputs sheet)', 'section');
  s.values(top + 1, 0, ['Criterion', '', 'This scenario', 'Threshold', 'Result'], 'header');
  const threshold = (i: number): string => ctx.ref(SHEET.inputs, ctx.criterionRow(i), CRITERIA_COL + 1);
  const recoveries = results.drugs.map((d) => d.mix.recovery).filter((x): x is Dec => x !== null);
  const minRecovery = recoveries.length === 0 ? null : recoveries.reduce((a, b) => Dec.min(a, b));
  const recoveryCol = ctx.formularyColumn(FE.recovery);
  const rows: { label: string; actual: string; actualValue: Cached; format: 'money0' | 'month' | 'int' | 'pct'; pass: (t: string, a: string) => string; passes: boolean }[] = [
    { label: 'Net present value above', actual: kpi['Net present value'] as string, actualValue: sum.npv, format: 'money0', pass: (a, t) => `${a}>${t}`, passes: sum.npv.gt(CRITERIA[0].value) },
    { label: 'Payback within (operating months)', actual: kpi['Payback month'] as string, actualValue: sum.paybackMonth ?? 'not within the horizon', format: 'month', pass: (a, t) => `AND(ISNUMBER(${a}),${a}<=${t})`, passes: sum.paybackMonth !== null && sum.paybackMonth <= ctx.H },
    { label: 'Months over chair capacity, at most', actual: kpi['Months over capacity'] as string, actualValue: sum.monthsOverCapacity.length, format: 'int', pass: (a, t) => `${a}<=${t}`, passes: sum.monthsOverCapacity.length <= CRITERIA[2].value },
    { label: 'Every drug\'s cost recovery (lowest) above', actual: `IF(COUNT(${recoveryCol})=0,"",MIN(${recoveryCol}))`, actualValue: minRecovery ?? '', format: 'pct', pass: (a, t) => `OR(${a}="",${a}>${t})`, passes: minRecovery === null || minRecovery.gt(CRITERIA[3].value) },
  ];
  const resultCells: string[] = [];
  rows.forEach((c, i) => {
    const r = top + 2 + i;
    s.value(r, 0, c.label, 'kpiLabel');
    s.formula(r, 2, c.actual, c.actualValue, 'kpiValue', c.format);
    const crit = CRITERIA[i] as (typeof CRITERIA)[number];
    s.formula(r, 3, threshold(i), crit.id === 'payback' ? ctx.H : crit.value, 'formula', crit.format);
    s.formula(r, 4, `IF(${c.pass(cellAddress(r, 2), cellAddress(r, 3))},"meets","does not meet")`, c.passes ? 'meets' : 'does not meet', 'formulaBold');
    resultCells.push(cellAddress(r, 4));
  });
  const results4 = rangeAddress(top + 2, 4, top + 1 + rows.length, 4);
  s.conditionalFormats.push({ range: results4, rule: { kind: 'textEquals', text: 'meets' }, look: 'good' });
  s.conditionalFormats.push({ range: results4, rule: { kind: 'textEquals', text: 'does not meet' }, look: 'bad' });
  const short = ['NPV', 'payback', 'chair capacity', 'drug cost recovery'];
  const met = rows.filter((c) => c.passes).length;
  const failing = rows.map((c, i) => (c.passes ? null : short[i])).filter((x) => x !== null);
  const n = rows.length;
  const cached = met === n ? `The program meets all ${n} criteria.` : `The program meets ${met} of ${n} criteria; not met: ${failing.join(', ')}.`;
  const count = `COUNTIF(${results4},"meets")`;
  const list = resultCells.map((cell, i) => `IF(${cell}="meets","",", ${short[i]}")`).join('&');
  s.formula(top + 2 + n, 0, `IF(${count}=${n},"The program meets all ${n} criteria.","The program meets "&${count}&" of ${n} criteria; not met: "&MID(${list},3,200)&".")`, cached, 'kpiLabel');
}
