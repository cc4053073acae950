/**
 * DOMAIN.md 5.7: what a patient pays, per administration and per year. Every expected figure is worked out by
 * hand from the January 2026 payment limits and the CY2026 fee schedule (DOMAIN.md 2.3):
 *   infliximab J1745: $32.423 per 10 mg, coinsurance 20.000%; 400 mg = 40 units -> drug allowed $1,296.92.
 *   ocrelizumab J2350: $59.324 per 1 mg; 600 mg -> $35,594.40; 300 mg -> $17,797.20.
 *   96413 = 3.99 x 33.4009 = $133.27; 96415 = 0.85 x 33.4009 = $28.39.
 *   120 min and 150 min -> 96413 + 96415 = $161.66; 210 min -> 96413 + 2 x 96415 = $190.05.
 */
import { ReferenceBook } from '../../src/engine/book';
import { type Dec, dec } from '../../src/engine/decimal';
import { DomainError } from '../../src/engine/errors';
import { type AdministrationSpec, administrationEconomics } from '../../src/engine/economics';
import {
  PATIENT_COVERAGE_DEFAULTS,
  claimOf,
  coverageOf,
  helpFor,
  patientShare,
  patientYear,
  patientYearEstimate,
  regimenYear,
} from '../../src/engine/patient';
import { builtinPayer } from '../../src/engine/payers';
import type { CatalogDrug, ReferenceData } from '../../src/engine/reference';
import type { PayerProfile } from '../../src/engine/types';
import { referenceData as fixture } from './fixture';

const ocrelizumab: CatalogDrug = {
  hcpcs: 'J2350', generic: 'ocrelizumab', brand: 'Ocrevus', referenceHcpcs: null, area: 'MS', route: 'IV', complexity: 'complex',
  dose: { kind: 'fixed', amount: 600 },
  // OCREVUS label (DOMAIN.md 5.3): 300 mg on days 0 and 14 (2.5 h), then 600 mg every 24 weeks (3.5 h).
  regimen: {
    loadingDays: [0, 14], maintenanceIntervalDays: 168, maxDoses: null,
    loadingDoses: [{ dose: { kind: 'fixed', amount: 300 }, minutes: 150 }, { dose: { kind: 'fixed', amount: 300 }, minutes: 150 }],
  },
  infusionMinutes: 210, chairExtraMinutes: 60, vialSizes: [300], labelNote: '',
};
const referenceData: ReferenceData = {
  ...fixture,
  catalog: [...fixture.catalog, ocrelizumab],
  quarters: fixture.quarters.map((q) =>
    q.quarter === '2026Q1'
      ? { ...q, rows: [...q.rows, { hcpcs: 'J2350', description: 'ocrelizumab', dosage: '1 MG', paymentLimit: '59.324', coinsurancePercent: '20.000', notes: '' }] }
      : q,
  ),
};
const book = new ReferenceBook(referenceData);
const payer = (id: string): PayerProfile => {
  const p = builtinPayer(id);
  if (!p) throw new Error(id);
  return p;
};
const spec = (hcpcs: string, dose: number, minutes: number): AdministrationSpec => ({
  hcpcs, dose: dec(dose), route: 'IV', complexity: 'complex', minutes, acquisitionPerUnit: null, wacPerUnit: null,
});
const claim = (hcpcs: string, dose: number, minutes: number, payerId: string) => claimOf(administrationEconomics(book, spec(hcpcs, dose, minutes), payer(payerId)));
const n = (d: Dec): number => d.toNumber();

describe('coverage defaults (DOMAIN.md 5.7)', () => {
  it('gives Medicare the CY2026 Part B deductible of $283 and no out-of-pocket limit', () => {
    expect(coverageOf(payer('MEDICARE'))).toEqual({ coverageType: 'medicare', annualDeductible: 283, outOfPocketMax: null, supplemental: 'none' });
  });

  it('gives Medicare Advantage the CY2026 in-network MOOP limit of $9,250', () => {
    expect(coverageOf(payer('MEDICARE_ADVANTAGE')).outOfPocketMax).toBe(9250);
  });

  it('gives commercial the KFF average single deductible and the ACA 2026 self-only limit of $10,600', () => {
    expect(coverageOf(payer('COMMERCIAL'))).toMatchObject({ annualDeductible: 1787, outOfPocketMax: 10600 });
  });

  it('labels every default and names its source', () => {
    for (const d of Object.values(PATIENT_COVERAGE_DEFAULTS)) {
      expect(d.label).toMatch(/^(rule|default)/);
      expect(d.source.length).toBeGreaterThan(20);
    }
  });

  it("lets a profile's own fields replace the defaults", () => {
    const p: PayerProfile = { ...payer('MEDICARE'), id: 'MEDICARE_G', supplemental: 'medigap_g' };
    // MEDICARE_G has no built-in coverage: commercial fallback for the rest, the profile's own supplemental.
    expect(coverageOf(p).supplemental).toBe('medigap_g');
  });
});

