/**
 * What a patient pays: DOMAIN.md 5.7 (rule over the patient's coverage). An estimate is for a coverage
 * profile, never a person: nothing here takes or keeps a name, a date of birth or a member id.
 *
 * One administration, with allowed lines from 2.5 (each already rounded to cents) and the payer's
 * coinsurance (MEDICARE: the CMS file's per-code coinsurance on the drug line, 20% on administration lines):
 *
 *     ded_drug  = min(D, allowed_drug)              D = deductible remaining (default 0)
 *     ded_admin = min(D - ded_drug, allowed_admin)
 *     share     = round2(ded_drug + c_drug x (allowed_drug - ded_drug))
 *               + round2(ded_admin + c_admin x (allowed_admin - ded_admin))
 *     patient   = min(share, M)                      M = out-of-pocket remaining; none for MEDICARE
 *
 * Supplemental coverage moves the share, not the practice's revenue: Medigap plan G pays everything but the
 * Part B deductible (the patient pays ded_drug + ded_admin); Medicaid for a dual-eligible (QMB) patient
 * leaves the patient $0. A drug the patient gets free (manufacturer program) or white-bagged (the payer's
 * specialty pharmacy) has no drug line at the practice: the patient owes the administration share only.
 *
 * A year: the administrations of year 1 (or a later year) of the regimen in date order, the annual
 * deductible met first, each share capped at what is left of the out-of-pocket maximum; months are 1/12 of
 * the 364-day year (timeline.ts). A manufacturer copay program (commercial patients only: the federal
 * anti-kickback statute, 42 USC 1320a-7b(b), bars them for Medicare and Medicaid patients) then pays the
 * patient's amounts in date order up to its annual maximum.
 */
import type { ReferenceBook } from './book';
import { type Dec, ZERO, dec, roundCents } from './decimal';
import { type AdministrationEconomics, type AdministrationSpec, administrationEconomics, drugSourceOf } from './economics';
import { fail } from './errors';
import type { Complexity, RegimenSpec, Route } from './reference';
import { DAYS_PER_YEAR, DEFAULT_WEIGHT_KG, doseFor, loadingDoseAt, regimenDays } from './regimen';
import { monthOfDay } from './timeline';
import type { DrugSource, DrugSourceTerms, PayerProfile } from './types';

/** Who insures the patient: decides which help is allowed and what supplemental coverage can apply. */
export type CoverageType = 'medicare' | 'medicare_advantage' | 'medicaid' | 'commercial' | 'uninsured';
export const COVERAGE_TYPES: readonly CoverageType[] = ['medicare', 'medicare_advantage', 'medicaid', 'commercial', 'uninsured'];

/** Coverage on top of the payer: none, Medigap plan G (traditional Medicare), or Medicaid for a dual-eligible (QMB). */
export type SupplementalCoverage = 'none' | 'medigap_g' | 'medicaid_qmb';
export const SUPPLEMENTAL_COVERAGES: readonly SupplementalCoverage[] = ['none', 'medigap_g', 'medicaid_qmb'];

/** Where the patient's drug comes from (DOMAIN.md 5.1): only buy and bill puts a drug line on the practice's claim. */
export type PatientDrugSource = DrugSource;

/** A payer's patient coverage terms: the new, optional profile fields of DOMAIN.md 5.7. */
export interface PatientCoverage {
  readonly coverageType: CoverageType;
  /** Annual deductible, dollars. */
  readonly annualDeductible: number;
  /** Annual out-of-pocket maximum, dollars; null = no limit (traditional Medicare). */
  readonly outOfPocketMax: number | null;
  readonly supplemental: SupplementalCoverage;
}

/** A default coverage with its label and source (shown wherever the default is used). */
export interface CoverageDefault extends PatientCoverage {
  readonly label: string;
  readonly source: string;
}

const LABEL_RULE = 'rule (CMS)';
const LABEL_DEFAULT = 'default: assumption';

