/*
 * The custom functions of the INFUSION namespace. The JSDoc of each function is what Excel shows (the
 * custom-functions-metadata plugin turns it into functions.json at build time), so each description is
 * written for the financial counselor who types the formula. Ids are permanent once released.
 *
 * Each function is a thin wrapper: excel.ts coerces the arguments, resolves drug, payer and quarter, memoizes,
 * and maps every failure to a CustomFunctions.Error; the engine computes. Parameter types: `string` and
 * `number` where Excel's conversion is wanted; `unknown` (metadata type "any") for optional numbers, so that
 * an empty cell arrives as empty rather than as 0, and for ranges.
 */
import { adminCodes, formatAdminCodes } from '../engine/admin';
import { type Dec, dec } from '../engine/decimal';
import { fail } from '../engine/errors';
import { type AdministrationEconomics, type AdministrationSpec, NOT_APPLICABLE, administrationAllowed, administrationEconomics } from '../engine/economics';
import { administrationMargin, mixMargin as mixWeightedMargin } from '../engine/margin';
import { checkWeights, mixWeighted } from '../engine/mix';
import type { CatalogDrug } from '../engine/reference';
import { DEFAULT_WEIGHT_KG, administrationsPerPatient, doseFor } from '../engine/regimen';
import { count, money, rate, unitPrice } from '../engine/report';
import type { PayerProfile } from '../engine/types';
import { dispense, unitsAdministered } from '../engine/units';
import {
  type PatientCoverage,
  checkSupplemental,
  coverageOf,
  patientClaim,
  patientDrugSource,
  patientShare,
  patientYearEstimate,
} from '../engine/patient';
import {
  amount,
  catalogEntry,
  checkUnitMistake,
  checkVialDose,
  drugCode,
  minutesArg,
  optionalAmount,
  optionalDollars,
  optionalText,
  payerArg,
  quarterArg,
  scalar,
  table,
  vector,
  vectorNumber,
  weightArg,
  yearArg,
} from './excel';
import { store } from './store';
import { drugTable, payerTable, sourceText } from './tables';

function invalidArgument(argument: string, problem: string): never {
  fail({ code: 'invalid_amount', argument, problem });
}

/** The catalog facts the administration codes need, named in the #N/A message when a code is not in the catalog. */
const ADMIN_FACTS = 'route, complexity and infusion time';

/**
 * What one administration of a drug needs, from coerced arguments (the dose checked against the vials), with
 * the workbook scenario's white-bag handling cost (DOMAIN.md 5.1) and discounts on the ASP default (5.6), as
 * the model applies them.
 */
function administrationSpec(code: string, dose: number, acquisitionPerUnit: number | undefined, minutes: number | undefined, drug: CatalogDrug | undefined): AdministrationSpec {
  checkVialDose(code, dose);
  return {
    whiteBagHandlingCost: store.whiteBagHandlingCost,
    defaultAcquisitionFactor: store.defaultAcquisitionFactor,
    hcpcs: code,
    dose: dec(dose),
    // Drug cost and the drug line do not depend on administration: COST and RECOVERY, which do not show
    // it, price a code outside the catalog with a placeholder injection (96372).
    route: drug?.route ?? 'SC',
    complexity: drug?.complexity ?? 'therapeutic',
    minutes: minutes ?? drug?.infusionMinutes ?? 0,
    acquisitionPerUnit: acquisitionPerUnit === undefined ? null : dec(acquisitionPerUnit),
    wacPerUnit: null,
  };
}

/** One administration of a drug for one payer, from coerced arguments. */
function economics(
  code: string,
  dose: number,
  payer: PayerProfile,
  acquisitionPerUnit: number | undefined,
  minutes: number | undefined,
  drug: CatalogDrug | undefined,
  perDrugSource = true,
): AdministrationEconomics {
  const spec = administrationSpec(code, dose, acquisitionPerUnit, minutes, drug);
  // DOMAIN.md 5.1: the drug source the scenario sets for this drug and payer, else the payer's own.
  const source = perDrugSource ? store.drugSource(code, payer.id) : undefined;
  return administrationEconomics(store.functionBook, source === undefined ? spec : { ...spec, drugSource: source }, payer);
}

