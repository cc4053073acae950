import { additionalHours, adminCodes, formatAdminCodes } from '../../src/engine/admin';
import { ReferenceBook } from '../../src/engine/book';
import { dec, roundCents, roundUnitPrice } from '../../src/engine/decimal';
import { DomainError } from '../../src/engine/errors';
import { type AdministrationSpec, administrationEconomics } from '../../src/engine/economics';
import { builtinPayer, drugRuleFigure, drugRuleOf } from '../../src/engine/payers';
import type { PayerProfile } from '../../src/engine/types';
import { chooseVials, dispense } from '../../src/engine/units';
import { referenceData } from './fixture';

const book = new ReferenceBook(referenceData);
const payer = (id: string): PayerProfile => {
  const p = builtinPayer(id);
  if (!p) throw new Error(id);
  return p;
};
const infliximab = (dose: number, overrides: Partial<AdministrationSpec> = {}): AdministrationSpec => ({
  hcpcs: 'J1745', dose: dec(dose), route: 'IV', complexity: 'complex', minutes: 120, acquisitionPerUnit: null, wacPerUnit: null, ...overrides,
});

describe('billing units, vials and waste (DOMAIN.md 2.4)', () => {
  it('bills 31 units and 9 JW units for 305 mg of infliximab from four 100 mg vials', () => {
    // 305 mg / 10 mg = 30.5 -> 31 units; vials of 10 units: 4 x 10 = 40 units cover 30.5; JW = 40 - 31 = 9.
    const d = dispense(dec(305), dec(10), [10]);
    expect(d.unitsAdministered).toBe(31);
    expect(d.vials.vialCount).toBe(4);
    expect(d.jwUnits).toBe(9);
    expect(d.modifier).toBe('JW');
  });

  it('takes 4 x 80 mg, not one 400 mg vial, for 300 mg of tocilizumab (least total amount, not greedy)', () => {
    // Totals that cover 300: 320 (4x80), 360 (2x80+200), 400 (2x200 or 1x400) -> 320 is least.
    const c = chooseVials(dec(300), [80, 200, 400]);
    expect(c.vials).toEqual([{ size: 80, count: 4 }]);
    expect(c.totalUnits.toNumber()).toBe(320);
  });

  it('breaks a tie in total amount by the fewest vials', () => {
    // 400 mg: 1 x 400 = 400 and 2 x 200 = 400 and 5 x 80 = 400 tie on amount; one vial wins.
    expect(chooseVials(dec(400), [80, 200, 400]).vials).toEqual([{ size: 400, count: 1 }]);
  });

  it('marks JZ when the vials hold exactly the dose', () => {
    // 400 mg infliximab = 40 units = 4 vials of 10 units; nothing discarded.
    const d = dispense(dec(400), dec(10), [10]);
    expect([d.jwUnits, d.modifier]).toEqual([0, 'JZ']);
  });

  it('handles a huge dose exactly by filling the bulk with the largest vial', () => {
    // 1,000,010 units from 80/200/400: every total is a multiple of 40, so the least cover is 1,000,040
    // = 2499 x 400 + 440, and 440 = 200 + 3 x 80 is the fewest vials for 440 (no 40-unit vial exists).
    const c = chooseVials(dec(1000010), [80, 200, 400]);
    expect(c.totalUnits.toNumber()).toBe(1000040);
    expect(c.vials).toEqual([{ size: 400, count: 2499 }, { size: 200, count: 1 }, { size: 80, count: 3 }]);
  });

  it('works with fractional vial sizes (0.5 unit syringes)', () => {
    // 1.2 units from 0.5 and 1: least total 1.5 (1 + 0.5), two items.
    const c = chooseVials(dec('1.2'), [0.5, 1]);
    expect(c.totalUnits.toString()).toBe('1.5');
    expect(c.vialCount).toBe(2);
  });
});