/** CMS, "2026 Medicare Parts A & B Premiums and Deductibles" (fact sheet, November 14, 2025): Part B deductible $283. */
export const PART_B_DEDUCTIBLE_2026 = 283;
/** CMS CY2026 Rate Announcement: Medicare Advantage in-network maximum out-of-pocket limit $9,250 (down from $9,350 in 2025). */
export const MA_MOOP_LIMIT_2026 = 9250;
/** 45 CFR 156.130 as revised by the 2025 Marketplace Integrity and Affordability rule (HHS/CMS, June 2025): 2026 self-only maximum annual limitation on cost sharing $10,600. */
export const ACA_SELF_ONLY_OOP_MAX_2026 = 10600;
/** KFF Employer Health Benefits Survey 2024: average general annual deductible for single coverage $1,787 (kff.org/health-costs/report/2024-employer-health-benefits-survey). */
export const KFF_EHBS_SINGLE_DEDUCTIBLE = 1787;

/** Each built-in payer's patient coverage (DOMAIN.md 5.7 defaults), by payer id. */
export const PATIENT_COVERAGE_DEFAULTS: Readonly<Record<string, CoverageDefault>> = {
  MEDICARE: {
    coverageType: 'medicare',
    annualDeductible: PART_B_DEDUCTIBLE_2026,
    outOfPocketMax: null,
    supplemental: 'none',
    label: LABEL_RULE,
    source:
      'CMS, 2026 Medicare Parts A & B Premiums and Deductibles (Nov 14, 2025): Part B deductible $283; traditional ' +
      'Medicare has no out-of-pocket limit. Supplemental coverage "none" is an assumption: set Medigap or Medicaid per patient.',
  },
  MEDICARE_ADVANTAGE: {
    coverageType: 'medicare_advantage',
    annualDeductible: 0,
    outOfPocketMax: MA_MOOP_LIMIT_2026,
    supplemental: 'none',
    label: LABEL_DEFAULT,
    source:
      'CMS CY2026 Rate Announcement: in-network MOOP limit $9,250 (plans may set lower; the median plan is lower). ' +
      'No medical deductible is an assumption (many plans have none for in-network Part B drugs): enter the plan\'s.',
  },
  MEDICAID: {
    coverageType: 'medicaid',
    annualDeductible: 0,
    outOfPocketMax: 0,
    supplemental: 'none',
    label: LABEL_DEFAULT,
    source: 'Medicaid: no patient share (coinsurance 0%, assumption); states may charge nominal copays, not modelled.',
  },
  COMMERCIAL: {
    coverageType: 'commercial',
    annualDeductible: KFF_EHBS_SINGLE_DEDUCTIBLE,
    outOfPocketMax: ACA_SELF_ONLY_OOP_MAX_2026,
    supplemental: 'none',
    label: LABEL_DEFAULT,
    source:
      'KFF Employer Health Benefits Survey 2024: average single-coverage deductible $1,787; coinsurance 20% (profile); ' +
      'out-of-pocket maximum: the ACA 2026 self-only limit $10,600 (HHS, 2025 Marketplace Integrity rule), the most a plan may set.',
  },
  SELF_PAY: {
    coverageType: 'uninsured',
    annualDeductible: 0,
    outOfPocketMax: null,
    supplemental: 'none',
    label: LABEL_DEFAULT,
    source: 'Uninsured: no deductible and no limit; the patient owes the whole allowed amount (profile coinsurance 100%).',
  },
};

/** Where a coverage type's default figures come from, as the estimate and the board state it. */
export function coverageSourceText(type: CoverageType): string {
  switch (type) {
    case 'medicare':
      return `Part B deductible $${PART_B_DEDUCTIBLE_2026} and no out-of-pocket limit (rule): CMS, 2026 Medicare Parts A & B Premiums and Deductibles (Nov 14, 2025).`;
    case 'medicare_advantage':
      return `In-network MOOP limit $${MA_MOOP_LIMIT_2026.toLocaleString('en-US')}: CMS CY2026 Rate Announcement (plans may set lower); no deductible is an assumption.`;
    case 'commercial':
      return `Deductible $${KFF_EHBS_SINGLE_DEDUCTIBLE.toLocaleString('en-US')}: KFF Employer Health Benefits Survey 2024 (single coverage average); out-of-pocket maximum $${ACA_SELF_ONLY_OOP_MAX_2026.toLocaleString('en-US')}: ACA 2026 self-only limit (assumptions).`;
    case 'medicaid':
      return 'Medicaid: no patient share (payer profile).';
    case 'uninsured':
      return 'Uninsured: the whole allowed amount; the drug free from a manufacturer program (NICA; RxAssist).';
  }
}

