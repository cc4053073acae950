/**
 * DOMAIN.md 2.6: the built-in payer profiles. Every figure here is a DEFAULT (an assumption the user can
 * change), not a rule, except Medicare fee-for-service's sequestration and its use of the file's
 * co-insurance percentage, which are rules (DOMAIN.md 2.5).
 *
 * Sources for the defaults: commercial ASP + 15-20% and administration at about 150% of Medicare (HCPro
 * 2009; Great-West ASP + 20%); uninsured patients pay about 6 cents on the dollar (Crowe Horwath);
 * Medicare Advantage denied 6.4% of prior-authorization requests in 2023 (KFF 2025). Days to payment:
 * Medicare about 14-30 days (DOMAIN.md 2.9); the other payers' days are assumptions.
 */
import type { DrugRule, PayerProfile } from './types';

export const BUILTIN_PAYER_IDS = ['MEDICARE', 'MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL', 'SELF_PAY'] as const;
export type BuiltinPayerId = (typeof BUILTIN_PAYER_IDS)[number];

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
    collectionRate: 1,
    denialWriteOff: 0,
    paysDiscarded: true,
    daysToPayment: 21,
    priorAuthDenialRate: 0,
  },
  {
    id: 'MEDICARE_ADVANTAGE',
    name: 'Medicare Advantage',
    drugRule: { kind: 'payment_limit', factor: 1 },
    adminPercentOfFeeSchedule: 1,
    drugCoinsurance: 0.2,
    adminCoinsurance: 0.2,
    sequestration: 0,
    collectionRate: 1,
    denialWriteOff: 0,
    paysDiscarded: true,
    daysToPayment: 30,
    // KFF 2025: 6.4% of Medicare Advantage prior-authorization requests denied in 2023.
    priorAuthDenialRate: 0.064,
  },
  {
    id: 'MEDICAID',
    name: 'Medicaid',
    drugRule: { kind: 'payment_limit', factor: 1 },
    adminPercentOfFeeSchedule: 1,
    drugCoinsurance: 0,
    adminCoinsurance: 0,
    sequestration: 0,
    collectionRate: 1,
    denialWriteOff: 0,
    paysDiscarded: true,
    daysToPayment: 45,
    priorAuthDenialRate: 0,
  },
  {
    id: 'COMMERCIAL',
    name: 'Commercial',
    drugRule: { kind: 'asp_plus', percent: 0.15 },
    adminPercentOfFeeSchedule: 1.5,
    drugCoinsurance: 0.2,
    adminCoinsurance: 0.2,
    sequestration: 0,
    collectionRate: 1,
    denialWriteOff: 0,
    paysDiscarded: true,
    daysToPayment: 45,
    priorAuthDenialRate: 0,
  },
  {
    id: 'SELF_PAY',
    name: 'Self-pay (uninsured)',
    drugRule: { kind: 'payment_limit', factor: 1 },
    adminPercentOfFeeSchedule: 1,
    drugCoinsurance: 1,
    adminCoinsurance: 1,
    sequestration: 0,
    collectionRate: 0.06,
    denialWriteOff: 0,
    paysDiscarded: true,
    daysToPayment: 60,
    priorAuthDenialRate: 0,
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
