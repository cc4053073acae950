/**
 * Sensitivity: each driver low and high, and the conservative / base / optimistic scenarios, all as native
 * formulas. A case changes payment limits (x factor, for payment-limit and ASP-based payers), acquisition
 * cost (x factor), patient volume (x factor), denial write-off (+ points, capped at 100%) and the payer mix
 * (points moved between the best- and the lowest-paying payer), as src/engine/sensitivity.ts does. Its NPV
 * is computed without re-laying out the projection, because the projection is linear in each of these:
 *
 *     NPV = sum over drugs of  v (1 - PA denied) x [ sum over payers of w x net revenue x PV weight
 *                                                     - a x drug cost x PV weight of drug paid ]
 *                              - v x PA share x PV of referrals x PA staff cost
 *           - PV of fixed and startup costs,
 *
 * where each PV weight is the present value of the drug's administrations (split by "all wait for PA" /
 * "none waits", so the payer mix can move the PA share) as each payer pays (Claim detail, Cohorts). Net over
 * the projection is the same sum without discounting or delays.
 */
import { type Dec, ZERO, dec } from '../../engine/decimal';
import type { ModelAdjustments } from '../../engine/model';
import { rankPayers } from '../../engine/sensitivity';
import { cellAddress, rangeAddress } from '../plan';
import { SheetBuilder } from '../sheet-builder';
import { type BoardContext, type BoardInputs, CD, CO, IN_PAY, PJ, SE, SHEET, type SensitivityCase } from './context';
import { type CohortNumbers, loadingKind } from './numbers';
import { projectionTotalsRow } from './projection';
import { type PrintText, printSetup } from './print';

/** Points of weight the engine's payer-mix driver moves (src/engine/sensitivity.ts mixShift; its labels say "10 pts"). */
export const MIX_POINTS = 0.1;

/** The cases, from the engine's own sensitivity rows and named scenarios, with the engine's figures. */
export function sensitivityCases(src: BoardInputs): SensitivityCase[] {
  const base = src.results;
  const ranking = rankPayers(base);
  const best = ranking[0] ?? 0;
  const baseWeights = src.input.payers.map((p) => p.weight);
  const params = (adj: ModelAdjustments): Omit<SensitivityCase, 'id' | 'label' | 'driver' | 'what' | 'npv' | 'totalNet'> => ({
    paymentLimitFactor: adj.paymentLimitFactor ?? 1,
    acquisitionFactor: adj.acquisitionFactor ?? 1,
    volumeFactor: adj.volumeFactor ?? 1,
    denialAdd: adj.denialWriteOffAdd ?? 0,
    // The payer-mix driver moves up to MIX_POINTS of weight (fewer when the payer it moves from has less);
    // the workbook states the points and applies the cap itself, so that it holds after the weights change.
    mixShift: adj.weights ? Math.sign(dec(adj.weights[best] ?? 0).minus(dec(baseWeights[best] ?? 0)).toNumber()) * MIX_POINTS : 0,
  });
  const cases: SensitivityCase[] = [{ id: 'base', label: 'Base case', driver: '', what: 'the scenario as entered', ...params({}), npv: base.summary.npv, totalNet: base.summary.totalNet }];
  for (const row of src.sensitivity) {
    cases.push({ id: `${row.driver.id}_low`, label: `${row.driver.label}: low`, driver: row.driver.label, what: row.driver.lowLabel, ...params(row.lowAdjustments), npv: row.lowNpv, totalNet: row.lowTotalNet });
    cases.push({ id: `${row.driver.id}_high`, label: `${row.driver.label}: high`, driver: row.driver.label, what: row.driver.highLabel, ...params(row.highAdjustments), npv: row.highNpv, totalNet: row.highTotalNet });
  }
  for (const named of src.named) {
    if (named.scenario.id === 'base') continue;
    cases.push({ id: named.scenario.id, label: named.scenario.label, driver: '', what: named.scenario.description, ...params(named.scenario.adjustments), npv: named.results.summary.npv, totalNet: named.results.summary.totalNet });
  }
  return cases;
}

