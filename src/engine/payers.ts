/**
 * DOMAIN.md 5.2 (which revises 2.6): the built-in payer profiles. Every figure here is a DEFAULT (an
 * assumption the user can change), not a rule, except Medicare fee-for-service's sequestration and its use of
 * the file's co-insurance percentage, which are rules (DOMAIN.md 2.5). Each default's public source is in
 * `PAYER_DEFAULT_SOURCES` below (shown on the board's Sources sheet) and next to the figure.
 */
import type { DrugRule, PayerProfile } from './types';

export const BUILTIN_PAYER_IDS = ['MEDICARE', 'MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL', 'SELF_PAY'] as const;
export type BuiltinPayerId = (typeof BUILTIN_PAYER_IDS)[number];

/** One public source behind the built-in payer defaults. */
export interface PayerDefaultSource {
  /** What it backs, e.g. "MEDICAID administration 72% of the fee schedule". */
  readonly backs: string;
  /** The public document. */
  readonly source: string;
}

/** The public sources of the built-in payer defaults (DOMAIN.md 5.1-5.2), for the Sources sheet and the pane. */
export const PAYER_DEFAULT_SOURCES: readonly PayerDefaultSource[] = [
  {
    backs: 'MEDICARE: 2% sequestration of the Medicare-paid portion, after coinsurance (a rule)',
    source: 'CMS Medicare FFS Provider e-News, 8 March 2013; CRS report R45106, "Medicare and Budget Sequestration" (through FY2032)',
  },
  {
    backs: 'MEDICARE: 95% of the patient share collected',
    source:
      'KFF, "A Snapshot of Sources of Coverage Among Medicare Beneficiaries" (MCBS 2023): 87% of people in traditional Medicare have supplemental coverage (Medigap, employer, Medicaid) that pays the 20% coinsurance; about 13% have none, so less than all of it is collected',
  },
  {
    backs: 'MEDICARE_ADVANTAGE: 2% sequestration passed through by contract',
    source:
      'CMS letters of 1 May 2013 and 17 April 2014 (reported by JD Supra / King & Spalding, "CMS further clarifies that contract language..."; APTA, "Medicare Advantage Sequestration"): whether an MA plan passes the 2% cut to contracted providers is governed by the contract, and many plans do',
  },
  {
    backs: 'MEDICARE_ADVANTAGE and COMMERCIAL: 90% of the patient share collected; 2% of revenue written off to denials',
    source:
      'Premier Inc. survey of 2022 claims (2024): 15.7% of MA and 13.9% of commercial claims initially denied, 54.3% of denials overturned; Vabson, Hicks & Chernew, Health Affairs 44(6) 2025: MA denials not overturned cut provider revenue 7%. With prior authorization secured before scheduling far fewer infusion claims are lost: 2% is an assumption; collection of the 20% coinsurance from non-Medicare patients is an assumption',
  },
  {
    backs: 'MEDICARE_ADVANTAGE: 6.4% of prior-authorization requests denied (volume, not the claim)',
    source: 'KFF, "Medicare Advantage Insurers Made Nearly 50 Million Prior Authorization Determinations in 2023" (2025)',
  },
  {
    backs: 'MEDICAID: administration at 72% of the Medicare fee schedule',
    source:
      'KFF State Health Facts, "Medicaid-to-Medicare Fee Index" (all services 0.72 in 2019; Zuckerman, Skopec & Aarons, "Medicaid Physician Fees Remained Substantially Below Fees Paid By Medicare In 2019", Health Affairs 40(2) 2021)',
  },
  {
    backs: 'COMMERCIAL: drug at ASP + 15%, administration at 150% of the fee schedule',
    source: 'HCPro, community oncology commercial contracts ASP + 15-20% and administration about 150% of Medicare (2009); Great-West ASP + 20%',
  },
  {
    backs: 'SELF_PAY: free drug from the manufacturer; 6% of the patient share collected',
    source:
      'NICA (National Infusion Center Association), "The Pharmacoeconomics of Patient Assistance Programs" (2022) and RxAssist: uninsured patients are enrolled in manufacturer patient-assistance programs that supply the drug; Crowe Horwath benchmark: uninsured patients pay about 6 cents on the dollar',
  },
  {
    backs: 'Every other payer: buy-and-bill, 0% white-bagged (enter your payers\' mandates)',
    source: 'Frier Levitt, "Flurry of State Legislative Activity on White Bagging and Site of Service Policies" (2023): payer-mandated white bagging is spreading across payers and drugs',
  },
];

