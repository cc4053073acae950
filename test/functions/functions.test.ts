/**
 * The INFUSION functions, called through the functions associated with their ids, on the embedded reference
 * data (CMS January 2026 payment limit file, 2026 fee schedule). Every expected value is worked out by hand
 * from DOMAIN.md, the arithmetic in the comment beside it. Figures used throughout:
 *   J1745 infliximab: payment limit 32.423 per 10 mg, coinsurance 20%, 100 mg vials (10 units), IV complex 120 min.
 *   ASP(J1745) = 32.423 / 1.06 = 30.587735849056603...
 *   2026 fees: 96413 = 3.99 x 33.4009 = 133.27; 96415 = 0.85 x 33.4009 = 28.39; 96372 = 0.46 x 33.4009 = 15.36.
 */
import { BUILTIN_PAYERS } from '../../src/engine/payers';
import type { PaymentLimitQuarter } from '../../src/engine/reference';
import type { PayerProfile } from '../../src/engine/types';
import { StandInError } from '../../src/functions/host';
import { store } from '../../src/functions/store';
import { call, functions, shown } from './support';

const builtin = (id: string): PayerProfile => BUILTIN_PAYERS.find((p) => p.id === id) as PayerProfile;

beforeAll(async () => {
  await functions();
});

afterEach(() => {
  store.reset();
});

describe('registration', () => {
  it('associates the 21 functions of DESIGN.md under their permanent ids', async () => {
    expect([...(await functions()).keys()].sort()).toEqual(
      ['ADMINCODES', 'ADMINFEE', 'ADMINISTRATIONS', 'ALLOWED', 'ASP', 'CHAIRHOURS', 'COST', 'DOSE', 'DRUGS', 'MARGIN', 'MIXMARGIN', 'PATIENTCOST', 'PATIENTYEAR', 'PAYERS', 'PAYMENTLIMIT', 'RECOVERY', 'REVENUE', 'SOURCE', 'UNITS', 'VIALS', 'WASTE'].sort(),
    );
  });
});