/** A payer with no built-in coverage of its own (a custom payer given every term) is taken as commercial coverage. */
export const FALLBACK_COVERAGE_ID = 'COMMERCIAL';

/** The built-in default coverage for a payer id (or its basedOn); the commercial one for any other id. */
export function coverageDefault(id: string | undefined): CoverageDefault {
  const key = (id ?? '').trim().toUpperCase();
  return PATIENT_COVERAGE_DEFAULTS[key] ?? (PATIENT_COVERAGE_DEFAULTS[FALLBACK_COVERAGE_ID] as CoverageDefault);
}

/** A profile's patient coverage: its own fields, each missing one from the default of its id. */
export function coverageOf(payer: PayerProfile): PatientCoverage {
  const base = coverageDefault(payer.id);
  return {
    coverageType: payer.coverageType ?? base.coverageType,
    annualDeductible: payer.annualDeductible ?? base.annualDeductible,
    outOfPocketMax: payer.outOfPocketMax === undefined ? base.outOfPocketMax : payer.outOfPocketMax,
    supplemental: payer.supplemental ?? base.supplemental,
  };
}

/** Checks that supplemental coverage fits the payer: Medigap with traditional Medicare, Medicaid as secondary with Medicare. */
export function checkSupplemental(coverage: PatientCoverage, argument = 'supplemental'): void {
  const t = coverage.coverageType;
  if (coverage.supplemental === 'medigap_g' && t !== 'medicare') {
    fail({ code: 'invalid_amount', argument, problem: 'Medigap plan G supplements traditional Medicare only' });
  }
  if (coverage.supplemental === 'medicaid_qmb' && t !== 'medicare' && t !== 'medicare_advantage') {
    fail({ code: 'invalid_amount', argument, problem: 'Medicaid as secondary (QMB) applies to Medicare patients only' });
  }
}

// ---------------------------------------------------------------------------------------------------
// One administration

/** The claim figures one administration's patient share needs (from administrationEconomics). */
export interface PatientClaim {
  /** Drug allowed (administered + JW), each line rounded to cents. */
  readonly allowedDrug: Dec;
  /** Administration allowed, each line rounded to cents. */
  readonly allowedAdmin: Dec;
  /** Coinsurance of the drug line (MEDICARE: the CMS file's per-code figure). */
  readonly coinsuranceDrug: Dec;
  readonly coinsuranceAdmin: Dec;
}

export interface PatientShare {
  /** Drug allowed as the patient's share sees it: 0 for a free or white-bagged drug. */
  readonly allowedDrug: Dec;
  readonly allowedAdmin: Dec;
  readonly deductibleDrug: Dec;
  readonly deductibleAdmin: Dec;
  /** round2(ded_drug + c_drug x (allowed_drug - ded_drug)). */
  readonly shareDrug: Dec;
  /** round2(ded_admin + c_admin x (allowed_admin - ded_admin)). */
  readonly shareAdmin: Dec;
  /** shareDrug + shareAdmin: the share before supplemental coverage and the cap. */
  readonly share: Dec;
  /** What supplemental coverage pays of the share. */
  readonly supplementalPaid: Dec;
  /** What the patient owes: the share after supplemental coverage, capped at the out-of-pocket remaining. */
  readonly patient: Dec;
  /** Whether the cap lowered the patient's amount. */
  readonly capped: boolean;
}

export interface PatientShareOptions {
  /** D: deductible remaining, dollars (default 0). */
  readonly deductibleRemaining?: Dec;
  /** M: out-of-pocket remaining, dollars; null or absent = no limit. */
  readonly outOfPocketRemaining?: Dec | null;
  readonly supplemental?: SupplementalCoverage;
  readonly drugSource?: PatientDrugSource;
}

const minDec = (a: Dec, b: Dec): Dec => (a.lt(b) ? a : b);