/** Economics for the functions that show administration too: the catalog's route, complexity and time are needed. */
function fullEconomics(drug: string, dose: unknown, payer: unknown, acquisitionPerUnit: unknown, minutes: unknown): AdministrationEconomics {
  const code = drugCode(drug);
  const d = amount(dose, 'dose');
  const p = payerArg(payer);
  const acq = optionalAmount(acquisitionPerUnit, 'acquisitionPerUnit');
  const m = minutesArg(minutes);
  return economics(code, d, p, acq, m, catalogEntry(code, ADMIN_FACTS));
}

/** Economics for the drug line only (cost, recovery): works for any priced code with vial sizes. */
function drugLineEconomics(drug: string, dose: unknown, payer: unknown, acquisitionPerUnit: unknown, perDrugSource = true): AdministrationEconomics {
  const code = drugCode(drug);
  const d = amount(dose, 'dose');
  const p = payerArg(payer);
  const acq = optionalAmount(acquisitionPerUnit, 'acquisitionPerUnit');
  return economics(code, d, p, acq, undefined, store.functionBook.catalogDrug(code), perDrugSource);
}

/**
 * Medicare Part B payment limit per billing unit of a drug, from the CMS quarterly file (it already includes the 6% add-on).
 * @customfunction PAYMENTLIMIT
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param quarter Quarter of the CMS file, like "2026Q1". Default: the newest loaded.
 * @returns Dollars per billing unit, to 3 decimals.
 */
export function paymentLimit(drug: string, quarter?: string): number | CustomFunctions.Error {
  return scalar('PAYMENTLIMIT', [drug, quarter], () => {
    const code = drugCode(drug);
    return unitPrice(store.functionBook.price(code, quarterArg(quarter)).paymentLimit);
  });
}

/**
 * Average sales price (ASP) per billing unit, derived from the payment limit: divided by 1.06, or the biosimilar rule (reference ASP x 8% or 6%).
 * @customfunction ASP
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param quarter Quarter of the CMS file, like "2026Q1". Default: the newest loaded.
 * @returns Dollars per billing unit, to 3 decimals.
 */
export function asp(drug: string, quarter?: string): number | CustomFunctions.Error {
  return scalar('ASP', [drug, quarter], () => {
    const code = drugCode(drug);
    return unitPrice(store.functionBook.asp(code, quarterArg(quarter)));
  });
}

/**
 * The catalog's maintenance dose of a drug for a patient weight, in the drug's billing measure (mg, mcg or units).
 * @customfunction DOSE
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param weightKg Patient weight in kg, for weight-based doses. Default: 80 kg.
 * @returns Dose in mg, mcg or units, as the drug's HCPCS code measures it.
 */
export function dose(drug: string, weightKg?: unknown): number | CustomFunctions.Error {
  return scalar('DOSE', [drug, weightKg], () => {
    const code = drugCode(drug);
    const kg = weightArg(weightKg) ?? DEFAULT_WEIGHT_KG;
    return count(doseFor(catalogEntry(code, 'dose').dose, kg));
  });
}

/**
 * Billing units administered for a dose: the dose divided by the HCPCS billing unit, rounded up.
 * @customfunction UNITS
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param dose Dose given, in the drug's billing measure (mg, mcg or units, as in the HCPCS descriptor).
 * @returns Whole billing units.
 */
export function units(drug: string, dose: number): number | CustomFunctions.Error {
  return scalar('UNITS', [drug, dose], () => {
    const code = drugCode(drug);
    const d = amount(dose, 'dose');
    checkUnitMistake(code, d);
    return unitsAdministered(dec(d), store.functionBook.price(code).unit.amount);
  });
}

/**
 * Billing units discarded from the vials opened, billed on the JW line; 0 means nothing is wasted (JZ).
 * @customfunction WASTE
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param dose Dose given, in the drug's billing measure (mg, mcg or units, as in the HCPCS descriptor).
 * @returns Whole billing units discarded.
 */