describe('PAYMENTLIMIT(drug, [quarter])', () => {
  it('reads the payment limit per billing unit from the newest file, by code, generic or brand, any case', () => {
    // CMS January 2026: J1745 ... 10 MG, 32.423.
    expect(call('PAYMENTLIMIT', 'J1745', null)).toBe(32.423);
    expect(call('PAYMENTLIMIT', ' remicade ', null)).toBe(32.423);
    expect(call('PAYMENTLIMIT', 'INFLIXIMAB')).toBe(32.423);
  });

  it('reads an older quarter when asked', () => {
    // CMS October 2025 file: J1745 31.090.
    expect(call('PAYMENTLIMIT', 'J1745', '2025Q4')).toBe(31.09);
  });

  it('works for a code outside the catalog (bevacizumab J9035, 73.632 per 10 mg)', () => {
    expect(call('PAYMENTLIMIT', 'J9035', null)).toBe(73.632);
  });

  it('answers #N/A for an unknown drug or quarter, naming it', () => {
    expect(shown(call('PAYMENTLIMIT', 'J9999', null))).toBe('#N/A Unknown drug "J9999"');
    expect(shown(call('PAYMENTLIMIT', 'J1745', '2019Q1'))).toMatch(/^#N\/A Unknown quarter "2019Q1" \(loaded: .*2026Q1\)$/);
  });
});

describe('ASP(drug, [quarter])', () => {
  it('divides an ordinary payment limit by 1.06', () => {
    // 32.423 / 1.06 = 30.5877... -> 30.588
    expect(call('ASP', 'J1745', null)).toBe(30.588);
    // Bevacizumab, outside the catalog: 73.632 / 1.06 = 69.46415... -> 69.464
    expect(call('ASP', 'J9035', null)).toBe(69.464);
  });

  it("derives a biosimilar's ASP with 8% of the reference product's ASP", () => {
    // Avsola Q5121, "8% of reference add-on applied": 23.811 - 0.08 x 30.58773585 = 23.811 - 2.44701887 = 21.36398 -> 21.364
    expect(call('ASP', 'Avsola', null)).toBe(21.364);
  });
});

describe('DOSE(drug, [weightKg])', () => {
  it('gives the catalog maintenance dose, for 80 kg by default', () => {
    // Infliximab 5 mg/kg x 80 kg = 400 mg; x 70 kg = 350 mg.
    expect(call('DOSE', 'infliximab', null)).toBe(400);
    expect(call('DOSE', 'J1745', 70)).toBe(350);
  });

  it('applies weight tiers and a maximum dose', () => {
    // Abatacept: < 60 kg 500 mg, 60-100 kg 750 mg, > 100 kg 1000 mg.
    expect(call('DOSE', 'Orencia', 55)).toBe(500);
    expect(call('DOSE', 'Orencia', null)).toBe(750);
    // Tocilizumab 8 mg/kg x 120 kg = 960 mg, capped at 800 mg.
    expect(call('DOSE', 'Actemra', 120)).toBe(800);
  });

  it('answers #N/A for a code outside the catalog and #VALUE! for a weight that is not one', () => {
    expect(shown(call('DOSE', 'J9035', null))).toBe('#N/A J9035 is not in the drug catalog, which holds its dose');
    expect(shown(call('DOSE', 'J1745', 0))).toBe('#VALUE! weightKg: must be a weight in kg above 0 and up to 1000, not 0');
  });
});

describe('UNITS, WASTE and VIALS (drug, dose)', () => {
  it('bills 31 units and 9 JW units for 305 mg of infliximab from four 100 mg vials (the CGS example)', () => {
    // 305 / 10 = 30.5 -> 31 units; 4 vials x 10 units = 40; JW = 40 - 31 = 9.
    expect(call('UNITS', 'J1745', 305)).toBe(31);
    expect(call('VIALS', 'J1745', 305)).toBe(4);
    expect(call('WASTE', 'J1745', 305)).toBe(9);
  });

  it('wastes nothing (JZ) when the vials hold the dose', () => {
    // 400 mg = 40 units = 4 vials of 10 units.
    expect(call('WASTE', 'J1745', 400)).toBe(0);
  });

  it('chooses the least total amount, not the largest vial', () => {
    // Tocilizumab 300 mg from 80/200/400 mg vials: 4 x 80 = 320 mg beats 2 x 80 + 200 = 360 and 400; JW = 20.
    expect(call('VIALS', 'J3262', 300)).toBe(4);
    expect(call('WASTE', 'J3262', 300)).toBe(20);
  });

  it("uses the crosswalk's vial sizes for a code outside the catalog", () => {
    // Bevacizumab J9035, 10 mg units, crosswalk items of 10 and 40 units (100 and 400 mg): 400 mg -> one 400 mg
    // vial; 500 mg = 50 units -> 40 + 10.
    expect(call('UNITS', 'J9035', 400)).toBe(40);
    expect(call('VIALS', 'J9035', 400)).toBe(1);
    expect(call('VIALS', 'J9035', 500)).toBe(2);
  });

  it('takes a number given as text, as Excel text cells hold them', () => {
    expect(call('UNITS', 'J1745', ' 305 ')).toBe(31);
  });

  it('refuses a dose that is missing, zero, negative, not a number, TRUE, or beyond 100 of the largest vial', () => {
    expect(shown(call('UNITS', 'J1745', null))).toBe('#VALUE! dose: is missing');
    expect(shown(call('UNITS', 'J1745', ''))).toBe('#VALUE! dose: is missing');
    expect(shown(call('UNITS', 'J1745', 0))).toBe('#VALUE! dose: must be a positive amount, not 0');
    expect(shown(call('WASTE', 'J1745', -5))).toBe('#VALUE! dose: must be a positive amount, not -5');
    expect(shown(call('VIALS', 'J1745', 'abc'))).toBe('#VALUE! dose: must be a number, not "abc"');
    expect(shown(call('VIALS', 'J1745', true))).toBe('#VALUE! dose: must be a number, not TRUE');
    // 100 vials of 100 mg = 10,000 mg; 10,001 mg is one unit more.
    expect(call('VIALS', 'J1745', 10000)).toBe(100);
    expect(shown(call('VIALS', 'J1745', 10001))).toBe(
      '#VALUE! dose: 10001 is more than 100 vials of the largest size (100 MG); check the dose and its measure',
    );
  });
});

describe('ADMINCODES(drug, [minutes])', () => {
  it('codes the catalog infusion time, or the minutes given (CPT time rules)', () => {
    // Infliximab 120 min, complex: 96413 + one 96415 (120 > 90).
    expect(call('ADMINCODES', 'J1745', null)).toBe('96413, 96415');
    // 210 min: ceil((210 - 90) / 60) = 2 additional hours.
    expect(call('ADMINCODES', 'J1745', 210)).toBe('96413, 96415, 96415');
    // 90 min: no additional hour.
    expect(call('ADMINCODES', 'J1745', 90)).toBe('96413');
  });

  it('codes SC injections and short IV pushes', () => {
    expect(call('ADMINCODES', 'Prolia', null)).toBe('96372'); // SC, therapeutic
    expect(call('ADMINCODES', 'Injectafer', null)).toBe('96374'); // IV 15 min, therapeutic: push
  });

  it('answers #N/A naming the missing catalog facts for a code outside the catalog', () => {
    expect(shown(call('ADMINCODES', 'J9035', 60))).toBe('#N/A J9035 is not in the drug catalog, which holds its route, complexity and infusion time');
  });

  it('refuses minutes outside 0 to 1440', () => {
    expect(shown(call('ADMINCODES', 'J1745', -1))).toBe('#VALUE! minutes: must be between 0 and 1440 minutes, not -1');
    expect(shown(call('ADMINCODES', 'J1745', 2000))).toBe('#VALUE! minutes: must be between 0 and 1440 minutes, not 2000');
  });
});

describe('ADMINFEE(drug, [payer], [minutes])', () => {
  it('prices 210 minutes of a complex infusion at $190.05 for Medicare (2026)', () => {
    // 96413 133.27 + 2 x 96415 28.39 = 190.05
    expect(call('ADMINFEE', 'J1745', null, 210)).toBe(190.05);
  });

  it("applies the commercial profile's 150% per line", () => {
    // 133.27 x 1.5 = 199.905 -> 199.91; 28.39 x 1.5 = 42.585 -> 42.59; 242.50.
    expect(call('ADMINFEE', 'J1745', 'COMMERCIAL', null)).toBe(242.5);
    // Prolia SC: 96372 = 15.36.
    expect(call('ADMINFEE', 'Prolia', null, null)).toBe(15.36);
  });
});

describe('ALLOWED, REVENUE, COST, MARGIN and RECOVERY for 400 mg of infliximab', () => {
  // Drug: 40 units x 32.423 = 1296.92. Admin (120 min): 133.27 + 28.39 = 161.66. Allowed 1458.58.
  it('allows $1458.58 from Medicare, the JW line included for 305 mg', () => {
    expect(call('ALLOWED', 'J1745', 400, null, null)).toBe(1458.58);
    // 305 mg: 31 x 32.423 = 1005.113 -> 1005.11; JW 9 x 32.423 = 291.807 -> 291.81; + 161.66 = 1458.58.
    expect(call('ALLOWED', 'J1745', 305, 'MEDICARE', null)).toBe(1458.58);
  });

  it('collects 97.4% of it from Medicare and 6% of the administration from self-pay (DOMAIN.md 5.1-5.2)', () => {
    // Medicare: share 20%, paid 80% x 0.98 = 78.4%, + 20% x 95% collected = 19%: 97.4%: 0.974 x 1458.58 = 1420.65692 -> 1420.66.
    expect(call('REVENUE', 'J1745', 400, null, null)).toBe(1420.66);
    // Self-pay on manufacturer free drug: administration only, coinsurance 100%, 6% collected: 0.06 x 161.66 = 9.6996 -> 9.70.
    expect(call('REVENUE', 'J1745', 400, 'self_pay', null)).toBe(9.7);
  });

  it('costs the four vials at ASP, or at a contract price', () => {
    // 40 units x 30.58773585 = 1223.509434 -> 1223.51; at $29.00: 40 x 29 = 1160.
    expect(call('COST', 'J1745', 400, null)).toBe(1223.51);
    expect(call('COST', 'J1745', 305, 29)).toBe(1160);
    // Outside the catalog: bevacizumab 400 mg = one 40-unit vial at 69.46415094 = 2778.566 -> 2778.57.
    expect(call('COST', 'J9035', 400, null)).toBe(2778.57);
  });

  it('earns $197.15 from Medicare and $360.71 on the default commercial contract', () => {
    // Medicare: 1420.65692 - 1223.50943396 = 197.14748604 -> 197.15.
    expect(call('MARGIN', 'J1745', 400, 'MEDICARE', null, null)).toBe(197.15);
    // Commercial: drug 30.58773585 x 1.15 x 40 = 1407.0358 -> 1407.04; admin 242.50; allowed 1649.54; 90% of the 20%
    // share collected and 2% written off (DOMAIN.md 5.2): x (0.8 + 0.18) x 0.98 = x 0.9604 = 1584.218216;
    // - 1223.50943396 = 360.70878204 -> 360.71.
    expect(call('MARGIN', 'Remicade', 400, 'COMMERCIAL', null, null)).toBe(360.71);
    // Contract price $29: 1420.65692 - 1160 = 260.65692 -> 260.66.
    expect(call('MARGIN', 'J1745', 400, null, 29, null)).toBe(260.66);
    // 210 minutes: admin 190.05; allowed 1486.97; x 0.974 = 1448.30878; - 1223.50943396 = 224.79934604 -> 224.80.
    expect(call('MARGIN', 'J1745', 400, null, null, 210)).toBe(224.8);
  });

  it('recovers 103.244% of drug cost from Medicare; not applicable for self-pay on free drug', () => {
    // Drug line net = 0.974 x 1296.92 over cost 1296.92 / 1.06: 0.974 x 1.06 = 1.03244.
    expect(call('RECOVERY', 'J1745', 400, null, null)).toBe(1.03244);
    // SELF_PAY gets the drug free (DOMAIN.md 5.1): the practice buys none, so recovery is "not applicable".
    expect(call('RECOVERY', 'J1745', 400, 'SELF_PAY', null)).toBe('not applicable');
  });

  it('answers #N/A for a payer that is not defined, and for margins of a code outside the catalog', () => {
    expect(shown(call('MARGIN', 'J1745', 400, 'ACME_PPO', null, null))).toBe('#N/A Unknown payer "ACME_PPO"');
    expect(shown(call('MARGIN', 'J9035', 400, null, null, null))).toBe(
      '#N/A J9035 is not in the drug catalog, which holds its route, complexity and infusion time',
    );
  });

  it('refuses 0.4 mg of infliximab as a unit mistake (grams typed for mg, DOMAIN.md 5.5)', () => {
    // Label maintenance dose 5 mg/kg x 80 kg = 400 mg; 0.4 / 400 = 0.1% < 10%.
    const message = '#VALUE! dose: 0.4 mg is under 10% of the label dose of 400 mg (5 mg/kg at 80 kg); doses are in mg';
    expect(shown(call('MARGIN', 'J1745', 0.4, null, null, null))).toBe(message);
    expect(shown(call('UNITS', 'J1745', 0.4))).toBe(message);
    expect(shown(call('COST', 'Remicade', 0.4, null))).toBe(message);
  });

  it('suggests the name meant for an unknown drug or payer', () => {
    expect(shown(call('MARGIN', 'Remicaid', 400, null, null, null))).toBe('#N/A Unknown drug "Remicaid"; did you mean "Remicade"?');
    expect(shown(call('MARGIN', 'J1745', 400, 'MEDICARE ADVANTAGE', null, null))).toBe('#N/A Unknown payer "MEDICARE ADVANTAGE"; did you mean "MEDICARE_ADVANTAGE"?');
  });

  it('refuses an acquisition price of zero', () => {
    expect(shown(call('MARGIN', 'J1745', 400, null, 0, null))).toBe('#VALUE! acquisitionPerUnit: must be a positive amount, not 0');
  });
});

describe('MIXMARGIN(drug, dose, payers, weights, [acquisitionPerUnit])', () => {
  it('weights each payer margin: half Medicare, half commercial', () => {
    // 0.5 x 197.14748604 + 0.5 x 360.70878204 = 278.92813404 -> 278.93
    expect(call('MIXMARGIN', 'J1745', 400, [['MEDICARE', 'COMMERCIAL']], [[0.5], [0.5]], null)).toBe(278.93);
  });

  it('accepts rows or columns, and a single payer with weight 1 equals that payer', () => {
    expect(call('MIXMARGIN', 'J1745', 400, [['MEDICARE'], ['COMMERCIAL']], [[0.5, 0.5]], null)).toBe(278.93);
    expect(call('MIXMARGIN', 'J1745', 400, 'COMMERCIAL', 1, null)).toBe(360.71);
  });

  it('refuses weights that do not sum to 1, ranges of different sizes, and 2-D ranges', () => {
    expect(shown(call('MIXMARGIN', 'J1745', 400, [['MEDICARE', 'COMMERCIAL']], [[0.5, 0.4]], null))).toBe('#VALUE! weights: sum to 0.9, must sum to 1');
    expect(shown(call('MIXMARGIN', 'J1745', 400, [['MEDICARE', 'COMMERCIAL']], [[0.5, 0.3, 0.2]], null))).toBe(
      '#VALUE! payers and weights must be the same size: 2 payers but 3 weights',
    );
    expect(shown(call('MIXMARGIN', 'J1745', 400, [['MEDICARE', 'COMMERCIAL'], ['MEDICAID', 'SELF_PAY']], [[0.25, 0.25], [0.25, 0.25]], null))).toBe(
      '#VALUE! payers: must be one row or one column, not 2 x 2 cells',
    );
    expect(shown(call('MIXMARGIN', 'J1745', 400, [['MEDICARE', 'NOBODY']], [[0.5, 0.5]], null))).toBe('#N/A Unknown payer "NOBODY"');
    expect(shown(call('MIXMARGIN', 'J1745', 400, [['MEDICARE', 'COMMERCIAL']], [[0.5, 'half']], null))).toBe('#VALUE! weights[2]: must be a number, not "half"');
  });
});

describe('ADMINISTRATIONS(drug, [year]) and CHAIRHOURS(drug, [minutes])', () => {
  it('counts infliximab administrations: 8 in year 1, 6.5 a year after', () => {
    // Days 0, 14, 42, then every 56: 98, 154, 210, 266, 322 -> 8 doses on days 0-363; steady state 364 / 56 = 6.5.
    expect(call('ADMINISTRATIONS', 'J1745', null)).toBe(8);
    expect(call('ADMINISTRATIONS', 'J1745', 2)).toBe(6.5);
  });

  it('counts a finite course once', () => {
    // Injectafer 750 mg x 2, days 0 and 7, a course a year (DOMAIN.md 5.3): 2 in year 1, 2 x 364 / 364 = 2 after.
    expect(call('ADMINISTRATIONS', 'Injectafer', 1)).toBe(2);
    expect(call('ADMINISTRATIONS', 'Injectafer', 3)).toBe(2);
    // Tepezza: 10 mg/kg then 20 mg/kg every 3 weeks, 8 in all: 8 in year 1, none after.
    expect(call('ADMINISTRATIONS', 'Tepezza', 1)).toBe(8);
    expect(call('ADMINISTRATIONS', 'Tepezza', 2)).toBe(0);
    // Rituxan for RA (DOMAIN.md 5.3): courses of two infusions every 168 days: days 0, 14, 168, 182, 336, 350 = 6
    // in year 1; 2 x 364 / 168 = 4.3333 after (4 decimals).
    expect(call('ADMINISTRATIONS', 'Rituxan', 1)).toBe(6);
    expect(call('ADMINISTRATIONS', 'Rituxan', 2)).toBe(4.3333);
    expect(shown(call('ADMINISTRATIONS', 'J1745', 1.5))).toBe('#VALUE! year: must be a whole number from 1 to 100, not 1.5');
  });

  it('adds preparation and observation time to the infusion', () => {
    // Infliximab (120 + 30) / 60 = 2.5 h; Ocrevus (210 + 60) / 60 = 4.5 h; infliximab over 90 min: (90 + 30) / 60 = 2.
    expect(call('CHAIRHOURS', 'J1745', null)).toBe(2.5);
    expect(call('CHAIRHOURS', 'Ocrevus', null)).toBe(4.5);
    expect(call('CHAIRHOURS', 'J1745', 90)).toBe(2);
  });
});

describe('DRUGS([area]), PAYERS() and SOURCE()', () => {
  it('spills the 43 catalog drugs below a header row', () => {
    const table = call('DRUGS', null) as unknown[][];
    expect(table).toHaveLength(44);
    expect(table[0]).toEqual(['HCPCS', 'Generic name', 'Brand', 'Reference product', 'Area', 'Route', 'Complexity', 'Billing unit', 'Dose at 80 kg', 'Infusion minutes', 'Chair minutes', 'Payment limit', 'Vial sizes (units)']);
    expect(table.find((r) => r[0] === 'J1745')).toEqual(['J1745', 'infliximab', 'Remicade', '', 'IBD/RA', 'IV', 'complex', '10 MG', 400, 120, 30, 32.423, '10']);
    expect(table.find((r) => r[0] === 'Q5121')?.[3]).toBe('J1745');
  });

  it('filters by area, matching each part of "IBD/RA"', () => {
    const ra = (call('DRUGS', 'ra') as unknown[][]).slice(1).map((r) => r[0]);
    expect(ra).toContain('J1745');
    expect(ra).toContain('J3262');
    expect(ra).not.toContain('J2350'); // MS
    expect(shown(call('DRUGS', 'dermatology'))).toMatch(/^#N\/A Unknown area "dermatology" \(areas: .*RA/);
  });

  it('spills the five built-in payer profiles, labelled as defaults', () => {
    const table = call('PAYERS') as unknown[][];
    expect(table.map((r) => r[0])).toEqual(['Payer', 'MEDICARE', 'MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL', 'SELF_PAY']);
    // DOMAIN.md 5.2: 90% of the patient share collected, 2% written off; buy and bill (5.1).
    expect(table[4]).toEqual(['COMMERCIAL', 'Commercial', 'ASP + 15%', 1.5, 0.2, 0.2, 0, 0.9, 0.02, true, 45, 'buy and bill', 'built-in default']);
    expect(table[5]?.[11]).toBe('free drug (manufacturer program)');
    expect(table[1]?.[4]).toBe('CMS file %');
  });

  it("names the CMS file's effective dates and the fee schedule year", () => {
    const source = call('SOURCE') as string;
    expect(source).toContain('2026Q1');
    expect(source).toContain('Effective January 1, 2026 through March 31, 2026');
    expect(source).toContain('CY2026');
  });
});

describe('the shared store', () => {
  const acme: PayerProfile = { ...builtin('COMMERCIAL'), id: 'ACME_PPO', name: 'Acme PPO', drugRule: { kind: 'asp_plus', percent: 0.12 } };

  it("resolves the scenario's payers, and recalculates after they change", () => {
    expect(shown(call('MARGIN', 'J1745', 400, 'ACME_PPO', null, null))).toBe('#N/A Unknown payer "ACME_PPO"');
    store.setPayers([acme]);
    // Drug 30.58773585 x 1.12 x 40 = 1370.330566 -> 1370.33; admin 150%: 242.50; allowed 1612.83; COMMERCIAL's
    // 90% collection and 2% write-off (DOMAIN.md 5.2): x 0.9604 = 1548.961932;
    // margin 1548.961932 - 1223.50943396 = 325.45249804 -> 325.45.
    expect(call('MARGIN', 'J1745', 400, 'acme_ppo', null, null)).toBe(325.45);
    expect((call('PAYERS') as unknown[][]).at(-1)).toEqual(['ACME_PPO', 'Acme PPO', 'ASP + 12%', 1.5, 0.2, 0.2, 0, 0.9, 0.02, true, 45, 'buy and bill', 'scenario']);
  });

  it('lets a scenario profile override a built-in of the same id', () => {
    store.setPayers([{ ...builtin('MEDICARE'), collectionRate: 0.5 }]);
    // Share 0.2 x 1458.58 = 291.716; paid (1458.58 - 291.716) x 0.98 = 1143.52672; collected + 0.5 x 291.716 =
    // 1289.38472; margin 1289.38472 - 1223.50943396 = 65.87528604 -> 65.88.
    expect(call('MARGIN', 'J1745', 400, null, null, null)).toBe(65.88);
  });

  it('makes an imported newer quarter the default and tells the listeners', () => {
    const heard: string[] = [];
    const stop = store.subscribe((change) => heard.push(change));
    const q2: PaymentLimitQuarter = {
      quarter: '2026Q2', effective: 'Effective April 1, 2026 through June 30, 2026', effectiveFrom: '2026-04-01', effectiveTo: '2026-06-30', source: 'test',
      rows: [{ hcpcs: 'J1745', description: 'Infliximab', dosage: '10 MG', paymentLimit: '40.000', coinsurancePercent: '20.000', notes: '' }],
    };
    expect(call('PAYMENTLIMIT', 'J1745', null)).toBe(32.423);
    store.addQuarter(q2);
    stop();
    expect(call('PAYMENTLIMIT', 'J1745', null)).toBe(40);
    expect(call('PAYMENTLIMIT', 'J1745', '2026Q1')).toBe(32.423);
    expect(call('SOURCE') as string).toContain('2026Q2');
    expect(heard).toEqual(['quarter']);
  });
});

describe('a payment limit of zero', () => {
  it('makes recovery undefined rather than a number', () => {
    store.addQuarter({
      quarter: '2026Q2', effective: 'Effective April 1, 2026 through June 30, 2026', effectiveFrom: '2026-04-01', effectiveTo: '2026-06-30', source: 'test',
      rows: [{ hcpcs: 'J1745', description: 'Infliximab', dosage: '10 MG', paymentLimit: '0.000', coinsurancePercent: '20.000', notes: '' }],
    });
    // ASP = 0 / 1.06 = 0, so the four vials cost 0 and drug net revenue / cost has no value.
    expect(shown(call('RECOVERY', 'J1745', 400, null, null))).toBe('#VALUE! J1745: the drug cost is zero, so cost recovery is not defined');
  });
});

describe('arguments as Excel passes them', () => {
  it('treats null and an empty cell as an omitted optional argument', () => {
    expect(call('MARGIN', 'J1745', 400, '', '', '')).toBe(197.15);
    expect(call('MARGIN', 'J1745', 400)).toBe(197.15);
  });

  it('takes a 1 x 1 range as its value and refuses a larger range where one value is due', () => {
    expect(call('UNITS', [['J1745']], [[305]])).toBe(31);
    expect(shown(call('UNITS', [['J1745', 'J3262']], 305))).toBe('#VALUE! drug: must be a single value, not a range of 2');
  });

  it('passes an error argument through unchanged', () => {
    const na = new StandInError('#N/A', 'from another cell');
    expect(call('MARGIN', na, 400, null, null, null)).toBe(na);
  });

  it('reads rich cell values by their basic value', () => {
    expect(call('COST', 'J1745', 305, { type: 'FormattedNumber', basicValue: 29, numberFormat: '$0.00' })).toBe(1160);
  });

  it('refuses TRUE as a drug, and a missing drug', () => {
    expect(shown(call('UNITS', true, 305))).toBe('#VALUE! drug: must be text, not TRUE');
    expect(shown(call('UNITS', null, 305))).toBe('#VALUE! drug: is missing');
  });
});

describe('one store per JavaScript context', () => {
  it('is shared by separately loaded copies of the module, as functions.js and the task pane bundle each carry one', () => {
    let other: unknown;
    jest.isolateModules(() => {
      other = (jest.requireActual('../../src/functions/store') as { store: unknown }).store;
    });
    expect(other).toBe(store);
  });
});
