/**
 * The "Patient estimate" view's figures (DOMAIN.md 5.7): for a coverage profile and a drug of the formulary,
 * what the patient pays per infusion and over a year of the regimen, month by month, with the help that
 * fits. An estimate is for a coverage profile, never a person: nothing here takes a name, a date of birth or a
 * member id, and nothing of it is stored (the pane keeps it in memory; the estimate sheet holds only these
 * figures).
 *
 * Also the one-page estimate sheet as plain rows (`estimateSheet`), which excel/estimate-sheet.ts writes.
 */
import type { ReferenceBook } from '../../engine/book';
import { dec } from '../../engine/decimal';
import { DomainError } from '../../engine/errors';
import {
  type CoverageType,
  type PatientDrugSource,
  type PatientHelp,
  type SupplementalCoverage,
  coverageOf,
  coverageSourceText,
  helpFor,
  patientDrugSource,
  patientYearEstimate,
} from '../../engine/patient';
import { BUILTIN_PAYERS } from '../../engine/payers';
import { doseFor } from '../../engine/regimen';
import { money as round } from '../../engine/report';
import type { DrugLineInput, PayerProfile } from '../../engine/types';
import { resolveScenario } from '../../scenario';
import type { Scenario } from '../../scenario/types';

/** What the counselor enters: a coverage profile and a drug. No field identifies a patient. */
export interface EstimateInput {
  readonly payerId: string;
  readonly supplemental: SupplementalCoverage;
  /** Deductible already met this year, dollars (undefined = none). */
  readonly deductibleMet?: number;
  /** Out-of-pocket already spent this year, dollars (undefined = none). */
  readonly outOfPocketSpent?: number;
  readonly hcpcs: string;
  /** Where the drug comes from; undefined = the payer's (or the drug's) source. */
  readonly drugSource?: PatientDrugSource;
  /** A manufacturer copay program's annual maximum, dollars (commercial only). */
  readonly copayProgramMax?: number;
  /** Year of therapy (1 = with loading doses). */
  readonly year: number;
}

export interface EstimateChoice {
  readonly id: string;
  readonly name: string;
}

export interface EstimateMonth {
  readonly month: number;
  readonly infusions: number;
  readonly patient: number;
  readonly cumulative: number;
  /** After a copay program. */
  readonly net: number;
  readonly capReached: boolean;
}

export interface HelpLine {
  readonly kind: PatientHelp | 'not_allowed';
  readonly text: string;
}

export type Estimate =
  | { readonly ok: false; readonly message: string }
  | {
      readonly ok: true;
      readonly payerName: string;
      readonly coverageType: CoverageType;
      readonly supplemental: SupplementalCoverage;
      readonly drugLabel: string;
      readonly dose: number;
      readonly billingMeasure: string;
      readonly drugSource: PatientDrugSource;
      readonly year: number;
      readonly annualDeductible: number;
      readonly deductibleMet: number;
      readonly outOfPocketMax: number | null;
      readonly outOfPocketSpent: number;
      /** The first infusion of the year, the deductible still to meet. */
      readonly firstInfusion: number;
      /** An infusion once the deductible is met (the year's last one before any cap), or null with no infusion. */
      readonly laterInfusion: number | null;
      readonly infusions: number;
      readonly total: number;
      readonly capReachedMonth: number | null;
      readonly copayProgramMax: number | null;
      readonly programPaid: number;
      readonly net: number;
      readonly months: readonly EstimateMonth[];
      readonly help: readonly HelpLine[];
      readonly coverageSource: string;
    };

/** What an estimate draws on: the payer choices, the formulary's drugs and the prices in use. */
export interface EstimateContext {
  /** The scenario's payers (their resolved profiles), or the built-ins when it cannot be resolved. */
  readonly payers: readonly PayerProfile[];
  /** The formulary as the model resolves it (dose, weight, regimen, per-payer source); empty when it cannot be resolved. */
  readonly drugs: readonly DrugLineInput[];
  readonly quarter: string;
  readonly feeScheduleYear: number;
}

