/**
 * Formulary economics (the board's per-drug view) and Claim detail (one row per drug and payer: every step
 * of DOMAIN.md 2.4-2.7 as a native formula). Both restate src/engine/units.ts, admin.ts and economics.ts:
 *
 *     units        = ROUNDUP(dose / billing unit)                      (CGS: round up)
 *     JW units     = MAX(0, INT(units in the vials opened) - units)    (vial plan on Inputs)
 *     drug line    = ROUND(rate x units, 2); JW line = ROUND(rate x JW units, 2)   (claim lines to cents)
 *     admin lines  = ROUND(fee x admin % x units, 2), fee = ROUND(RVU x CF, 2)
 *     net revenue  = ((A - A c)(1 - seq) + A c coll)(1 - denial), per line, drug and administration
 *     margin       = net revenue - drug cost;  recovery = drug-line net revenue / drug cost
 */
import { adminCodes } from '../../engine/admin';
import { type Dec, ZERO, dec } from '../../engine/decimal';
import { NOT_APPLICABLE, type NotApplicable, administrationEconomics } from '../../engine/economics';
import type { PayerProfile } from '../../engine/types';
import { cellAddress, columnLetters, rangeAddress } from '../plan';
import { type Cached, SheetBuilder } from '../sheet-builder';
import { type BoardContext, CD, FE, IN_FEE, IN_FORM, IN_PAY, IN_PRICE, SE, SHEET } from './context';
import { cohortCashRows } from './cohorts';
import { loadingKind } from './numbers';
import { RULE_WORDS, SOURCE_WORDS, feeTableRows } from './inputs';
import { type PrintText, printSetup } from './print';
import type { CohortNumbers } from './numbers';
import type { CaseNet } from './sensitivity';

/** The by-payer tables, in the order they are laid out (recovery before margin: the margin table's
 * highlight reads the recovery table above it). */
const BY_PAYER = [
  { kind: 'allowed', title: 'Allowed amount per administration, by payer', claim: CD.allowed, mix: FE.allowed, format: 'money' },
  { kind: 'net', title: 'Net revenue per administration, by payer (after patient share, sequestration, collection and denials)', claim: CD.net, mix: FE.net, format: 'money' },
  { kind: 'recovery', title: 'Net cost recovery, by payer (drug-line net revenue / drug cost; below 100% = underwater)', claim: CD.recovery, mix: FE.recovery, format: 'pct' },
  { kind: 'margin', title: 'Margin per administration, by payer (net revenue - drug cost); red where the drug line is underwater', claim: CD.margin, mix: FE.margin, format: 'money' },
] as const;

