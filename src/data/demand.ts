/**
 * Demand defaults (issue 14): what the product assumes for each therapeutic area until the practice enters
 * its own figures. Every figure is a default the user can change, and each names its public source; where no
 * public figure was found there is no default (null), never a figure of the product's own. Prevalence is by adult age band
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
 * - The share of the diagnosed on an infused therapy and the yearly new starts and switches onto one: per area
 *   below, each with its public source (infusedShareSource, startsSource) and the arithmetic where a figure is
 *   composed from two published ones. Rounded to the nearest whole percent. "Starts" read a published
 *   discontinuation rate as the starts that replace it: when the number on an infused therapy holds steady, as
 *   many start or switch onto one each year as leave it.
 * - Where no public figure was found the product carries NO default (null): the area is "not estimated" until
 *   the practice enters its own figure (scenario market.areas[], the pane's Demand view, the Market sheet's
 *   input cells). A default must be one a CFO would accept, with a public source the product cites; a figure
 *   of the product's own making is not one. Today that is immune globulin, both figures. Searched, and no
 *   share of the diagnosed on immune globulin nor yearly rate of starts among those on it found: Boyle JM,
 *   Buckley RH 2007 (prevalence only); the Immune Deficiency Foundation's national patient surveys (about 40%
 *   of those who need immune globulin take it intravenously: a split by route, not a share of the diagnosed);
 *   the Medicare IVIG demonstration's reports; US claims (MarketScan) studies of immune globulin starters and
 *   sites of care (Anderson-Smits C et al., Clinical Immunology Society 2021: 15,327 intravenous and 2,604
 *   subcutaneous starters in 2012-2018, without the number on treatment to divide by).
 */
import type { DemandAreaId } from '../engine/demand';

export interface DemandAreaDefault {
  readonly id: DemandAreaId;
  /** Prevalence among adults by age band (18-49, 50-64, 65+), fractions. */
  readonly prevalence: readonly [number, number, number];
  /** The prevalence's public source, as cited on the board's Sources sheet. */
  readonly prevalenceSource: string;
  /**
   * Share of the diagnosed on an infused (or office-given) therapy of the catalog's kind, a fraction; null when
   * no public figure was found (the area is not estimated until the practice enters its own).
   */
  readonly infusedShare: number | null;
  /** The share's source in full (authors, title, journal, year, the figures and any arithmetic), or what was searched. */
  readonly infusedShareSource: string;
  /** The share's source in a few words, for a label column. */
  readonly infusedShareCite: string;
  /** New starts and switches onto an infused therapy a year, a share of those on one; null as above. */
  readonly startsPerYear: number | null;
  readonly startsSource: string;
  readonly startsCite: string;
}

export const DEMAND_SOURCE_LABEL = 'default: public source';
/** What every screen and sheet says where the product carries no default (never shown as a figure). */
export const DEMAND_NO_FIGURE_LABEL = "no public figure: enter the practice's own";

/** The label of one demand default: its public source, or none to default to. */
export function demandDefaultLabel(value: number | null): string {
  return value === null ? DEMAND_NO_FIGURE_LABEL : DEMAND_SOURCE_LABEL;
}

/**
 * One line naming the two shares' sources of an area, e.g. for the Market sheet's label column; a share the
 * scenario gives is labelled as its input instead.
 */
export function demandSharesLabel(d: DemandAreaDefault, given: { readonly infused?: boolean; readonly starts?: boolean } = {}): string {
  const one = (what: string, own: boolean | undefined, value: number | null, cite: string): string =>
    `${what}: ${own ? 'scenario input' : value === null ? DEMAND_NO_FIGURE_LABEL : `default, ${cite}`}`;
  return `${one('share on infused therapy', given.infused, d.infusedShare, d.infusedShareCite)}; ${one('starts a year', given.starts, d.startsPerYear, d.startsCite)}`;
}