export function waste(drug: string, dose: number): number | CustomFunctions.Error {
  return scalar('WASTE', [drug, dose], () => {
    const code = drugCode(drug);
    const d = amount(dose, 'dose');
    checkVialDose(code, d);
    return dispense(dec(d), store.functionBook.price(code).unit.amount, store.functionBook.vialSizes(code)).jwUnits;
  });
}

/**
 * Single-dose vials opened for a dose: the combination with the least waste, then the fewest vials.
 * @customfunction VIALS
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param dose Dose given, in the drug's billing measure (mg, mcg or units, as in the HCPCS descriptor).
 * @returns Number of vials (or syringes).
 */
export function vials(drug: string, dose: number): number | CustomFunctions.Error {
  return scalar('VIALS', [drug, dose], () => {
    const code = drugCode(drug);
    const d = amount(dose, 'dose');
    checkVialDose(code, d);
    return dispense(dec(d), store.functionBook.price(code).unit.amount, store.functionBook.vialSizes(code)).vials.vialCount;
  });
}

/**
 * The drug administration CPT codes billed for one administration, e.g. "96413, 96415".
 * @customfunction ADMINCODES
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param minutes Infusion time in minutes. Default: the catalog's infusion time for the drug.
 * @returns The codes, comma-separated; a code billed twice is listed twice.
 */
export function administrationCodes(drug: string, minutes?: unknown): string | CustomFunctions.Error {
  return scalar('ADMINCODES', [drug, minutes], () => {
    const code = drugCode(drug);
    const m = minutesArg(minutes);
    const d = catalogEntry(code, ADMIN_FACTS);
    return formatAdminCodes(adminCodes(d.route, d.complexity, m ?? d.infusionMinutes));
  });
}

/**
 * Administration allowed amount of one administration: the CPT codes' fee schedule amounts at the payer's rate.
 * @customfunction ADMINFEE
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param payer MEDICARE, MEDICARE_ADVANTAGE, MEDICAID, COMMERCIAL, SELF_PAY, or a payer of the workbook's scenario. Default: MEDICARE.
 * @param minutes Infusion time in minutes. Default: the catalog's infusion time for the drug.
 * @returns Dollars.
 */
export function adminFee(drug: string, payer?: string, minutes?: unknown): number | CustomFunctions.Error {
  return scalar('ADMINFEE', [drug, payer, minutes], () => {
    const code = drugCode(drug);
    const p = payerArg(payer);
    const m = minutesArg(minutes);
    const d = catalogEntry(code, ADMIN_FACTS);
    // The administration lines depend on route, complexity and minutes only: no drug price is needed.
    return money(administrationAllowed(store.functionBook, { route: d.route, complexity: d.complexity, minutes: m ?? d.infusionMinutes }, p).allowed);
  });
}

/**
 * Allowed amount of one administration: the drug (including discarded JW units, where the payer pays them) plus administration.
 * @customfunction ALLOWED
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param dose Dose given, in the drug's billing measure (mg, mcg or units, as in the HCPCS descriptor).
 * @param payer MEDICARE, MEDICARE_ADVANTAGE, MEDICAID, COMMERCIAL, SELF_PAY, or a payer of the workbook's scenario. Default: MEDICARE.
 * @param minutes Infusion time in minutes. Default: the catalog's infusion time for the drug.
 * @returns Dollars.
 */
export function allowed(drug: string, dose: number, payer?: string, minutes?: unknown): number | CustomFunctions.Error {
  return scalar('ALLOWED', [drug, dose, payer, minutes], () => money(fullEconomics(drug, dose, payer, undefined, minutes).allowed));
}

/**
 * Expected net revenue of one administration: what the payer pays after sequestration plus the patient share collected, less denials.
 * @customfunction REVENUE
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param dose Dose given, in the drug's billing measure (mg, mcg or units, as in the HCPCS descriptor).
 * @param payer MEDICARE, MEDICARE_ADVANTAGE, MEDICAID, COMMERCIAL, SELF_PAY, or a payer of the workbook's scenario. Default: MEDICARE.
 * @param minutes Infusion time in minutes. Default: the catalog's infusion time for the drug.
 * @returns Dollars.
 */