export const BUILTIN_PAYERS: readonly PayerProfile[] = [
  {
    id: 'MEDICARE',
    name: 'Medicare fee-for-service',
    drugRule: { kind: 'payment_limit', factor: 1 },
    adminPercentOfFeeSchedule: 1,
    drugCoinsurance: 'file',
    adminCoinsurance: 0.2,
    // 2% sequestration of the Medicare-paid portion through FY2032 (CMS 2013 letter; CRS R45106): a rule.
    sequestration: 0.02,
    // KFF MCBS 2023: about 13% of traditional-Medicare enrollees have no supplemental coverage.
    collectionRate: 0.95,
    denialWriteOff: 0,
    paysDiscarded: true,
    daysToPayment: 21,
    priorAuthDenialRate: 0,
    drugSource: 'buy_and_bill',
    whiteBagShare: 0,
  },
  {
    id: 'MEDICARE_ADVANTAGE',
    name: 'Medicare Advantage',
    drugRule: { kind: 'payment_limit', factor: 1 },
    adminPercentOfFeeSchedule: 1,
    drugCoinsurance: 0.2,
    adminCoinsurance: 0.2,
    // CMS 2013/2014 letters (JD Supra; APTA): MA contracts commonly pass the 2% sequestration through.
    sequestration: 0.02,
    collectionRate: 0.9,
    // Premier 2024; Health Affairs 2025: denials not overturned (an assumption after prior authorization).
    denialWriteOff: 0.02,
    paysDiscarded: true,
    daysToPayment: 30,
    // KFF 2025: 6.4% of Medicare Advantage prior-authorization requests denied in 2023.
    priorAuthDenialRate: 0.064,
    drugSource: 'buy_and_bill',
    whiteBagShare: 0,
  },
  {
    id: 'MEDICAID',
    name: 'Medicaid',
    drugRule: { kind: 'payment_limit', factor: 1 },
    // KFF Medicaid-to-Medicare Fee Index: all services 0.72 (2019).
    adminPercentOfFeeSchedule: 0.72,
    drugCoinsurance: 0,
    adminCoinsurance: 0,
    sequestration: 0,
    collectionRate: 1,
    denialWriteOff: 0,
    paysDiscarded: true,
    daysToPayment: 45,
    priorAuthDenialRate: 0,
    drugSource: 'buy_and_bill',
    whiteBagShare: 0,
  },
  {
    id: 'COMMERCIAL',
    name: 'Commercial',
    drugRule: { kind: 'asp_plus', percent: 0.15 },
    adminPercentOfFeeSchedule: 1.5,
    drugCoinsurance: 0.2,
    adminCoinsurance: 0.2,
    sequestration: 0,
    collectionRate: 0.9,
    denialWriteOff: 0.02,
    paysDiscarded: true,
    daysToPayment: 45,
    priorAuthDenialRate: 0,
    drugSource: 'buy_and_bill',
    whiteBagShare: 0,
  },
  {
    id: 'SELF_PAY',
    name: 'Self-pay (uninsured)',
    drugRule: { kind: 'payment_limit', factor: 1 },
    adminPercentOfFeeSchedule: 1,
    drugCoinsurance: 1,
    adminCoinsurance: 1,
    sequestration: 0,
    // Crowe Horwath: uninsured patients pay about 6 cents on the dollar.
    collectionRate: 0.06,
    denialWriteOff: 0,
    paysDiscarded: true,
    daysToPayment: 60,
    priorAuthDenialRate: 0,
    // NICA; RxAssist: the uninsured get the drug from the manufacturer's patient-assistance program.
    drugSource: 'free_drug',
    whiteBagShare: 0,
  },
];

const BY_ID: ReadonlyMap<string, PayerProfile> = new Map(BUILTIN_PAYERS.map((p) => [p.id, p]));

/** The built-in profile with this id (any case), or undefined. */
export function builtinPayer(id: string): PayerProfile | undefined {
  return BY_ID.get(id.trim().toUpperCase());
}

/** The one number of a drug rule: the payment-limit factor, the percent, or the amount per unit. */
export function drugRuleFigure(rule: DrugRule): number {
  switch (rule.kind) {
    case 'payment_limit':
      return rule.factor;
    case 'asp_plus':
    case 'wac_percent':
      return rule.percent;
    case 'fixed_per_unit':
      return rule.amount;
  }
}

/** The drug rule of a kind with its one number. */
export function drugRuleOf(kind: DrugRule['kind'], figure: number): DrugRule {
  switch (kind) {
    case 'payment_limit':
      return { kind, factor: figure };
    case 'asp_plus':
    case 'wac_percent':
      return { kind, percent: figure };
    case 'fixed_per_unit':
      return { kind, amount: figure };
  }
}
