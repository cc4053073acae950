/**
 * The cached values of the board's intermediate cells that the engine does not report on its own: the
 * per-patient administration kernels (the engine's own `administrationKernel`), the convolutions split by
 * "every patient waits for prior authorization" / "none waits", the cash-timing and present-value weight
 * rows and the per-drug sums the Sensitivity sheet combines. These intermediate cells (expected counts,
 * weights, each payer's collections by month) are cached as binary doubles: they are previews that the
 * workbook recomputes, and the LibreOffice proof compares every one of them. Every figure the engine
 * itself reports is cached from the engine's decimals.
 */
import { Dec, ONE, ZERO, dec, sum } from '../../engine/decimal';
import { type DoseKind, type DrugResult, administrationKernel } from '../../engine/model';
import { regimenEnds } from '../../engine/regimen';
import { DAYS_PER_MONTH, monthOfDay } from '../../engine/timeline';
import type { DrugLineInput } from '../../engine/types';
import type { BoardContext } from './context';

export interface RegimenNumbers {
  readonly nLoad: number;
  readonly lastLoad: number;
  readonly interval: number;
  readonly maxMaint: number;
  readonly lastMaint: number;
  readonly lastDay: number;
  readonly finite: boolean;
  readonly lastMonthPa: number;
  readonly lastMonthNoPa: number;
  readonly paShare: Dec;
  readonly paDenied: Dec;
  /** Loading days counted (null where the slot is not counted). */
  readonly loadingCounted: readonly (number | null)[];
}

export const NO_END = 1e9;

/**
 * DOMAIN.md 5.3: the drug's loading dose with its own dose and time, if any. The board restates one per drug
 * (every catalog regimen has at most one); the board builder refuses a drug with more.
 */
export function loadingKind(res: DrugResult): DoseKind | undefined {
  return res.doseKinds.find((k) => k.loadingPositions.length > 0);
}

/** Months of delay (whole and fraction) for a number of days: DOMAIN.md 2.9 via timeline.ts. */
export function delayOf(days: number): { whole: number; fraction: Dec } {
  const shift = dec(days).div(DAYS_PER_MONTH);
  const whole = shift.floor().toNumber();
  return { whole, fraction: shift.minus(whole) };
}

export class CohortNumbers {
  readonly regimen: RegimenNumbers[] = [];
  /** By display position, operating months 1..H (index k-1): referred patients at volume 1. */
  readonly referred: number[][] = [];
  /** Kernels by display position, index j = months since the patient's start. */
  readonly kernelPa: Dec[][] = [];
  readonly kernelNoPa: Dec[][] = [];
  readonly onTherapy: number[][] = [];
  readonly adminsPa: number[][] = [];
  readonly adminsNoPa: number[][] = [];
  /** DOMAIN.md 5.3: the same for the administrations at the loading dose (zero for a drug without one). */
  readonly kernelLoadPa: Dec[][] = [];
  readonly kernelLoadNoPa: Dec[][] = [];
  readonly adminsLoadPa: number[][] = [];
  readonly adminsLoadNoPa: number[][] = [];
  /** Discount factor of operating month k (global month P + k). */
  readonly df: number[] = [];
  /** Per payer: accrued collections by operating month, the received series, the PV weight row. */
  readonly earned: number[][] = [];
  readonly received: number[][] = [];
  readonly pvRow: number[][] = [];
  readonly costIncurred: Dec[] = [];
  readonly costPaid: Dec[] = [];
  readonly costPvRow: number[] = [];