export function writeFormulary(ctx: BoardContext, text: PrintText): SheetBuilder {
  const { src } = ctx;
  const { input, results, book } = src;
  const s = new SheetBuilder(SHEET.formulary, 'board', printSetup(text, { fitToHeight: false, area: rangeAddress(0, 0, ctx.layout.formulary.byPayerHeaders[3] + ctx.D, FE.underwater), titleRows: `${ctx.layout.formulary.header + 1}:${ctx.layout.formulary.header + 1}` }));
  s.tabColor = '#2F5597';
  const mixText = input.payers.map((p) => `${p.profile.name} ${Math.round(p.weight * 1000) / 10}%`).join(', ');
  s.value(0, 0, `Formulary economics: ${input.practiceName}`, 'title');
  s.value(1, 0, `Per administration. Payment limits ${results.quarter}, fee schedule CY${results.feeScheduleYear}. Payer mix (Inputs): ${mixText}.`, 'subtitle');
  s.value(2, 0, 'Every figure is a formula over the Inputs sheet; the step-by-step claim for each payer is on Claim detail. Biosimilars are listed under their reference product.', 'subtitle');
  const H = ctx.layout.formulary.header;
  s.value(H - 1, 0, 'Per administration, weighted by the payer mix', 'section');
  s.values(H, 0, ['Product', 'HCPCS', 'Biosimilar of', 'Dose', 'Billing unit', 'Units billed', 'JW units (discarded)', 'Vials opened', 'Administration codes', 'Acquisition $ per unit', 'Drug cost', 'Allowed (mix)', 'Net revenue (mix)', 'Margin (mix)', 'Net cost recovery (mix)', 'Chair hours', 'Margin per chair hour', 'Underwater for'], 'header');
  s.values(H, FE.code1, ['Initial code', 'Additional-hour code', 'Additional hours', 'Drug cost when bought', 'White-bag handling (mix)', 'Loading dose', 'Loading: units billed', 'Loading: JW units', 'Loading: vials', 'Loading: initial code', 'Loading: additional-hour code', 'Loading: additional hours', 'Loading: drug cost when bought', 'Loading: drug cost (mix)', 'Loading: white-bag handling (mix)', 'Loading: net revenue (mix)', 'Loading: margin (mix)', 'Loading: chair hours', 'At the ASP default (1 = yes)'], 'header');
  s.value(H - 1, FE.lDose, 'Loading dose, priced at its own dose and time (the product\'s prescribing information; the maintenance dose where the drug has none)', 'section');
  s.value(H - 1, FE.code1, 'Coding detail (CPT time rules; CMS Physician Fee Schedule)', 'section');
  const In = (row: number, col: number): string => ctx.ref(SHEET.inputs, row, col);

  for (let pos = 0; pos < ctx.D; pos++) {
    const i = ctx.drug(pos);
    const line = input.drugs[i];
    const res = results.drugs[i];
    if (!line || !res) continue;
    const e0 = res.perPayer[0];
    const r = ctx.formularyRow(pos);
    const fr = ctx.inputFormularyRow(pos);
    const vr = ctx.inputVialRow(pos);
    const vc = 3 + 2 * ctx.V;
    const F = (c: number): string => cellAddress(r, c);
    const ref = book.catalogDrug(line.hcpcs)?.referenceHcpcs ?? null;
    s.value(r, FE.product, line.label, ref === null ? 'formulaBold' : 'text');
    s.value(r, FE.hcpcs, line.hcpcs, 'center');
    s.value(r, FE.biosimilarOf, ref === null ? '' : `${book.catalogDrug(ref)?.brand ?? ref} (${ref})`, 'text');
    s.formula(r, FE.dose, In(fr, IN_FORM.dose), res.dose, 'formula', 'amount');
    s.formula(r, FE.unit, In(fr, IN_FORM.unitText), res.billingUnit, 'center');
    s.formula(r, FE.units, `ROUNDUP(ROUND(${F(FE.dose)}/${In(fr, IN_FORM.unitAmount)},9),0)`, e0?.dispensing.unitsAdministered ?? 0, 'center', 'int');
    s.formula(r, FE.jw, `MAX(0,INT(${In(vr, vc)})-${F(FE.units)})`, e0?.dispensing.jwUnits ?? 0, 'center', 'int');
    s.formula(r, FE.vials, In(vr, vc + 1), e0?.dispensing.vials.vialCount ?? 0, 'center', 'int');
    s.formula(r, FE.codes, `${F(FE.code1)}&IF(${F(FE.extraHours)}>0,REPT(", "&${F(FE.code2)},${F(FE.extraHours)}),"")`, res.adminCodes, 'formula');
    s.formula(r, FE.acquisition, In(fr, IN_FORM.acquisition), e0?.acquisitionPerUnit ?? ZERO, 'formula', 'unitPrice');
    const w = ctx.drugWeights(pos);
    // DOMAIN.md 5.1: the cost of the vials when the practice buys them, and the mix-weighted cost (payers whose
    // patients get the drug elsewhere cost nothing) and white-bag handling.
    s.formula(r, FE.boughtCost, `${F(FE.acquisition)}*${In(vr, vc)}`, e0 ? e0.acquisitionPerUnit.times(e0.dispensing.vials.totalUnits) : ZERO, 'formula', 'money');
    s.formula(r, FE.drugCost, `SUMPRODUCT(${w},${ctx.claimRange(pos, CD.drugCost)})`, res.mix.drugCost, 'formula', 'money');
    s.formula(r, FE.handling, `SUMPRODUCT(${w},${ctx.claimRange(pos, CD.handling)})`, res.mix.handlingCost, 'formula', 'money');
    s.formula(r, FE.allowed, `SUMPRODUCT(${w},${ctx.claimRange(pos, CD.allowed)})`, res.mix.allowed, 'formula', 'money');
    s.formula(r, FE.net, `SUMPRODUCT(${w},${ctx.claimRange(pos, CD.net)})`, res.mix.netRevenue, 'formula', 'money');
    s.formula(r, FE.margin, `${F(FE.net)}-${F(FE.drugCost)}-${F(FE.handling)}`, res.mix.margin, 'formulaBold', 'money');
    s.formula(r, FE.recovery, `IF(SUMPRODUCT(${w},${ctx.claimRange(pos, CD.bought)})=0,"${NOT_APPLICABLE}",IF(${F(FE.drugCost)}=0,"",SUMPRODUCT(${w},${ctx.claimRange(pos, CD.netDrug)})/${F(FE.drugCost)}))`, res.mix.recovery ?? '', 'formula', 'pct');
    s.formula(r, FE.chairHours, `(${In(fr, IN_FORM.minutes)}+${In(fr, IN_FORM.extraMinutes)})/60`, dec(res.chairMinutes).div(60), 'formula', 'count2');
    s.formula(r, FE.marginPerHour, `IF(${F(FE.chairHours)}=0,"",${F(FE.margin)}/${F(FE.chairHours)})`, res.marginPerChairHour ?? '', 'formula', 'money');
    const uw = input.payers.map((_, j) => `IF(${ctx.ref(SHEET.claims, ctx.claimRow(pos, j), CD.underwater)}="yes",", "&${In(ctx.inputPayerRow(j), IN_PAY.name)},"")`);
    s.formula(r, FE.underwater, `MID(${uw.join('&')},3,500)`, ctx.payerNames(res.underwaterPayers), 'formulaWrap');

    const route = In(fr, IN_FORM.route);
    const cx = In(fr, IN_FORM.complexity);
    const min = In(fr, IN_FORM.minutes);
    const lines = adminCodes(line.route, line.complexity, line.infusionMinutes);
    s.formula(r, FE.code1, `IF(${route}="SC",IF(${cx}="complex","96401","96372"),IF(${min}<=15,IF(${cx}="complex","96409","96374"),IF(${cx}="complex","96413","96365")))`, lines[0]?.code ?? '', 'formula', 'text');
    s.formula(r, FE.extraHours, `IF(OR(${route}="SC",${min}<=90),0,ROUNDUP((${min}-90)/60,0))`, lines[1]?.units ?? 0, 'formula', 'int');
    s.formula(r, FE.code2, `IF(${F(FE.extraHours)}>0,IF(${cx}="complex","96415","96366"),"")`, lines[1]?.code ?? '', 'formula', 'text');

    // DOMAIN.md 5.3: the loading dose, priced at its own dose and time (the maintenance dose's where none).
    const kind = loadingKind(res) ?? res.doseKinds[0];
    const l0 = kind?.perPayer[0];
    const lvr = ctx.inputLoadVialRow(pos);
    const lmin = In(fr, IN_FORM.loadMinutes);
    const llines = adminCodes(line.route, line.complexity, kind?.minutes ?? line.infusionMinutes);
    s.formula(r, FE.lDose, In(fr, IN_FORM.loadDose), kind?.dose ?? res.dose, 'formula', 'amount');
    s.formula(r, FE.lUnits, `ROUNDUP(ROUND(${F(FE.lDose)}/${In(fr, IN_FORM.unitAmount)},9),0)`, l0?.dispensing.unitsAdministered ?? 0, 'center', 'int');
    s.formula(r, FE.lJw, `MAX(0,INT(${In(lvr, vc)})-${F(FE.lUnits)})`, l0?.dispensing.jwUnits ?? 0, 'center', 'int');
    s.formula(r, FE.lVials, In(lvr, vc + 1), l0?.dispensing.vials.vialCount ?? 0, 'center', 'int');
    s.formula(r, FE.lCode1, `IF(${route}="SC",IF(${cx}="complex","96401","96372"),IF(${lmin}<=15,IF(${cx}="complex","96409","96374"),IF(${cx}="complex","96413","96365")))`, llines[0]?.code ?? '', 'formula', 'text');
    s.formula(r, FE.lExtraHours, `IF(OR(${route}="SC",${lmin}<=90),0,ROUNDUP((${lmin}-90)/60,0))`, llines[1]?.units ?? 0, 'formula', 'int');
    s.formula(r, FE.lCode2, `IF(${F(FE.lExtraHours)}>0,IF(${cx}="complex","96415","96366"),"")`, llines[1]?.code ?? '', 'formula', 'text');
    s.formula(r, FE.lBoughtCost, `${F(FE.acquisition)}*${In(lvr, vc)}`, l0 ? l0.acquisitionPerUnit.times(l0.dispensing.vials.totalUnits) : ZERO, 'formula', 'money');
    // A drug without a loading dose of its own: the maintenance dose's figures (no loading claim rows).
    const own = ctx.hasLoading(pos);
    s.formula(r, FE.lDrugCost, own ? `SUMPRODUCT(${w},${ctx.claimRange(pos, CD.drugCost, true)})` : F(FE.drugCost), kind?.mix.drugCost ?? ZERO, 'formula', 'money');
    s.formula(r, FE.lHandling, own ? `SUMPRODUCT(${w},${ctx.claimRange(pos, CD.handling, true)})` : F(FE.handling), kind?.mix.handlingCost ?? ZERO, 'formula', 'money');
    s.formula(r, FE.lNet, own ? `SUMPRODUCT(${w},${ctx.claimRange(pos, CD.net, true)})` : F(FE.net), kind?.mix.netRevenue ?? ZERO, 'formula', 'money');
    s.formula(r, FE.lMargin, `${F(FE.lNet)}-${F(FE.lDrugCost)}-${F(FE.lHandling)}`, kind?.mix.margin ?? ZERO, 'formula', 'money');
    const prr = ctx.inputPriceRow(line.hcpcs);
    s.formula(r, FE.aspDefault, `IF(ABS(${F(FE.acquisition)}-${ctx.ref(SHEET.inputs, prr, IN_PRICE.asp)}*(1-${ctx.name('PromptPayDiscount')})*(1-${ctx.name('GpoDiscount')}))<0.000000001,1,0)`, line.acquisitionPerUnit === null ? 1 : 0, 'formula', 'int');
    s.formula(r, FE.lChairHours, `(${lmin}+${In(fr, IN_FORM.extraMinutes)})/60`, dec((kind?.minutes ?? line.infusionMinutes) + line.chairExtraMinutes).div(60), 'formula', 'count2');
  }
  const last = ctx.formularyRow(ctx.D - 1);
  const first = ctx.formularyRow(0);
  s.conditionalFormats.push({ range: rangeAddress(first, FE.margin, last, FE.margin), rule: { kind: 'expression', formula: `AND(ISNUMBER(${cellAddress(first, FE.margin)}),${cellAddress(first, FE.margin)}<0)` }, look: 'bad' });
  s.conditionalFormats.push({ range: rangeAddress(first, FE.recovery, last, FE.recovery), rule: { kind: 'expression', formula: `AND(ISNUMBER(${cellAddress(first, FE.recovery)}),${cellAddress(first, FE.recovery)}<1)` }, look: 'bad' });
  s.conditionalFormats.push({ range: rangeAddress(first, FE.underwater, last, FE.underwater), rule: { kind: 'expression', formula: `LEN(${cellAddress(first, FE.underwater)})>0` }, look: 'warn' });

  // By payer: allowed, net revenue, recovery, margin.
  ctx.layout.formulary.byPayerHeaders.forEach((h, t) => {
    const spec = BY_PAYER[t];
    if (!spec) return;
    s.value(h - 1, 0, spec.title, 'section');
    s.values(h, 0, ['Product', ...input.payers.map((p) => p.profile.name), 'Payer mix'], 'header');
    for (let pos = 0; pos < ctx.D; pos++) {
      const i = ctx.drug(pos);
      const res = results.drugs[i];
      if (!res) continue;
      const r = h + 1 + pos;
      const isRef = book.catalogDrug(res.input.hcpcs)?.referenceHcpcs == null;
      s.value(r, 0, res.input.label, isRef ? 'formulaBold' : 'text');
      const pick = (e: { allowed: Dec; netRevenue: Dec; margin: Dec; recovery: Dec | NotApplicable | null }): Cached =>
        spec.kind === 'allowed' ? e.allowed : spec.kind === 'net' ? e.netRevenue : spec.kind === 'margin' ? e.margin : (e.recovery ?? '');
      res.perPayer.forEach((e, j) => s.formula(r, 1 + j, ctx.ref(SHEET.claims, ctx.claimRow(pos, j), spec.claim, false), pick(e), 'formula', spec.format));
      s.formula(r, 1 + ctx.P, cellAddress(ctx.formularyRow(pos), spec.mix), pick({ ...res.mix, netRevenue: res.mix.netRevenue }), 'formulaBold', spec.format);
    }
  });
  // Net revenue of a loading-dose administration by payer (the Cohorts cash rows read it).
  const LH = ctx.layout.formulary.loadNetHeader;
  s.value(LH - 1, 0, 'Net revenue per administration at the loading dose, by payer (dose per the product\'s prescribing information)', 'section');
  s.values(LH, 0, ['Product', ...input.payers.map((p) => p.profile.name), 'Payer mix'], 'header');
  for (let pos = 0; pos < ctx.D; pos++) {
    const res = results.drugs[ctx.drug(pos)];
    if (!res) continue;
    const kind = loadingKind(res) ?? res.doseKinds[0];
    const r = LH + 1 + pos;
    s.value(r, 0, res.input.label, 'text');
    const netByPayer = ctx.layout.formulary.byPayerHeaders[1];
    kind?.perPayer.forEach((e, j) => s.formula(r, 1 + j, ctx.hasLoading(pos) ? ctx.ref(SHEET.claims, ctx.claimRow(pos, j, true), CD.net, false) : cellAddress(netByPayer + 1 + pos, 1 + j), e.netRevenue, 'formula', 'money'));
    s.formula(r, 1 + ctx.P, cellAddress(ctx.formularyRow(pos), FE.lNet), kind?.mix.netRevenue ?? ZERO, 'formulaBold', 'money');
  }

  // Underwater: recovery cells below 100% red, and the margin cells of the same drug and payer.
  const [, , hr, hm] = ctx.layout.formulary.byPayerHeaders;
  s.conditionalFormats.push({ range: rangeAddress(hr + 1, 1, hr + ctx.D, ctx.P + 1), rule: { kind: 'expression', formula: `AND(ISNUMBER(${cellAddress(hr + 1, 1)}),${cellAddress(hr + 1, 1)}<1)` }, look: 'bad' });
  s.conditionalFormats.push({ range: rangeAddress(hm + 1, 1, hm + ctx.D, ctx.P), rule: { kind: 'expression', formula: `AND(ISNUMBER(${cellAddress(hr + 1, 1)}),${cellAddress(hr + 1, 1)}<1)` }, look: 'bad' });

  // The chart below the tables, on a page of its own.
  const chartTop = ctx.layout.formulary.byPayerHeaders[3] + ctx.D + 3;
  s.charts.push({
    type: 'barClustered',
    title: 'Margin per administration by drug (payer mix)',
    valueAxisTitle: 'Margin per administration ($)',
    categories: s.range(first, FE.product, last, FE.product),
    series: [{ name: 'Margin per administration', values: s.range(first, FE.margin, last, FE.margin) }],
    from: cellAddress(chartTop, 0),
    to: cellAddress(chartTop + Math.max(22, ctx.D + 6), FE.recovery),
  });
  s.print = printSetup(text, { fitToHeight: false, area: rangeAddress(0, 0, chartTop + Math.max(22, ctx.D + 6), FE.underwater), titleRows: `${H + 1}:${H + 1}`, breaks: [chartTop - 1] });
  s.widths(0, [30, 12, 18, 12, 12, 12, 12, 8, 20, 12, 12, 12, 12, 12, 11, 8, 12, 26, 3, 10, 12, 10, 12, 12, 12, 10, 10, 10, 10, 10, 10, 12, 12, 12, 12, 12, 10]);
  s.freeze = { rows: H + 1, columns: 1 };
  return s;
}