describe('administration codes (DOMAIN.md 2.3)', () => {
  it.each([
    [90, 0], [91, 1], [120, 1], [150, 1], [151, 2], [210, 2],
  ])('%i minutes carry %i additional hours', (minutes, extra) => {
    expect(additionalHours(minutes)).toBe(extra);
  });

  it('codes 210 minutes of a complex infusion as 96413 + 2 x 96415, $190.05 in 2026', () => {
    const lines = adminCodes('IV', 'complex', 210);
    expect(formatAdminCodes(lines)).toBe('96413, 96415, 96415');
    // 2026: 96413 = 3.99 x 33.4009 = 133.2696 -> 133.27; 96415 = 0.85 x 33.4009 = 28.3908 -> 28.39.
    // 133.27 + 2 x 28.39 = 190.05
    const fees = book.feeTable(2026);
    const total = lines.reduce((s, l) => s.plus(fees.amount(l.code).times(l.units)), dec(0));
    expect(total.toFixed(2)).toBe('190.05');
  });

  it('uses push codes up to 15 minutes and injection codes for SC', () => {
    expect(formatAdminCodes(adminCodes('IV', 'therapeutic', 15))).toBe('96374');
    expect(formatAdminCodes(adminCodes('IV', 'complex', 15))).toBe('96409');
    expect(formatAdminCodes(adminCodes('IV', 'therapeutic', 16))).toBe('96365');
    expect(formatAdminCodes(adminCodes('SC', 'therapeutic', 0))).toBe('96372');
    expect(formatAdminCodes(adminCodes('SC', 'complex', 0))).toBe('96401');
  });

  it('reproduces every DOMAIN.md 2.3 amount as RVU x CF rounded to cents', () => {
    const expected2025: Record<string, string> = { '96365': '57.90', '96366': '19.41', '96367': '26.52', '96372': '13.91', '96374': '33.96', '96375': '14.23', '96401': '66.31', '96409': '92.51', '96413': '119.36', '96415': '25.55', '96417': '58.87' };
    const expected2026: Record<string, string> = { '96365': '67.14', '96366': '21.38', '96367': '29.73', '96372': '15.36', '96374': '37.74', '96375': '15.70', '96401': '71.81', '96409': '104.54', '96413': '133.27', '96415': '28.39', '96417': '66.47' };
    for (const [code, amount] of Object.entries(expected2025)) expect(book.feeTable(2025).amount(code).toFixed(2)).toBe(amount);
    for (const [code, amount] of Object.entries(expected2026)) expect(book.feeTable(2026).amount(code).toFixed(2)).toBe(amount);
  });
});

describe('ASP derivation (DOMAIN.md 2.1)', () => {
  it('divides an ordinary payment limit by 1.06 and never multiplies it by 1.06 again', () => {
    // 32.423 / 1.06 = 30.58773584905660377...
    expect(roundUnitPrice(book.asp('J1745')).toFixed(3)).toBe('30.588');
    expect(book.price('J1745').paymentLimit.toFixed(3)).toBe('32.423');
  });

  it("derives a biosimilar's ASP with the 8% add-on of the reference product's ASP", () => {
    // Q5121: 23.811 - 0.08 x (32.423 / 1.06) = 23.811 - 2.447018867924528 = 21.363981132075472
    expect(book.asp('Q5121').toSignificantDigits(15).toString()).toBe('21.3639811320755');
  });

  it('uses the 6% rule for a biosimilar without the 8% note', () => {
    const data = { ...referenceData, quarters: [{ ...referenceData.quarters[0]!, rows: referenceData.quarters[0]!.rows.map((r) => (r.hcpcs === 'Q5121' ? { ...r, notes: '' } : r)) }] };
    // 23.811 - 0.06 x 30.58773584905660 = 23.811 - 1.835264150943396 = 21.975735849056604
    expect(new ReferenceBook(data).asp('Q5121').toSignificantDigits(15).toString()).toBe('21.9757358490566');
  });
});

