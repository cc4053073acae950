/**
 * Cohorts: patients and administrations by drug and operating month, restating src/engine/model.ts:
 *
 * - referred patients in month k = target x MIN(1, k / ramp); new patients = referred x (1 - PA denied share);
 * - a patient's doses: loading days, then every `interval` days after the last loading day, capped at the
 *   course's doses; a dose on day d (after the PA delay, for the share of the mix whose payer requires PA)
 *   falls in month INT(d / (364/12)) after the start, i.e. INT(12 d / 364), exact in binary arithmetic;
 * - the kernel K(j) = doses in month j x retention^j, retention = (1 - annual discontinuation)^(1/12);
 * - administrations(k) = sum over c <= k of new(c) x K(k - c): written as SUMPRODUCT of the new patients of
 *   months 1..k and the kernel laid out reversed (so month k's slice is a literal range);
 * - split: (1 - PA denied) x (PA share x [all wait for PA] + (1 - PA share) x [none waits]), which is the
 *   engine's mixed kernel by linearity, and lets the Sensitivity sheet change the payer mix natively;
 * - cash: each payer pays after its days (k whole months and a fraction f: (1 - f) in month m + k, f in
 *   m + k + 1, timeline.ts), the distributor likewise.
 * Maintenance doses in month j are counted in closed form: t >= 1 with 364 j <= 12 (base + delay + t x
 * interval) < 364 (j + 1), so no per-dose columns are needed whatever the horizon.
 */
import { type Dec, ZERO } from '../../engine/decimal';
import { cellAddress, columnLetters, rangeAddress } from '../plan';
import { SheetBuilder } from '../sheet-builder';
import { type BoardContext, CO, COHORT_GRIDS, type CohortGrid, FE, IN_PAY, IN_VOL, SHEET } from './context';
import { type CohortNumbers, NO_END, delayOf, loadingKind } from './numbers';
import { type PrintText, printSetup } from './print';
import { launchHoldCell, launchLayout } from './launch';
import { newPatientsRef } from './market';

const GRID_TITLES: Readonly<Record<CohortGrid, string>> = {
  referred: 'Patients referred (before prior-authorization denials), by operating month',
  newPatients: 'New patients starting therapy (referred x (1 - PA denied share)), by operating month',
  kernelPa: 'Doses per patient in month j since start, first dose after the PA delay, with retention (months reversed)',
  kernelNoPa: 'Doses per patient in month j since start, no PA delay, with retention (months reversed)',
  adminsPa: 'Administrations per referred-patient stream if every patient waits for prior authorization',
  adminsNoPa: 'Administrations per referred-patient stream if no patient waits',
  administrations: 'Administrations: (1 - PA denied) x (PA share x [all wait] + (1 - PA share) x [none waits])',
  onTherapy: 'Patients still on therapy j months after start, per patient (payer-mix weighted; months reversed)',
  active: 'Active patients, by operating month',
  kernelLoadPa: 'Doses at the loading dose per patient in month j since start, after the PA delay, with retention (months reversed; DOMAIN.md 5.3)',
  kernelLoadNoPa: 'Doses at the loading dose per patient in month j since start, no PA delay, with retention (months reversed)',
  adminsLoadPa: 'Administrations at the loading dose per referred-patient stream if every patient waits for prior authorization',
  adminsLoadNoPa: 'Administrations at the loading dose per referred-patient stream if no patient waits',
  adminsLoad: 'Administrations at the loading dose (part of the administrations above): (1 - PA denied) x (PA share x [all wait] + (1 - PA share) x [none waits])',
};

const REVERSED: ReadonlySet<CohortGrid> = new Set(['kernelPa', 'kernelNoPa', 'onTherapy', 'kernelLoadPa', 'kernelLoadNoPa']);

