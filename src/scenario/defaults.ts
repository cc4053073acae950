/**
 * Every default of the scenario format, in one place: what fills a field the scenario leaves out, how it
 * is labelled wherever it is shown, and where it comes from (DOMAIN.md: a default is an assumption the user
 * can change, and the product labels it as one). The board workbook and the task pane list these under
 * "Sources and assumptions"; `resolve.ts` applies them; `scenarioDefaultsApplied` says which were used.
 */

/** A default of one scenario field; `V` is `number` for a constant, `null` for a derived value. */
export interface ScenarioDefault<V extends number | null = number | null> {
  /** The field it fills; `[]` stands for every element: "drugs[].discontinuationRate". */
  readonly field: string;
  /** The constant, or null when the value is derived (from reference data, the catalog or another field). */
  readonly value: V;
  /** How the default reads on screen: "15% a year", "the newest quarter loaded". */
  readonly display: string;
  /** Label shown next to the value: "default: assumption", "default: catalog (product label)", ... */
  readonly label: string;
  /** Where the value comes from, or why it was chosen. */
  readonly source: string;
}

export const LABEL_ASSUMPTION = 'default: assumption';
export const LABEL_REFERENCE_DATA = 'default: newest reference data';
export const LABEL_CATALOG = 'default: catalog (product label)';
export const LABEL_PAYER_PROFILE = 'default: built-in payer profile (assumption)';

export const DEFAULT_QUARTER: ScenarioDefault = {
  field: 'quarter',
  value: null,
  display: 'the newest quarter of payment limits loaded',
  label: LABEL_REFERENCE_DATA,
  source: 'CMS publishes payment limits each quarter (DOMAIN.md 2.1); DESIGN.md: quarter defaults to the newest loaded.',
};

export const DEFAULT_FEE_SCHEDULE_YEAR: ScenarioDefault = {
  field: 'feeScheduleYear',
  value: null,
  display: 'the newest fee schedule year loaded',
  label: LABEL_REFERENCE_DATA,
  source: 'CMS Physician Fee Schedule national non-facility amounts, RVU x conversion factor (DOMAIN.md 2.3).',
};

export const DEFAULT_PATIENT_WEIGHT_KG: ScenarioDefault<number> = {
  field: 'patientWeightKg',
  value: 80,
  display: '80 kg',
  label: LABEL_ASSUMPTION,
  source:
    'DOMAIN.md 2.8 and DESIGN.md DOSE(): weight-based doses use 80 kg unless a weight is given. A round ' +
    'adult weight, somewhat below the US adult mean (NCHS National Health Statistics Reports no. 122, 2018: ' +
    'NHANES 2015-2016, men 197.9 lb, about 90 kg; women 170.6 lb, about 77 kg); enter the practice\'s own ' +
    'patients\' weight where it differs.',
};

export const DEFAULT_DRUG_WEIGHT_KG: ScenarioDefault = {
  field: 'drugs[].weightKg',
  value: null,
  display: "the scenario's patientWeightKg",
  label: LABEL_ASSUMPTION,
  source: 'One patient weight for the whole scenario unless a drug\'s patients differ (DOMAIN.md 2.8).',
};

export const DEFAULT_DRUG_DOSE: ScenarioDefault = {
  field: 'drugs[].dose',
  value: null,
  display: "the catalog's maintenance dose (for the patient weight)",
  label: LABEL_CATALOG,
  source:
    'Drug catalog (reference/drug-catalog-seed.csv), from each product\'s prescribing information; the ' +
    'epoetin alfa dose is an assumption.',
};

export const DEFAULT_DRUG_DISCONTINUATION_RATE: ScenarioDefault<number> = {
  field: 'drugs[].discontinuationRate',
  value: 0.15,
  display: '15% a year',
  label: LABEL_ASSUMPTION,
  source:
    'Assumption, not a published figure. Patients stop chronic infused biologics for loss of response, side ' +
    'effects, switching and insurance changes. Outpatient infliximab cohorts see a third or more lose ' +
    'response within a year (Teshima et al., Can J Gastroenterol 2009: 63.6% still responding at 54 weeks), ' +
    'but many are dose-intensified rather than stopped, and MS therapies such as ocrelizumab keep patients ' +
    'longer. Set it per drug from the practice\'s own records.',
};

export const DEFAULT_DRUG_ACQUISITION_PER_UNIT: ScenarioDefault = {
  field: 'drugs[].acquisitionPerUnit',
  value: null,
  display: 'the derived ASP per billing unit',
  label: LABEL_ASSUMPTION,
  source:
    'DOMAIN.md 2.7: practices buy near ASP, an average net sales price (derived from the payment limit as ' +
    'DOMAIN.md 2.1 says). Replace it with the distributor contract price.',
};