  constructor(private readonly ctx: BoardContext) {
    const { input, results } = ctx.src;
    const prog = input.program;
    const H = ctx.H;
    const until = Math.ceil((H * 364) / 12) + 1;
    // Drug lines with the same regimen, discontinuation and delay share a kernel (the stress scenario repeats drugs).
    const kernels = new Map<string, Dec[]>();
    for (let pos = 0; pos < ctx.D; pos++) {
      const i = ctx.drug(pos);
      const line = input.drugs[i] as DrugLineInput;
      const reg = line.regimen;
      const loading = reg.loadingDays.length > 0 ? reg.loadingDays : [0];
      const nLoad = loading.length;
      const interval = reg.maintenanceIntervalDays ?? 0;
      const cap = reg.maxDoses ?? NO_END;
      const maxMaint = reg.maxDoses === null ? NO_END : reg.maxDoses - nLoad;
      const lastLoad = loading[nLoad - 1] as number;
      const lastMaint = interval > 0 ? Math.min(maxMaint, Math.ceil((until - lastLoad) / interval) - 1) : 0;
      const counted = loading.map((d, l) => (l + 1 <= cap && d < until ? d : null));
      // As the Cohorts formula states it: the last maintenance dose counted, else the last loading day counted
      // (only a finite regimen uses it).
      const countedDays = counted.filter((d): d is number => d !== null);
      const lastDay = lastMaint >= 1 ? lastLoad + lastMaint * interval : countedDays.length > 0 ? Math.max(...countedDays) : 0;
      const finite = regimenEnds(reg);
      const weights = (results.drugs[i] as DrugResult).weights;
      const paShare = sum(input.payers.map((p, j) => (line.priorAuthPayers.includes(p.profile.id) ? (weights[j] as Dec) : ZERO)));
      const paDenied = sum(input.payers.map((p, j) => (line.priorAuthPayers.includes(p.profile.id) ? (weights[j] as Dec).times(dec(p.profile.priorAuthDenialRate)) : ZERO)));
      this.regimen.push({
        nLoad, lastLoad, interval, maxMaint, lastMaint, lastDay, finite,
        lastMonthPa: finite ? monthOfDay(prog.priorAuthDelayDays + lastDay) : NO_END,
        lastMonthNoPa: finite ? monthOfDay(lastDay) : NO_END,
        paShare, paDenied, loadingCounted: counted,
      });
      const kernel = (delay: number): Dec[] => {
        const key = `${JSON.stringify(line.regimen)}|${line.discontinuationRate}|${delay}`;
        let k = kernels.get(key);
        if (!k) {
          const retention = ONE.minus(dec(line.discontinuationRate)).pow(dec(1).div(12));
          k = administrationKernel(line, delay, H, retention);
          kernels.set(key, k);
        }
        return k;
      };
      const kPa = kernel(prog.priorAuthDelayDays);
      const kNo = kernel(0);
      this.kernelPa.push(kPa);
      this.kernelNoPa.push(kNo);
      const r = this.regimen[pos] as RegimenNumbers;
      const retentionF = Math.pow(1 - line.discontinuationRate, 1 / 12);
      const ps = paShare.toNumber();
      this.onTherapy.push(Array.from({ length: H }, (_, j) => Math.pow(retentionF, j) * (ps * (j <= r.lastMonthPa ? 1 : 0) + (1 - ps) * (j <= r.lastMonthNoPa ? 1 : 0))));
      // Issue 14: held back by the launch plan for `hold` operating months, then ramping from its own start.
      const hold = (results.drugs[i] as DrugResult).hold.months;
      const referred = Array.from({ length: H }, (_, k) => (k + 1 <= hold ? 0 : line.newPatientsPerMonth * (line.rampMonths <= 0 ? 1 : Math.min(1, (k + 1 - hold) / line.rampMonths))));
      this.referred.push(referred);
      const conv = (kernel: readonly Dec[]): number[] => {
        const kf = kernel.map((x) => x.toNumber());
        return referred.map((_, k) => {
          let t = 0;
          for (let c = 0; c <= k; c++) t += (referred[c] as number) * (kf[k - c] as number);
          return t;
        });
      };
      this.adminsPa.push(conv(kPa));
      this.adminsNoPa.push(conv(kNo));
      const load = loadingKind(results.drugs[i] as DrugResult);
      const retention = ONE.minus(dec(line.discontinuationRate)).pow(dec(1).div(12));
      const kl = (delay: number): Dec[] => (load ? administrationKernel(line, delay, H, retention, load.loadingPositions) : new Array<Dec>(H).fill(ZERO));
      const klPa = kl(prog.priorAuthDelayDays);
      const klNo = kl(0);
      this.kernelLoadPa.push(klPa);
      this.kernelLoadNoPa.push(klNo);
      this.adminsLoadPa.push(load ? conv(klPa) : new Array<number>(H).fill(0));
      this.adminsLoadNoPa.push(load ? conv(klNo) : new Array<number>(H).fill(0));
    }

    // Cash timing, in operating months.
    const P = ctx.PM;
    const rate = 1 + prog.discountRate;
    for (let k = 1; k <= H; k++) this.df.push(1 / Math.pow(rate, (P + k) / 12));
    const pvWeights = (days: number): number[] => {
      const { whole, fraction } = delayOf(days);
      const f = fraction.toNumber();
      return Array.from({ length: H }, (_, idx) => {
        const k = idx + 1;
        const a = k + whole <= H ? (1 - f) * (this.df[k + whole - 1] as number) : 0;
        const b = k + whole + 1 <= H ? f * (this.df[k + whole] as number) : 0;
        return a + b;
      });
    };
    // Each kind of administration at its own net revenue (DOMAIN.md 5.3).
    const kinds = results.drugs.flatMap((d) => d.doseKinds.map((k) => ({ adm: k.administrations.map((a) => a.toNumber()), kind: k, weights: d.weights })));
    input.payers.forEach((p, j) => {
      const net = kinds.map((x) => (x.weights[j] as Dec).toNumber() * (x.kind.perPayer[j] as { netRevenue: Dec }).netRevenue.toNumber());
      const earned = Array.from({ length: H }, (_, idx) => kinds.reduce((t, x, di) => t + (x.adm[idx] as number) * (net[di] as number), 0));
      this.earned.push(earned);
      const { whole, fraction } = delayOf(p.profile.daysToPayment);
      const f = fraction.toNumber();
      this.received.push(earned.map((_, idx) => (idx - whole >= 0 ? (1 - f) * (earned[idx - whole] as number) : 0) + (idx - whole - 1 >= 0 ? f * (earned[idx - whole - 1] as number) : 0)));
      this.pvRow.push(pvWeights(p.profile.daysToPayment));
    });
    const months = results.months.slice(P);
    months.forEach((m) => {
      this.costIncurred.push(m.drugCost);
      this.costPaid.push(m.cashOutDrug);
    });
    this.costPvRow.push(...pvWeights(prog.distributorTermsDays));
  }

