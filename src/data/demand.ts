/**
 * Demand defaults (issue 14): what the product assumes for each therapeutic area until the practice enters
 * its own figures. Every figure is a default the user can change; each names its public source, or says
 * plainly that it is the product's estimate (no public figure found for it). Prevalence is by adult age band
 * (AGE_BANDS: 18-49, 50-64, 65+); where a source gives one figure for all adults, every band carries it.
 *
 * Sources (public documents):
 * - Rheumatoid arthritis: Hunter TM et al. "Prevalence of rheumatoid arthritis in the United States adult
 *   population in healthcare claims databases, 2004-2014." Rheumatol Int 2017;37(9):1551-1557: age-adjusted
 *   prevalence in 2014 of 0.53%-0.55% of adults (the lower figure is used).
 * - Multiple sclerosis: Wallin MT et al. "The prevalence of MS in the United States: a population-based
 *   estimate using health claims data." Neurology 2019;92(10):e1029-e1040: 309.2 per 100,000 adults (2010,
 *   cumulated over 10 years).
 * - Crohn's disease and ulcerative colitis: Dahlhamer JM et al. "Prevalence of inflammatory bowel disease
 *   among adults aged >=18 years - United States, 2015." MMWR 2016;65(42):1166-1169: 1.3% of adults ever
 *   diagnosed (National Health Interview Survey).
 * - Osteoporosis: Sarafrazi N, Wambogo EA, Shepherd JA. "Osteoporosis or low bone mass in older adults: United
 *   States, 2017-2018." NCHS Data Brief no. 405, 2021: 8.4% of adults aged 50-64, 17.7% aged 65 and over
 *   (femur neck or lumbar spine, NHANES). The brief covers adults 50 and over only: the 18-49 band is 0.
 * - Iron-deficiency anaemia: Le CHH. "The prevalence of anemia and moderate-severe anemia in the US population
 *   (NHANES 2003-2012)." PLoS One 2016;11(11):e0166635: 5.6% anaemic. That is anaemia of any cause (iron
 *   deficiency the main one), so it overstates iron-deficiency anaemia; the infused share below allows for it.
 * - Immune globulin: Boyle JM, Buckley RH. "Population prevalence of diagnosed primary immunodeficiency
 *   diseases in the United States." J Clin Immunol 2007;27(5):497-502: about 1 in 1,200 persons (0.0863%).
 *   Neurological uses of immune globulin (e.g. CIDP) are not in this figure: add them through the share.
 * - The share of the diagnosed on an infused therapy and the yearly new starts and switches onto one: no
 *   public figure was found that fits a community practice's area; the figures here are the product's
 *   estimates, labelled as such everywhere they are shown. Enter the practice's own.
 */
import type { DemandAreaId } from '../engine/demand';

export interface DemandAreaDefault {
  readonly id: DemandAreaId;
  /** Prevalence among adults by age band (18-49, 50-64, 65+), fractions. */
  readonly prevalence: readonly [number, number, number];
  /** The prevalence's public source, as cited on the board's Sources sheet. */
  readonly prevalenceSource: string;
  /** Share of the diagnosed on an infused therapy: the product's estimate. */
  readonly infusedShare: number;
  /** New starts and switches onto an infused therapy a year, a share of those on one: the product's estimate. */
  readonly startsPerYear: number;
  /** Why the two estimates are what they are. */
  readonly estimateNote: string;
}

export const DEMAND_ESTIMATE_LABEL = "default: the product's estimate (no public source; enter your own)";
export const DEMAND_SOURCE_LABEL = 'default: public source';

export const DEMAND_AREA_DEFAULTS = [
  {
    id: 'ra',
    prevalence: [0.0053, 0.0053, 0.0053],
    prevalenceSource: 'Hunter TM et al., Rheumatol Int 2017;37(9):1551-1557 (US claims, 2014): 0.53%-0.55% of adults, age-adjusted; 0.53% in every band.',
    infusedShare: 0.1,
    startsPerYear: 0.25,
    estimateNote: 'About one in ten on an infused biologic (most biologics for RA are self-injected); a quarter start or switch each year.',
  },
  {
    id: 'ms',
    prevalence: [0.003092, 0.003092, 0.003092],
    prevalenceSource: 'Wallin MT et al., Neurology 2019;92(10):e1029-e1040: 309.2 per 100,000 adults (2010); the same in every band.',
    infusedShare: 0.3,
    startsPerYear: 0.15,
    estimateNote: 'About three in ten on an infused therapy (ocrelizumab, natalizumab, ublituximab); 15% start or switch each year.',
  },
  {
    id: 'ibd',
    prevalence: [0.013, 0.013, 0.013],
    prevalenceSource: 'Dahlhamer JM et al., MMWR 2016;65(42):1166-1169 (NHIS 2015): 1.3% of adults ever diagnosed; the same in every band.',
    infusedShare: 0.15,
    startsPerYear: 0.2,
    estimateNote: 'About 15% on an infused biologic (infliximab, vedolizumab, IV induction of ustekinumab or risankizumab); 20% start or switch each year.',
  },
  {
    id: 'osteoporosis',
    prevalence: [0, 0.084, 0.177],
    prevalenceSource: 'Sarafrazi N et al., NCHS Data Brief no. 405, 2021 (NHANES 2017-2018): 8.4% aged 50-64 (used for 50-64), 17.7% aged 65+; adults under 50 not covered (0).',
    infusedShare: 0.05,
    startsPerYear: 0.3,
    estimateNote: 'About 5% on an infused or office-given drug (zoledronic acid, denosumab, romosozumab); 30% start or switch each year.',
  },
  {
    id: 'iron',
    prevalence: [0.056, 0.056, 0.056],
    prevalenceSource: 'Le CHH, PLoS One 2016;11(11):e0166635 (NHANES 2003-2012): 5.6% anaemic, any cause; the same in every band.',
    infusedShare: 0.03,
    startsPerYear: 1,
    estimateNote: 'About 3% of the anaemic get intravenous iron (anaemia of other causes, oral iron first); each treated patient is a new course a year.',
  },
  {
    id: 'immune_globulin',
    prevalence: [0.000863, 0.000863, 0.000863],
    prevalenceSource: 'Boyle JM, Buckley RH, J Clin Immunol 2007;27(5):497-502: diagnosed primary immunodeficiency about 1 in 1,200 (0.0863%); the same in every band.',
    infusedShare: 0.25,
    startsPerYear: 0.15,
    estimateNote: 'About a quarter of the diagnosed on immune globulin replacement (IgA deficiency is seldom treated); 15% start each year.',
  },
] as const satisfies readonly DemandAreaDefault[];

export function demandAreaDefault(id: DemandAreaId): DemandAreaDefault {
  const found = DEMAND_AREA_DEFAULTS.find((a) => a.id === id);
  if (!found) throw new Error(`demandAreaDefault: no default for area ${id}`);
  return found;
}

/** The drive time the travel share is counted beyond, minutes: an assumption, labelled as one; enter the practice's own. */
export const DEFAULT_DRIVE_TIME_MINUTES = 60;
