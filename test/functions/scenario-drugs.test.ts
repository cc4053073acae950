/**
 * The INFUSION functions honour the scenario's own drugs (DOMAIN.md 5.4), the drug sources it sets per drug
 * (5.1) and the program terms that price an administration (handling cost 5.1, discounts 5.6), as the model does: the store holds them (src/functions/store.ts `setScenario`). On the embedded
 * data (CMS January 2026 payment limits, CY2026 fee schedule). Hand arithmetic beside each figure:
 *   CY2026 national amounts: 96413 = 133.27, 96415 = 28.39 (DOMAIN.md 2.3).
 *   MEDICARE (5.2): drug coinsurance from the file (20.000 for J0202 and J3380), admin 20%, sequestration 2%,
 *     95% of the patient share collected, no write-off: net = A x (0.8 x 0.98 + 0.2 x 0.95) = A x 0.974.
 *   COMMERCIAL (5.2): ASP + 15%, 150% of PFS, 20%, 90% collected, 2% written off:
 *     net = A x (0.8 + 0.2 x 0.9) x (1 - 0.02) = A x 0.9604.
 */
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { roundCents } from '../../src/engine/decimal';
import { runModel } from '../../src/engine/model';
import { store } from '../../src/functions/store';
import { resolveScenario, sampleScenario, scenarioFunctionTerms, validateScenario, type Scenario, type ScenarioDrug } from '../../src/scenario';
import { call, functions, shown } from './support';

/** Lemtrada (alemtuzumab, J0202: 1 mg units, payment limit 2447.102, one 12 mg vial in the crosswalk): 12 mg a day for 5 days. */
const lemtrada: ScenarioDrug = {
  hcpcs: 'J0202',
  newPatientsPerMonth: 0.5,
  rampMonths: 0,
  distributorVerified: false,
  custom: { name: 'Lemtrada (alemtuzumab)', route: 'IV', complexity: 'complex', dose: 12, infusionMinutes: 240, chairExtraMinutes: 120, loadingDays: [0, 1, 2, 3, 4], maintenanceIntervalDays: null, maxDoses: 5 },
};

/** The sample with 40% of COMMERCIAL's Entyvio (J3380) patients white-bagged, Entyvio white-bagged for MEDICAID, and Lemtrada added. */
function scenario(): Scenario {
  return {
    ...sampleScenario,
    drugs: [
      ...sampleScenario.drugs.map((d) =>
        d.hcpcs === 'J3380'
          ? { ...d, drugSources: [{ payer: 'COMMERCIAL', source: 'buy_and_bill' as const, whiteBagShare: 0.4 }, { payer: 'medicaid', source: 'white_bag' as const }] }
          : d,
      ),
      lemtrada,
    ],
  };
}

beforeAll(async () => {
  await functions();
});

afterEach(() => {
  store.reset();
});

function useScenario(s: Scenario): void {
  const v = validateScenario(s, referenceData);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  store.setScenario(scenarioFunctionTerms(s, referenceData));
}