export const DEFAULT_DRUG_INFUSION_MINUTES: ScenarioDefault = {
  field: 'drugs[].infusionMinutes',
  value: null,
  display: "the catalog's typical infusion time",
  label: LABEL_CATALOG,
  source: 'Drug catalog, from each product\'s prescribing information (0 for SC products).',
};

export const DEFAULT_DRUG_CHAIR_EXTRA_MINUTES: ScenarioDefault = {
  field: 'drugs[].chairExtraMinutes',
  value: null,
  display: "the catalog's preparation and observation time",
  label: LABEL_CATALOG,
  source: 'Drug catalog; e.g. natalizumab and ocrelizumab carry an observation hour (DOMAIN.md 2.8).',
};

export const DEFAULT_DRUG_COMPLEXITY: ScenarioDefault = {
  field: 'drugs[].complexity',
  value: null,
  display: "the catalog's administration complexity",
  label: LABEL_CATALOG,
  source:
    'Monoclonal antibodies and complex biologics are coded as complex administration (Noridian article ' +
    '10529; CMS CR 13468); IV iron, IVIG, zoledronic acid and plain SC products as therapeutic (DOMAIN.md 2.3).',
};

/** Payers the prior-authorization default leaves out: there is no insurer to authorize a self-pay patient. */
export const PRIOR_AUTH_EXEMPT_PAYER_IDS: readonly string[] = ['SELF_PAY'];

/** The prior-authorization default, written once: every payer of `payerIds` but the exempt ones. */
export function defaultPriorAuthPayers(payerIds: readonly string[]): string[] {
  return payerIds.filter((id) => !PRIOR_AUTH_EXEMPT_PAYER_IDS.includes(id));
}

export const DEFAULT_DRUG_PRIOR_AUTH_PAYERS: ScenarioDefault = {
  field: 'drugs[].priorAuthPayers',
  value: null,
  display: 'every payer of the scenario except SELF_PAY',
  label: LABEL_ASSUMPTION,
  source:
    'DOMAIN.md 1, step 4: the practice secures authorization before scheduling, so no infusion is given ' +
    'unpaid; a self-pay patient has no insurer to ask. Conservative for MEDICARE: traditional Medicare does ' +
    'not generally require prior authorization of Part B drugs, but practices still verify coverage against ' +
    'the local coverage determination; list the payers explicitly to leave MEDICARE out.',
};

export const DEFAULT_PAYER_TERMS: ScenarioDefault = {
  field: 'payers[].<term>',
  value: null,
  display: "the built-in profile's term (the payer's own built-in id, or basedOn)",
  label: LABEL_PAYER_PROFILE,
  source:
    'Revised payer defaults: Medicare collection 95% (KFF, sources of supplemental coverage); Medicare ' +
    'Advantage sequestration passed through (CMS 2013/2014 letters, JD Supra; APTA), collection 90%, denial ' +
    'write-off 2% (Premier 2024; Health Affairs 2025); Medicaid administration 72% of the fee schedule (KFF ' +
    'Medicaid-to-Medicare Fee Index); commercial ASP + 15%, administration 150% (HCPro 2009), collection 90%, ' +
    'write-off 2%; self-pay on manufacturer free drug (NICA; RxAssist), collection 6% (Crowe Horwath). Each ' +
    'source is listed on the Sources sheet.',
};

export const DEFAULT_UTILIZATION_TARGET: ScenarioDefault<number> = {
  field: 'program.utilizationTarget',
  value: 0.8,
  display: '80%',
  label: LABEL_ASSUMPTION,
  source: 'DOMAIN.md 2.8; Advisory Board infusion benchmarks: practices schedule to about 80% and see about 70% actual.',
};

export const DEFAULT_PLANNING_MONTHS: ScenarioDefault<number> = {
  field: 'program.planningMonths',
  value: 6,
  display: '6 months',
  label: LABEL_ASSUMPTION,
  source: 'DOMAIN.md 1, step 5 and 2.9: plan over about 6 months, then launch.',
};

export const DEFAULT_HORIZON_MONTHS: ScenarioDefault<number> = {
  field: 'program.horizonMonths',
  value: 36,
  display: '36 months',
  label: LABEL_ASSUMPTION,
  source: 'DOMAIN.md 2.9: a 36-month projection after the planning period.',
};

export const DEFAULT_DISTRIBUTOR_TERMS_DAYS: ScenarioDefault<number> = {
  field: 'program.distributorTermsDays',
  value: 30,
  display: '30 days',
  label: LABEL_ASSUMPTION,
  source: 'DOMAIN.md 2.9: drug paid on distributor terms, default 30 days.',
};