export function revenue(drug: string, dose: number, payer?: string, minutes?: unknown): number | CustomFunctions.Error {
  return scalar('REVENUE', [drug, dose, payer, minutes], () => money(fullEconomics(drug, dose, payer, undefined, minutes).netRevenue));
}

/**
 * Drug acquisition cost of one administration: every vial opened, at your purchase price.
 * @customfunction COST
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param dose Dose given, in the drug's billing measure (mg, mcg or units, as in the HCPCS descriptor).
 * @param acquisitionPerUnit Your purchase price per billing unit, in dollars. Default: the ASP (an assumption), less the workbook scenario's prompt-pay and GPO discounts.
 * @returns Dollars.
 */
export function cost(drug: string, dose: number, acquisitionPerUnit?: unknown): number | CustomFunctions.Error {
  // No payer: every vial opened (a drug source the scenario sets for a payer does not apply).
  return scalar('COST', [drug, dose, acquisitionPerUnit], () => money(drugLineEconomics(drug, dose, undefined, acquisitionPerUnit, false).drugCost));
}

/**
 * Net margin of one administration: net revenue (drug and administration) minus the drug's acquisition cost.
 * @customfunction MARGIN
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param dose Dose given, in the drug's billing measure (mg, mcg or units, as in the HCPCS descriptor).
 * @param payer MEDICARE, MEDICARE_ADVANTAGE, MEDICAID, COMMERCIAL, SELF_PAY, or a payer of the workbook's scenario. Default: MEDICARE.
 * @param acquisitionPerUnit Your purchase price per billing unit, in dollars. Default: the ASP (an assumption), less the workbook scenario's prompt-pay and GPO discounts.
 * @param minutes Infusion time in minutes. Default: the catalog's infusion time for the drug.
 * @returns Dollars; negative when the administration loses money.
 */
export function margin(drug: string, dose: number, payer?: string, acquisitionPerUnit?: unknown, minutes?: unknown): number | CustomFunctions.Error {
  return scalar('MARGIN', [drug, dose, payer, acquisitionPerUnit, minutes], () => {
    const code = drugCode(drug);
    const d = amount(dose, 'dose');
    const p = payerArg(payer);
    const acq = optionalAmount(acquisitionPerUnit, 'acquisitionPerUnit');
    const m = minutesArg(minutes);
    // The margin alone, through the engine's fast path (the same figure as the full economics' margin); a drug
    // source the scenario sets for this drug and payer (DOMAIN.md 5.1) takes the full economics.
    const spec = administrationSpec(code, d, acq, m, catalogEntry(code, ADMIN_FACTS));
    const source = store.drugSource(code, p.id);
    return money(administrationMargin(store.functionBook, source === undefined ? spec : { ...spec, drugSource: source }, p));
  });
}

/**
 * Net cost recovery of the drug line: its net revenue divided by the drug cost. 1.0 breaks even; below 1 the drug is underwater.
 * @customfunction RECOVERY
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param dose Dose given, in the drug's billing measure (mg, mcg or units, as in the HCPCS descriptor).
 * @param payer MEDICARE, MEDICARE_ADVANTAGE, MEDICAID, COMMERCIAL, SELF_PAY, or a payer of the workbook's scenario. Default: MEDICARE.
 * @param acquisitionPerUnit Your purchase price per billing unit, in dollars. Default: the ASP (an assumption), less the workbook scenario's prompt-pay and GPO discounts.
 * @returns A ratio, e.g. 1.043 (104.3%), to 6 decimals; the text "not applicable" where the payer's patients get the drug elsewhere (white bag or manufacturer free drug) and the practice buys none.
 */
export function recovery(drug: string, dose: number, payer?: string, acquisitionPerUnit?: unknown): number | string | CustomFunctions.Error {
  return scalar('RECOVERY', [drug, dose, payer, acquisitionPerUnit], () => {
    const e = drugLineEconomics(drug, dose, payer, acquisitionPerUnit);
    if (e.recovery === NOT_APPLICABLE) return NOT_APPLICABLE;
    if (e.recovery === null) fail({ code: 'zero_cost', drug: e.hcpcs });
    return rate(e.recovery);
  });
}