export function estimateContext(scenario: Scenario, book: ReferenceBook): EstimateContext {
  try {
    const input = resolveScenario(scenario, book.data);
    return {
      payers: input.payers.length > 0 ? input.payers.map((p) => p.profile) : BUILTIN_PAYERS,
      drugs: input.drugs,
      quarter: input.quarter,
      feeScheduleYear: input.feeScheduleYear,
    };
  } catch {
    // A scenario being edited (an unknown code just typed): the built-in profiles, no formulary yet.
    return { payers: BUILTIN_PAYERS, drugs: [], quarter: book.newestQuarter, feeScheduleYear: book.newestFeeYear };
  }
}

export const SUPPLEMENTAL_LABELS: Readonly<Record<SupplementalCoverage, string>> = {
  none: 'None',
  medigap_g: 'Medigap plan G',
  medicaid_qmb: 'Medicaid as secondary (dual eligible, QMB)',
};

export const SOURCE_LABELS: Readonly<Record<PatientDrugSource, string>> = {
  buy_and_bill: 'Bought and billed by the practice',
  white_bag: 'White-bagged (payer specialty pharmacy)',
  free_drug: 'Free from the manufacturer (patient assistance)',
};

/** Which supplemental coverages fit a coverage type. */
export function supplementalChoices(type: CoverageType): readonly SupplementalCoverage[] {
  if (type === 'medicare') return ['none', 'medigap_g', 'medicaid_qmb'];
  if (type === 'medicare_advantage') return ['none', 'medicaid_qmb'];
  return ['none'];
}

function helpLines(type: CoverageType, supplemental: SupplementalCoverage, copay: number | null, net: number): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const h of helpFor({ coverageType: type, supplemental, annualDeductible: 0, outOfPocketMax: null })) {
    switch (h) {
      case 'copay_program':
        lines.push({
          kind: h,
          text:
            copay === null
              ? "Manufacturer copay program: most makers of these drugs pay a commercially insured patient's share up to an annual maximum; enter the program's maximum to see what is left."
              : `Manufacturer copay program with a ${fmt(copay)} annual maximum: the patient pays ${fmt(net)} for the year.`,
        });
        break;
      case 'foundation':
        lines.push({
          kind: h,
          text: 'Independent charitable foundations (disease funds) may help a Medicare patient with coinsurance when a fund for the diagnosis is open; funds open and close during the year.',
        });
        lines.push({
          kind: 'not_allowed',
          text: 'Manufacturer copay programs are not allowed for Medicare or Medicaid patients (federal anti-kickback statute, 42 USC 1320a-7b(b)).',
        });
        break;
      case 'patient_assistance':
        lines.push({ kind: h, text: "Manufacturer patient-assistance program: the drug free for an uninsured patient who qualifies; the patient pays the administration." });
        break;
      case 'none_needed':
        lines.push({
          kind: h,
          text:
            supplemental === 'medicaid_qmb'
              ? 'Medicaid pays a dual-eligible (QMB) patient\'s Medicare deductible and coinsurance: the patient owes nothing and may not be billed.'
              : 'Medicaid leaves the patient nothing to pay for this drug.',
        });
        if (type === 'medicaid') lines.push({ kind: 'not_allowed', text: 'Manufacturer copay programs are not allowed for Medicaid patients (federal anti-kickback statute).' });
        break;
    }
  }
  return lines;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
function fmt(n: number): string {
  return usd.format(n);
}

