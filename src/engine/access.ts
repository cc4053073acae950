/**
 * Access risk (DOMAIN.md 5.7 in the program): per drug and payer, what the average patient pays out of pocket
 * in the first year of therapy (loading doses included), and how many of the program's new patients would pay
 * more than a threshold (default $2,000 a year) without help. A patient who cannot pay does not start therapy,
 * and that is volume the program loses: the board sees it next to the margin.
 *
 * - A payer's patients have the payer's default coverage (its deductible, out-of-pocket maximum and
 *   supplemental coverage: patient.ts), the whole annual deductible still to meet at the first infusion.
 * - Where the drug comes from (DOMAIN.md 5.1): of a payer's patients, the buy-and-bill share pays the full
 *   claim's share, the white-bagged share the administration share only; a free drug, the administration only.
 *   The average is weighted by those shares; the patients over the threshold are the shares whose own total
 *   is over it.
 * - Patients: the drug's new patients over the projection's operating months, times the payer's weight in the
 *   drug's mix. "Without help": no copay program, foundation or charity care.
 */
import type { ReferenceBook } from './book';
import { type Dec, ONE, ZERO, dec, roundCents, sum } from './decimal';
import type { AdministrationEconomics } from './economics';
import type { ModelResults } from './model';
import { type PatientDrugSource, patientYearEstimate } from './patient';
import { doseFor } from './regimen';

/** DOMAIN.md 5.7 access risk: the default threshold of annual out-of-pocket, dollars (an assumption). */
export const DEFAULT_ACCESS_THRESHOLD = 2000;

export interface AccessRiskCell {
  readonly payerId: string;
  /** The average patient's year-1 out-of-pocket for this drug and payer. */
  readonly averageAnnual: Dec;
  /** The year-1 out-of-pocket of a patient whose drug is bought and billed, white-bagged, free (null where no patient is). */
  readonly bySource: Readonly<Record<PatientDrugSource, Dec | null>>;
  /** New patients of the drug with this payer over the projection. */
  readonly patients: Dec;
  /** Of them, those whose year-1 out-of-pocket is over the threshold. */
  readonly overThreshold: Dec;
}

export interface AccessRiskDrug {
  readonly hcpcs: string;
  readonly label: string;
  readonly perPayer: readonly AccessRiskCell[];
  /** Mix-weighted year-1 out-of-pocket of the drug's average patient. */
  readonly averageAnnual: Dec;
  readonly patients: Dec;
  readonly overThreshold: Dec;
}

export interface AccessRisk {
  readonly threshold: Dec;
  readonly drugs: readonly AccessRiskDrug[];
  readonly patients: Dec;
  readonly overThreshold: Dec;
}

/** The shares of a payer's patients by where their drug comes from (the model's per-payer economics). */
function sourceShares(e: AdministrationEconomics): [PatientDrugSource, Dec][] {
  if (e.drugSource === 'free_drug') return [['free_drug', ONE]];
  if (e.drugSource === 'white_bag') return [['white_bag', ONE]];
  return [
    ['buy_and_bill', e.buyAndBillShare],
    ['white_bag', e.whiteBagShare],
  ];
}

/** Access risk of every drug and payer of a model run. */
export function accessRisk(book: ReferenceBook, results: ModelResults, threshold: number = results.input.program.accessRiskThreshold ?? DEFAULT_ACCESS_THRESHOLD): AccessRisk {
  const T = dec(threshold);
  const drugs = results.drugs.map((d): AccessRiskDrug => {
    const line = d.input;
    const newPatients = sum(d.newPatients);
    const drug = {
      hcpcs: line.hcpcs,
      route: line.route,
      complexity: line.complexity,
      regimen: line.regimen,
      dose: doseFor(line.dose, line.weightKg),
      minutes: line.infusionMinutes,
      weightKg: line.weightKg,
      wacPerUnit: line.wacPerUnit === null ? null : dec(line.wacPerUnit),
      quarter: results.quarter,
      feeScheduleYear: results.feeScheduleYear,
    };
    const perPayer = results.payers.map((payer, i): AccessRiskCell => {
      const e = d.perPayer[i] as AdministrationEconomics;
      const bySource: Record<PatientDrugSource, Dec | null> = { buy_and_bill: null, white_bag: null, free_drug: null };
      let average = ZERO;
      let overShare = ZERO;
      for (const [source, share] of sourceShares(e)) {
        if (share.isZero()) continue;
        const total = patientYearEstimate(book, drug, payer, 1, { drugSource: source }).total;
        bySource[source] = total;
        average = average.plus(total.times(share));
        if (total.gt(T)) overShare = overShare.plus(share);
      }
      const patients = newPatients.times(d.weights[i] as Dec);
      return { payerId: payer.id, averageAnnual: average, bySource, patients, overThreshold: patients.times(overShare) };
    });
    const averageAnnual = sum(perPayer.map((c, i) => c.averageAnnual.times(d.weights[i] as Dec)));
    return { hcpcs: line.hcpcs, label: line.label, perPayer, averageAnnual, patients: newPatients, overThreshold: sum(perPayer.map((c) => c.overThreshold)) };
  });
  return { threshold: T, drugs, patients: sum(drugs.map((d) => d.patients)), overThreshold: sum(drugs.map((d) => d.overThreshold)) };
}

/** Access risk as it leaves the engine (`model --json`): money to cents, patients to 4 decimals. */
export function accessRiskReport(a: AccessRisk) {
  const cents = (d: Dec): number => roundCents(d).toNumber();
  const people = (d: Dec): number => d.toDecimalPlaces(4).toNumber();
  return {
    threshold: cents(a.threshold),
    basis: 'year 1 of therapy (loading doses included), each payer\'s default coverage with the whole deductible to meet, no copay program or other help',
    patients: people(a.patients),
    overThreshold: people(a.overThreshold),
    drugs: a.drugs.map((d) => ({
      hcpcs: d.hcpcs,
      label: d.label,
      averageAnnual: cents(d.averageAnnual),
      patients: people(d.patients),
      overThreshold: people(d.overThreshold),
      perPayer: d.perPayer.map((c) => ({
        payer: c.payerId,
        averageAnnual: cents(c.averageAnnual),
        patients: people(c.patients),
        overThreshold: people(c.overThreshold),
      })),
    })),
  };
}