/**
 * Net margin of one administration weighted by your payer mix: the sum of each payer's margin times its weight.
 * @customfunction MIXMARGIN
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param dose Dose given, in the drug's billing measure (mg, mcg or units, as in the HCPCS descriptor).
 * @param payers The payers of the mix: a row or column of payer names (MEDICARE, COMMERCIAL, ... or the scenario's).
 * @param weights Each payer's share of patients, as fractions summing to 1 (0.6 = 60%): a row or column the size of payers.
 * @param acquisitionPerUnit Your purchase price per billing unit, in dollars. Default: the ASP (an assumption), less the workbook scenario's prompt-pay and GPO discounts.
 * @returns Dollars.
 */
export function mixMargin(drug: string, dose: number, payers: unknown[][], weights: unknown[][], acquisitionPerUnit?: unknown): number | CustomFunctions.Error {
  return scalar('MIXMARGIN', [drug, dose, payers, weights, acquisitionPerUnit], () => {
    const code = drugCode(drug);
    const d = amount(dose, 'dose');
    const payerCells = vector(payers, 'payers');
    const weightCells = vector(weights, 'weights');
    if (payerCells.length !== weightCells.length) {
      fail({ code: 'mismatched', problem: `payers and weights must be the same size: ${payerCells.length} payers but ${weightCells.length} weights` });
    }
    const profiles = payerCells.map((c, i) => payerArg(c, `payers[${i + 1}]`));
    const ws = checkedWeights(weightCells.map((c, i) => vectorNumber(c, `weights[${i + 1}]`)));
    const acq = optionalAmount(acquisitionPerUnit, 'acquisitionPerUnit');
    const entry = catalogEntry(code, ADMIN_FACTS);
    const spec = administrationSpec(code, d, acq, undefined, entry);
    // DOMAIN.md 5.1: where the scenario sets this drug's source for a payer of the mix, each payer's own spec.
    if (profiles.some((p) => store.drugSource(code, p.id) !== undefined)) {
      return money(mixWeighted(ws, profiles.map((p) => administrationMargin(store.functionBook, { ...spec, drugSource: store.drugSource(code, p.id) }, p))));
    }
    return money(mixWeightedMargin(store.functionBook, spec, profiles, ws));
  });
}

/** Weights that passed checkWeights, as its decimals, by their numbers (a mix is typed once and used in many cells). */
const weightsSeen = new Map<string, Dec[]>();

function checkedWeights(weights: readonly number[]): Dec[] {
  const key = weights.join('|');
  let ws = weightsSeen.get(key);
  if (!ws) {
    ws = checkWeights(weights);
    if (weightsSeen.size >= 1000) weightsSeen.clear();
    weightsSeen.set(key, ws);
  }
  return ws;
}

/**
 * Administrations per patient in a year of therapy: year 1 with its loading doses, or the steady state for year 2 and later.
 * @customfunction ADMINISTRATIONS
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param year Year of therapy: 1 for the first year, 2 or later for a later year. Default: 1.
 * @returns Administrations (a steady state can be fractional, e.g. 6.5).
 */
export function administrations(drug: string, year?: unknown): number | CustomFunctions.Error {
  return scalar('ADMINISTRATIONS', [drug, year], () => {
    const code = drugCode(drug);
    const y = yearArg(year);
    return count(administrationsPerPatient(catalogEntry(code, 'regimen').regimen, y));
  });
}

/**
 * Infusion chair hours one administration takes: infusion time plus the drug's preparation and observation time.
 * @customfunction CHAIRHOURS
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param minutes Infusion time in minutes. Default: the catalog's infusion time for the drug.
 * @returns Hours, to 4 decimals.
 */
export function chairHours(drug: string, minutes?: unknown): number | CustomFunctions.Error {
  return scalar('CHAIRHOURS', [drug, minutes], () => {
    const code = drugCode(drug);
    const m = minutesArg(minutes);
    const d = catalogEntry(code, 'infusion and chair times');
    // DOMAIN.md 2.8: chair time = infusion minutes + chair preparation and observation minutes.
    return count(dec(m ?? d.infusionMinutes).plus(d.chairExtraMinutes).div(60));
  });
}

