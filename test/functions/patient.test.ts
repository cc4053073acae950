/**
 * PATIENTCOST and PATIENTYEAR (DOMAIN.md 5.7) through the functions associated with their ids, on the embedded
 * January 2026 payment limits and the CY2026 fee schedule. Figures used throughout:
 *   J1745 infliximab 400 mg = 40 units x 32.423 = 1,296.92 (coinsurance 20.000%); 120 min = 96413 133.27 + 96415 28.39 = 161.66.
 *   Medicare, deductible met: round2(0.2 x 1,296.92) + round2(0.2 x 161.66) = round2(259.384) + round2(32.332) = 259.38 + 32.33 = 291.71.
 *   Medicare, $283 remaining: round2(283 + 0.2 x 1,013.92) + 32.33 = round2(485.784) + 32.33 = 485.78 + 32.33 = 518.11.
 *   Commercial (ASP + 15%, administration 150%): 32.423 / 1.06 x 1.15 x 40 = 1,407.0358... -> 1,407.04;
 *   133.27 x 1.5 = 199.905 -> 199.91, 28.39 x 1.5 = 42.585 -> 42.59: 242.50; deductible met: 281.41 + 48.50 = 329.91.
 *   Infliximab year 1: days 0, 14, 42, 98, 154, 210, 266, 322 (8); year 2: days 378-714 (7).
 */
import { BUILTIN_PAYERS } from '../../src/engine/payers';
import type { PayerProfile } from '../../src/engine/types';
import { store } from '../../src/functions/store';
import { call, functions, shown } from './support';

const medicare = BUILTIN_PAYERS.find((p) => p.id === 'MEDICARE') as PayerProfile;

beforeAll(async () => {
  await functions();
});

afterEach(() => {
  store.reset();
});

describe('PATIENTCOST(drug, dose, [payer], [deductibleRemaining], [outOfPocketRemaining], [minutes])', () => {
  it("charges a Medicare patient with the full 2026 deductible left $518.11 for the year's first infliximab infusion", () => {
    expect(call('PATIENTCOST', 'J1745', 400, 'MEDICARE', 283, null, null)).toBe(518.11);
  });

  it('charges $291.71 once the deductible is met (the default), and Medicare is the default payer', () => {
    expect(call('PATIENTCOST', 'infliximab', 400, null, null, null, null)).toBe(291.71);
  });

  it('charges a Medigap plan G patient (a scenario payer based on Medicare) only the $283 deductible, and a dual-eligible $0', () => {
    store.setPayers([
      { ...medicare, id: 'MEDICARE_G', name: 'Medicare + Medigap G', coverageType: 'medicare', supplemental: 'medigap_g' },
      { ...medicare, id: 'MEDICARE_QMB', name: 'Medicare + Medicaid (QMB)', coverageType: 'medicare', supplemental: 'medicaid_qmb' },
    ]);
    // Plan G pays 518.11 - 283 = 235.11; Medicaid pays a QMB's whole share.
    expect(call('PATIENTCOST', 'J1745', 400, 'MEDICARE_G', 283, null, null)).toBe(283);
    expect(call('PATIENTCOST', 'J1745', 400, 'MEDICARE_QMB', 283, null, null)).toBe(0);
  });

  it('charges a Medicaid patient nothing', () => {
    expect(call('PATIENTCOST', 'J1745', 400, 'MEDICAID', 283, null, null)).toBe(0);
  });

  it('caps at the out-of-pocket remaining for a payer with a limit', () => {
    // Medicare Advantage, 20%, deductible 0: 291.71, capped at 100.
    expect(call('PATIENTCOST', 'J1745', 400, 'MEDICARE_ADVANTAGE', null, 100, null)).toBe(100);
  });

  it('takes the minutes: 210 minutes bills a second 96415', () => {
    // Administration 133.27 + 2 x 28.39 = 190.05; round2(0.2 x 190.05) = round2(38.01) = 38.01; 259.38 + 38.01 = 297.39.
    expect(call('PATIENTCOST', 'J1745', 400, 'MEDICARE', 0, null, 210)).toBe(297.39);
  });

  it('refuses a negative deductible and an out-of-pocket amount for Medicare, naming the argument', () => {
    expect(shown(call('PATIENTCOST', 'J1745', 400, 'MEDICARE', -5, null, null))).toBe('#VALUE! deductibleRemaining: must be 0 or more dollars, not -5');
    expect(shown(call('PATIENTCOST', 'J1745', 400, 'MEDICARE', 0, 1000, null))).toBe(
      '#VALUE! outOfPocketRemaining: payer MEDICARE has no out-of-pocket limit (traditional Medicare and self-pay have none); leave it empty',
    );
    expect(shown(call('PATIENTCOST', 'J1745', 400, 'MEDICARE', 'lots', null, null))).toBe('#VALUE! deductibleRemaining: must be a number, not "lots"');
  });

  it('answers #N/A for an unknown drug or payer, as the other functions do', () => {
    expect(shown(call('PATIENTCOST', 'J9999', 400, null, null, null, null))).toBe('#N/A Unknown drug "J9999"');
    expect(shown(call('PATIENTCOST', 'J1745', 400, 'ACME', null, null, null))).toBe('#N/A Unknown payer "ACME"');
  });
});

