/**
 * A quarter's price change for a formulary (DOMAIN.md 2.10), worked by hand between two real quarters: the
 * CMS files effective October 2025 (2025Q4) and January 2026 (2026Q1), read from ../shared/cms as CMS
 * publishes them. Catalog facts and the 2026 fee schedule come from the engine fixture (DOMAIN.md 2.3).
 *
 * The rows used, as the files state them (HCPCS, dosage, payment limit, co-insurance %, notes):
 *   2025Q4  J1745 10 MG 31.090 20.000        Q5121 10 MG 20.405 20.000 "8% of reference add-on applied"
 *           J0897  1 MG 29.380 17.508 "Inflation-adjusted coinsurance"
 *   2026Q1  J1745 10 MG 32.423 20.000        Q5121 10 MG 23.811 20.000 "8% of reference add-on applied"
 *           J0897  1 MG 29.457 17.585 "Inflation-adjusted coinsurance"
 *
 * The formulary: infliximab (J1745) and its biosimilar Avsola (Q5121) at 5 mg/kg for a 61 kg patient = 305 mg
 * = 31 units of 10 mg administered from four 100 mg vials, 9 units discarded (JW): 40 units billed (the CGS
 * example of DOMAIN.md 2.4); Q5121 bought at a contract price of $21.00 a unit; denosumab (J0897) 60 mg = 60
 * units from one 60 mg syringe, nothing discarded. Payers: Medicare and Commercial (ASP + 15%, administration
 * at 150%), half each, on the defaults of DOMAIN.md 5.2: Medicare collects 95% of the patient share, so a line
 * with 20% coinsurance keeps 0.8 x 0.98 + 0.2 x 0.95 = 0.974 of its allowed amount; Commercial collects 90% and
 * writes off 2%: (0.8 + 0.2 x 0.9) x 0.98 = 0.9604. One new patient a month for each drug from the first month (no ramp), nobody stops,
 * no prior authorization; a 24-month horizon.
 *
 * Administration fees (2026, national): J1745/Q5121 120 minutes complex = 96413 133.27 + one 96415 28.39 =
 * 161.66 for Medicare; Commercial 150%: 199.905 -> 199.91 and 42.585 -> 42.59 = 242.50. J0897 SC therapeutic
 * = 96372 15.36; Commercial 23.04.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePaymentLimitCsv } from '../../src/cms';
import { ReferenceBook } from '../../src/engine/book';
import { Dec, dec, roundCents } from '../../src/engine/decimal';
import {
  administrationsInLastYear,
  compareImportedQuarter,
  diffQuarters,
  quarterImpact,
  quarterImpactReport,
  type DrugImpact,
  type QuarterImpact,
} from '../../src/engine/impact';
import { builtinPayer } from '../../src/engine/payers';
import type { PaymentLimitQuarter } from '../../src/engine/reference';
import type { DrugLineInput, ModelInput, PayerProfile } from '../../src/engine/types';
import { catalog, referenceData } from './fixture';

const CMS = path.join(__dirname, '../../../shared/cms/asp-pricing-files');
const read = (name: string): PaymentLimitQuarter => parsePaymentLimitCsv(new Uint8Array(readFileSync(path.join(CMS, name))), name);
const OCT_2025 = read('section 508 version of Oct 2025 ASP Pricing File 091725.csv');
const JAN_2026 = read('section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv');

const book = new ReferenceBook({ ...referenceData, quarters: [OCT_2025, JAN_2026] });

function line(hcpcs: string, overrides: Partial<DrugLineInput> = {}): DrugLineInput {
  const drug = catalog.find((d) => d.hcpcs === hcpcs);
  if (drug === undefined) throw new Error(`fixture has no ${hcpcs}`);
  return {
    hcpcs, label: drug.brand, route: drug.route, complexity: drug.complexity, dose: drug.dose, regimen: drug.regimen,
    weightKg: 61, infusionMinutes: drug.infusionMinutes, chairExtraMinutes: drug.chairExtraMinutes, vialSizes: drug.vialSizes,
    acquisitionPerUnit: null, wacPerUnit: null, newPatientsPerMonth: 1, rampMonths: 0, discontinuationRate: 0,
    priorAuthPayers: [], distributorVerified: true, ...overrides,
  };
}

const payer = (id: string): PayerProfile => builtinPayer(id) as PayerProfile;

const input: ModelInput = {
  name: 'worked example', practiceName: 'test', quarter: '2026Q1', feeScheduleYear: 2026,
  drugs: [line('J1745'), line('Q5121', { acquisitionPerUnit: 21 }), line('J0897')],
  payers: [{ profile: payer('MEDICARE'), weight: 0.5 }, { profile: payer('COMMERCIAL'), weight: 0.5 }],
  program: {
    chairs: 4, hoursPerDay: 9, daysPerMonth: 21, utilizationTarget: 0.8, chairsPerNurse: 2.5, fixedCosts: [], startupCosts: 0,
    planningMonths: 6, horizonMonths: 24, discountRate: 0, distributorTermsDays: 30, priorAuthDelayDays: 14,
    priorAuthStaffMinutes: 0, staffHourlyCost: 0,
  },
};

const cents = (d: Dec): string => roundCents(d).toFixed(2);

function drug(impact: QuarterImpact, hcpcs: string): DrugImpact {
  const found = impact.drugs.find((d) => d.hcpcs === hcpcs);
  if (found === undefined) throw new Error(`no ${hcpcs} in the impact`);
  return found;
}

describe('quarterImpact: 2025Q4 -> 2026Q1, worked by hand', () => {
  const impact = quarterImpact(input, { book, quarter: '2025Q4' }, { book, quarter: '2026Q1' });
  const report = quarterImpactReport(impact);

  it('names the quarters and keeps the input fee schedule for both', () => {
    expect([impact.from, impact.to, impact.feeScheduleYear]).toEqual(['2025Q4', '2026Q1', 2026]);
  });

  describe('J1745 infliximab (Remicade)', () => {
    const d = drug(impact, 'J1745');

    it('bills 31 + 9 JW = 40 units in both quarters, and the payment limit rises 31.090 -> 32.423', () => {
      expect([d.old?.unitsAdministered, d.old?.jwUnits, d.old?.unitsBilled]).toEqual([31, 9, 40]);
      expect(d.new?.unitsBilled).toBe(40);
      expect(d.old?.paymentLimit.toFixed(3)).toBe('31.090');
      expect(d.new?.paymentLimit.toFixed(3)).toBe('32.423');
      // 32.423 - 31.090 = 1.333 a unit.
      expect(d.change?.paymentLimitPerUnit.toString()).toBe('1.333');
    });

    it('changes Medicare\'s allowed drug line by 1.333 x 40 = 53.32 an administration, 53.32 x 141 = 7,518.12 a year', () => {
      expect(d.change?.perAdministration.toString()).toBe('53.32');
      // Doses on days 0, 14, 42, then every 56: months (day / (364/12)) 0, 0, 1, 3, 5, 6, 8, 10, 12, 14, 16, 18,
      // 19, 21, 23. With one new patient a month and nobody stopping, operating month k holds the doses of
      // every cohort, i.e. the doses of one patient in months 0..k-1: months 13-24 hold 9, 9, 10, 10, 11, 11,
      // 12, 13, 13, 14, 14, 15 = 141.
      expect(d.administrationsPerYear.toString()).toBe('141');
      expect(d.change?.perYear.toString()).toBe('7518.12');
    });

    it('re-runs the economics: Medicare margin 195.52 -> 197.15, Commercial 355.45 -> 360.70', () => {
      // 2026Q1 Medicare: drug lines 31 x 32.423 = 1005.113 -> 1005.11 and 9 x 32.423 = 291.807 -> 291.81, allowed
      // 1296.92; + administration 161.66 = 1458.58; net 1458.58 x 0.974 = 1420.65692;
      // cost (ASP) 40 x 32.423 / 1.06 = 1223.50943396...; margin 1420.65692 - 1223.50943396 = 197.14748604.
      expect(cents(d.new?.perPayer[0]?.margin as Dec)).toBe('197.15');
      // 2025Q4 Medicare: allowed 40 x 31.090 = 1243.60 (963.79 + 279.81) + 161.66 = 1405.26; net x 0.974 = 1368.72324;
      // cost 1243.60 / 1.06 = 1173.20754717...; margin 195.51569283.
      expect(cents(d.old?.perPayer[0]?.margin as Dec)).toBe('195.52');
      // Commercial 2026Q1: rate ASP x 1.15 = 30.58773585 x 1.15 = 35.17589623; 31 x -> 1090.45, 9 x -> 316.58:
      // 1407.03 (each line rounded on its own); (1407.03 + 242.50) x 0.9604 = 1584.208612; - 1223.50943396 = 360.69917804.
      expect(cents(d.new?.perPayer[1]?.margin as Dec)).toBe('360.70');
      // Commercial 2025Q4: rate 29.33018868 x 1.15 = 33.72971698; 1045.62 + 303.57 = 1349.19; (1349.19 + 242.50) x 0.9604
      // = 1528.659076; - 1173.20754717 = 355.45152883.
      expect(cents(d.old?.perPayer[1]?.margin as Dec)).toBe('355.45');
    });

    it('moves the mix margin 275.48 -> 278.92: +3.44 an administration, +485.00 a year', () => {
      // (195.51569283 + 355.45152883) / 2 = 275.48361083; (197.14748604 + 360.69917804) / 2 = 278.92333204.
      expect(cents(d.old?.mix.margin as Dec)).toBe('275.48');
      expect(cents(d.new?.mix.margin as Dec)).toBe('278.92');
      // 278.92333204 - 275.48361083 = 3.43972121; x 141 = 485.00069026...
      expect(cents(d.change?.mixMarginPerAdministration as Dec)).toBe('3.44');
      expect(cents(d.change?.mixMarginPerYear as Dec)).toBe('485.00');
      // Net revenue: Medicare (1296.92 - 1243.60) x 0.974 = 51.93368; Commercial (1407.03 - 1349.19) x 0.9604 =
      // 55.549536; mix (51.93368 + 55.549536) / 2 = 53.741608.
      expect(d.change?.mixNetRevenuePerAdministration.toString()).toBe('53.741608');
    });
  });

  describe('Q5121 Avsola at $21.00 a unit', () => {
    const d = drug(impact, 'Q5121');

    it('rises 20.405 -> 23.811: +3.406 x 40 = 136.24 an administration, x 141 = 19,209.84 a year', () => {
      expect(d.change?.paymentLimitPerUnit.toString()).toBe('3.406');
      expect(d.change?.perAdministration.toString()).toBe('136.24');
      expect(d.change?.perYear.toString()).toBe('19209.84');
      // The rule's product, exact. A claim rounds its lines: 2025Q4 31 x 20.405 = 632.555 -> 632.56 and
      // 9 x 20.405 = 183.645 -> 183.65, 816.21 (not 816.20), so the claim's drug line rises by 136.23.
      expect(d.old?.perPayer[0]?.netRevenueDrug.toString()).toBe('794.98854'); // 816.21 x 0.974
    });

    it('stops being underwater for Medicare, Commercial and the mix', () => {
      // Cost 40 x 21 = 840. Medicare drug line: 2025Q4 816.21 x 0.974 = 794.98854 < 840 (underwater);
      // 2026Q1 952.44 x 0.974 = 927.67656 >= 840.
      // Commercial: 2025Q4 ASP = 20.405 - 0.08 x 31.090 / 1.06 = 18.05858491; x 1.15 = 20.76737264; lines
      // 643.79 + 186.91 = 830.70, x 0.9604 = 797.80428 < 840 (underwater); 2026Q1 ASP = 23.811 - 0.08 x 32.423 / 1.06
      // = 21.36398113; x 1.15 = 24.56857830; 761.63 + 221.12 = 982.75, x 0.9604 = 943.8331. Mix: (794.98854 +
      // 797.80428) / 2 = 796.39641 < 840, then (927.67656 + 943.8331) / 2 = 935.75483.
      expect(d.old?.perPayer.map((p) => p.underwater)).toEqual([true, true]);
      expect(d.new?.perPayer.map((p) => p.underwater)).toEqual([false, false]);
      expect(d.underwater).toEqual({ became: [], stopped: ['MEDICARE', 'COMMERCIAL'], mixBecame: false, mixStopped: true });
      expect(impact.stoppedUnderwater).toEqual([{ hcpcs: 'Q5121', label: 'Avsola', payers: ['MEDICARE', 'COMMERCIAL'], mix: true }]);
      expect(impact.becameUnderwater).toEqual([]);
    });

    it('gives new margins of 245.13 (Medicare), 336.73 (Commercial) and 290.93 (mix)', () => {
      // Medicare (952.44 + 161.66) x 0.974 - 840 = 1085.1334 - 840 = 245.1334; Commercial (982.75 + 242.50) x 0.9604
      // - 840 = 1176.7301 - 840 = 336.7301; mix (245.1334 + 336.7301) / 2 = 290.93175; before: Medicare
      // (816.21 + 161.66) x 0.974 - 840 = 112.44538, Commercial (830.70 + 242.50) x 0.9604 - 840 = 190.70128,
      // mix (112.44538 + 190.70128) / 2 = 151.57333.
      expect(report.drugs[1]?.new?.perPayer.map((p) => p.margin)).toEqual([245.13, 336.73]);
      expect(report.drugs[1]?.new?.mix.margin).toBe(290.93);
      expect(report.drugs[1]?.old?.mix.margin).toBe(151.57);
      // 290.93175 - 151.57333 = 139.35842 an administration; x 141 = 19649.53722.
      expect(report.drugs[1]?.change?.mixMarginPerAdministration).toBe(139.36);
      expect(report.drugs[1]?.change?.mixMarginPerYear).toBe(19649.54);
    });
  });

  describe('J0897 denosumab (Prolia)', () => {
    const d = drug(impact, 'J0897');

    it('rises 29.380 -> 29.457 with co-insurance 17.508% -> 17.585%: +0.077 x 60 = 4.62, x 42 = 194.04 a year', () => {
      expect([d.old?.coinsurance?.toString(), d.new?.coinsurance?.toString()]).toEqual(['0.17508', '0.17585']);
      expect([d.old?.jwUnits, d.new?.unitsBilled]).toEqual([0, 60]);
      expect(d.change?.perAdministration.toString()).toBe('4.62');
      // Doses every 182 days: months 0, 6, 12, 18; operating months 13-18 hold 3 doses, 19-24 hold 4: 6 x 3 + 6 x 4 = 42.
      expect(d.administrationsPerYear.toString()).toBe('42');
      expect(d.change?.perYear.toString()).toBe('194.04');
    });

    it('gives a new Medicare margin of 70.33 (was 70.23) using the file\'s co-insurance', () => {
      // 2026Q1: allowed 1767.42; patient 1767.42 x 0.17585 = 310.800807; Medicare (1767.42 - 310.800807) x 0.98 =
      // 1427.48680914; + 310.800807 x 0.95 = 295.26076665 -> 1722.74757579; + 15.36 x 0.974 = 14.96064 ->
      // 1737.70821579; cost 1767.42 / 1.06 = 1667.37735849...; margin 70.33085730.
      expect(cents(d.new?.perPayer[0]?.margin as Dec)).toBe('70.33');
      // 2025Q4: allowed 1762.80; patient x 0.17508 = 308.631024; (1762.80 - 308.631024) x 0.98 = 1425.08559648;
      // + 308.631024 x 0.95 = 293.1994728 -> 1718.28506928; + 14.96064 = 1733.24570928; cost 1762.80 / 1.06 =
      // 1663.01886792...; margin 70.22684136.
      expect(cents(d.old?.perPayer[0]?.margin as Dec)).toBe('70.23');
    });
  });

  it('adds up the year: 7,518.12 + 19,209.84 + 194.04 = 26,922.00 at Medicare\'s rate', () => {
    expect(impact.totals.perYear.toString()).toBe('26922');
    expect(report.totals.perYear).toBe(26922);
    expect(impact.unpriced).toEqual([]);
  });

  it('lists the same drugs as becoming underwater when the quarters are taken the other way round', () => {
    const back = quarterImpact(input, { book, quarter: '2026Q1' }, { book, quarter: '2025Q4' });
    expect(back.becameUnderwater).toEqual([{ hcpcs: 'Q5121', label: 'Avsola', payers: ['MEDICARE', 'COMMERCIAL'], mix: true }]);
    expect(back.stoppedUnderwater).toEqual([]);
    expect(drug(back, 'J1745').change?.perAdministration.toString()).toBe('-53.32');
  });
});

describe('drugs not priced in one of the quarters', () => {
  // The January 2026 file without infliximab's row: J1745 has no price, and Q5121 (ASP + 15% for Commercial)
  // needs its reference product's ASP (DOMAIN.md 2.1), so it cannot be priced either. J0897 still is.
  const withoutInfliximab: PaymentLimitQuarter = { ...JAN_2026, rows: JAN_2026.rows.filter((r) => r.hcpcs !== 'J1745') };
  const partial = new ReferenceBook({ ...referenceData, quarters: [OCT_2025, withoutInfliximab] });
  const impact = quarterImpact(input, { book: partial, quarter: '2025Q4' }, { book: partial, quarter: '2026Q1' });

  it('reports each with the reason and keeps the old figures', () => {
    expect(impact.unpriced).toEqual([
      { hcpcs: 'J1745', label: 'Remicade', quarter: '2026Q1', reason: 'J1745 has no payment limit in 2026Q1' },
      { hcpcs: 'Q5121', label: 'Avsola', quarter: '2026Q1', reason: 'J1745 has no payment limit in 2026Q1' },
    ]);
    const j1745 = drug(impact, 'J1745');
    expect([j1745.new, j1745.change, j1745.underwater]).toEqual([null, null, null]);
    expect(j1745.old?.paymentLimit.toFixed(3)).toBe('31.090');
    // Volume does not depend on price: still 141 a year.
    expect(j1745.administrationsPerYear.toString()).toBe('141');
  });

  it('still works out the drugs that are priced, and totals only those', () => {
    expect(drug(impact, 'J0897').change?.perYear.toString()).toBe('194.04');
    expect(impact.totals.perYear.toString()).toBe('194.04');
  });

  it('throws for a quarter that is not loaded at all', () => {
    expect(() => quarterImpact(input, { book, quarter: '2023Q3' }, { book, quarter: '2026Q1' })).toThrow('Unknown quarter "2023Q3"');
  });
});

describe('administrationsInLastYear', () => {
  it('sums the last 12 months, and scales a shorter projection up to a year', () => {
    const months = Array.from({ length: 15 }, (_, i) => dec(i + 1));
    // Months 4..15: 4 + 5 + ... + 15 = (4 + 15) x 12 / 2 = 114.
    expect(administrationsInLastYear(months).toString()).toBe('114');
    // Three months 1, 2, 3: 6 in a quarter -> 24 a year.
    expect(administrationsInLastYear(months.slice(0, 3)).toString()).toBe('24');
    expect(administrationsInLastYear([]).toString()).toBe('0');
  });
});

describe('diffQuarters on the real files', () => {
  // Counted independently of the parser with the shell: the first field of every data line (after row 9),
  // unique, then `comm` of the two sorted lists: 1012 codes in October 2025, 877 in January 2026; 21 only in
  // January (e.g. J0162, J1307, Q5136), 156 only in October (the skin substitutes Q4101-Q4367, and J0172,
  // J0287, J2545, 90670).
  const diff = diffQuarters(OCT_2025, JAN_2026, ['J1745', 'Q5121', 'J0897', 'Q4101', 'J0162', 'J3489']);

  it('counts rows and codes added and removed', () => {
    expect([diff.rowsFrom, diff.rowsTo]).toEqual([1012, 877]);
    expect(diff.added).toHaveLength(21);
    expect(diff.added.slice(0, 4)).toEqual(['J0162', 'J0164', 'J0458', 'J1307']);
    expect(diff.removed).toHaveLength(156);
    expect(diff.removed.slice(0, 4)).toEqual(['90670', 'J0172', 'J0287', 'J2545']);
    expect(diff.identical).toBe(false);
    // Every code in both is either repriced or kept; some are repriced with the same row otherwise.
    expect(diff.priceChanged + diff.unchanged).toBeLessThanOrEqual(877 - 21);
  });

  it('lists the watched codes whose payment limit changed or that one quarter lacks', () => {
    const byCode = Object.fromEntries(diff.watched.map((w) => [w.hcpcs, [w.from?.toFixed(3) ?? null, w.to?.toFixed(3) ?? null]]));
    expect(byCode['J1745']).toEqual(['31.090', '32.423']);
    expect(byCode['J0897']).toEqual(['29.380', '29.457']);
    expect(byCode['Q4101']?.[1]).toBeNull();
    expect(byCode['J0162']?.[0]).toBeNull();
  });

  it('finds a file identical to itself, whatever its name', () => {
    const same = diffQuarters(JAN_2026, { ...JAN_2026, source: 'renamed.csv', rows: [...JAN_2026.rows].reverse() });
    expect(same).toMatchObject({ identical: true, added: [], removed: [], priceChanged: 0, unchanged: 877 });
  });
});

describe('compareImportedQuarter', () => {
  // The data in use: 2026Q1 in full (the newest) and 2025Q4 as the embedded history keeps it (a few codes).
  const extract: PaymentLimitQuarter = { ...OCT_2025, rows: OCT_2025.rows.filter((r) => ['J1745', 'Q5121', 'J0897'].includes(r.hcpcs)) };
  const inUse = new ReferenceBook({ ...referenceData, quarters: [JAN_2026, extract] });

  it('compares a newer file forward from the newest quarter in use', () => {
    const april: PaymentLimitQuarter = {
      ...JAN_2026, quarter: '2026Q2', effective: 'Effective April 1, 2026 through June 30, 2026', effectiveFrom: '2026-04-01', effectiveTo: '2026-06-30',
      rows: JAN_2026.rows.map((r) => (r.hcpcs === 'J1745' ? { ...r, paymentLimit: '33.000' } : r)),
    };
    const c = compareImportedQuarter(inUse, april, input);
    expect([c.direction, c.becomesNewest, c.diff.from, c.diff.to, c.diff.priceChanged]).toEqual(['newer', true, '2026Q1', '2026Q2', 1]);
    // 33.000 - 32.423 = 0.577 x 40 = 23.08.
    expect(drug(c.impact as QuarterImpact, 'J1745').change?.perAdministration.toString()).toBe('23.08');
    expect(c.combined.newestQuarter).toBe('2026Q2');
    expect(inUse.newestQuarter).toBe('2026Q1');
  });

  it('compares an older file the other way round, from it to the quarter in use, using the full file', () => {
    const c = compareImportedQuarter(inUse, OCT_2025, input);
    expect([c.direction, c.becomesNewest, c.diff.from, c.diff.to, c.diff.rowsFrom]).toEqual(['older', false, '2025Q4', '2026Q1', 1012]);
    expect(drug(c.impact as QuarterImpact, 'J1745').change?.perYear.toString()).toBe('7518.12');
    // The full October file replaced the extract in the combined book.
    expect(c.combined.quarterTable('2025Q4').size).toBe(1012);
  });

  it('says there is no change for the same file, and compares a revised file of the same quarter', () => {
    expect(compareImportedQuarter(inUse, { ...JAN_2026, source: 'again.csv' }, input)).toMatchObject({ direction: 'identical', impact: null });
    const revised = { ...JAN_2026, rows: JAN_2026.rows.map((r) => (r.hcpcs === 'J0897' ? { ...r, paymentLimit: '30.000' } : r)) };
    const c = compareImportedQuarter(inUse, revised, input);
    expect([c.direction, c.diff.priceChanged]).toEqual(['revision', 1]);
    // 30.000 - 29.457 = 0.543 x 60 = 32.58 an administration.
    expect(drug(c.impact as QuarterImpact, 'J0897').change?.perAdministration.toString()).toBe('32.58');
  });
});