/**
 * The drug catalog as a table with a header row (it spills): codes, names, area, route, dose, times, billing unit and payment limit.
 * @customfunction DRUGS
 * @param area Therapeutic area, e.g. "RA", "IBD", "MS", "osteoporosis", "anemia". Default: every drug.
 * @returns One row per drug, below a header row.
 */
export function drugs(area?: string): Array<Array<string | number | boolean | CustomFunctions.Error>> {
  return table('DRUGS', [area], () => drugTable(optionalText(area, 'area')));
}

/**
 * The payer profiles in use (the built-in defaults and the workbook scenario's) as a table with a header row (it spills).
 * @customfunction PAYERS
 * @returns One row per payer profile, below a header row.
 */
export function payers(): Array<Array<string | number | boolean | CustomFunctions.Error>> {
  return table('PAYERS', [], payerTable);
}

/**
 * The vintage of the data in use: the CMS payment limit file and its effective dates, and the fee schedule year.
 * @customfunction SOURCE
 * @returns A sentence naming the files and dates.
 */
export function source(): string | CustomFunctions.Error {
  return scalar('SOURCE', [], sourceText);
}

/** The patient coverage of a payer argument, with the limit check every patient function shares. */
function patientCoverage(p: PayerProfile, limit: number | undefined, argument: string): { coverage: PatientCoverage; limit: Dec | null } {
  const coverage = coverageOf(p);
  checkSupplemental(coverage, 'payer');
  if (limit !== undefined && coverage.outOfPocketMax === null) {
    invalidArgument(argument, `payer ${p.id} has no out-of-pocket limit (traditional Medicare and self-pay have none); leave it empty`);
  }
  const m = limit ?? coverage.outOfPocketMax;
  return { coverage, limit: m === null ? null : dec(m) };
}

/**
 * What the patient pays for one administration (DOMAIN.md 5.7): the deductible first, then coinsurance (Medicare: the CMS file's percentage on the drug, 20% on administration), after the payer's supplemental coverage, capped at the out-of-pocket amount remaining. A drug the payer's patients get free or white-bagged costs only the administration share.
 * @customfunction PATIENTCOST
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param dose Dose given, in the drug's billing measure (mg, mcg or units, as in the HCPCS descriptor).
 * @param payer MEDICARE, MEDICARE_ADVANTAGE, MEDICAID, COMMERCIAL, SELF_PAY, or a payer of the workbook's scenario (which may state supplemental coverage such as Medigap plan G). Default: MEDICARE.
 * @param deductibleRemaining Deductible the patient still has to meet this year, in dollars. Default: 0 (met).
 * @param outOfPocketRemaining Out-of-pocket amount left before the patient's annual maximum, in dollars. Default: the payer's maximum; none for Medicare.
 * @param minutes Infusion time in minutes. Default: the catalog's infusion time for the drug.
 * @returns Dollars the patient owes.
 */
export function patientCost(drug: string, dose: number, payer?: string, deductibleRemaining?: unknown, outOfPocketRemaining?: unknown, minutes?: unknown): number | CustomFunctions.Error {
  return scalar('PATIENTCOST', [drug, dose, payer, deductibleRemaining, outOfPocketRemaining, minutes], () => {
    const code = drugCode(drug);
    const d = amount(dose, 'dose');
    const p = payerArg(payer);
    const deductible = optionalDollars(deductibleRemaining, 'deductibleRemaining') ?? 0;
    const { coverage, limit } = patientCoverage(p, optionalDollars(outOfPocketRemaining, 'outOfPocketRemaining'), 'outOfPocketRemaining');
    const m = minutesArg(minutes);
    const entry = catalogEntry(code, ADMIN_FACTS);
    checkVialDose(code, d);
    const spec = { hcpcs: code, dose: dec(d), route: entry.route, complexity: entry.complexity, minutes: m ?? entry.infusionMinutes, acquisitionPerUnit: null, wacPerUnit: null };
    const share = patientShare(patientClaim(store.functionBook, spec, p), {
      deductibleRemaining: dec(deductible),
      outOfPocketRemaining: limit,
      supplemental: coverage.supplemental,
      drugSource: patientDrugSource(p, store.drugSource(code, p.id)),
    });
    return money(share.patient);
  });
}