  /** Sum over months of a drug's administrations (all wait for PA, or none) x a payer's PV weight row. */
  pvWeight(pos: number, payer: number, pa: boolean): number {
    const a = (pa ? this.adminsPa : this.adminsNoPa)[pos] as number[];
    const w = this.pvRow[payer] as number[];
    return a.reduce((t, x, k) => t + x * (w[k] as number), 0);
  }

  /** The same sums for the administrations at the loading dose. */
  pvWeightLoad(pos: number, payer: number, pa: boolean): number {
    const a = (pa ? this.adminsLoadPa : this.adminsLoadNoPa)[pos] as number[];
    const w = this.pvRow[payer] as number[];
    return a.reduce((t, x, k) => t + x * (w[k] as number), 0);
  }

  costPvLoad(pos: number, pa: boolean): number {
    const a = (pa ? this.adminsLoadPa : this.adminsLoadNoPa)[pos] as number[];
    return a.reduce((t, x, k) => t + x * (this.costPvRow[k] as number), 0);
  }

  totalLoad(pos: number, pa: boolean): number {
    return ((pa ? this.adminsLoadPa : this.adminsLoadNoPa)[pos] as number[]).reduce((t, x) => t + x, 0);
  }

  costPv(pos: number, pa: boolean): number {
    const a = (pa ? this.adminsPa : this.adminsNoPa)[pos] as number[];
    return a.reduce((t, x, k) => t + x * (this.costPvRow[k] as number), 0);
  }

  total(pos: number, pa: boolean): number {
    return ((pa ? this.adminsPa : this.adminsNoPa)[pos] as number[]).reduce((t, x) => t + x, 0);
  }

  referredPv(pos: number): number {
    return (this.referred[pos] as number[]).reduce((t, x, k) => t + x * (this.df[k] as number), 0);
  }

  referredTotal(pos: number): number {
    return (this.referred[pos] as number[]).reduce((t, x) => t + x, 0);
  }

  get horizon(): number {
    return this.ctx.H;
  }
}