/** Net revenue per administration (Dec) by case, display position and payer. */
export type CaseNet = readonly (readonly (readonly Dec[])[])[];

export function writeSensitivity(ctx: BoardContext, text: PrintText, n: CohortNumbers, caseNet: CaseNet, caseNetLoad: CaseNet): SheetBuilder {
  const { input, results } = ctx.src;
  const L = ctx.layout.sensitivity;
  const C = ctx.cases.length;
  const s = new SheetBuilder(SHEET.sensitivity, 'board', printSetup(text, { fitToHeight: true, area: rangeAddress(0, 0, Math.max(L.checkRow, ctx.layout.sensitivity.casesHeader + 24), SE.vsBase + 8) }));
  s.tabColor = '#2F5597';
  s.value(0, 0, 'Sensitivity: what moves the program\'s value', 'title');
  s.value(1, 0, 'One driver at a time, low and high, and three named scenarios. The case assumptions (blue) are defaults, judgement calls the board can change: every figure below recomputes.', 'subtitle');
  s.value(2, 0, 'NPV and net as on the Summary, recomputed for each case by formulas over the Projection, Cohorts and Claim detail sheets (see the calculation detail below the tables).', 'subtitle');

  // Cases -----------------------------------------------------------------------------------------------------
  const CH = L.casesHeader;
  s.value(CH - 1, 0, 'Cases', 'section');
  s.values(CH, 0, ['Case', 'Driver', 'What changes', 'Payment limits x', 'Acquisition cost x', 'Patient volume x', 'Denial write-off + (points)', 'Payer mix shift (points; - = toward the lowest-paying payer)', 'NPV', 'Net over the projection', 'NPV vs base'], 'header');
  const caseRow = (k: number): number => CH + 1 + k;
  const detailRow = (block: 'paShare' | 'paDenied' | 'npvTerm' | 'netTerm', pos: number): number => L.detail[block] + 2 + pos;
  const caseCol = (k: number): number => 2 + k;
  const F = L.fixedRow;
  ctx.cases.forEach((c, k) => {
    const r = caseRow(k);
    const style = k === 0 ? 'layout' : 'inputDefault';
    s.value(r, SE.case, c.label, k === 0 ? 'formulaBold' : 'text');
    s.value(r, SE.driver, c.driver, 'text');
    s.value(r, SE.what, c.what, 'text');
    s.value(r, SE.pl, c.paymentLimitFactor, style, 'factor');
    s.value(r, SE.acq, c.acquisitionFactor, style, 'factor');
    s.value(r, SE.volume, c.volumeFactor, style, 'factor');
    s.value(r, SE.denial, c.denialAdd, style, 'pct');
    s.value(r, SE.mix, c.mixShift, style, 'pct');
    const col = caseCol(k);
    const terms = (block: 'npvTerm' | 'netTerm'): string => rangeAddress(detailRow(block, 0), col, detailRow(block, ctx.D - 1), col);
    s.formula(r, SE.npv, `SUM(${terms('npvTerm')})-${cellAddress(F, 2)}`, c.npv, k === 0 ? 'formulaBold' : 'formula', 'money0');
    s.formula(r, SE.totalNet, `SUM(${terms('netTerm')})-${cellAddress(F + 1, 2)}`, c.totalNet, 'formula', 'money0');
    s.formula(r, SE.vsBase, `${cellAddress(r, SE.npv)}-${cellAddress(caseRow(0), SE.npv, true)}`, c.npv.minus(ctx.cases[0]?.npv ?? ZERO), 'formula', 'money0');
  });
  s.conditionalFormats.push({ range: rangeAddress(caseRow(0), SE.npv, caseRow(C - 1), SE.npv), rule: { kind: 'lessThan', value: 0 }, look: 'bad' });

  // Tornado ---------------------------------------------------------------------------------------------------
  const T = L.tornadoHeader;
  s.value(T - 1, 0, 'Tornado: NPV low and high for each driver (largest swing first)', 'section');
  s.values(T, 0, ['Driver', 'Low case', 'High case', 'NPV low', 'NPV high', 'Low - base', 'High - base', 'Swing'], 'header');
  const drivers = ctx.src.sensitivity.map((row, d) => ({ row, low: 1 + 2 * d, high: 2 + 2 * d, swing: row.highNpv.minus(row.lowNpv).abs() }));
  drivers.sort((a, b) => b.swing.comparedTo(a.swing));
  const base = ctx.cases[0]?.npv ?? ZERO;
  drivers.forEach((d, t) => {
    const r = T + 1 + t;
    s.value(r, 0, d.row.driver.label, 'text');
    s.value(r, 1, d.row.driver.lowLabel, 'text');
    s.value(r, 2, d.row.driver.highLabel, 'text');
    s.formula(r, 3, cellAddress(caseRow(d.low), SE.npv), d.row.lowNpv, 'formula', 'money0');
    s.formula(r, 4, cellAddress(caseRow(d.high), SE.npv), d.row.highNpv, 'formula', 'money0');
    s.formula(r, 5, `${cellAddress(r, 3)}-${cellAddress(caseRow(0), SE.npv, true)}`, d.row.lowNpv.minus(base), 'formula', 'money0');
    s.formula(r, 6, `${cellAddress(r, 4)}-${cellAddress(caseRow(0), SE.npv, true)}`, d.row.highNpv.minus(base), 'formula', 'money0');
    s.formula(r, 7, `ABS(${cellAddress(r, 4)}-${cellAddress(r, 3)})`, d.swing, 'formulaBold', 'money0');
  });
  s.charts.push({
    type: 'barClustered',
    title: 'Tornado: change in NPV from the base case',
    overlap: true,
    valueAxisTitle: 'Change in NPV ($)',
    categories: s.range(T + 1, 0, T + drivers.length, 0),
    series: [
      { name: 'Low case', values: s.range(T + 1, 5, T + drivers.length, 5) },
      { name: 'High case', values: s.range(T + 1, 6, T + drivers.length, 6) },
    ],
    from: cellAddress(CH - 1, SE.vsBase + 2),
    to: cellAddress(Math.max(CH + 24, L.checkRow + 1), SE.vsBase + 9),
  });

  // Named scenarios side by side ------------------------------------------------------------------------------
  const NH = L.namedHeader;
  s.value(NH - 1, 0, 'Scenarios side by side', 'section');
  const named = ['conservative', 'base', 'optimistic'].map((id) => ctx.cases.findIndex((c) => c.id === id)).filter((k) => k >= 0);
  // Labels in column A, the three scenarios in the figure columns (D, E, F); what each changes is in Cases above.
  const nc = SE.pl;
  s.value(NH, 0, 'Figure', 'header');
  named.forEach((k, j) => s.value(NH, nc + j, ctx.cases[k]?.label ?? '', 'header'));
  s.value(NH + 1, 0, 'NPV', 'kpiLabel');
  s.value(NH + 2, 0, 'Net over the projection', 'kpiLabel');
  s.value(NH + 3, 0, 'NPV vs base', 'label');
  named.forEach((k, j) => {
    const c = ctx.cases[k] as SensitivityCase;
    s.formula(NH + 1, nc + j, cellAddress(caseRow(k), SE.npv), c.npv, 'kpiValue', 'money0');
    s.formula(NH + 2, nc + j, cellAddress(caseRow(k), SE.totalNet), c.totalNet, 'kpiValue', 'money0');
    s.formula(NH + 3, nc + j, cellAddress(caseRow(k), SE.vsBase), c.npv.minus(base), 'formula', 'money0');
  });
  const projNpv = ctx.ref(SHEET.projection, projectionTotalsRow(ctx), PJ.pv);
  const ok = 'OK: the base case here equals the Projection\'s NPV';
  s.value(L.checkRow, 0, 'Check', 'label');
  s.formula(L.checkRow, 1, `IF(ABS(${cellAddress(caseRow(0), SE.npv)}-${projNpv})<0.005,"${ok}","The base case differs from the Projection's NPV")`, ok, 'check');
  s.conditionalFormats.push({ range: cellAddress(L.checkRow, 1), rule: { kind: 'expression', formula: `LEFT(${cellAddress(L.checkRow, 1)},2)<>"OK"` }, look: 'bad' });

  // Calculation detail -------------------------------------------------------------------------------------------
  const RH = L.rankingHeader;
  s.value(RH - 2, 0, 'Calculation detail', 'section');
  s.value(RH - 1, 0, 'Payer ranking: margin per administration summed over the formulary', 'label');
  s.values(RH, 0, ['Payer', 'Index', 'Score', 'Lowest-score index'], 'header');
  const scores = input.payers.map((_, i) => results.drugs.reduce((t, d) => t + (d.perPayer[i]?.margin.toNumber() ?? 0), 0));
  const minScore = Math.min(...scores);
  const claimsMargin = ctx.rangeRef(SHEET.claims, ctx.claimRow(0, 0), CD.margin, ctx.claimRow(ctx.D - 1, ctx.P - 1), CD.margin);
  input.payers.forEach((p, i) => {
    const r = RH + 1 + i;
    s.formula(r, 0, ctx.ref(SHEET.inputs, ctx.inputPayerRow(i), IN_PAY.name), p.profile.name, 'formula');
    s.value(r, 1, i + 1, 'layout', 'int');
    // The payer's claim rows are every P-th row of Claim detail, from its own (payers in Inputs order).
    s.formula(r, 2, `SUMPRODUCT((MOD(ROW(${claimsMargin})-${ctx.claimRow(0, 0) + 1},${ctx.P})=${i})*${claimsMargin})`, scores[i] ?? 0, 'formula', 'money');
    const sc = rangeAddress(RH + 1, 2, RH + ctx.P, 2, true);
    s.formula(r, 3, `IF(${cellAddress(r, 2)}=MIN(${sc}),${cellAddress(r, 1)},0)`, scores[i] === minScore ? i + 1 : 0, 'formula', 'int');
  });
  const ranking = rankPayers(results);
  const bestRow = RH + ctx.P + 1;
  const scoreRange = rangeAddress(RH + 1, 2, RH + ctx.P, 2, true);
  s.value(bestRow, 0, 'Best-paying payer (index)', 'label');
  s.formula(bestRow, 2, `MATCH(MAX(${scoreRange}),${scoreRange},0)`, (ranking[0] ?? 0) + 1, 'formula', 'int');
  s.value(bestRow + 1, 0, 'Lowest-paying payer (index)', 'label');
  s.formula(bestRow + 1, 2, `MAX(${rangeAddress(RH + 1, 3, RH + ctx.P, 3, true)})`, (ranking[ranking.length - 1] ?? 0) + 1, 'formula', 'int');
  const best = cellAddress(bestRow, 2, true);
  const worst = cellAddress(bestRow + 1, 2, true);

  const WH = L.weightsHeader;
  s.value(WH - 1, 0, 'Payer weights in each case', 'label');
  s.values(WH, 0, ['Payer', 'Index', ...ctx.cases.map((c) => c.label)], 'header');
  s.value(WH + 1, 0, 'Weight moved from (index)', 'label');
  s.value(WH + 2, 0, 'to (index)', 'label');
  s.value(WH + 3, 0, 'Points moved', 'label');
  const baseW = results.weights.map((w) => w.toNumber());
  const weightsRange = ctx.weightsRange;
  const caseWeights: number[][] = [];
  ctx.cases.forEach((c, k) => {
    const col = caseCol(k);
    const mix = cellAddress(caseRow(k), SE.mix, true);
    const fromIdx = c.mixShift < 0 ? (ranking[0] ?? 0) : (ranking[ranking.length - 1] ?? 0);
    const toIdx = c.mixShift < 0 ? (ranking[ranking.length - 1] ?? 0) : (ranking[0] ?? 0);
    const moved = c.mixShift === 0 || ctx.P < 2 ? 0 : Math.min(Math.abs(c.mixShift), baseW[fromIdx] ?? 0);
    s.formula(WH + 1, col, `IF(${mix}<0,${best},${worst})`, fromIdx + 1, 'formula', 'int');
    s.formula(WH + 2, col, `IF(${mix}<0,${worst},${best})`, toIdx + 1, 'formula', 'int');
    s.formula(WH + 3, col, `IF(OR(${mix}=0,${ctx.P}<2),0,MIN(ABS(${mix}),INDEX(${weightsRange},${cellAddress(WH + 1, col)},1)))`, moved, 'formula', 'pct');
    const w = baseW.map((x, i) => (i === fromIdx ? x - moved : i === toIdx ? x + moved : x));
    caseWeights.push(w);
    input.payers.forEach((p, i) => {
      const r = WH + 4 + i;
      if (k === 0) {
        s.value(r, 0, p.profile.name, 'text');
        s.value(r, 1, i + 1, 'layout', 'int');
      }
      const wi = ctx.ref(SHEET.inputs, ctx.inputPayerRow(i), IN_PAY.weight);
      const idx = cellAddress(r, 1);
      s.formula(r, col, `IF(${idx}=${cellAddress(WH + 1, col)},${wi}-${cellAddress(WH + 3, col)},IF(${idx}=${cellAddress(WH + 2, col)},${wi}+${cellAddress(WH + 3, col)},${wi}))`, w[i] ?? 0, 'formula', 'pct');
    });
  });
  const caseWeightsRange = (k: number): string => rangeAddress(WH + 4, caseCol(k), WH + 3 + ctx.P, caseCol(k), true);

  // Fixed and startup costs, discounted and not.
  const months = results.months;
  const pjr = (c: number): string => ctx.rangeRef(SHEET.projection, ctx.projectionRow(1), c, ctx.projectionRow(ctx.N), c);
  const fixedPv = months.reduce((t, m) => t.plus(m.fixedCosts.plus(m.startupCosts).div(dec(1).plus(dec(input.program.discountRate)).pow(dec(m.month).div(12)))), ZERO);
  const fixedTotal = months.reduce((t, m) => t.plus(m.fixedCosts).plus(m.startupCosts), ZERO);
  s.value(F, 0, 'PV of fixed and startup costs', 'label');
  s.formula(F, 2, `SUMPRODUCT(${pjr(PJ.fixed)}+${pjr(PJ.startup)},${pjr(PJ.discount)})`, fixedPv, 'formula', 'money0');
  s.value(F + 1, 0, 'Fixed and startup costs, all months', 'label');
  s.formula(F + 1, 2, `SUM(${pjr(PJ.fixed)})+SUM(${pjr(PJ.startup)})`, fixedTotal, 'formula', 'money0');

  const titles = {
    paShare: 'Share of patients whose payer requires prior authorization, by case',
    paDenied: 'Share of referrals lost to prior-authorization denials, by case',
    npvTerm: 'Each drug\'s contribution to NPV (before fixed and startup costs), by case',
    netTerm: 'Each drug\'s contribution to net over the projection (before fixed and startup costs), by case',
  } as const;
  for (const block of ['paShare', 'paDenied', 'npvTerm', 'netTerm'] as const) {
    s.value(L.detail[block], 0, titles[block], 'label');
    s.values(L.detail[block] + 1, 0, ['HCPCS', 'Product', ...ctx.cases.map((c) => c.label)], 'header');
  }
  const paCost = input.program.priorAuthStaffMinutes / 60 * input.program.staffHourlyCost;
  for (let pos = 0; pos < ctx.D; pos++) {
    const i = ctx.drug(pos);
    const line = input.drugs[i];
    const res = results.drugs[i];
    if (!line || !res) continue;
    const co = (c: number): string => ctx.ref(SHEET.cohorts, ctx.cohortRegimenRow(pos), c);
    const paReq = line.priorAuthPayers;
    const costs = res.perPayer.map((e) => e.drugCost.toNumber());
    const handlings = res.perPayer.map((e) => e.handlingCost.toNumber());
    // DOMAIN.md 5.3: administrations at the loading dose differ from the maintenance dose's by these.
    const lk = loadingKind(res) ?? res.doseKinds[0];
    const lcosts = (lk?.perPayer ?? res.perPayer).map((e) => e.drugCost.toNumber());
    const lhandlings = (lk?.perPayer ?? res.perPayer).map((e) => e.handlingCost.toNumber());
    const bLPa = input.payers.map((_, j) => n.pvWeightLoad(pos, j, true));
    const bLNo = input.payers.map((_, j) => n.pvWeightLoad(pos, j, false));
    const bPa = input.payers.map((_, j) => n.pvWeight(pos, j, true));
    const bNo = input.payers.map((_, j) => n.pvWeight(pos, j, false));
    for (const block of ['paShare', 'paDenied', 'npvTerm', 'netTerm'] as const) {
      s.value(detailRow(block, pos), 0, line.hcpcs, 'text');
      s.value(detailRow(block, pos), 1, line.label, 'text');
    }
    ctx.cases.forEach((c, k) => {
      const col = caseCol(k);
      // A drug with its own payer mix keeps it in every case (DOMAIN.md 5.2; the engine's model does the same).
      const W = res.ownMix ? ctx.drugWeights(pos) : caseWeightsRange(k);
      const w = res.ownMix ? res.weights.map((x) => x.toNumber()) : (caseWeights[k] as number[]);
      const ps = input.payers.reduce((t, p, j) => t + (paReq.includes(p.profile.id) ? (w[j] as number) : 0), 0);
      const pd = input.payers.reduce((t, p, j) => t + (paReq.includes(p.profile.id) ? (w[j] as number) * p.profile.priorAuthDenialRate : 0), 0);
      s.formula(detailRow('paShare', pos), col, `SUMPRODUCT(${W},${ctx.claimRange(pos, CD.paRequired)})`, ps, 'formula', 'pct');
      s.formula(detailRow('paDenied', pos), col, `SUMPRODUCT(${W},${ctx.claimRange(pos, CD.paRequired)},${ctx.claimRange(pos, CD.paDenial)})`, pd, 'formula', 'pct2');
      const P = cellAddress(detailRow('paShare', pos), col);
      const Dn = cellAddress(detailRow('paDenied', pos), col);
      const cr = caseRow(k);
      const v = cellAddress(cr, SE.volume, true);
      const a = cellAddress(cr, SE.acq, true);
      const nr = ctx.claimRange(pos, CD.caseNet + k);
      const nrv = (caseNet[k]?.[pos] ?? []).map((x) => x.toNumber());
      const revPv = nrv.reduce((t, x, j) => t + (w[j] as number) * x * (ps * (bPa[j] as number) + (1 - ps) * (bNo[j] as number)), 0);
      const mixNet = nrv.reduce((t, x, j) => t + (w[j] as number) * x, 0);
      // DOMAIN.md 5.1: the mix's drug cost and white-bag handling follow the case's weights; the acquisition
      // factor scales the drug only.
      const costF = costs.reduce((t, x, j) => t + (w[j] as number) * x, 0);
      const handF = handlings.reduce((t, x, j) => t + (w[j] as number) * x, 0);
      const cost = `(${a}*SUMPRODUCT(${W},${ctx.claimRange(pos, CD.drugCost)})+SUMPRODUCT(${W},${ctx.claimRange(pos, CD.handling)}))`;
      const lcost = `(${a}*SUMPRODUCT(${W},${ctx.claimRange(pos, CD.drugCost, true)})+SUMPRODUCT(${W},${ctx.claimRange(pos, CD.handling, true)}))`;
      const lcostF = lcosts.reduce((t, x, j) => t + (w[j] as number) * x, 0);
      const lhandF = lhandlings.reduce((t, x, j) => t + (w[j] as number) * x, 0);
      const nrl = ctx.claimRange(pos, CD.caseNet + k, true);
      const nrlv = (caseNetLoad[k]?.[pos] ?? []).map((x) => x.toNumber());
      const lpv = `${P}*${ctx.claimRange(pos, CD.pvPa, true)}+(1-${P})*${ctx.claimRange(pos, CD.pvNoPa, true)}`;
      // Loading-dose administrations: their net revenue and cost in place of the maintenance dose's.
      const loadPv = nrlv.reduce((t, x, j) => t + (w[j] as number) * (x - (nrv[j] as number)) * (ps * (bLPa[j] as number) + (1 - ps) * (bLNo[j] as number)), 0);
      const loadCostPv = (c.acquisitionFactor * lcostF + lhandF - (c.acquisitionFactor * costF + handF)) * (ps * n.costPvLoad(pos, true) + (1 - ps) * n.costPvLoad(pos, false));
      const loadMixNet = nrlv.reduce((t, x, j) => t + (w[j] as number) * x, 0);
      const loadTotal = ps * n.totalLoad(pos, true) + (1 - ps) * n.totalLoad(pos, false);
      const own = ctx.hasLoading(pos);
      const npvTerm = c.volumeFactor * (1 - pd) * (revPv - (c.acquisitionFactor * costF + handF) * (ps * n.costPv(pos, true) + (1 - ps) * n.costPv(pos, false)) + (own ? loadPv - loadCostPv : 0)) - paCost * c.volumeFactor * ps * n.referredPv(pos);
      const netTerm = c.volumeFactor * (1 - pd) * ((ps * n.total(pos, true) + (1 - ps) * n.total(pos, false)) * (mixNet - (c.acquisitionFactor * costF + handF)) + (own ? loadTotal * (loadMixNet - (c.acquisitionFactor * lcostF + lhandF) - (mixNet - (c.acquisitionFactor * costF + handF))) : 0)) - paCost * c.volumeFactor * ps * n.referredTotal(pos);
      s.formula(
        detailRow('npvTerm', pos),
        col,
        `${v}*(1-${Dn})*(SUMPRODUCT(${W},${nr},${P}*${ctx.claimRange(pos, CD.pvPa)}+(1-${P})*${ctx.claimRange(pos, CD.pvNoPa)})-${cost}*(${P}*${co(CO.costPvPa)}+(1-${P})*${co(CO.costPvNoPa)})${own ? `+SUMPRODUCT(${W},${nrl},${lpv})-SUMPRODUCT(${W},${nr},${lpv})-(${lcost}-${cost})*(${P}*${co(ctx.coLoad('costPvPa'))}+(1-${P})*${co(ctx.coLoad('costPvNoPa'))})` : ''})-${ctx.name('PriorAuthCost')}*${v}*${P}*${co(CO.referredPv)}`,
        npvTerm,
        'formula',
        'money0',
      );
      s.formula(
        detailRow('netTerm', pos),
        col,
        `${v}*(1-${Dn})*((${P}*${co(CO.totalPa)}+(1-${P})*${co(CO.totalNoPa)})*(SUMPRODUCT(${W},${nr})-${cost})${own ? `+(${P}*${co(ctx.coLoad('totalPa'))}+(1-${P})*${co(ctx.coLoad('totalNoPa'))})*(SUMPRODUCT(${W},${nrl})-${lcost}-(SUMPRODUCT(${W},${nr})-${cost}))` : ''})-${ctx.name('PriorAuthCost')}*${v}*${P}*${co(CO.referredTotal)}`,
        netTerm,
        'formula',
        'money0',
      );
    });
  }
  s.widths(0, [30, 20, 58, 13, 13, 13, 13, 18, 13, 13, 13]);
  for (let k = 0; k < C; k++) s.width(caseCol(k), Math.max(s.columnWidths[caseCol(k)] ?? 0, 13));
  return s;
}