describe("a drug of the scenario's own (DOMAIN.md 5.4)", () => {
  it('is priced by MARGIN from its facts and the CMS payment limit once the scenario is in the store', () => {
    // Without the scenario the functions know no facts of J0202 (it is not in the catalog).
    expect(shown(call('MARGIN', 'J0202', 12, null))).toMatch(/^#N\/A .*J0202.*route, complexity and infusion time/);
    useScenario(scenario());
    // 12 mg = 12 units (one 12 mg vial, nothing discarded): allowed drug 12 x 2447.102 = 29365.224 -> 29365.22.
    // 240 min complex: 96413 133.27 + ceil((240 - 90) / 60) = 3 x 96415 28.39 = 85.17 -> admin 218.44.
    // Medicare net = (29365.22 + 218.44) x 0.974 = 28601.72428 + 212.76056 = 28814.48484.
    // Cost at ASP: 12 x 2447.102 / 1.06 = 29365.224 / 1.06 = 27703.04150943...
    // Margin = 28814.48484 - 27703.04150943 = 1111.44333057 -> 1111.44.
    expect(call('MARGIN', 'J0202', 12, null)).toBe(1111.44);
    expect(call('MARGIN', 'j0202', 12, 'MEDICARE')).toBe(1111.44);
    // Its other facts: the dose, 5 administrations in year 1 and none after, chair time (240 + 120) / 60 = 6 hours.
    expect(call('DOSE', 'J0202', null)).toBe(12);
    expect(call('ADMINISTRATIONS', 'J0202', 1)).toBe(5);
    expect(call('ADMINISTRATIONS', 'J0202', 2)).toBe(0);
    expect(call('CHAIRHOURS', 'J0202', null)).toBe(6);
    expect(call('ADMINCODES', 'J0202', null)).toBe('96413, 96415, 96415, 96415');
    // By the name the user gave it (case ignored), as any catalog drug.
    expect(call('DOSE', 'lemtrada (alemtuzumab)', null)).toBe(12);
  });

  it('refuses a dose under 10% of its own label dose as a unit mistake', () => {
    useScenario(scenario());
    // 10% of 12 mg = 1.2 mg; 1 mg is under it.
    expect(shown(call('MARGIN', 'J0202', 1, null))).toMatch(/^#VALUE! dose: 1 mg is under 10% of the label dose of 12 mg/);
  });

  it('gives the margin the model gives for that drug', () => {
    const s = scenario();
    useScenario(s);
    const model = runModel(new ReferenceBook(referenceData), resolveScenario(s, referenceData));
    const line = model.drugs.find((d) => d.input.hcpcs === 'J0202');
    expect(roundCents(line!.perPayer[0]!.margin).toNumber()).toBe(1111.44);
  });

  it('is forgotten when the store is given a scenario without it', () => {
    useScenario(scenario());
    expect(call('DOSE', 'J0202', null)).toBe(12);
    useScenario(sampleScenario);
    expect(shown(call('DOSE', 'J0202', null))).toMatch(/^#N\/A /);
  });
});

describe("the scenario's program terms that price one administration (DOMAIN.md 5.1, 5.6)", () => {
  it('takes the white-bag handling cost off the margin of the white-bagged share', () => {
    const s = scenario();
    useScenario({ ...s, program: { ...s.program, whiteBagHandlingCost: 25 } });
    // 0.4 of the administrations white-bagged x $25 = $10: 571.08534655 - 10 = 561.08534655 -> 561.09.
    expect(call('MARGIN', 'Entyvio', 300, 'COMMERCIAL')).toBe(561.09);
    // A payer with nothing white-bagged: no handling. Remicade, Medicare: 197.15 (README).
    expect(call('MARGIN', 'J1745', 400, 'MEDICARE')).toBe(197.15);
  });

  it('applies the prompt-pay and GPO discounts to the ASP default only, as the model does', () => {
    const s: Scenario = { ...sampleScenario, program: { ...sampleScenario.program, promptPayDiscount: 0.02, gpoDiscount: 0.03 } };
    useScenario(s);
    // Remicade 400 mg: default price 40 x 32.423 / 1.06 x (1 - 0.02) x (1 - 0.03) = 1223.50943396 x 0.9506
    // = 1163.06806792 -> COST 1163.07; Medicare net 1458.58 x 0.974 = 1420.65692; margin 257.58885208 -> 257.59.
    expect(call('COST', 'J1745', 400, null)).toBe(1163.07);
    expect(call('MARGIN', 'J1745', 400, 'MEDICARE')).toBe(257.59);
    // A price given is the price paid: 1420.65692 - 40 x 29 = 260.65692 -> 260.66.
    expect(call('MARGIN', 'J1745', 400, 'MEDICARE', 29)).toBe(260.66);
    const model = runModel(new ReferenceBook(referenceData), resolveScenario(s, referenceData));
    const remicade = model.drugs.find((d) => d.input.hcpcs === 'J1745')!;
    expect(roundCents(remicade.perPayer.find((e) => e.payerId === 'MEDICARE')!.margin).toNumber()).toBe(257.59);
  });
});

describe('a drug source the scenario sets for one drug (DOMAIN.md 5.1)', () => {
  it('moves MARGIN and RECOVERY of that drug for that payer only', () => {
    // Entyvio J3380 300 mg (1 mg units, one 300 mg vial, JZ), 30 min. ASP = 21.371 / 1.06 = 20.16132075...
    // COMMERCIAL, all bought: drug line 300 x 20.16132075 x 1.15 = 6955.65566 -> 6955.66; admin 133.27 x 1.5 = 199.905 -> 199.91.
    // Net 6955.66 x 0.9604 + 199.91 x 0.9604 = 6680.215864 + 191.993564 = 6872.209428; cost 300 x 20.16132075 = 6048.39622642;
    // margin 823.81320158 -> 823.81.
    expect(call('MARGIN', 'Entyvio', 300, 'COMMERCIAL')).toBe(823.81);
    useScenario(scenario());
    // 40% white-bagged: bought share 0.6. Drug allowed 0.6 x 6955.66 = 4173.396, net x 0.9604 = 4008.1295184;
    // admin net 191.993564; net 4200.1230824; cost 0.6 x 6048.39622642 = 3629.03773585;
    // margin 571.08534655 -> 571.09; recovery 4008.1295184 / 3629.03773585 = 1.104460... -> 1.10446.
    expect(call('MARGIN', 'Entyvio', 300, 'COMMERCIAL')).toBe(571.09);
    expect(call('MARGIN', 'J3380', 300, 'commercial')).toBe(571.09);
    expect(call('RECOVERY', 'J3380', 300, 'COMMERCIAL')).toBeCloseTo(1.10446, 5);
    // MEDICAID white-bags Entyvio: no drug line, no cost: "not applicable".
    expect(call('RECOVERY', 'J3380', 300, 'MEDICAID')).toBe('not applicable');
    // Another drug for COMMERCIAL keeps the payer's own source (buy and bill): Remicade 400 mg 360.71 (README).
    expect(call('MARGIN', 'J1745', 400, 'COMMERCIAL')).toBe(360.71);
    // COST has no payer: every vial opened, 300 x 20.16132075 = 6048.39622642 -> 6048.40.
    expect(call('COST', 'J3380', 300, null)).toBe(6048.4);
  });

  it('weights the white-bagged payer in MIXMARGIN', () => {
    useScenario(scenario());
    // MEDICARE: drug 300 x 21.371 = 6411.3, admin 133.27; net (6411.3 + 133.27) x 0.974 = 6374.41118;
    // margin 6374.41118 - 6048.39622642 = 326.01495358.
    // Mix 0.5 x 326.01495358 + 0.5 x 571.08534655 = 448.55015007 -> 448.55.
    expect(call('MIXMARGIN', 'J3380', 300, [['MEDICARE', 'COMMERCIAL']], [[0.5, 0.5]], null)).toBe(448.55);
  });

  it('gives the margin the model gives for that drug and payer', () => {
    const s = scenario();
    useScenario(s);
    const model = runModel(new ReferenceBook(referenceData), resolveScenario(s, referenceData));
    const line = model.drugs.find((d) => d.input.hcpcs === 'J3380')!;
    const commercial = line.perPayer.find((e) => e.payerId === 'COMMERCIAL')!;
    expect(roundCents(commercial.margin).toNumber()).toBe(571.09);
  });

  it('leaves the patient only the administration share where the drug is white-bagged', () => {
    // MEDICARE buys Entyvio: drug share round2(0.2 x 6411.3) = 1282.26, admin round2(0.2 x 133.27) = 26.65: 1308.91.
    const whiteBagMedicare: Scenario = {
      ...sampleScenario,
      drugs: sampleScenario.drugs.map((d) => (d.hcpcs === 'J3380' ? { ...d, drugSources: [{ payer: 'MEDICARE', source: 'white_bag' as const }] } : d)),
    };
    expect(call('PATIENTCOST', 'J3380', 300, 'MEDICARE', null, null, null)).toBe(1308.91);
    useScenario(whiteBagMedicare);
    // White-bagged: only the administration share, 26.65.
    expect(call('PATIENTCOST', 'J3380', 300, 'MEDICARE', null, null, null)).toBe(26.65);
    // A year of it (5.7): Entyvio days 0, 14, 42, then every 56 days: 98, 154, 210, 266, 322 (378 is year 2) = 8
    // administrations of 133.27 allowed each, the Part B deductible of 283 met first:
    //   1st: 133.27 (deductible; 149.73 left); 2nd: 133.27 (16.46 left); 3rd: round2(16.46 + 0.2 x (133.27 - 16.46))
    //   = round2(39.822) = 39.82; 4th-8th: round2(0.2 x 133.27) = 26.65 each, 5 x 26.65 = 133.25.
    //   Total 133.27 + 133.27 + 39.82 + 133.25 = 439.61.
    expect(call('PATIENTYEAR', 'J3380', 300, 'MEDICARE', 1, null, null)).toBe(439.61);
  });
});