/** DOMAIN.md 5.7: the patient's share of one administration. */
export function patientShare(claim: PatientClaim, options: PatientShareOptions = {}): PatientShare {
  const D = options.deductibleRemaining ?? ZERO;
  const M = options.outOfPocketRemaining ?? null;
  if (D.isNegative()) fail({ code: 'invalid_amount', argument: 'deductibleRemaining', problem: `must be 0 or more, not ${D.toString()}` });
  if (M !== null && M.isNegative()) fail({ code: 'invalid_amount', argument: 'outOfPocketRemaining', problem: `must be 0 or more, not ${M.toString()}` });
  // DOMAIN.md 5.1/5.7: a free or white-bagged drug is not on the practice's claim; the patient owes administration only.
  const source = options.drugSource ?? 'buy_and_bill';
  const allowedDrug = source === 'buy_and_bill' ? claim.allowedDrug : ZERO;
  const allowedAdmin = claim.allowedAdmin;
  const deductibleDrug = minDec(D, allowedDrug);
  const deductibleAdmin = minDec(D.minus(deductibleDrug), allowedAdmin);
  const shareDrug = roundCents(deductibleDrug.plus(claim.coinsuranceDrug.times(allowedDrug.minus(deductibleDrug))));
  const shareAdmin = roundCents(deductibleAdmin.plus(claim.coinsuranceAdmin.times(allowedAdmin.minus(deductibleAdmin))));
  const share = shareDrug.plus(shareAdmin);
  let owed: Dec;
  switch (options.supplemental ?? 'none') {
    case 'none':
      owed = share;
      break;
    case 'medigap_g':
      // Plan G pays everything but the Part B deductible.
      owed = minDec(share, deductibleDrug.plus(deductibleAdmin));
      break;
    case 'medicaid_qmb':
      // Medicaid pays a QMB's Medicare deductible and coinsurance; the practice may not bill the patient.
      owed = ZERO;
      break;
  }
  const patient = M === null ? owed : minDec(owed, M);
  return {
    allowedDrug,
    allowedAdmin,
    deductibleDrug,
    deductibleAdmin,
    shareDrug,
    shareAdmin,
    share,
    supplementalPaid: share.minus(owed),
    patient,
    capped: patient.lt(owed),
  };
}

// ---------------------------------------------------------------------------------------------------
// A year

/** One administration of a patient's year: its day from the first dose of therapy, and its claim. */
export interface YearAdministration {
  readonly day: number;
  readonly claim: PatientClaim;
}

export interface PatientYearOptions {
  /** Annual deductible, dollars, met first. */
  readonly deductible: Dec;
  /** Out-of-pocket maximum, dollars; null = no limit. */
  readonly outOfPocketMax: Dec | null;
  readonly supplemental?: SupplementalCoverage;
  readonly drugSource?: PatientDrugSource;
  /** Deductible already met this year (pane: "deductible already met"), dollars. */
  readonly deductibleMet?: Dec;
  /** Out-of-pocket already spent this year, dollars. */
  readonly outOfPocketSpent?: Dec;
  /** A manufacturer copay program's annual maximum, dollars (commercial patients only; checked by the caller's coverage). */
  readonly copayProgramMax?: Dec | null;
  /** First day of the year counted (364 x (year - 1)); months are counted from it. */
  readonly yearStartDay?: number;
}

export interface PatientYearLine {
  readonly day: number;
  /** Month of the year, 1-12. */
  readonly month: number;
  readonly share: PatientShare;
  /** What the copay program pays of it. */
  readonly programPaid: Dec;
  /** What the patient pays after the program. */
  readonly net: Dec;
  readonly deductibleRemainingAfter: Dec;
  /** Out-of-pocket room left after it; null = no limit. */
  readonly outOfPocketRemainingAfter: Dec | null;
}

export interface PatientYearMonth {
  readonly month: number;
  readonly administrations: number;
  /** The patient's share owed that month (after supplemental coverage and the cap, before a program). */
  readonly patient: Dec;
  readonly programPaid: Dec;
  readonly net: Dec;
  /** The patient's out-of-pocket (before a program) from the start of the year to the end of the month. */
  readonly cumulative: Dec;
}