export function cohortCashRows(ctx: BoardContext): { df: number; earned: (i: number) => number; received: (i: number) => number; pv: (i: number) => number; costIncurred: number; costPaid: number; costPv: number } {
  const h = ctx.layout.cohorts.cashHeader;
  return {
    df: h + 1,
    earned: (i) => h + 2 + 3 * i,
    received: (i) => h + 3 + 3 * i,
    pv: (i) => h + 4 + 3 * i,
    costIncurred: h + 2 + 3 * ctx.P,
    costPaid: h + 3 + 3 * ctx.P,
    costPv: h + 4 + 3 * ctx.P,
  };
}

/**
 * Drug cost and white-bag handling of operating month k: every administration at the maintenance dose's mix
 * figures, and those at the loading dose corrected to theirs (DOMAIN.md 5.1, 5.3). `qualified`: references
 * from another sheet.
 */
export function drugCostOfMonth(ctx: BoardContext, k: number, qualified: boolean): string {
  const col = (g: 'administrations' | 'adminsLoad'): string => (qualified ? ctx.gridColumn(g, k) : ctx.gridColumn(g, k).replace(`'${SHEET.cohorts}'!`, ''));
  const a = col('administrations');
  const l = col('adminsLoad');
  const f = (c: number): string => ctx.formularyColumn(c);
  return `SUMPRODUCT(${a},${f(FE.drugCost)})+SUMPRODUCT(${a},${f(FE.handling)})+SUMPRODUCT(${l},${f(FE.lDrugCost)})+SUMPRODUCT(${l},${f(FE.lHandling)})-SUMPRODUCT(${l},${f(FE.drugCost)})-SUMPRODUCT(${l},${f(FE.handling)})`;
}