describe('one administration, per payer (DOMAIN.md 2.5-2.7)', () => {
  it('collects 98.4% of the Medicare allowed amount at 20% coinsurance and full collection', () => {
    // allowed A; share 0.2A; paid 0.8A x 0.98 = 0.784A; collected 0.784A + 0.2A = 0.984A.
    const e = administrationEconomics(book, infliximab(400), { ...payer('MEDICARE'), collectionRate: 1 });
    expect(e.collected.div(e.allowed).toString()).toBe('0.984');
  });

  it('collects 97.4% of the Medicare allowed amount at the default 95% collection of the patient share (DOMAIN.md 5.2)', () => {
    // allowed A; share 0.2A; paid 0.8A x 0.98 = 0.784A; collected 0.784A + 0.2A x 0.95 = 0.784A + 0.19A = 0.974A.
    const e = administrationEconomics(book, infliximab(400), payer('MEDICARE'));
    expect(e.collected.div(e.allowed).toString()).toBe('0.974');
  });

  it('prices 400 mg of infliximab for Medicare, worked by hand', () => {
    // Drug: 40 units x 32.423 = 1296.92. Admin 120 min: 96413 133.27 + 96415 28.39 = 161.66. Allowed 1458.58.
    // DOMAIN.md 5.2, collection 95%: net = 0.974 x 1458.58 = 1420.65692. Cost = 40 x 32.423 / 1.06 = 1223.50943396...
    // Margin = 1420.65692 - 1223.50943396 = 197.14748604 -> 197.15. Recovery = 0.974 x 1.06 = 1.03244.
    const e = administrationEconomics(book, infliximab(400), payer('MEDICARE'));
    expect(e.allowedDrug.toFixed(2)).toBe('1296.92');
    expect(e.allowedAdmin.toFixed(2)).toBe('161.66');
    expect(e.netRevenue.toString()).toBe('1420.65692');
    expect(roundCents(e.drugCost).toFixed(2)).toBe('1223.51');
    expect(roundCents(e.margin).toFixed(2)).toBe('197.15');
    expect(e.recovery?.toString()).toBe('1.03244');
    expect(e.underwater).toBe(false);
  });

  it('prices 400 mg of infliximab for the default commercial contract (ASP + 15%, admin 150%)', () => {
    // Rate 32.423 / 1.06 x 1.15 = 35.17589622...; 40 units -> 1407.0358 -> 1407.04.
    // Admin: 133.27 x 1.5 = 199.905 -> 199.91; 28.39 x 1.5 = 42.585 -> 42.59; 242.50. Allowed 1649.54.
    // DOMAIN.md 5.2: no sequestration, 90% of the 20% share collected, 2% denial write-off: kept share
    // (0.8 + 0.2 x 0.9) x 0.98 = 0.98 x 0.98 = 0.9604; net = 1649.54 x 0.9604 = 1584.218216 -> 1584.22;
    // margin = 1584.218216 - 1223.50943396 = 360.70878204 -> 360.71.
    const e = administrationEconomics(book, infliximab(400), payer('COMMERCIAL'));
    expect(e.allowedDrug.toFixed(2)).toBe('1407.04');
    expect(e.allowedAdmin.toFixed(2)).toBe('242.50');
    expect(e.netRevenue.toString()).toBe('1584.218216');
    expect(roundCents(e.margin).toFixed(2)).toBe('360.71');
  });

  it("uses the file's 17.585% coinsurance on denosumab's drug line and 20% on administration", () => {
    // Drug 60 x 29.457 = 1767.42; admin 96372 = 15.36; allowed 1782.78.
    // Share = 1767.42 x 0.17585 + 15.36 x 0.2 = 310.800807 + 3.072 = 313.872807.
    // Paid = (1782.78 - 313.872807) x 0.98 = 1439.52904914; collected (95% of the share, DOMAIN.md 5.2) =
    // 1439.52904914 + 313.872807 x 0.95 = 1439.52904914 + 298.17916665 = 1737.70821579.
    const e = administrationEconomics(book, { hcpcs: 'J0897', dose: dec(60), route: 'SC', complexity: 'therapeutic', minutes: 0, acquisitionPerUnit: null, wacPerUnit: null }, payer('MEDICARE'));
    expect(e.patientShare.toString()).toBe('313.872807');
    expect(e.collected.toString()).toBe('1737.70821579');
  });

  it('collects 6% of the administration from self-pay patients, whose drug is free (DOMAIN.md 5.1)', () => {
    // Free drug: drug allowed 0 and cost 0. Coinsurance 100%: share = admin 161.66, paid 0,
    // collected 0.06 x 161.66 = 9.6996; margin 9.6996; recovery not applicable, never underwater.
    const e = administrationEconomics(book, infliximab(400), payer('SELF_PAY'));
    expect(e.allowedDrug.toString()).toBe('0');
    expect(e.drugCost.toString()).toBe('0');
    expect(e.collected.toString()).toBe('9.6996');
    expect(e.margin.toString()).toBe('9.6996');
    expect(e.recovery).toBe('not applicable');
    expect(e.underwater).toBe(false);
  });

  it('collects 6% of the allowed amount from a self-pay patient when the practice buys the drug', () => {
    // Buy-and-bill by choice: share = allowed 1458.58, paid 0, collected 0.06 x 1458.58 = 87.5148; underwater.
    const e = administrationEconomics(book, infliximab(400, { drugSource: { source: 'buy_and_bill', whiteBagShare: 0 } }), payer('SELF_PAY'));
    expect(e.collected.toString()).toBe('87.5148');
    expect(e.underwater).toBe(true);
  });

  it('bills the JW line at the same rate and charges the whole vials as cost', () => {
    // 305 mg: 31 units x 32.423 = 1005.113 -> 1005.11; JW 9 x 32.423 = 291.807 -> 291.81.
    // Cost = 40 units x 32.423/1.06 = 1223.50943396.
    const e = administrationEconomics(book, infliximab(305), payer('MEDICARE'));
    expect(e.allowedDrugAdministered.toFixed(2)).toBe('1005.11');
    expect(e.allowedDrugDiscarded.toFixed(2)).toBe('291.81');
    expect(roundCents(e.drugCost).toFixed(2)).toBe('1223.51');
  });

  it('does not pay the JW line for a payer that refuses discarded drug, and applies denial write-offs', () => {
    const p: PayerProfile = { ...payer('MEDICAID'), id: 'X', paysDiscarded: false, denialWriteOff: 0.1 };
    // 305 mg: only 31 units paid, 1005.11; admin at Medicaid's 72% (DOMAIN.md 5.2): 133.27 x 0.72 = 95.9544 -> 95.95
    // and 28.39 x 0.72 = 20.4408 -> 20.44, 116.39; allowed 1121.50; coinsurance 0: net = 1121.50 x 0.9 = 1009.35.
    const e = administrationEconomics(book, infliximab(305), p);
    expect(e.jwUnitsBilled).toBe(0);
    expect(e.netRevenue.toString()).toBe('1009.35');
  });

  it('uses a contract acquisition price when given', () => {
    // 40 units x 29.00 = 1160.00 cost; Medicare net 1420.65692 (above); margin 260.65692.
    const e = administrationEconomics(book, infliximab(400, { acquisitionPerUnit: dec(29) }), payer('MEDICARE'));
    expect(e.margin.toString()).toBe('260.65692');
    expect(e.acquisitionIsDefault).toBe(false);
  });

  it('prices percent-of-WAC and fixed-per-unit contracts', () => {
    const wac: PayerProfile = { ...payer('COMMERCIAL'), id: 'W', drugRule: { kind: 'wac_percent', percent: 0.9 } };
    // 40 x (40 x 0.9 = 36) = 1440.00
    expect(administrationEconomics(book, infliximab(400, { wacPerUnit: dec(40) }), wac).allowedDrug.toFixed(2)).toBe('1440.00');
    expect(() => administrationEconomics(book, infliximab(400), wac)).toThrow('J1745: the WAC per unit (payer W pays a percent of WAC) is not known');
    const fixed: PayerProfile = { ...payer('COMMERCIAL'), id: 'F', drugRule: { kind: 'fixed_per_unit', amount: 31.5 } };
    expect(administrationEconomics(book, infliximab(400), fixed).allowedDrug.toFixed(2)).toBe('1260.00');
  });

  it('refuses a zero or negative dose with a message naming the argument', () => {
    expect(() => administrationEconomics(book, infliximab(0), payer('MEDICARE'))).toThrow('dose: must be a positive amount, not 0');
  });
});