describe('one administration (DOMAIN.md 5.7)', () => {
  it('charges a Medicare patient with the full 2026 deductible remaining $518.11 for the first infliximab infusion of the year', () => {
    // allowed_drug = 40 x 32.423 = 1,296.92; allowed_admin = 133.27 + 28.39 = 161.66; D = 283.
    // ded_drug = min(283, 1,296.92) = 283; ded_admin = min(283 - 283, 161.66) = 0.
    // share = round2(283 + 0.2 x (1,296.92 - 283)) + round2(0 + 0.2 x 161.66)
    //       = round2(283 + 202.784) + round2(32.332) = 485.78 + 32.33 = 518.11; no cap for Medicare.
    const s = patientShare(claim('J1745', 400, 120, 'MEDICARE'), { deductibleRemaining: dec(283) });
    expect([n(s.deductibleDrug), n(s.deductibleAdmin), n(s.shareDrug), n(s.shareAdmin), n(s.patient)]).toEqual([283, 0, 485.78, 32.33, 518.11]);
    expect(s.capped).toBe(false);
  });

  it('charges the same patient with Medigap plan G only the Part B deductible, $283.00', () => {
    // Plan G pays everything but the Part B deductible: 518.11 - 283 = 235.11 paid by Medigap.
    const s = patientShare(claim('J1745', 400, 120, 'MEDICARE'), { deductibleRemaining: dec(283), supplemental: 'medigap_g' });
    expect([n(s.patient), n(s.supplementalPaid), n(s.share)]).toEqual([283, 235.11, 518.11]);
  });

  it('charges a dual-eligible (QMB) patient $0, Medicaid paying the whole $518.11', () => {
    const s = patientShare(claim('J1745', 400, 120, 'MEDICARE'), { deductibleRemaining: dec(283), supplemental: 'medicaid_qmb' });
    expect([n(s.patient), n(s.supplementalPaid)]).toEqual([0, 518.11]);
  });

  it('uses the CMS file coinsurance on the Medicare drug line and 20% on administration (denosumab 17.585%)', () => {
    // Prolia J0897 60 mg SC: 60 x 29.457 = 1,767.42; 96372 = 0.46 x 33.4009 = 15.36.
    // round2(0.17585 x 1,767.42) = round2(310.800807) = 310.80; round2(0.2 x 15.36) = round2(3.072) = 3.07; 313.87.
    const e = administrationEconomics(book, { ...spec('J0897', 60, 0), route: 'SC', complexity: 'therapeutic' }, payer('MEDICARE'));
    expect(n(patientShare(claimOf(e)).patient)).toBe(313.87);
  });

  it('splits a deductible larger than the drug line across the administration line', () => {
    // D = 1,400 on 1,296.92 + 161.66: ded_drug = 1,296.92, ded_admin = min(103.08, 161.66) = 103.08.
    // round2(1,296.92) + round2(103.08 + 0.2 x 58.58) = 1,296.92 + round2(114.796) = 1,296.92 + 114.80 = 1,411.72.
    const s = patientShare(claim('J1745', 400, 120, 'MEDICARE'), { deductibleRemaining: dec(1400) });
    expect([n(s.deductibleAdmin), n(s.patient)]).toEqual([103.08, 1411.72]);
  });

  it('caps the share at the out-of-pocket remaining', () => {
    // Medicare Advantage, D = 0: round2(0.2 x 1,296.92) + round2(0.2 x 161.66) = 259.38 + 32.33 = 291.71 > 100.
    const s = patientShare(claim('J1745', 400, 120, 'MEDICARE_ADVANTAGE'), { outOfPocketRemaining: dec(100) });
    expect([n(s.share), n(s.patient), s.capped]).toEqual([291.71, 100, true]);
  });

  it('charges only the administration share for a free drug (self-pay: 100% of $161.66) or a white-bagged one', () => {
    expect(n(patientShare(claim('J1745', 400, 120, 'SELF_PAY'), { drugSource: 'free_drug' }).patient)).toBe(161.66);
    // Commercial white bag: administration at 150%: 96413 133.27 x 1.5 = 199.905 -> 199.91; 96415 28.39 x 1.5 = 42.585 -> 42.59;
    // 242.50 x 20% = 48.50.
    expect(n(patientShare(claim('J1745', 400, 120, 'COMMERCIAL'), { drugSource: 'white_bag' }).patient)).toBe(48.5);
  });

  it('refuses a negative deductible remaining, naming it', () => {
    expect(() => patientShare(claim('J1745', 400, 120, 'MEDICARE'), { deductibleRemaining: dec(-1) })).toThrow(DomainError);
    expect(() => patientShare(claim('J1745', 400, 120, 'MEDICARE'), { deductibleRemaining: dec(-1) })).toThrow(/deductibleRemaining: must be 0 or more/);
  });
});