/** The payer as the engine saw it in a sensitivity case (denial write-off raised, capped at 100%). */
function adjustedPayer(p: PayerProfile, denialAdd: number): PayerProfile {
  return denialAdd ? { ...p, denialWriteOff: Math.min(1, p.denialWriteOff + denialAdd) } : p;
}

/**
 * The engine's net revenue per administration, by sensitivity case, display position and payer: a fresh
 * `administrationEconomics` where the case changes the claim (payment limits or denials), else the base's.
 */
export function caseNetRevenue(ctx: BoardContext, loading = false): CaseNet {
  const { input, results, book } = ctx.src;
  return ctx.cases.map((c) => {
    const changes = c.paymentLimitFactor !== 1 || c.denialAdd !== 0;
    return ctx.order.map((i, pos) => {
      const line = input.drugs[i];
      const res = results.drugs[i];
      if (!line || !res || (loading && !ctx.hasLoading(pos))) return [];
      const kind = (loading ? loadingKind(res) : undefined) ?? res.doseKinds[0];
      if (!kind) return [];
      if (!changes) return kind.perPayer.map((e) => e.netRevenue);
      return input.payers.map((p) =>
        administrationEconomics(
          book,
          {
            hcpcs: line.hcpcs, dose: kind.dose, route: line.route, complexity: line.complexity, minutes: kind.minutes,
            acquisitionPerUnit: line.acquisitionPerUnit === null ? null : dec(line.acquisitionPerUnit),
            wacPerUnit: line.wacPerUnit === null ? null : dec(line.wacPerUnit), quarter: results.quarter, feeScheduleYear: results.feeScheduleYear,
            ...(c.paymentLimitFactor === 1 ? {} : { priceFactor: dec(c.paymentLimitFactor) }),
            ...(line.drugSources?.[p.profile.id] ? { drugSource: line.drugSources[p.profile.id] } : {}),
          },
          adjustedPayer(p.profile, c.denialAdd),
        ).netRevenue,
      );
    });
  });
}