export function writeCohorts(ctx: BoardContext, text: PrintText, n: CohortNumbers): SheetBuilder {
  const { input, results } = ctx.src;
  const H = ctx.H;
  const s = new SheetBuilder(SHEET.cohorts, 'calc', printSetup(text, { fitToHeight: false }));
  s.tabColor = '#A5A5A5';
  s.value(0, 0, 'Cohorts: patients and administrations by drug and month', 'title');
  s.value(1, 0, 'Months are twelfths of the 52-week year (364 / 12 days), so twelve months hold exactly a year of doses (DOMAIN.md 2.8). Rules: src/engine/model.ts; the regimens and volumes are on Inputs.', 'subtitle');
  const In = (row: number, col: number): string => ctx.ref(SHEET.inputs, row, col);
  const delay = ctx.name('PriorAuthDelayDays');
  const until = ctx.name('DoseDaysCounted');
  const L = ctx.L;
  const ivCol = IN_VOL.loading + L;

  // Regimen and prior authorization by drug ------------------------------------------------------------------
  const RH = ctx.layout.cohorts.regimenHeader;
  s.value(RH - 1, 0, 'Regimen and prior authorization by drug', 'section');
  const loadHeads = (what: string): string[] => Array.from({ length: L }, (_, l) => `${what} ${l + 1}`);
  s.values(RH, 0, ['HCPCS', 'Product', 'Loading doses', 'Last loading day', 'Interval (days)', 'Maintenance doses allowed', 'Last maintenance dose counted', 'Last dose day counted', 'Finite course', 'Last dose month (PA delay)', 'Last dose month (no delay)', 'PA share of patients', 'PA denied share', 'Discontinuation per year', 'PV weight of drug cost (all wait)', 'PV weight of drug cost (none waits)', 'Administrations (all wait)', 'Administrations (none waits)', 'PV weight of referrals', 'Referrals', 'Start offset, twelfths of a day (PA delay)', 'Start offset, twelfths of a day (no delay)', 'Interval, twelfths of a day', ...loadHeads('Loading day counted'), ...loadHeads('Loading month (PA delay)'), ...loadHeads('Loading month (no delay)'), 'PV weight of loading-dose drug cost (all wait)', 'PV weight of loading-dose drug cost (none waits)', 'Loading-dose administrations (all wait)', 'Loading-dose administrations (none waits)'], 'header');
  const cash = cohortCashRows(ctx);
  const dfRow = rangeAddress(cash.df, ctx.monthCol(1), cash.df, ctx.monthCol(H), true);
  const costPvRow = rangeAddress(cash.costPv, ctx.monthCol(1), cash.costPv, ctx.monthCol(H), true);
  for (let pos = 0; pos < ctx.D; pos++) {
    const i = ctx.drug(pos);
    const line = input.drugs[i];
    if (!line) continue;
    const reg = n.regimen[pos];
    if (!reg) continue;
    const r = ctx.cohortRegimenRow(pos);
    const vr = ctx.inputVolumeRow(pos);
    const R = (c: number): string => cellAddress(r, c);
    const loadRange = ctx.rangeRef(SHEET.inputs, vr, IN_VOL.loading, vr, IN_VOL.loading + L - 1);
    const iv = In(vr, ivCol);
    const max = In(vr, ivCol + 1);
    s.value(r, CO.hcpcs, line.hcpcs, 'text');
    s.value(r, CO.product, line.label, 'text');
    s.formula(r, CO.nLoad, `COUNT(${loadRange})`, reg.nLoad, 'formula', 'int');
    s.formula(r, CO.lastLoad, `INDEX(${loadRange},1,${R(CO.nLoad)})`, reg.lastLoad, 'formula', 'int');
    s.formula(r, CO.interval, `IF(ISNUMBER(${iv}),${iv},0)`, reg.interval, 'formula', 'int');
    s.formula(r, CO.maxMaint, `IF(ISNUMBER(${max}),${max}-${R(CO.nLoad)},${NO_END})`, reg.maxMaint, 'formula', 'int');
    s.formula(r, CO.lastMaint, `IF(${R(CO.interval)}>0,MIN(${R(CO.maxMaint)},-INT(-(${until}-${R(CO.lastLoad)})/${R(CO.interval)})-1),0)`, reg.lastMaint, 'formula', 'int');
    const counted = rangeAddress(r, CO.loading, r, CO.loading + L - 1);
    s.formula(r, CO.lastDay, `IF(${R(CO.lastMaint)}>=1,${R(CO.lastLoad)}+${R(CO.lastMaint)}*${R(CO.interval)},MAX(${counted}))`, reg.lastDay, 'formula', 'int');
    // DOMAIN.md 5.3: a regimen in courses (the loading days repeat) goes on.
    const course = In(vr, ctx.volCourseCol);
    s.formula(r, CO.finite, `IF(ISNUMBER(${max}),"yes",IF(ISNUMBER(${course}),"no",IF(NOT(ISNUMBER(${iv})),"yes","no")))`, reg.finite ? 'yes' : 'no', 'formula');
    s.formula(r, CO.lastMonthPa, `IF(${R(CO.finite)}="yes",INT((${delay}+${R(CO.lastDay)})*12/364),${NO_END})`, reg.lastMonthPa, 'formula', 'int');
    s.formula(r, CO.lastMonthNoPa, `IF(${R(CO.finite)}="yes",INT(${R(CO.lastDay)}*12/364),${NO_END})`, reg.lastMonthNoPa, 'formula', 'int');
    const w = ctx.drugWeights(pos);
    s.formula(r, CO.paShare, `SUMPRODUCT(${w},${ctx.claimRange(pos, 4)})`, reg.paShare, 'formula', 'pct');
    s.formula(r, CO.paDenied, `SUMPRODUCT(${w},${ctx.claimRange(pos, 4)},${ctx.claimRange(pos, 5)})`, reg.paDenied, 'formula', 'pct2');
    s.formula(r, CO.discontinuation, In(vr, IN_VOL.discontinuation), line.discontinuationRate, 'formula', 'pct');
    s.formula(r, CO.costPvPa, `SUMPRODUCT(${ctx.gridRow('adminsPa', pos, 1, H)},${costPvRow})`, n.costPv(pos, true), 'formula', 'count4');
    s.formula(r, CO.costPvNoPa, `SUMPRODUCT(${ctx.gridRow('adminsNoPa', pos, 1, H)},${costPvRow})`, n.costPv(pos, false), 'formula', 'count4');
    s.formula(r, CO.totalPa, `SUM(${ctx.gridRow('adminsPa', pos, 1, H)})`, n.total(pos, true), 'formula', 'count2');
    s.formula(r, CO.totalNoPa, `SUM(${ctx.gridRow('adminsNoPa', pos, 1, H)})`, n.total(pos, false), 'formula', 'count2');
    if (ctx.hasLoading(pos)) {
      s.formula(r, ctx.coLoad('costPvPa'), `SUMPRODUCT(${ctx.gridRow('adminsLoadPa', pos, 1, H)},${costPvRow})`, n.costPvLoad(pos, true), 'formula', 'count4');
      s.formula(r, ctx.coLoad('costPvNoPa'), `SUMPRODUCT(${ctx.gridRow('adminsLoadNoPa', pos, 1, H)},${costPvRow})`, n.costPvLoad(pos, false), 'formula', 'count4');
      s.formula(r, ctx.coLoad('totalPa'), `SUM(${ctx.gridRow('adminsLoadPa', pos, 1, H)})`, n.totalLoad(pos, true), 'formula', 'count2');
      s.formula(r, ctx.coLoad('totalNoPa'), `SUM(${ctx.gridRow('adminsLoadNoPa', pos, 1, H)})`, n.totalLoad(pos, false), 'formula', 'count2');
    }
    s.formula(r, CO.referredPv, `SUMPRODUCT(${ctx.gridRow('referred', pos, 1, H)},${dfRow})`, n.referredPv(pos), 'formula', 'count4');
    s.formula(r, CO.referredTotal, `SUM(${ctx.gridRow('referred', pos, 1, H)})`, n.referredTotal(pos), 'formula', 'count2');
    // Day counts times 12, so that the month of a day, INT(12 d / 364), is exact in binary arithmetic.
    s.formula(r, CO.offsetPa, `12*(${R(CO.lastLoad)}+${delay})`, 12 * (reg.lastLoad + ctx.src.input.program.priorAuthDelayDays), 'formula', 'int');
    s.formula(r, CO.offsetNoPa, `12*${R(CO.lastLoad)}`, 12 * reg.lastLoad, 'formula', 'int');
    s.formula(r, CO.step, `12*${R(CO.interval)}`, 12 * reg.interval, 'formula', 'int');
    for (let l = 0; l < L; l++) {
      const day = In(vr, IN_VOL.loading + l);
      const c = reg.loadingCounted[l] ?? null;
      s.formula(r, CO.loading + l, `IF(AND(ISNUMBER(${day}),${l + 1}<=IF(ISNUMBER(${max}),${max},${NO_END})),IF(${day}<${until},${day},""),"")`, c ?? '', 'formula', 'int');
      const cc = cellAddress(r, CO.loading + l);
      s.formula(r, CO.loading + L + l, `IF(ISNUMBER(${cc}),INT((${delay}+${cc})*12/364),"")`, c === null ? '' : Math.floor(((ctx.src.input.program.priorAuthDelayDays + c) * 12) / 364), 'formula', 'int');
      s.formula(r, CO.loading + 2 * L + l, `IF(ISNUMBER(${cc}),INT(${cc}*12/364),"")`, c === null ? '' : Math.floor((c * 12) / 364), 'formula', 'int');
    }
  }

  // Month grids ------------------------------------------------------------------------------------------------
  for (const g of COHORT_GRIDS) {
    const h = ctx.layout.cohorts.grid[g];
    s.value(h - 1, 0, GRID_TITLES[g], 'section');
    s.values(h, 0, ['HCPCS', REVERSED.has(g) ? 'Product \\ month since start' : 'Product \\ operating month'], 'header');
    for (let k = 1; k <= H; k++) s.value(h, ctx.monthCol(k), REVERSED.has(g) ? H - k : k, 'header', 'int');
  }
  // The header cell of month column k in a grid, row-absolute ("F$30"), computed once per grid and month.
  const headers = new Map<CohortGrid, string[]>(COHORT_GRIDS.map((g) => [g, Array.from({ length: H + 1 }, (_, k) => (k === 0 ? '' : `${columnLetters(ctx.monthCol(k))}$${ctx.layout.cohorts.grid[g] + 1}`))]));
  const hdr = (g: CohortGrid, k: number): string => (headers.get(g) as string[])[k] as string;
  // Issue 14: a drug held back by the launch plan is referred from the month after its hold (Launch plan sheet).
  const launch = launchLayout(ctx);
  for (let pos = 0; pos < ctx.D; pos++) {
    const i = ctx.drug(pos);
    const line = input.drugs[i];
    const res = results.drugs[i];
    const reg = n.regimen[pos];
    if (!line || !res || !reg) continue;
    const rr = ctx.cohortRegimenRow(pos);
    const vr = ctx.inputVolumeRow(pos);
    // Issue 14: a drug claiming a share of an area reads its new patients from the Market sheet.
    const newPatients = newPatientsRef(ctx, pos);
    const Rg = (c: number): string => cellAddress(rr, c, true);
    const row = (g: CohortGrid): number => ctx.cohortGridRow(g, pos);
    for (const g of COHORT_GRIDS) {
      s.value(row(g), 0, line.hcpcs, 'text');
      s.value(row(g), 1, line.label, 'text');
    }
    const ramp = In(vr, IN_VOL.ramp);
    const loadPa = rangeAddress(rr, CO.loading + ctx.L, rr, CO.loading + 2 * ctx.L - 1, true);
    const loadNo = rangeAddress(rr, CO.loading + 2 * ctx.L, rr, CO.loading + 3 * ctx.L - 1, true);
    // Doses in month j since start: the loading doses whose month is j, plus the maintenance doses t >= 1 (up to
    // the course's cap) with 364 j <= offset + t x step < 364 (j + 1), counted in closed form. A regimen in
    // courses (DOMAIN.md 5.3) repeats each loading day every course interval: t >= 0 with 364 j <= 12 (delay +
    // day) + t x 12 x course < 364 (j + 1), counted the same way. `flags` (the loading days taking the loading
    // dose) restricts the count to them.
    const course = In(vr, ctx.volCourseCol);
    const inCourse = (j: string, delayDays: string, l: number, flag: string | null): string => {
      const day = cellAddress(rr, CO.loading + l, true);
      const off = `12*(${delayDays}${day})`;
      const step = `(12*${course})`;
      const hi = `-INT(-(364*(${j}+1)-${off})/${step})-1`;
      const lo = `MAX(0,-INT(-(364*${j}-${off})/${step}))`;
      return `IF(ISNUMBER(${day}),${flag === null ? '' : `${flag}*`}MAX(0,${hi}-${lo}+1),0)`;
    };
    // Only a regimen in courses carries the longer count (the workbook stays small for a large formulary).
    const courses = line.regimen.courseIntervalDays !== undefined && line.regimen.courseIntervalDays !== null && line.regimen.courseIntervalDays > 0;
    const loadCount = (j: string, loadMonths: string, delayDays: string, flags: string | null): string => {
      if (courses) return `(${Array.from({ length: line.regimen.loadingDays.length }, (_, l) => inCourse(j, delayDays, l, flags === null ? null : In(vr, ctx.volFlagCol(l)))).join('+')})`;
      return flags === null ? `COUNTIF(${loadMonths},${j})` : `SUMPRODUCT((${loadMonths}=${j})*${flags})`;
    };
    const flags = ctx.rangeRef(SHEET.inputs, vr, ctx.volFlagCol(0), vr, ctx.volFlagCol(ctx.L - 1));
    const kernel = (j: string, loadMonths: string, offset: string, delayDays: string): string => {
      const step = Rg(CO.step);
      const hi = `-INT(-(364*(${j}+1)-${offset})/${step})-1`;
      const lo = `-INT(-(364*${j}-${offset})/${step})`;
      return `(${loadCount(j, loadMonths, delayDays, null)}+IF(${step}>0,MAX(0,MIN(${Rg(CO.maxMaint)},${hi})-MAX(1,${lo})+1),0))*POWER(1-${Rg(CO.discontinuation)},${j}/12)`;
    };
    const kernelLoad = (j: string, loadMonths: string, delayDays: string): string => `${loadCount(j, loadMonths, delayDays, flags)}*POWER(1-${Rg(CO.discontinuation)},${j}/12)`;
    const ps = Rg(CO.paShare);
    const pd = Rg(CO.paDenied);
    const active = res.activePatients;
    const loadAdmins = loadingKind(res)?.administrations ?? [];
    const own = ctx.hasLoading(pos);
    for (let k = 1; k <= H; k++) {
      const c = ctx.monthCol(k);
      const j = H - k; // reversed grids: column k holds month-since-start j
      const referred = launch
        ? `IF(${hdr('referred', k)}<=${launchHoldCell(ctx, launch, pos)},0,${newPatients}*IF(${ramp}<=0,1,MIN(1,(${hdr('referred', k)}-${launchHoldCell(ctx, launch, pos)})/${ramp})))`
        : `${newPatients}*IF(${ramp}<=0,1,MIN(1,${hdr('referred', k)}/${ramp}))`;
      s.formula(row('referred'), c, referred, (n.referred[pos] as number[])[k - 1] ?? 0, 'formula', 'count2');
      s.formula(row('newPatients'), c, `${cellAddress(row('referred'), c)}*(1-${pd})`, res.newPatients[k - 1] ?? ZERO, 'formula', 'count2');
      s.formula(row('kernelPa'), c, kernel(hdr('kernelPa', k), loadPa, Rg(CO.offsetPa), `${delay}+`), (n.kernelPa[pos] as Dec[])[j] ?? ZERO, 'formula', 'count4');
      s.formula(row('kernelNoPa'), c, kernel(hdr('kernelNoPa', k), loadNo, Rg(CO.offsetNoPa), ''), (n.kernelNoPa[pos] as Dec[])[j] ?? ZERO, 'formula', 'count4');
      if (own) {
        s.formula(row('kernelLoadPa'), c, kernelLoad(hdr('kernelLoadPa', k), loadPa, `${delay}+`), (n.kernelLoadPa[pos] as Dec[])[j] ?? ZERO, 'formula', 'count4');
        s.formula(row('kernelLoadNoPa'), c, kernelLoad(hdr('kernelLoadNoPa', k), loadNo, ''), (n.kernelLoadNoPa[pos] as Dec[])[j] ?? ZERO, 'formula', 'count4');
      }
      // A drug without a loading dose of its own leaves its loading-dose rows blank: no administration at one
      // (SUM and SUMPRODUCT read a blank as 0; the workbook stays small for a large formulary).
      const slice = (g: CohortGrid): string => rangeAddress(row(g), ctx.monthCol(H - k + 1), row(g), ctx.monthCol(H));
      const ref = rangeAddress(row('referred'), ctx.monthCol(1), row('referred'), c);
      s.formula(row('adminsPa'), c, `SUMPRODUCT(${ref},${slice('kernelPa')})`, (n.adminsPa[pos] as number[])[k - 1] ?? 0, 'formula', 'count2');
      s.formula(row('adminsNoPa'), c, `SUMPRODUCT(${ref},${slice('kernelNoPa')})`, (n.adminsNoPa[pos] as number[])[k - 1] ?? 0, 'formula', 'count2');
      s.formula(row('administrations'), c, `(1-${pd})*(${ps}*${cellAddress(row('adminsPa'), c)}+(1-${ps})*${cellAddress(row('adminsNoPa'), c)})`, res.administrations[k - 1] ?? ZERO, 'formulaBold', 'count2');
      if (own) {
        s.formula(row('adminsLoadPa'), c, `SUMPRODUCT(${ref},${slice('kernelLoadPa')})`, (n.adminsLoadPa[pos] as number[])[k - 1] ?? 0, 'formula', 'count2');
        s.formula(row('adminsLoadNoPa'), c, `SUMPRODUCT(${ref},${slice('kernelLoadNoPa')})`, (n.adminsLoadNoPa[pos] as number[])[k - 1] ?? 0, 'formula', 'count2');
        s.formula(row('adminsLoad'), c, `(1-${pd})*(${ps}*${cellAddress(row('adminsLoadPa'), c)}+(1-${ps})*${cellAddress(row('adminsLoadNoPa'), c)})`, loadAdmins[k - 1] ?? ZERO, 'formula', 'count2');
      }
      const jh = hdr('onTherapy', k);
      s.formula(row('onTherapy'), c, `POWER(1-${Rg(CO.discontinuation)},${jh}/12)*(${ps}*IF(${jh}<=${Rg(CO.lastMonthPa)},1,0)+(1-${ps})*IF(${jh}<=${Rg(CO.lastMonthNoPa)},1,0))`, (n.onTherapy[pos] as number[])[j] ?? 0, 'formula', 'count4');
      s.formula(row('active'), c, `(1-${pd})*SUMPRODUCT(${ref},${slice('onTherapy')})`, active[k - 1] ?? ZERO, 'formula', 'count2');
    }
  }

  // Payment timing and cash --------------------------------------------------------------------------------------
  const T = ctx.layout.cohorts.timingHeader;
  s.value(T - 1, 0, 'Payment timing: days become months of 364/12 days; a fraction arrives a month later (timeline.ts)', 'section');
  s.values(T, 0, ['Who', 'Days', 'Whole months of delay', 'Share arriving one month later'], 'header');
  const timingRow = (i: number): number => T + 1 + i; // payers, then the distributor at P
  const parties = [...input.payers.map((p, i) => ({ label: p.profile.name, days: p.profile.daysToPayment, daysRef: In(ctx.inputPayerRow(i), IN_PAY.days) })), { label: 'Distributor (drug)', days: input.program.distributorTermsDays, daysRef: ctx.name('DistributorTermsDays') }];
  parties.forEach((p, i) => {
    const r = timingRow(i);
    const d = delayOf(p.days);
    s.value(r, 0, p.label, 'text');
    s.formula(r, 1, p.daysRef, p.days, 'formula', 'int');
    s.formula(r, 2, `INT(${cellAddress(r, 1)}*12/364)`, d.whole, 'formula', 'int');
    s.formula(r, 3, `${cellAddress(r, 1)}*12/364-${cellAddress(r, 2)}`, d.fraction, 'formula', 'fraction');
  });

  const CH = ctx.layout.cohorts.cashHeader;
  s.value(CH - 1, 0, 'Cash: collections earned and received by payer, drug cost incurred and paid; present-value weights for the Sensitivity sheet', 'section');
  s.values(CH, 0, ['Row', 'Who \\ operating month'], 'header');
  for (let k = 1; k <= H; k++) s.value(CH, ctx.monthCol(k), k, 'header', 'int');
  const netByPayer = ctx.layout.formulary.byPayerHeaders[1];
  const loadNetHeader = ctx.layout.formulary.loadNetHeader;
  const P = ctx.PM;
  const delayed = (rowRef: number, trow: number, k: number): string => {
    const whole = cellAddress(trow, 2, true);
    const frac = cellAddress(trow, 3, true);
    const range = rangeAddress(rowRef, ctx.monthCol(1), rowRef, ctx.monthCol(H), true);
    return `IF(${k}-${whole}>=1,(1-${frac})*INDEX(${range},1,${k}-${whole}),0)+IF(${k}-${whole}-1>=1,${frac}*INDEX(${range},1,${k}-${whole}-1),0)`;
  };
  const pvWeight = (trow: number, k: number): string => {
    const whole = cellAddress(trow, 2, true);
    const frac = cellAddress(trow, 3, true);
    return `(1-${frac})*IF(${k}+${whole}<=${H},INDEX(${dfRow},1,${k}+${whole}),0)+${frac}*IF(${k}+${whole}+1<=${H},INDEX(${dfRow},1,${k}+${whole}+1),0)`;
  };
  s.value(cash.df, 0, 'Discount factor', 'label');
  s.value(cash.df, 1, `month ${P} + k`, 'label');
  for (let k = 1; k <= H; k++) {
    const c = ctx.monthCol(k);
    s.formula(cash.df, c, `1/POWER(1+${ctx.name('DiscountRate')},(${ctx.name('PlanningMonths')}+${k})/12)`, n.df[k - 1] ?? 0, 'formula', 'fraction');
  }
  input.payers.forEach((p, i) => {
    s.value(cash.earned(i), 0, 'Collections earned', 'label');
    s.value(cash.received(i), 0, 'Collections received', 'label');
    s.value(cash.pv(i), 0, 'PV weight', 'label');
    for (const r of [cash.earned(i), cash.received(i), cash.pv(i)]) s.value(r, 1, p.profile.name, 'text');
    const netCol = ctx.rangeRef(SHEET.formulary, netByPayer + 1, 1 + i, netByPayer + ctx.D, 1 + i);
    const loadNetCol = ctx.rangeRef(SHEET.formulary, loadNetHeader + 1, 1 + i, loadNetHeader + ctx.D, 1 + i);
    for (let k = 1; k <= H; k++) {
      const c = ctx.monthCol(k);
      // Every administration at the maintenance dose's net, then those at the loading dose corrected to theirs.
      const admins = ctx.gridColumn('administrations', k).replace(`'${SHEET.cohorts}'!`, '');
      const loads = ctx.gridColumn('adminsLoad', k).replace(`'${SHEET.cohorts}'!`, '');
      // Each drug at its own mix's weight for this payer (DOMAIN.md 5.2).
      const wCol = ctx.rangeRef(SHEET.inputs, ctx.inputDrugMixRow(0), 2 + i, ctx.inputDrugMixRow(ctx.D - 1), 2 + i);
      s.formula(cash.earned(i), c, `SUMPRODUCT(${admins},${wCol},${netCol})+SUMPRODUCT(${loads},${wCol},${loadNetCol})-SUMPRODUCT(${loads},${wCol},${netCol})`, (n.earned[i] as number[])[k - 1] ?? 0, 'formula', 'money');
      s.formula(cash.received(i), c, delayed(cash.earned(i), timingRow(i), k), (n.received[i] as number[])[k - 1] ?? 0, 'formula', 'money');
      s.formula(cash.pv(i), c, pvWeight(timingRow(i), k), (n.pvRow[i] as number[])[k - 1] ?? 0, 'formula', 'fraction');
    }
  });
  s.value(cash.costIncurred, 0, 'Drug cost incurred', 'label');
  s.value(cash.costPaid, 0, 'Drug cost paid', 'label');
  s.value(cash.costPv, 0, 'PV weight', 'label');
  for (const r of [cash.costIncurred, cash.costPaid, cash.costPv]) s.value(r, 1, 'Distributor', 'text');
  for (let k = 1; k <= H; k++) {
    const c = ctx.monthCol(k);
    // Drug cost and white-bag handling (DOMAIN.md 5.1), the loading-dose administrations at theirs (5.3).
    s.formula(cash.costIncurred, c, drugCostOfMonth(ctx, k, false), n.costIncurred[k - 1] ?? ZERO, 'formula', 'money');
    s.formula(cash.costPaid, c, delayed(cash.costIncurred, timingRow(ctx.P), k), n.costPaid[k - 1] ?? ZERO, 'formula', 'money');
    s.formula(cash.costPv, c, pvWeight(timingRow(ctx.P), k), n.costPvRow[k - 1] ?? 0, 'formula', 'fraction');
  }

  s.widths(0, [20, 30]);
  for (let c = 2; c < CO.loading + 3 * L; c++) s.width(c, 11);
  for (let k = 1; k <= H; k++) s.width(ctx.monthCol(k), Math.max(s.columnWidths[ctx.monthCol(k)] ?? 0, 9));
  s.freeze = { rows: 0, columns: 2 };
  return s;
}