export const DEFAULT_INVENTORY_DAYS_ON_HAND: ScenarioDefault<number> = {
  field: 'program.inventoryDaysOnHand',
  value: 7,
  display: '7 days',
  label: LABEL_ASSUMPTION,
  source: 'Assumption: about a week of drug use on the shelf (specialty distributors deliver in a day or two); enter your own stock level.',
};

export const DEFAULT_PRIOR_AUTH_DELAY_DAYS: ScenarioDefault<number> = {
  field: 'program.priorAuthDelayDays',
  value: 14,
  display: '14 days',
  label: LABEL_ASSUMPTION,
  source: 'DOMAIN.md 2.8: prior authorization delays the first dose, default 14 days.',
};

export const DEFAULT_WHITE_BAG_HANDLING_COST: ScenarioDefault<number> = {
  field: 'program.whiteBagHandlingCost',
  value: 0,
  display: '$0 per white-bagged administration',
  label: LABEL_ASSUMPTION,
  source:
    'DOMAIN.md 5.1: a white-bagged drug is shipped by the payer\'s specialty pharmacy for one patient; the practice ' +
    'receives, stores and tracks it. Enter the practice\'s own handling cost.',
};

export const DEFAULT_PROMPT_PAY_DISCOUNT: ScenarioDefault<number> = {
  field: 'program.promptPayDiscount',
  value: 0,
  display: '0% off the default (ASP) acquisition price',
  label: LABEL_ASSUMPTION,
  source: 'DOMAIN.md 5.6: distributors commonly give about 2% for payment within terms; enter the practice\'s own. Applies to the ASP default only, not to a contract price.',
};

export const DEFAULT_GPO_DISCOUNT: ScenarioDefault<number> = {
  field: 'program.gpoDiscount',
  value: 0,
  display: '0% off the default (ASP) acquisition price',
  label: LABEL_ASSUMPTION,
  source: 'DOMAIN.md 5.6: a group purchasing organization\'s discount, if the practice has one. Applies to the ASP default only.',
};

export const DEFAULT_PAYER_COVERAGE: ScenarioDefault = {
  field: 'payers[].<coverage>',
  value: null,
  display: "the built-in profile's patient coverage (deductible, out-of-pocket maximum, supplemental coverage)",
  label: LABEL_PAYER_PROFILE,
  source:
    'DOMAIN.md 5.7: Medicare Part B deductible $283 in 2026 and no out-of-pocket limit (CMS, 2026 Medicare Parts A & B ' +
    'Premiums and Deductibles); Medicare Advantage in-network MOOP limit $9,250 (CMS CY2026 Rate Announcement); ' +
    'commercial deductible $1,787 (KFF Employer Health Benefits Survey 2024) and the ACA 2026 self-only limit $10,600; ' +
    'each with its source in src/engine/patient.ts.',
};

export const DEFAULT_ACCESS_RISK_THRESHOLD: ScenarioDefault<number> = {
  field: 'program.accessRiskThreshold',
  value: 2000,
  display: '$2,000 a year',
  label: LABEL_ASSUMPTION,
  source:
    'Assumption (issue 11): the annual out-of-pocket above which a patient is counted at risk of not starting ' +
    'therapy without help; set the practice\'s own.',
};

/** All defaults, in the order of the fields in the format. */
export const SCENARIO_DEFAULTS: readonly ScenarioDefault[] = [
  DEFAULT_QUARTER,
  DEFAULT_FEE_SCHEDULE_YEAR,
  DEFAULT_PATIENT_WEIGHT_KG,
  DEFAULT_DRUG_DOSE,
  DEFAULT_DRUG_WEIGHT_KG,
  DEFAULT_DRUG_DISCONTINUATION_RATE,
  DEFAULT_DRUG_ACQUISITION_PER_UNIT,
  DEFAULT_DRUG_INFUSION_MINUTES,
  DEFAULT_DRUG_CHAIR_EXTRA_MINUTES,
  DEFAULT_DRUG_COMPLEXITY,
  DEFAULT_DRUG_PRIOR_AUTH_PAYERS,
  DEFAULT_PAYER_TERMS,
  DEFAULT_PAYER_COVERAGE,
  DEFAULT_UTILIZATION_TARGET,
  DEFAULT_PLANNING_MONTHS,
  DEFAULT_HORIZON_MONTHS,
  DEFAULT_DISTRIBUTOR_TERMS_DAYS,
  DEFAULT_INVENTORY_DAYS_ON_HAND,
  DEFAULT_PRIOR_AUTH_DELAY_DAYS,
  DEFAULT_WHITE_BAG_HANDLING_COST,
  DEFAULT_PROMPT_PAY_DISCOUNT,
  DEFAULT_GPO_DISCOUNT,
  DEFAULT_ACCESS_RISK_THRESHOLD,
];