/** The estimate for a coverage profile and a drug of the formulary. */
export function computeEstimate(input: EstimateInput, context: EstimateContext, book: ReferenceBook): Estimate {
  const payer = context.payers.find((p) => p.id === input.payerId);
  if (!payer) return { ok: false, message: 'Choose the patient\'s payer.' };
  const drug = context.drugs.find((d) => d.hcpcs === input.hcpcs);
  if (!drug) return { ok: false, message: 'Choose a drug of the formulary.' };
  const own = coverageOf(payer);
  const supplemental = supplementalChoices(own.coverageType).includes(input.supplemental) ? input.supplemental : 'none';
  const copay = own.coverageType === 'commercial' && input.copayProgramMax !== undefined && input.copayProgramMax > 0 ? input.copayProgramMax : null;
  try {
    const dose = doseFor(drug.dose, drug.weightKg);
    const source = input.drugSource ?? patientDrugSource(payer, drug.drugSources?.[payer.id]);
    const estimate = patientYearEstimate(
      book,
      {
        hcpcs: drug.hcpcs,
        route: drug.route,
        complexity: drug.complexity,
        regimen: drug.regimen,
        dose,
        minutes: drug.infusionMinutes,
        weightKg: drug.weightKg,
        wacPerUnit: drug.wacPerUnit === null ? null : dec(drug.wacPerUnit),
        quarter: context.quarter,
        feeScheduleYear: context.feeScheduleYear,
      },
      payer,
      input.year,
      {
        supplemental,
        drugSource: source,
        deductibleMet: dec(input.deductibleMet ?? 0),
        outOfPocketSpent: dec(input.outOfPocketSpent ?? 0),
        copayProgramMax: copay === null ? null : dec(copay),
      },
    );
    const unit = book.price(drug.hcpcs, context.quarter).unit;
    const months = estimate.months.map((m): EstimateMonth => {
      return {
        month: m.month,
        infusions: m.administrations,
        patient: round(m.patient),
        cumulative: round(m.cumulative),
        net: round(m.net),
        capReached: estimate.capReachedMonth !== null && m.month >= estimate.capReachedMonth,
      };
    });
    const lines = estimate.lines;
    const last = lines[lines.length - 1];
    const maxDed = estimate.deductible.toNumber();
    return {
      ok: true,
      payerName: payer.name,
      coverageType: own.coverageType,
      supplemental,
      drugLabel: drug.label,
      dose: dose.toNumber(),
      billingMeasure: unit.measure,
      drugSource: source,
      year: input.year,
      annualDeductible: maxDed,
      deductibleMet: Math.min(input.deductibleMet ?? 0, maxDed),
      outOfPocketMax: estimate.outOfPocketMax === null ? null : estimate.outOfPocketMax.toNumber(),
      outOfPocketSpent: input.outOfPocketSpent ?? 0,
      firstInfusion: lines[0] === undefined ? 0 : round(lines[0].share.patient),
      laterInfusion: last === undefined || lines.length < 2 ? null : round(last.share.share.minus(last.share.supplementalPaid)),
      infusions: lines.length,
      total: round(estimate.total),
      capReachedMonth: estimate.capReachedMonth,
      copayProgramMax: copay,
      programPaid: round(estimate.programPaid),
      net: round(estimate.net),
      months,
      help: helpLines(own.coverageType, supplemental, copay, round(estimate.net)),
      coverageSource: coverageSourceText(own.coverageType),
    };
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, message: e.message };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------
// The one-page estimate sheet

/** One row of the estimate sheet: a label, a value and how the value is formatted. */
export interface SheetRow {
  readonly label: string;
  readonly value?: string | number;
  readonly format?: 'money' | 'text' | 'number';
  /** A heading row (bold). */
  readonly heading?: boolean;
  /** Extra cells after the value (the month table). */
  readonly more?: readonly (string | number)[];
}

export const ESTIMATE_SHEET_NAME = 'Patient estimate';

/** The estimate as the rows of a one-page sheet that says it is an estimate and cites its sources. */
export function estimateSheet(e: Extract<Estimate, { ok: true }>, context: { quarter: string; feeScheduleYear: number; preparedOn: string }): SheetRow[] {
  const rows: SheetRow[] = [
    { label: 'Patient cost estimate', heading: true },
    { label: 'An estimate, not a bill or a promise of coverage: the plan\'s own terms, the claim as paid and the dates of service decide what the patient owes.' },
    { label: 'For a coverage profile, not a person: no name, date of birth or member id is recorded here.' },
    { label: 'Prepared on', value: context.preparedOn, format: 'text' },
    { label: '' },
    { label: 'Coverage', heading: true },
    { label: 'Payer', value: e.payerName, format: 'text' },
    { label: 'Supplemental coverage', value: SUPPLEMENTAL_LABELS[e.supplemental], format: 'text' },
    { label: 'Annual deductible', value: e.annualDeductible, format: 'money' },
    { label: 'Deductible already met', value: e.deductibleMet, format: 'money' },
    { label: 'Out-of-pocket maximum', value: e.outOfPocketMax === null ? 'none (traditional Medicare has no limit)' : e.outOfPocketMax, format: e.outOfPocketMax === null ? 'text' : 'money' },
    { label: 'Out-of-pocket already spent', value: e.outOfPocketSpent, format: 'money' },
    { label: '' },
    { label: 'Treatment', heading: true },
    { label: 'Drug', value: e.drugLabel, format: 'text' },
    { label: `Dose (${e.billingMeasure || 'billing measure'})`, value: e.dose, format: 'number' },
    { label: 'Drug source', value: SOURCE_LABELS[e.drugSource], format: 'text' },
    { label: `Infusions in year ${e.year}`, value: e.infusions, format: 'number' },
    { label: '' },
    { label: 'What the patient pays', heading: true },
    { label: 'First infusion of the year', value: e.firstInfusion, format: 'money' },
    ...(e.laterInfusion === null ? [] : [{ label: 'An infusion once the deductible is met', value: e.laterInfusion, format: 'money' as const }]),
    { label: `Year ${e.year} total`, value: e.total, format: 'money' },
    { label: 'Out-of-pocket maximum reached', value: e.capReachedMonth === null ? 'not reached' : `month ${e.capReachedMonth}`, format: 'text' },
    ...(e.copayProgramMax === null
      ? []
      : [
          { label: 'Copay program annual maximum', value: e.copayProgramMax, format: 'money' as const },
          { label: 'Paid by the copay program', value: e.programPaid, format: 'money' as const },
          { label: 'Patient pays after the program', value: e.net, format: 'money' as const },
        ]),
    { label: '' },
    { label: 'Month', value: 'Infusions', format: 'text', more: ['Patient pays', 'Cumulative'], heading: true },
    ...e.months.map((m): SheetRow => ({ label: `Month ${m.month}${m.capReached && m.month === e.capReachedMonth ? ' (limit reached)' : ''}`, value: m.infusions, format: 'number', more: [m.patient, m.cumulative] })),
    { label: '' },
    { label: 'Help that may fit', heading: true },
    ...e.help.map((h): SheetRow => ({ label: h.text })),
    { label: '' },
    { label: 'Sources', heading: true },
    { label: 'Rule (CMS Medicare Part B cost sharing): deductible first, then coinsurance; Medicare drug coinsurance from the CMS payment limit file, 20% on administration; capped at the out-of-pocket maximum.' },
    { label: `Prices: CMS Medicare Part B payment limits ${context.quarter}; administration: CMS Physician Fee Schedule CY${context.feeScheduleYear} national amounts.` },
    { label: `Coverage: ${e.coverageSource}` },
    { label: 'Months are twelfths of the 52-week therapy year, counted from the first infusion; the therapy year is taken as the plan year.' },
  ];
  // A sentence longer than the printed width runs on in the rows below (a cell's text is not wrapped on print).
  return rows.flatMap((r) => (r.value === undefined && !r.heading && r.label.length > LINE ? wrapText(r.label, LINE).map((label) => ({ label })) : [r]));
}

/** Characters of a line across the printed page (columns A-D). */
const LINE = 95;

/** Splits text into lines of at most `width` characters at spaces. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