export interface PatientYear {
  readonly lines: readonly PatientYearLine[];
  /** Months 1-12. */
  readonly months: readonly PatientYearMonth[];
  /** The patient's total for the year, before a copay program. */
  readonly total: Dec;
  readonly programPaid: Dec;
  /** What the patient pays after a copay program. */
  readonly net: Dec;
  /** The first month (1-12) in which the out-of-pocket maximum is reached; null when it is not. */
  readonly capReachedMonth: number | null;
}

/** DOMAIN.md 5.7: the patient's year, administrations in date order, deductible first, capped. */
export function patientYear(administrations: readonly YearAdministration[], options: PatientYearOptions): PatientYear {
  const start = options.yearStartDay ?? 0;
  const met = options.deductibleMet ?? ZERO;
  const spent = options.outOfPocketSpent ?? ZERO;
  let deductible = options.deductible.minus(met);
  if (deductible.isNegative()) deductible = ZERO;
  let room: Dec | null = options.outOfPocketMax === null ? null : options.outOfPocketMax.minus(spent);
  if (room !== null && room.isNegative()) room = ZERO;
  let program = options.copayProgramMax ?? ZERO;
  const sorted = [...administrations].sort((a, b) => a.day - b.day);
  const lines: PatientYearLine[] = [];
  let capReachedMonth: number | null = room !== null && room.isZero() && options.outOfPocketMax !== null ? 1 : null;
  const shareOptions = {
    ...(options.supplemental === undefined ? {} : { supplemental: options.supplemental }),
    ...(options.drugSource === undefined ? {} : { drugSource: options.drugSource }),
  };
  // Once the deductible is met, the same claim gives the same share until the cap bites: computed once per claim.
  const metShares = new Map<PatientClaim, PatientShare>();
  for (const a of sorted) {
    let share: PatientShare | undefined;
    if (deductible.isZero()) {
      share = metShares.get(a.claim);
      if (!share) {
        share = patientShare(a.claim, shareOptions);
        metShares.set(a.claim, share);
      }
      if (room !== null && share.patient.gt(room)) share = undefined;
    }
    share ??= patientShare(a.claim, { ...shareOptions, deductibleRemaining: deductible, outOfPocketRemaining: room });
    if (!deductible.isZero()) deductible = deductible.minus(share.deductibleDrug).minus(share.deductibleAdmin);
    if (room !== null) room = room.minus(share.patient);
    const programPaid = program.isZero() ? ZERO : minDec(program, share.patient);
    if (!programPaid.isZero()) program = program.minus(programPaid);
    const month = Math.min(12, monthOfDay(a.day - start) + 1);
    if (capReachedMonth === null && room !== null && room.isZero()) capReachedMonth = month;
    lines.push({
      day: a.day,
      month,
      share,
      programPaid,
      net: programPaid.isZero() ? share.patient : share.patient.minus(programPaid),
      deductibleRemainingAfter: deductible,
      outOfPocketRemainingAfter: room,
    });
  }
  const byMonth = Array.from({ length: 12 }, () => ({ administrations: 0, patient: ZERO, programPaid: ZERO }));
  for (const l of lines) {
    const m = byMonth[l.month - 1] as (typeof byMonth)[number];
    m.administrations++;
    m.patient = m.patient.plus(l.share.patient);
    if (!l.programPaid.isZero()) m.programPaid = m.programPaid.plus(l.programPaid);
  }
  const months: PatientYearMonth[] = [];
  let cumulative = ZERO;
  byMonth.forEach((m, i) => {
    if (m.administrations > 0) cumulative = cumulative.plus(m.patient);
    const net = m.programPaid.isZero() ? m.patient : m.patient.minus(m.programPaid);
    months.push({ month: i + 1, administrations: m.administrations, patient: m.patient, programPaid: m.programPaid, net, cumulative });
  });
  const programTotal = (options.copayProgramMax ?? ZERO).minus(program);
  return { lines, months, total: cumulative, programPaid: programTotal, net: programTotal.isZero() ? cumulative : cumulative.minus(programTotal), capReachedMonth };
}

// ---------------------------------------------------------------------------------------------------
// The administrations of a year of the regimen