describe('PATIENTYEAR(drug, dose, [payer], [year], [deductible], [outOfPocketMax])', () => {
  it('totals a Medicare year 1 of infliximab: the $283 deductible on the first infusion, no cap', () => {
    // 518.11 + 7 x 291.71 = 518.11 + 2,041.97 = 2,560.08.
    expect(call('PATIENTYEAR', 'J1745', 400, 'MEDICARE', null, null, null)).toBe(2560.08);
  });

  it('takes the seven infusions of year 2 by date', () => {
    // 518.11 + 6 x 291.71 = 518.11 + 1,750.26 = 2,268.37.
    expect(call('PATIENTYEAR', 'J1745', 400, 'MEDICARE', 2, null, null)).toBe(2268.37);
  });

  it('caps a Medicare Advantage patient on Ocrevus at the 2026 MOOP limit, $9,250, in year 1', () => {
    // Year 1: 300 mg on days 0 and 14 (3,591.77 each: 7,183.54), 600 mg on day 182 (7,156.89, capped at
    // 9,250 - 7,183.54 = 2,066.46) and day 350 (0): 9,250.
    expect(call('PATIENTYEAR', 'Ocrevus', 600, 'MEDICARE_ADVANTAGE', null, null, null)).toBe(9250);
  });

  it("gives Ocrevus's loading infusions their own dose: 300 mg x 2 then 600 mg (year 1 under a $20,000 limit)", () => {
    // 300 mg, 150 min: round2(0.2 x 17,797.20) + round2(0.2 x 161.66) = 3,559.44 + 32.33 = 3,591.77, twice;
    // 600 mg, 210 min on day 182 and day 350: 7,118.88 + 38.01 = 7,156.89 each. 7,183.54 + 14,313.78 = 21,497.32 > 20,000:
    // the day-350 infusion is capped at 20,000 - 14,340.43 = 5,659.57; total 20,000. Under 30,000: 21,497.32.
    expect(call('PATIENTYEAR', 'Ocrevus', 600, 'MEDICARE_ADVANTAGE', 1, 0, 30000)).toBe(21497.32);
    expect(call('PATIENTYEAR', 'Ocrevus', 600, 'MEDICARE_ADVANTAGE', 1, 0, 20000)).toBe(20000);
  });

  it('charges a self-pay patient, whose drug comes free from the manufacturer (DOMAIN.md 5.1), the administration only', () => {
    // SELF_PAY: free drug; administration 161.66 at 100%.
    expect(call('PATIENTCOST', 'J1745', 400, 'SELF_PAY', null, null, null)).toBe(161.66);
  });

  it('meets the commercial default deductible ($1,787) first', () => {
    // #1: 1,407.04 + 242.50 = 1,649.54 (all deductible); #2: round2(137.46 + 0.2 x 1,269.58) + 48.50 = 391.38 + 48.50 = 439.88;
    // #3-#8: 6 x 329.91 = 1,979.46. Total 4,068.88.
    expect(call('PATIENTYEAR', 'J1745', 400, 'COMMERCIAL', 1, null, null)).toBe(4068.88);
  });

  it('takes a deductible and an out-of-pocket maximum given', () => {
    // Deductible 500: #1 round2(500 + 0.2 x 907.04) + 48.50 = round2(681.408) + 48.50 = 681.41 + 48.50 = 729.91; 7 x 329.91 = 2,309.37; 3,039.28.
    expect(call('PATIENTYEAR', 'J1745', 400, 'COMMERCIAL', 1, 500, null)).toBe(3039.28);
    expect(call('PATIENTYEAR', 'J1745', 400, 'COMMERCIAL', 1, 500, 1000)).toBe(1000);
  });

  it('leaves a dual-eligible patient $0 for the year', () => {
    store.setPayers([{ ...medicare, id: 'DUAL', name: 'Dual eligible', coverageType: 'medicare', supplemental: 'medicaid_qmb' }]);
    expect(call('PATIENTYEAR', 'J1745', 400, 'DUAL', null, null, null)).toBe(0);
  });

  it('refuses a bad year, a negative deductible and a limit for Medicare, naming the argument', () => {
    expect(shown(call('PATIENTYEAR', 'J1745', 400, 'MEDICARE', 0, null, null))).toBe('#VALUE! year: must be a whole number from 1 to 100, not 0');
    expect(shown(call('PATIENTYEAR', 'J1745', 400, 'MEDICARE', 1, -1, null))).toBe('#VALUE! deductible: must be 0 or more dollars, not -1');
    expect(shown(call('PATIENTYEAR', 'J1745', 400, 'MEDICARE', 1, null, 5000))).toMatch(/^#VALUE! outOfPocketMax: payer MEDICARE has no out-of-pocket limit/);
  });

  it('answers #N/A for a code outside the catalog, which holds the regimen', () => {
    expect(shown(call('PATIENTYEAR', 'J9035', 400, null, null, null, null))).toBe('#N/A J9035 is not in the drug catalog, which holds its route, complexity, infusion time and regimen');
  });
});