describe('drug and quarter resolution', () => {
  it('resolves codes, generic and brand names in any case, and a shared name to the reference product', () => {
    expect(book.resolveDrug(' remicade ')).toBe('J1745');
    expect(book.resolveDrug('INFLIXIMAB')).toBe('J1745');
    expect(book.resolveDrug('avsola')).toBe('Q5121');
    expect(book.resolveDrug('j0897')).toBe('J0897');
    expect(book.resolveDrug('J7777')).toBe('J7777');
  });

  it('fails with #N/A-kind errors naming the unknown drug or quarter', () => {
    expect(() => book.resolveDrug('J0000')).toThrow('Unknown drug "J0000"');
    try {
      book.quarterTable('2019Q1');
      throw new Error('no failure');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).kind).toBe('not_available');
      expect((e as DomainError).message).toBe('Unknown quarter "2019Q1" (loaded: 2025Q4, 2026Q1)');
    }
    expect(() => book.price('J9999')).toThrow('J9999 has no payment limit in 2026Q1');
  });

  it('reads an older quarter through the quarter argument', () => {
    expect(book.price('J1745', '2025q4').paymentLimit.toFixed(3)).toBe('30.000');
  });

  it('uses crosswalk vial sizes for a code outside the catalog', () => {
    // J7777: 5 mg units, vials of 2 and 4 units; 23 mg -> 4.6 units -> 5 units administered; vials 4 + 2 = 6 units; JW 1.
    const d = dispense(dec(23), book.billingUnit('J7777').amount, book.vialSizes('J7777'));
    expect([d.unitsAdministered, d.vials.totalUnits.toNumber(), d.jwUnits]).toEqual([5, 6, 1]);
  });
});

describe('drug rules as one kind and one number', () => {
  it('reads and builds each kind of rule', () => {
    expect(drugRuleOf('asp_plus', 0.12)).toEqual({ kind: 'asp_plus', percent: 0.12 });
    expect(drugRuleOf('payment_limit', 0.95)).toEqual({ kind: 'payment_limit', factor: 0.95 });
    expect(drugRuleOf('wac_percent', 0.9)).toEqual({ kind: 'wac_percent', percent: 0.9 });
    expect(drugRuleOf('fixed_per_unit', 31.5)).toEqual({ kind: 'fixed_per_unit', amount: 31.5 });
    expect(['payment_limit', 'asp_plus', 'wac_percent', 'fixed_per_unit'].map((k) => drugRuleFigure(drugRuleOf(k as 'asp_plus', 7)))).toEqual([7, 7, 7, 7]);
  });
});