/**
 * What the patient pays for a drug over a year of its regimen (DOMAIN.md 5.7): its administrations in date order (loading doses at the label's own dose, for 80 kg when weight-based), the annual deductible met first, capped at the out-of-pocket maximum.
 * @customfunction PATIENTYEAR
 * @param drug HCPCS code (J1745), generic or brand name (infliximab, Remicade), any case. A name shared with biosimilars means the reference product.
 * @param dose Dose given, in the drug's billing measure (mg, mcg or units, as in the HCPCS descriptor).
 * @param payer MEDICARE, MEDICARE_ADVANTAGE, MEDICAID, COMMERCIAL, SELF_PAY, or a payer of the workbook's scenario (which may state supplemental coverage such as Medigap plan G). Default: MEDICARE.
 * @param year Year of therapy: 1 for the first year (with its loading doses), 2 or later for a later year. Default: 1.
 * @param deductible The patient's annual deductible, in dollars. Default: the payer's (Medicare Part B 2026: $283).
 * @param outOfPocketMax The patient's annual out-of-pocket maximum, in dollars. Default: the payer's; none for Medicare.
 * @returns Dollars the patient owes over the year.
 */
export function patientYearTotal(drug: string, dose: number, payer?: string, year?: unknown, deductible?: unknown, outOfPocketMax?: unknown): number | CustomFunctions.Error {
  return scalar('PATIENTYEAR', [drug, dose, payer, year, deductible, outOfPocketMax], () => {
    const code = drugCode(drug);
    const d = amount(dose, 'dose');
    const p = payerArg(payer);
    const y = yearArg(year);
    const ded = optionalDollars(deductible, 'deductible');
    const { limit } = patientCoverage(p, optionalDollars(outOfPocketMax, 'outOfPocketMax'), 'outOfPocketMax');
    checkVialDose(code, d);
    const entry = catalogEntry(code, 'route, complexity, infusion time and regimen');
    const estimate = patientYearEstimate(
      store.functionBook,
      { hcpcs: code, route: entry.route, complexity: entry.complexity, regimen: entry.regimen, dose: dec(d), minutes: entry.infusionMinutes, sourceTerms: store.drugSource(code, p.id) },
      p,
      y,
      { ...(ded === undefined ? {} : { deductible: dec(ded) }), outOfPocketMax: limit },
    );
    return money(estimate.total);
  });
}

/** Every custom function by its permanent id (the @customfunction ids above). */
export const FUNCTIONS = {
  PAYMENTLIMIT: paymentLimit,
  ASP: asp,
  DOSE: dose,
  UNITS: units,
  WASTE: waste,
  VIALS: vials,
  ADMINCODES: administrationCodes,
  ADMINFEE: adminFee,
  ALLOWED: allowed,
  REVENUE: revenue,
  COST: cost,
  MARGIN: margin,
  RECOVERY: recovery,
  MIXMARGIN: mixMargin,
  ADMINISTRATIONS: administrations,
  CHAIRHOURS: chairHours,
  DRUGS: drugs,
  PAYERS: payers,
  SOURCE: source,
  PATIENTCOST: patientCost,
  PATIENTYEAR: patientYearTotal,
} as const;

/**
 * Associates every function with its id, outside Excel: the command line and the tests install a stand-in
 * `CustomFunctions` and call this (host.ts). In the add-in, custom-functions-metadata-plugin appends one
 * `CustomFunctions.associate("ID", fn)` per function to the bundled functions.js, which runs when the script
 * loads, before any task pane code (functions.js comes first in the page); calling this there too would
 * associate each function twice, and Excel warns about each duplicate.
 */
export function registerFunctions(): void {
  for (const [id, fn] of Object.entries(FUNCTIONS)) CustomFunctions.associate(id, fn);
}