/** One administration of a regimen year: its day from the first dose, dose and infusion minutes. */
export interface ScheduledDose {
  readonly day: number;
  readonly dose: Dec;
  readonly minutes: number;
}

/**
 * The administrations of year `year` (1 = days 0-363) of a regimen in date order, each with its dose and
 * minutes (DOMAIN.md 5.3): a loading administration with a dose of its own takes that dose (for the patient
 * weight; ocrelizumab 300 mg for 150 min) and its own time, every other one the dose and minutes given.
 */
export function regimenYear(regimen: RegimenSpec, year: number, dose: Dec, minutes: number, weightKg: number = DEFAULT_WEIGHT_KG): ScheduledDose[] {
  if (!Number.isInteger(year) || year < 1) {
    fail({ code: 'invalid_amount', argument: 'year', problem: `must be a whole number of at least 1, not ${year}` });
  }
  const from = DAYS_PER_YEAR * (year - 1);
  return regimenDays(regimen, DAYS_PER_YEAR * year)
    .filter((d) => d.day >= from)
    .map((d) => {
      const own = loadingDoseAt(regimen, d.loading);
      return own === null ? { day: d.day, dose, minutes } : { day: d.day, dose: doseFor(own.dose, weightKg), minutes: own.minutes };
    });
}

/** The help that can fit a coverage (DOMAIN.md 5.7), for the estimate to name. */
export type PatientHelp = 'copay_program' | 'foundation' | 'patient_assistance' | 'none_needed';

export function helpFor(coverage: PatientCoverage): readonly PatientHelp[] {
  if (coverage.supplemental === 'medicaid_qmb') return ['none_needed'];
  switch (coverage.coverageType) {
    case 'commercial':
      return ['copay_program'];
    case 'medicare':
    case 'medicare_advantage':
      // Manufacturer copay programs are barred for federal health care program patients (42 USC 1320a-7b(b);
      // HHS OIG Special Advisory Bulletin on patient assistance programs, 2005); independent charitable
      // foundations may help when a fund for the disease is open.
      return ['foundation'];
    case 'medicaid':
      return ['none_needed'];
    case 'uninsured':
      return ['patient_assistance'];
  }
}

/** Refuses a copay program for a coverage that may not use one. */
export function checkCopayProgram(coverage: PatientCoverage, argument = 'copayProgramMax'): void {
  if (coverage.coverageType === 'commercial') return;
  const who =
    coverage.coverageType === 'uninsured'
      ? 'uninsured patients (a manufacturer patient-assistance program gives the drug instead)'
      : 'Medicare or Medicaid patients (federal anti-kickback statute)';
  fail({ code: 'invalid_amount', argument, problem: `manufacturer copay programs are not allowed for ${who}` });
}

// ---------------------------------------------------------------------------------------------------
// From the engine's claim

/** The buy-and-bill claim of one patient, nothing white-bagged: the claim a patient's share starts from. */
const ONE_PATIENT_CLAIM: DrugSourceTerms = { source: 'buy_and_bill', whiteBagShare: 0 };

/**
 * The claim of one administration for one patient: priced as bought and billed in full (a payer's white-bag
 * share is an average over its patients, not part of one patient's claim); patientShare then drops the drug
 * line for a patient whose drug is white-bagged or free.
 */
export function patientClaim(book: ReferenceBook, spec: AdministrationSpec, payer: PayerProfile): PatientClaim {
  return claimOf(administrationEconomics(book, { ...spec, drugSource: ONE_PATIENT_CLAIM }, payer));
}

/** The figures of a priced administration that the patient's share needs. */
export function claimOf(e: AdministrationEconomics): PatientClaim {
  return { allowedDrug: e.allowedDrug, allowedAdmin: e.allowedAdmin, coinsuranceDrug: e.coinsuranceDrug, coinsuranceAdmin: e.coinsuranceAdmin };
}

/**
 * Where this payer's patient gets the drug (DOMAIN.md 5.1): the drug's own terms for the payer, else the
 * payer's. A payer that white-bags a share of its patients still buys and bills for the others: an estimate
 * for one patient is buy and bill unless the drug comes white-bagged or free for every patient of the payer.
 */
export function patientDrugSource(payer: PayerProfile, override?: DrugSourceTerms): PatientDrugSource {
  return drugSourceOf(payer, override).source;
}