export const DEMAND_AREA_DEFAULTS = [
  {
    id: 'ra',
    prevalence: [0.0053, 0.0053, 0.0053],
    prevalenceSource: 'Hunter TM et al., Rheumatol Int 2017;37(9):1551-1557 (US claims, 2014): 0.53%-0.55% of adults, age-adjusted; 0.53% in every band.',
    infusedShare: 0.16,
    infusedShareSource:
      'Zhang J, Xie F, Delzell E et al., "Trends in the use of biologic agents among rheumatoid arthritis patients enrolled in the US Medicare program", Arthritis Care Res 2013;65(11):1743-1751 (100% of Medicare data, 2006-2009): biologic use about 27% of beneficiaries with RA, via infusion 16%-17%, self-injection 10%-11%, unchanged through 2009. 16%, the lower figure, is used.',
    infusedShareCite: 'Zhang J et al., Arthritis Care Res 2013 (Medicare: 16%-17% on an infused biologic)',
    startsPerYear: 0.43,
    startsSource:
      'Composed from two US claims studies and Zhang J et al. 2013 (27% of RA patients on a biologic): Desai RJ et al., "Temporal trends in use of biologic DMARDs for rheumatoid arthritis in the United States", J Manag Care Spec Pharm 2017;23(8):809-814 (Optum 2004-2015): 11.0-11.5 first-biologic starts a year per 100 prevalent RA patients on none; "Factors associated with initial or subsequent choice of biologic disease-modifying antirheumatic drugs for treatment of rheumatoid arthritis", Arthritis Res Ther 2017;19:159, Table 4: 2,761 of 23,231 patients on one biologic (11.9%) switched to another within the year. Per 100 on a biologic: 11.5 x 73 / 27 = 31.1 new starts + 11.9 switches = 43.0 a year; 43%, taken for the infused biologics as for all.',
    startsCite: 'Desai RJ et al., J Manag Care Spec Pharm 2017, and Arthritis Res Ther 2017;19:159 (11.5 x 73 / 27 + 11.9 = 43 a year per 100 on one)',
  },
  {
    id: 'ms',
    prevalence: [0.003092, 0.003092, 0.003092],
    prevalenceSource: 'Wallin MT et al., Neurology 2019;92(10):e1029-e1040: 309.2 per 100,000 adults (2010); the same in every band.',
    infusedShare: 0.21,
    infusedShareSource:
      'Composed: Duchesneau ED et al., "Trends in the use of disease-modifying therapies among reproductive-aged women with multiple sclerosis in the United States from 2010-2019", Pharmacoepidemiol Drug Saf 2022;31(4):481-487: a disease-modifying therapy used by 58.7% of women with MS (April 2019, the most recent peak); "Persistence and adherence to ocrelizumab compared with other disease-modifying therapies for multiple sclerosis in U.S. commercial claims data", J Manag Care Spec Pharm 2021 (doi 10.18553/jmcp.2021.20413): of 4,587 patients starting a therapy (April 2017-September 2018), 1,319 started ocrelizumab and 341 another intravenous one, 1,660 / 4,587 = 36.2%. 58.7% x 36.2% = 21.2%; 21% used.',
    infusedShareCite: 'Duchesneau ED et al., Pharmacoepidemiol Drug Saf 2022, and J Manag Care Spec Pharm 2021 (58.7% x 36.2% = 21%)',
    startsPerYear: 0.12,
    startsSource:
      'J Manag Care Spec Pharm 2021 (doi 10.18553/jmcp.2021.20413), the study above: 8% of ocrelizumab starters and 28% of those starting another intravenous therapy discontinued within 12 months; weighted by starters, (1,319 x 8% + 341 x 28%) / 1,660 = 12.1% leave a year, and as many start or switch onto one while the number on an infused therapy holds; 12% used.',
    startsCite: 'J Manag Care Spec Pharm 2021, doi 10.18553/jmcp.2021.20413 (12.1% discontinue in a year)',
  },
  {
    id: 'ibd',
    prevalence: [0.013, 0.013, 0.013],
    prevalenceSource: 'Dahlhamer JM et al., MMWR 2016;65(42):1166-1169 (NHIS 2015): 1.3% of adults ever diagnosed; the same in every band.',
    infusedShare: 0.13,
    infusedShareSource:
      'Composed: Xu F, Liu Y, Greenlund K, Carlson S (CDC), "Trends and demographic patterns in biologic and corticosteroid prescriptions for inflammatory bowel disease: findings from electronic medical records, 2011-2020", J Investig Med 2022;70(8):1771-1776 (IQVIA, 2019): biologics prescribed to 30.3% of 52,892 patients with Crohn\'s disease and 13.6% of 52,280 with ulcerative colitis, together (16,026 + 7,110) / 105,172 = 22.0%; Zhao R et al., "Evaluation of treatment patterns and maintenance dose titration among patients with Crohn\'s disease initiating biologics with 3 years of follow-up", J Health Econ Outcomes Res 2023 (doi 10.36469/001c.88947): of 2,309 starting a biologic (September 2016-October 2018), 847 infliximab, 72 an infliximab biosimilar and 486 vedolizumab, all infused: 1,405 / 2,309 = 60.9%. 22.0% x 60.9% = 13.4%; 13% used.',
    infusedShareCite: 'Xu F et al. (CDC), J Investig Med 2022, and Zhao R et al., J Health Econ Outcomes Res 2023 (22.0% x 60.9% = 13%)',
    startsPerYear: 0.2,
    startsSource:
      'Zhao R et al., J Health Econ Outcomes Res 2023 (doi 10.36469/001c.88947), the study above: over 3 years 48.1% of infliximab and 58.0% of vedolizumab starters stayed on it, a yearly loss of 1 - 0.481^(1/3) = 21.6% and 1 - 0.580^(1/3) = 16.6%; weighted by starters, (847 x 21.6% + 486 x 16.6%) / 1,333 = 19.8% leave a year, and as many start or switch onto one while the number holds; 20% used.',
    startsCite: 'Zhao R et al., J Health Econ Outcomes Res 2023 (19.8% leave infliximab or vedolizumab a year)',
  },
  {
    id: 'osteoporosis',
    prevalence: [0, 0.084, 0.177],
    prevalenceSource: 'Sarafrazi N et al., NCHS Data Brief no. 405, 2021 (NHANES 2017-2018): 8.4% aged 50-64 (used for 50-64), 17.7% aged 65+; adults under 50 not covered (0).',
    infusedShare: 0.09,
    infusedShareSource:
      'Composed: "Patterns of pharmacological treatment for osteoporosis among patients qualified for pharmacotherapy according to the National Osteoporosis Foundation guidelines" (NHANES 2005-2010): of an estimated 16 million adults who qualified, only 24% received a drug; Singer AJ, Liu J, Yan H et al., "Treatment patterns and long-term persistence with osteoporosis therapies in women with Medicare fee-for-service (FFS) coverage", Osteoporos Int 2021;32(12) (100% Medicare osteoporosis sample, 2011-2014): 145,056 started denosumab and 48,066 an intravenous bisphosphonate of 542,941 starters (318,419 oral bisphosphonate, 31,400 raloxifene), 193,122 / 542,941 = 35.6% on a drug given in the office. 24% x 35.6% = 8.5%; 9% used.',
    infusedShareCite: 'NHANES 2005-2010 treatment study and Singer AJ et al., Osteoporos Int 2021 (24% x 35.6% = 9%)',
    startsPerYear: 0.27,
    startsSource:
      'Singer AJ et al., Osteoporos Int 2021, the study above: 73% of denosumab starters (with 36 months of follow-up, N = 25,107) were persistent at 1 year, so 27% leave a year and as many start or switch onto an office-given drug while the number holds; 27% used.',
    startsCite: 'Singer AJ et al., Osteoporos Int 2021 (73% persistent on denosumab at 1 year)',
  },
  {
    id: 'iron',
    prevalence: [0.056, 0.056, 0.056],
    prevalenceSource: 'Le CHH, PLoS One 2016;11(11):e0166635 (NHANES 2003-2012): 5.6% anaemic, any cause; the same in every band.',
    infusedShare: 0.06,
    infusedShareSource:
      'Composed: a poster on trends in intravenous iron use among Medicare beneficiaries with and without ESRD (Rutgers Robert Wood Johnson Medical School; International Conference on Pharmacoepidemiology, ICPE 2023, poster 592076; 20% Medicare sample, 2008-2019, about 10 million beneficiaries a year): 420,234 beneficiaries aged over 65 without dialysis started intravenous iron, 420,234 / 12 years = 35,020 a year, 0.35% of the sample a year; divided by the 5.6% anaemic (Le 2016): 0.35% / 5.6% = 6.25% of the anaemic start a course a year; 6% used. The anaemic of all ages are the divisor while the starters are 65 and over: a rough figure, to be replaced by the practice\'s own.',
    infusedShareCite: 'ICPE 2023 Medicare poster, 420,234 IV iron starters 2008-2019 (0.35% / 5.6% = 6% a year)',
    startsPerYear: 1,
    startsSource:
      'By construction of the share above: it counts patients starting an intravenous iron course in a year (the ICPE 2023 Medicare poster counts starts), so each is one start a year; 100%.',
    startsCite: 'the share counts starts of an IV iron course a year (ICPE 2023 poster)',
  },
  {
    id: 'immune_globulin',
    prevalence: [0.000863, 0.000863, 0.000863],
    prevalenceSource: 'Boyle JM, Buckley RH, J Clin Immunol 2007;27(5):497-502: diagnosed primary immunodeficiency about 1 in 1,200 (0.0863%); the same in every band.',
    infusedShare: null,
    infusedShareSource:
      "No public figure: the share of those diagnosed with primary immunodeficiency (or a neurological use) who are on immune globulin was not found, so the product carries no default. Searched: Boyle JM, Buckley RH 2007 (prevalence only); the Immune Deficiency Foundation's national patient surveys (about 40% of those who need immune globulin take it intravenously: a split by route, not a share of the diagnosed); the Medicare IVIG demonstration's reports; US claims (MarketScan) studies of immune globulin starters and sites of care. Enter the practice's own.",
    infusedShareCite: DEMAND_NO_FIGURE_LABEL,
    startsPerYear: null,
    startsSource:
      "No public figure: a yearly rate of immune globulin starts and switches among those on it was not found, so the product carries no default. Searched as above; a US claims study counts 15,327 intravenous and 2,604 subcutaneous starters in 2012-2018 (Anderson-Smits C et al., Clinical Immunology Society 2021) without the number on treatment to divide by. Enter the practice's own.",
    startsCite: DEMAND_NO_FIGURE_LABEL,
  },
] as const satisfies readonly DemandAreaDefault[];

export function demandAreaDefault(id: DemandAreaId): DemandAreaDefault {
  const found = DEMAND_AREA_DEFAULTS.find((a) => a.id === id);
  if (!found) throw new Error(`demandAreaDefault: no default for area ${id}`);
  return found;
}

/** The drive time the travel share is counted beyond, minutes: an assumption, labelled as one; enter the practice's own. */
export const DEFAULT_DRIVE_TIME_MINUTES = 60;
