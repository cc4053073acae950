/**
 * The embedded sample scenario: an invented but plausible community oncology practice adding ten specialty
 * infusions across seven therapeutic areas. The CLI uses it when no --scenario is given, and
 * `examples/sample-scenario.json` is the same data as a file to copy and edit (a test keeps them equal).
 *
 * Every number below that is not a catalog fact or a DOMAIN.md default is an ILLUSTRATIVE ASSUMPTION, not
 * data about any real practice; the comments say so one by one. Left out on purpose, so that they show as
 * labelled defaults: the quarter and fee schedule year (the newest loaded), patient weight (80 kg), doses and
 * infusion times (the catalog's), most discontinuation rates (15% a year), most acquisition prices (derived
 * ASP), utilization target (80%), distributor terms (30 days) and prior-authorization delay (14 days).
 */
import type { Scenario } from './types';

/**
 * Payers whose prior authorization the sample's drugs need. Illustrative assumption: traditional Medicare
 * does not generally require prior authorization of Part B drugs, so MEDICARE is left out, unlike the
 * format's conservative default (every payer but SELF_PAY).
 */
const PRIOR_AUTH_PAYERS = ['MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL'];

export const sampleScenario: Scenario = {
  version: 1,
  name: 'Specialty infusions: base case (illustrative)',
  // Invented practice.
  practiceName: 'Riverbend Community Oncology',
  drugs: [
    {
      // Infliximab biosimilar, preferred by most payers. Illustrative: 2 new patients a month.
      hcpcs: 'Q5121',
      newPatientsPerMonth: 2,
      // Illustrative: 6 months to reach the referral target (also for every drug below).
      rampMonths: 6,
      // Illustrative GPO contract price per 10 mg unit, about 1.7% below the January 2026 derived ASP of
      // $21.364 (payment limit 23.811 - 8% of the reference product's ASP 30.588).
      acquisitionPerUnit: 21,
      distributorVerified: true,
      priorAuthPayers: PRIOR_AUTH_PAYERS,
    },
    {
      // Reference infliximab, for patients stable on it or plans that still require it. Illustrative volume.
      hcpcs: 'J1745',
      newPatientsPerMonth: 0.5,
      rampMonths: 6,
      distributorVerified: true,
      priorAuthPayers: PRIOR_AUTH_PAYERS,
    },
    {
      // Vedolizumab (ulcerative colitis, Crohn's). Illustrative volume.
      hcpcs: 'J3380',
      newPatientsPerMonth: 1,
      rampMonths: 6,
      distributorVerified: true,
      priorAuthPayers: PRIOR_AUTH_PAYERS,
    },
    {
      // Ocrelizumab (multiple sclerosis). Illustrative volume.
      hcpcs: 'J2350',
      newPatientsPerMonth: 1,
      rampMonths: 6,
      // Illustrative: MS patients stay on ocrelizumab longer than the 15% default assumes.
      discontinuationRate: 0.08,
      distributorVerified: true,
      priorAuthPayers: PRIOR_AUTH_PAYERS,
    },
    {
      // Tocilizumab IV (rheumatoid arthritis), 8 mg/kg at the default 80 kg. Illustrative volume.
      hcpcs: 'J3262',
      newPatientsPerMonth: 0.5,
      rampMonths: 6,
      distributorVerified: true,
      priorAuthPayers: PRIOR_AUTH_PAYERS,
    },
    {
      // Denosumab 60 mg SC every 6 months (osteoporosis). Illustrative volume.
      hcpcs: 'J0897',
      newPatientsPerMonth: 3,
      rampMonths: 6,
      // Illustrative: osteoporosis therapy loses more patients than the 15% default assumes.
      discontinuationRate: 0.25,
      distributorVerified: true,
      priorAuthPayers: PRIOR_AUTH_PAYERS,
    },
    {
      // Zoledronic acid 5 mg once a year (osteoporosis). Illustrative volume.
      hcpcs: 'J3489',
      newPatientsPerMonth: 1.5,
      rampMonths: 6,
      distributorVerified: true,
      priorAuthPayers: PRIOR_AUTH_PAYERS,
    },
    {
      // Ferric carboxymaltose, a two-dose course (iron-deficiency anemia). Illustrative volume.
      hcpcs: 'J1439',
      newPatientsPerMonth: 3,
      rampMonths: 6,
      distributorVerified: true,
      priorAuthPayers: PRIOR_AUTH_PAYERS,
    },
    {
      // Iron sucrose, a five-dose course (iron-deficiency anemia). Illustrative volume.
      hcpcs: 'J1756',
      newPatientsPerMonth: 2,
      rampMonths: 6,
      distributorVerified: true,
      priorAuthPayers: PRIOR_AUTH_PAYERS,
    },
    {
      // Immune globulin IV, Privigen (primary immunodeficiency). Illustrative volume.
      hcpcs: 'J1459',
      newPatientsPerMonth: 0.5,
      rampMonths: 6,
      // Illustrative: IVIG supply is often allocated; not yet confirmed with the distributor.
      distributorVerified: false,
      priorAuthPayers: PRIOR_AUTH_PAYERS,
    },
  ],
  // The five built-in profiles with their default terms. The mix is an illustrative assumption for a
  // community practice with an older patient base (weights sum to 1).
  payers: [
    { id: 'MEDICARE', name: 'Medicare fee-for-service', weight: 0.4 },
    { id: 'MEDICARE_ADVANTAGE', name: 'Medicare Advantage', weight: 0.2 },
    { id: 'MEDICAID', name: 'Medicaid', weight: 0.1 },
    { id: 'COMMERCIAL', name: 'Commercial', weight: 0.27 },
    { id: 'SELF_PAY', name: 'Self-pay (uninsured)', weight: 0.03 },
  ],
  program: {
    // Illustrative: four chairs of the existing suite set aside for the program, open 9 hours a day on
    // 21 weekdays a month.
    chairs: 4,
    hoursPerDay: 9,
    daysPerMonth: 21,
    // Illustrative: 2.5 chairs per infusion nurse, inside the 1.7-3.6 benchmark range (DOMAIN.md 2.8).
    chairsPerNurse: 2.5,
    // Illustrative monthly costs of the program on top of what the practice already runs.
    fixedCosts: [
      // Illustrative: salary plus about 30% benefits and taxes; one added nurse, with the suite's existing
      // nurses covering peaks (the sample's chair demand stays near a third of capacity).
      { name: 'Infusion RN, 1.0 FTE added (loaded)', monthly: 9000 },
      // Illustrative: drug receiving, inventory and mixing.
      { name: 'Pharmacy technician, 0.5 FTE (loaded)', monthly: 2800 },
      // Illustrative: share of suite rent, utilities and cleaning for the four chairs.
      { name: 'Infusion space: rent and utilities share', monthly: 2500 },
      // Illustrative: infusion pumps, chairs and a pharmacy refrigerator on lease.
      { name: 'Equipment leases', monthly: 900 },
      // Illustrative: temperature monitoring, inventory software and supplies not billed separately.
      { name: 'Software, monitoring and unbilled supplies', monthly: 800 },
    ],
    // Illustrative: staff training, EHR order sets and billing set-up, payer credentialing, referral
    // outreach to rheumatology, gastroenterology and neurology practices, and furniture.
    startupCosts: 60000,
    // DOMAIN.md 2.9 defaults, stated so the board sees them.
    planningMonths: 6,
    horizonMonths: 36,
    // Illustrative: the practice's cost of capital.
    discountRate: 0.08,
    // Illustrative: staff time for one prior authorization, forms, calls and follow-up.
    priorAuthStaffMinutes: 45,
    // Illustrative: loaded hourly cost of a prior-authorization coordinator.
    staffHourlyCost: 32,
  },
};