/** What a year's estimate needs to know about the drug. */
export interface PatientDrug {
  readonly hcpcs: string;
  readonly route: Route;
  readonly complexity: Complexity;
  readonly regimen: RegimenSpec;
  /** The dose given (maintenance), in the billing measure. */
  readonly dose: Dec;
  /** Infusion minutes (maintenance). */
  readonly minutes: number;
  /** Patient weight for weight-based loading doses, kg (default 80). */
  readonly weightKg?: number;
  /** WAC per billing unit, for a payer paid as a percent of WAC. */
  readonly wacPerUnit?: Dec | null;
  /** The drug's own source terms for this payer (DOMAIN.md 5.1), overriding the payer's. */
  readonly sourceTerms?: DrugSourceTerms;
  readonly quarter?: string;
  readonly feeScheduleYear?: number;
}

export interface PatientYearEstimateOptions {
  /** Default: the payer's annual deductible. */
  readonly deductible?: Dec;
  /** Default: the payer's out-of-pocket maximum; null = no limit. */
  readonly outOfPocketMax?: Dec | null;
  /** Default: the payer's supplemental coverage. */
  readonly supplemental?: SupplementalCoverage;
  readonly deductibleMet?: Dec;
  readonly outOfPocketSpent?: Dec;
  readonly copayProgramMax?: Dec | null;
  /** Default: the payer's drug source for the drug. */
  readonly drugSource?: PatientDrugSource;
}

export interface PatientYearEstimate extends PatientYear {
  readonly coverage: PatientCoverage;
  readonly drugSource: PatientDrugSource;
  readonly deductible: Dec;
  readonly outOfPocketMax: Dec | null;
}

/** The patient's year on a drug for one payer: regimen year, each administration priced, then patientYear. */
export function patientYearEstimate(book: ReferenceBook, drug: PatientDrug, payer: PayerProfile, year: number, options: PatientYearEstimateOptions = {}): PatientYearEstimate {
  const own = coverageOf(payer);
  const coverage: PatientCoverage = options.supplemental === undefined ? own : { ...own, supplemental: options.supplemental };
  checkSupplemental(coverage);
  const copay = options.copayProgramMax ?? null;
  if (copay !== null && copay.gt(0)) checkCopayProgram(coverage);
  const deductible = options.deductible ?? dec(coverage.annualDeductible);
  const outOfPocketMax = options.outOfPocketMax !== undefined ? options.outOfPocketMax : coverage.outOfPocketMax === null ? null : dec(coverage.outOfPocketMax);
  const drugSource = options.drugSource ?? patientDrugSource(payer, drug.sourceTerms);
  const claims = new Map<string, PatientClaim>();
  const administrations = regimenYear(drug.regimen, year, drug.dose, drug.minutes, drug.weightKg).map((s): YearAdministration => {
    const key = `${s.dose.toString()}|${s.minutes}`;
    let claim = claims.get(key);
    if (!claim) {
      const spec: AdministrationSpec = {
        hcpcs: drug.hcpcs,
        dose: s.dose,
        route: drug.route,
        complexity: drug.complexity,
        minutes: s.minutes,
        acquisitionPerUnit: null,
        wacPerUnit: drug.wacPerUnit ?? null,
        ...(drug.quarter === undefined ? {} : { quarter: drug.quarter }),
        ...(drug.feeScheduleYear === undefined ? {} : { feeScheduleYear: drug.feeScheduleYear }),
      };
      claim = patientClaim(book, spec, payer);
      claims.set(key, claim);
    }
    return { day: s.day, claim };
  });
  const result = patientYear(administrations, {
    deductible,
    outOfPocketMax,
    supplemental: coverage.supplemental,
    drugSource,
    ...(options.deductibleMet === undefined ? {} : { deductibleMet: options.deductibleMet }),
    ...(options.outOfPocketSpent === undefined ? {} : { outOfPocketSpent: options.outOfPocketSpent }),
    copayProgramMax: copay,
    yearStartDay: DAYS_PER_YEAR * (year - 1),
  });
  return { ...result, coverage, drugSource, deductible, outOfPocketMax };
}