describe('a year (DOMAIN.md 5.7)', () => {
  it('caps a Medicare Advantage patient on Ocrevus at the $9,250 limit in month 7 of year 1 (300 mg x 2, then 600 mg)', () => {
    // Label regimen (DOMAIN.md 5.3): 300 mg on days 0 and 14 (150 min), 600 mg on day 196 (210 min). MA: 20%, no deductible.
    // 300 mg: round2(0.2 x 17,797.20) + round2(0.2 x 161.66) = 3,559.44 + 32.33 = 3,591.77, twice: 7,183.54.
    // 600 mg: round2(0.2 x 35,594.40) + round2(0.2 x 190.05) = 7,118.88 + 38.01 = 7,156.89, capped at 9,250 - 7,183.54 = 2,066.46.
    // Day 196 is in month floor(196 / (364/12)) + 1 = floor(6.46) + 1 = 7. Year: 9,250.00.
    const year = patientYear(
      [
        { day: 0, claim: claim('J2350', 300, 150, 'MEDICARE_ADVANTAGE') },
        { day: 196, claim: claim('J2350', 600, 210, 'MEDICARE_ADVANTAGE') },
        { day: 14, claim: claim('J2350', 300, 150, 'MEDICARE_ADVANTAGE') },
      ],
      { deductible: dec(0), outOfPocketMax: dec(9250) },
    );
    expect(year.lines.map((l) => [l.day, l.month, n(l.share.patient)])).toEqual([
      [0, 1, 3591.77],
      [14, 1, 3591.77],
      [196, 7, 2066.46],
    ]);
    expect([n(year.total), year.capReachedMonth]).toEqual([9250, 7]);
    expect(year.months.map((m) => n(m.cumulative))).toEqual([7183.54, 7183.54, 7183.54, 7183.54, 7183.54, 7183.54, 9250, 9250, 9250, 9250, 9250, 9250]);
  });

  it('meets a commercial deductible first and lets a $2,000 copay program pay in date order (infliximab 400 mg, year 1)', () => {
    // Commercial: ASP + 15%: 32.423 / 1.06 x 1.15 x 40 = 1,407.0358... -> 1,407.04; administration 199.91 + 42.59 = 242.50.
    // Deductible 1,787 (KFF), coinsurance 20%, OOP max 10,600. Year 1 days 0, 14, 42, 98, 154, 210, 266, 322.
    // #1: ded_drug 1,407.04, ded_admin min(379.96, 242.50) = 242.50 -> 1,649.54; deductible left 137.46.
    // #2: round2(137.46 + 0.2 x 1,269.58) + round2(0.2 x 242.50) = round2(391.376) + 48.50 = 391.38 + 48.50 = 439.88.
    // #3-#8: round2(0.2 x 1,407.04) + 48.50 = round2(281.408) + 48.50 = 281.41 + 48.50 = 329.91, six times = 1,979.46.
    // Total 1,649.54 + 439.88 + 1,979.46 = 4,068.88. Program: 1,649.54 on #1, 350.46 on #2 (2,000 in all); the patient
    // pays 439.88 - 350.46 = 89.42 on #2 and 329.91 after: net 4,068.88 - 2,000 = 2,068.88.
    const year = patientYearEstimate(
      book,
      { hcpcs: 'J1745', route: 'IV', complexity: 'complex', regimen: { loadingDays: [0, 14, 42], maintenanceIntervalDays: 56, maxDoses: null }, dose: dec(400), minutes: 120 },
      payer('COMMERCIAL'),
      1,
      { copayProgramMax: dec(2000) },
    );
    expect(year.lines.map((l) => n(l.share.patient))).toEqual([1649.54, 439.88, 329.91, 329.91, 329.91, 329.91, 329.91, 329.91]);
    expect(year.lines.map((l) => n(l.programPaid))).toEqual([1649.54, 350.46, 0, 0, 0, 0, 0, 0]);
    expect([n(year.total), n(year.programPaid), n(year.net), year.capReachedMonth]).toEqual([4068.88, 2000, 2068.88, null]);
    // Months: days 0, 14 -> 1; 42 -> 2; 98 -> 4; 154 -> 6; 210 -> 7; 266 -> 9; 322 -> 11.
    expect(year.lines.map((l) => l.month)).toEqual([1, 1, 2, 4, 6, 7, 9, 11]);
    expect(n(year.months[0]?.net as Dec)).toBe(89.42);
  });

  it('leaves a dual-eligible patient $0 for the whole year', () => {
    const year = patientYearEstimate(
      book,
      { hcpcs: 'J1745', route: 'IV', complexity: 'complex', regimen: { loadingDays: [0, 14, 42], maintenanceIntervalDays: 56, maxDoses: null }, dose: dec(400), minutes: 120 },
      payer('MEDICARE'),
      1,
      { supplemental: 'medicaid_qmb' },
    );
    expect([year.lines.length, n(year.total)]).toEqual([8, 0]);
  });

  it('prices the label regimen of Ocrevus at its own doses: 300 mg x 2 on days 0 and 14, 600 mg on day 182, capped in month 7', () => {
    // regimenYear: days 0 and 14 at 300 mg / 150 min (loading), 182 = 14 + 168 at 600 mg / 210 min; 350 is also in year 1.
    // 3,591.77 + 3,591.77 = 7,183.54; day 182: 7,156.89 capped at 2,066.46 (month floor(12 x 182 / 364) + 1 = 7); day 350: 0.
    const year = patientYearEstimate(
      book,
      { hcpcs: 'J2350', route: 'IV', complexity: 'complex', regimen: ocrelizumab.regimen, dose: dec(600), minutes: 210 },
      payer('MEDICARE_ADVANTAGE'),
      1,
    );
    expect(year.lines.map((l) => [l.day, n(l.share.patient)])).toEqual([
      [0, 3591.77],
      [14, 3591.77],
      [182, 2066.46],
      [350, 0],
    ]);
    expect([n(year.total), year.capReachedMonth, n(year.outOfPocketMax as Dec)]).toEqual([9250, 7, 9250]);
  });

  it('prices a payer white-bagging a share of its patients as one buy-and-bill patient, and a white-bag payer as administration only', () => {
    // COMMERCIAL with 40% white-bagged: one patient's claim is still the whole drug line; D = 0: 281.41 + 48.50 = 329.91.
    const drug = { hcpcs: 'J1745', route: 'IV' as const, complexity: 'complex' as const, regimen: { loadingDays: [0], maintenanceIntervalDays: null, maxDoses: 1 }, dose: dec(400), minutes: 120 };
    const share = { ...payer('COMMERCIAL'), whiteBagShare: 0.4 };
    expect(n(patientYearEstimate(book, drug, share, 1, { deductible: dec(0) }).total)).toBe(329.91);
    const bag = { ...payer('COMMERCIAL'), drugSource: 'white_bag' as const };
    expect(n(patientYearEstimate(book, drug, bag, 1, { deductible: dec(0) }).total)).toBe(48.5);
  });

  it('counts what was already met and spent this year', () => {
    // MA, OOP max 9,250 with 9,000 already spent: 250 left; the first 300 mg Ocrevus infusion (3,591.77) is capped at 250, month 1.
    const year = patientYear([{ day: 0, claim: claim('J2350', 300, 150, 'MEDICARE_ADVANTAGE') }], { deductible: dec(0), outOfPocketMax: dec(9250), outOfPocketSpent: dec(9000) });
    expect([n(year.total), year.capReachedMonth]).toEqual([250, 1]);
  });

  it('refuses a copay program for a Medicare patient and Medigap with a commercial plan', () => {
    const drug = { hcpcs: 'J1745', route: 'IV' as const, complexity: 'complex' as const, regimen: { loadingDays: [0], maintenanceIntervalDays: 56, maxDoses: null }, dose: dec(400), minutes: 120 };
    expect(() => patientYearEstimate(book, drug, payer('MEDICARE'), 1, { copayProgramMax: dec(5000) })).toThrow(/copayProgramMax: manufacturer copay programs are not allowed for Medicare or Medicaid/);
    expect(() => patientYearEstimate(book, drug, payer('COMMERCIAL'), 1, { supplemental: 'medigap_g' })).toThrow(/supplemental: Medigap plan G supplements traditional Medicare only/);
  });

  it('takes the administrations of a later year by date: infliximab year 2 holds days 378-714', () => {
    // Maintenance every 56 days from day 42: 378, 434, 490, 546, 602, 658, 714 are in days 364-727.
    expect(regimenYear({ loadingDays: [0, 14, 42], maintenanceIntervalDays: 56, maxDoses: null }, 2, dec(400), 120).map((s) => s.day)).toEqual([378, 434, 490, 546, 602, 658, 714]);
  });
});

describe('help that fits (DOMAIN.md 5.7)', () => {
  it('offers copay programs to commercial patients only and foundations to Medicare patients', () => {
    expect(helpFor(coverageOf(payer('COMMERCIAL')))).toEqual(['copay_program']);
    expect(helpFor(coverageOf(payer('MEDICARE')))).toEqual(['foundation']);
    expect(helpFor(coverageOf(payer('MEDICAID')))).toEqual(['none_needed']);
  });
});