export function writeClaims(ctx: BoardContext, text: PrintText, numbers: CohortNumbers, caseNet: CaseNet, caseNetLoad: CaseNet): SheetBuilder {
  const { src } = ctx;
  const { input, results, book } = src;
  const s = new SheetBuilder(SHEET.claims, 'calc', printSetup(text, { fitToHeight: false, titleRows: `${ctx.layout.claims.header + 1}:${ctx.layout.claims.header + 1}` }));
  s.tabColor = '#A5A5A5';
  s.value(0, 0, 'Claim detail: one administration of each drug, billed to each payer', 'title');
  s.value(1, 0, 'Each claim line is priced as units x rate and rounded to cents, as a claim is; everything after the lines keeps full precision. Rules and their sources: Sources and assumptions; the payers\' terms are on Inputs.', 'subtitle');
  s.value(2, 0, 'The columns on the right feed the Sensitivity sheet: present-value weights of the administrations (each payer\'s payment delay) and net revenue per administration in each sensitivity case.', 'subtitle');
  const H = ctx.layout.claims.header;
  const heads = ['HCPCS', 'Product', 'Payer', 'Weight', 'Prior auth (1 = yes)', 'Prior auth denial rate', 'Drug rate $ per unit', 'Units billed', 'JW units billed', 'Drug line', 'JW line', 'Allowed drug', 'Admin line (initial)', 'Admin line (additional hours)', 'Allowed administration', 'Allowed', 'Drug coinsurance', 'Admin coinsurance', 'Patient share', 'Payer paid', 'Collected', 'Net revenue: drug', 'Net revenue: administration', 'Net revenue', 'Drug cost', 'Margin', 'Net cost recovery', 'Underwater', 'Share of the drug line kept (before denials)', 'Share of the admin lines kept (before denials)', 'Drug rate moves with CMS prices (1 = yes)', 'PV weight of admins (all wait for PA)', 'PV weight of admins (none wait)', 'Share bought and billed', 'Share white-bagged', 'White-bag handling'];
  s.values(H, 0, [...heads, ...ctx.cases.map((c) => `Net revenue: ${c.label}`)], 'header');
  // The cases' claim parameters, read from the Sensitivity sheet, above their columns.
  s.value(H - 2, CD.pvNoPa, 'Payment limits x', 'label');
  s.value(H - 1, CD.pvNoPa, 'Denial write-off +', 'label');
  ctx.cases.forEach((c, k) => {
    const cr = ctx.layout.sensitivity.casesHeader + 1 + k;
    s.formula(H - 2, CD.caseNet + k, ctx.ref(SHEET.sensitivity, cr, SE.pl), c.paymentLimitFactor, 'formula', 'factor');
    s.formula(H - 1, CD.caseNet + k, ctx.ref(SHEET.sensitivity, cr, SE.denial), c.denialAdd, 'formula', 'pct');
  });
  const fees = feeTableRows(ctx);
  const feeCodes = ctx.rangeRef(SHEET.inputs, fees.first, IN_FEE.code, fees.last, IN_FEE.code);
  const feeAmounts = ctx.rangeRef(SHEET.inputs, fees.first, IN_FEE.amount, fees.last, IN_FEE.amount);
  const In = (row: number, col: number): string => ctx.ref(SHEET.inputs, row, col);
  const Fe = (row: number, col: number): string => ctx.ref(SHEET.formulary, row, col);
  const quarter = results.quarter;

  // DOMAIN.md 5.3: the claims of a maintenance-dose administration, then below them those at the loading dose.
  const LH = ctx.layout.claims.loadHeader;
  s.value(LH - 1, 0, 'Claim detail at the loading dose (per the product\'s prescribing information: its own units, vials, JW and administration codes; the maintenance dose\'s where a drug has none)', 'section');
  s.values(LH, 0, [...heads, ...ctx.cases.map((c) => `Net revenue: ${c.label}`)], 'header');
  for (const loading of [false, true]) {
  const K = loading
    ? { units: FE.lUnits, jw: FE.lJw, code1: FE.lCode1, code2: FE.lCode2, extraHours: FE.lExtraHours, bought: FE.lBoughtCost }
    : { units: FE.units, jw: FE.jw, code1: FE.code1, code2: FE.code2, extraHours: FE.extraHours, bought: FE.boughtCost };
  for (let pos = 0; pos < ctx.D; pos++) {
    const i = ctx.drug(pos);
    const line = input.drugs[i];
    const res = results.drugs[i];
    if (!line || !res) continue;
    if (loading && !ctx.hasLoading(pos)) continue;
    const doseKind = (loading ? loadingKind(res) : undefined) ?? res.doseKinds[0];
    const fr = ctx.formularyRow(pos);
    const ir = ctx.inputFormularyRow(pos);
    const prr = ctx.inputPriceRow(line.hcpcs);
    const price = book.price(line.hcpcs, quarter);
    input.payers.forEach((entry, j) => {
      const e = doseKind?.perPayer[j];
      if (!e) return;
      const r = ctx.claimRow(pos, j, loading);
      const pr = ctx.inputPayerRow(j);
      const C = (c: number): string => cellAddress(r, c);
      const P = (c: number): string => In(pr, c);
      s.value(r, CD.hcpcs, line.hcpcs, 'text');
      s.value(r, CD.product, line.label, 'text');
      s.formula(r, CD.payer, In(ctx.inputPayerRow(j), IN_PAY.name), entry.profile.name, 'formula');
      // The drug's mix (DOMAIN.md 5.2): the program's unless the drug has its own.
      s.formula(r, CD.weight, In(ctx.inputDrugMixRow(pos), 2 + j), res.weights[j] ?? ZERO, 'formula', 'pct');
      s.formula(r, CD.paRequired, `IF(${In(ctx.inputPriorAuthRow(pos), 2 + j)}="yes",1,0)`, line.priorAuthPayers.includes(entry.profile.id) ? 1 : 0, 'formula', 'int');
      s.formula(r, CD.paDenial, P(IN_PAY.paDenial), entry.profile.priorAuthDenialRate, 'formula', 'pct');
      const kind = P(IN_PAY.rule);
      const fig = P(IN_PAY.figure);
      s.formula(r, CD.rate, `IF(${kind}="${RULE_WORDS.payment_limit}",${In(prr, IN_PRICE.paymentLimit)}*${fig},IF(${kind}="${RULE_WORDS.asp_plus}",${In(prr, IN_PRICE.asp)}*(1+${fig}),IF(${kind}="${RULE_WORDS.wac_percent}",${In(ir, IN_FORM.wac)}*${fig},${fig})))`, e.drugRate, 'formula', 'unitPrice');
      s.formula(r, CD.units, Fe(fr, K.units), e.dispensing.unitsAdministered, 'formula', 'int');
      // DOMAIN.md 5.1: the share of this payer's administrations the practice buys and bills; the drug lines and
      // cost are that share of a bought claim's, and JW applies only to a bought drug.
      // The drug's source for this payer (the payer's unless the drug has its own: Inputs, by drug).
      const src = In(ctx.inputDrugSourceRow(pos), 2 + j);
      const share = In(ctx.inputDrugWhiteBagRow(pos), 2 + j);
      const bb = C(CD.bought);
      s.formula(r, CD.bought, `IF(${src}="${SOURCE_WORDS.buy_and_bill}",1-${share},0)`, e.buyAndBillShare, 'formula', 'pct');
      s.formula(r, CD.whiteBagged, `IF(${src}="${SOURCE_WORDS.white_bag}",1,IF(${src}="${SOURCE_WORDS.buy_and_bill}",${share},0))`, e.whiteBagShare, 'formula', 'pct');
      s.formula(r, CD.handling, `${C(CD.whiteBagged)}*${ctx.name('WhiteBagHandlingCost')}`, e.handlingCost, 'formula', 'money');
      s.formula(r, CD.jwUnits, `IF(AND(${P(IN_PAY.paysJw)}="yes",${bb}>0),${Fe(fr, K.jw)},0)`, e.jwUnitsBilled, 'formula', 'int');
      s.formula(r, CD.drugLine, `ROUND(${C(CD.rate)}*${C(CD.units)},2)*${bb}`, e.allowedDrugAdministered, 'formula', 'money');
      s.formula(r, CD.jwLine, `ROUND(${C(CD.rate)}*${C(CD.jwUnits)},2)*${bb}`, e.allowedDrugDiscarded, 'formula', 'money');
      s.formula(r, CD.allowedDrug, `${C(CD.drugLine)}+${C(CD.jwLine)}`, e.allowedDrug, 'formula', 'money');
      const pct = P(IN_PAY.adminPct);
      s.formula(r, CD.adminLine1, `ROUND(INDEX(${feeAmounts},MATCH(${Fe(fr, K.code1)},${feeCodes},0))*${pct},2)`, e.adminLines[0]?.allowed ?? ZERO, 'formula', 'money');
      s.formula(r, CD.adminLine2, `IF(${Fe(fr, K.extraHours)}>0,ROUND(INDEX(${feeAmounts},MATCH(${Fe(fr, K.code2)},${feeCodes},0))*${pct}*${Fe(fr, K.extraHours)},2),0)`, e.adminLines[1]?.allowed ?? ZERO, 'formula', 'money');
      s.formula(r, CD.allowedAdmin, `${C(CD.adminLine1)}+${C(CD.adminLine2)}`, e.allowedAdmin, 'formula', 'money');
      s.formula(r, CD.allowed, `${C(CD.allowedDrug)}+${C(CD.allowedAdmin)}`, e.allowed, 'formula', 'money');
      const fileCoins = In(prr, IN_PRICE.coinsurance);
      const cDrug = entry.profile.drugCoinsurance === 'file' ? (price.coinsurance ?? dec('0.2')) : dec(entry.profile.drugCoinsurance);
      s.formula(r, CD.drugCoins, `IF(${P(IN_PAY.drugCoins)}="file",IF(ISNUMBER(${fileCoins}),${fileCoins}/100,0.2),${P(IN_PAY.drugCoins)})`, cDrug, 'formula', 'pct3');
      s.formula(r, CD.adminCoins, P(IN_PAY.adminCoins), entry.profile.adminCoinsurance, 'formula', 'pct');
      const A = C(CD.allowedDrug);
      const O = C(CD.allowedAdmin);
      const Q = C(CD.drugCoins);
      const R = C(CD.adminCoins);
      const seq = P(IN_PAY.seq);
      const coll = P(IN_PAY.collect);
      const den = P(IN_PAY.denial);
      s.formula(r, CD.share, `${A}*${Q}+${O}*${R}`, e.patientShare, 'formula', 'money');
      s.formula(r, CD.paid, `(${A}-${A}*${Q})*(1-${seq})+(${O}-${O}*${R})*(1-${seq})`, e.payerPaid, 'formula', 'money');
      s.formula(r, CD.collected, `${C(CD.paid)}+${C(CD.share)}*${coll}`, e.collected, 'formula', 'money');
      const lineNet = (x: string, c: string, denial: string): string => `((${x}-${x}*${c})*(1-${seq})+${x}*${c}*${coll})*(1-${denial})`;
      s.formula(r, CD.netDrug, lineNet(A, Q, den), e.netRevenueDrug, 'formula', 'money');
      s.formula(r, CD.netAdmin, lineNet(O, R, den), e.netRevenueAdmin, 'formula', 'money');
      s.formula(r, CD.net, `${C(CD.netDrug)}+${C(CD.netAdmin)}`, e.netRevenue, 'formulaBold', 'money');
      s.formula(r, CD.drugCost, `${Fe(fr, K.bought)}*${bb}`, e.drugCost, 'formula', 'money');
      s.formula(r, CD.margin, `${C(CD.net)}-${C(CD.drugCost)}-${C(CD.handling)}`, e.margin, 'formulaBold', 'money');
      s.formula(r, CD.recovery, `IF(${bb}=0,"${NOT_APPLICABLE}",IF(${C(CD.drugCost)}=0,"",${C(CD.netDrug)}/${C(CD.drugCost)}))`, e.recovery ?? '', 'formula', 'pct');
      s.formula(r, CD.underwater, `IF(AND(${bb}>0,${C(CD.netDrug)}<${C(CD.drugCost)}),"yes","no")`, e.underwater ? 'yes' : 'no', 'formula');
      // The shares of each line the practice keeps before denials, (1 - c)(1 - seq) + c x collection, for the
      // sensitivity cases below (the same net revenue, factored).
      const kd = (1 - cDrug.toNumber()) * (1 - entry.profile.sequestration) + cDrug.toNumber() * entry.profile.collectionRate;
      const ka = (1 - entry.profile.adminCoinsurance) * (1 - entry.profile.sequestration) + entry.profile.adminCoinsurance * entry.profile.collectionRate;
      s.formula(r, CD.drugKept, `(1-${Q})*(1-${seq})+${Q}*${coll}`, kd, 'formula', 'fraction');
      s.formula(r, CD.adminKept, `(1-${R})*(1-${seq})+${R}*${coll}`, ka, 'formula', 'fraction');
      const scales = entry.profile.drugRule.kind === 'payment_limit' || entry.profile.drugRule.kind === 'asp_plus';
      s.formula(r, CD.cmsPriced, `IF(OR(${kind}="${RULE_WORDS.payment_limit}",${kind}="${RULE_WORDS.asp_plus}"),1,0)`, scales ? 1 : 0, 'formula', 'int');
      // Present-value weights: the administrations of this drug, as if every patient waited for PA / none did,
      // each month weighted by this payer's delayed discount factor (Cohorts, cash timing).
      const wdRow = cohortCashRows(ctx).pv(j);
      const wd = ctx.rangeRef(SHEET.cohorts, wdRow, ctx.monthCol(1), wdRow, ctx.monthCol(ctx.H));
      s.formula(r, CD.pvPa, `SUMPRODUCT(${ctx.gridRow(loading ? 'adminsLoadPa' : 'adminsPa', pos, 1, ctx.H, true)},${wd})`, loading ? numbers.pvWeightLoad(pos, j, true) : numbers.pvWeight(pos, j, true), 'formula', 'count4');
      s.formula(r, CD.pvNoPa, `SUMPRODUCT(${ctx.gridRow(loading ? 'adminsLoadNoPa' : 'adminsNoPa', pos, 1, ctx.H, true)},${wd})`, loading ? numbers.pvWeightLoad(pos, j, false) : numbers.pvWeight(pos, j, false), 'formula', 'count4');
      // Net revenue in each sensitivity case: payment limits x factor (payment-limit and ASP rules only), the
      // drug lines re-rounded to cents; denial write-off raised (capped at 100%); everything else as above.
      ctx.cases.forEach((_, k) => {
        const col = CD.caseNet + k;
        const p = `${columnLetters(col)}$${H - 1}`;
        const d = `${columnLetters(col)}$${H}`;
        const pf = `IF(${C(CD.cmsPriced)}=1,${p},1)`;
        const denial = `(1-MIN(1,${den}+${d}))`;
        const v = (loading ? caseNetLoad : caseNet)[k]?.[pos]?.[j] ?? e.netRevenue;
        s.formula(r, col, `(ROUND(${C(CD.rate)}*${pf}*${C(CD.units)},2)+ROUND(${C(CD.rate)}*${pf}*${C(CD.jwUnits)},2))*${bb}*${C(CD.drugKept)}*${denial}+${O}*${C(CD.adminKept)}*${denial}`, v, 'formula', 'money');
      });
    });
  }
  }
  s.widths(0, [8, 26, 20, 8, 9, 9, 10, 7, 7, 11, 10, 11, 10, 10, 11, 11, 9, 9, 10, 11, 11, 11, 11, 11, 11, 11, 9, 9, 11, 11, 11, 12, 16]);
  for (let k = 0; k < ctx.cases.length; k++) s.width(CD.caseNet + k, 13);
  s.freeze = { rows: H + 1, columns: 3 };
  // Printed: the claim lines (through Underwater; the columns after feed the Sensitivity sheet), two pages wide
  // with HCPCS, product and payer repeated on the left, the header repeated on top, whole drugs per page.
  const lastRow = ctx.claimRow(ctx.D - 1, ctx.P - 1);
  const perPage = Math.max(1, Math.floor(36 / ctx.P));
  const breaks: number[] = [];
  for (let pos = perPage; pos < ctx.D; pos += perPage) breaks.push(ctx.claimRow(pos, 0));
  s.print = printSetup(text, { fitToHeight: false, area: rangeAddress(0, 0, lastRow, CD.underwater), titleRows: `${H + 1}:${H + 1}`, titleColumns: 'A:C', pagesWide: 2, breaks });
  return s;
}

