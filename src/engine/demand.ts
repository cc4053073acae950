/**
 * Demand (issue 14): where "new patients per month" comes from. From the practice's service area (adults by
 * age band), how common each condition is, how many of the diagnosed are on an infused therapy and how many
 * of those start or switch each year, and the practice's likely share of them, the expected new patients a
 * month per therapeutic area, then per drug by a share the user sets. Every input is a default the user can
 * change; the product's defaults and their sources are in src/data/demand.ts.
 *
 * The rules (each over the user's inputs):
 *   diagnosed(area)        = sum over age bands of adults(band) x prevalence(area, band)
 *   onInfused(area)        = diagnosed x share of the diagnosed on an infused therapy
 *   marketStarts(area)     = onInfused x new starts and switches a year (a share of those on infused therapy) / 12
 *   competing sites        = hospital outpatient + other practices + home infusion
 *   capture                = travelShare + (1 - travelShare) / (1 + competing sites)
 *       patients who now travel beyond the drive time the user sets come to the practice (the near site); the
 *       rest split evenly between the practice and the competing sites (a "fair share": an assumption).
 *   newPatients(area)      = marketStarts x capture                       (a month)
 *   backlogCaptured(area)  = referral backlog x capture                   (once, not a month: shown beside it)
 *   referralsPerMonth(area)= backlog / (wait in weeks x 12 / 52)          (Little's law: queue = arrivals x wait;
 *       the flow of referrals the backlog implies, a check on the prevalence figure; none without a wait)
 *   derived(drug)          = newPatients(drug's area) x the drug's share of the area
 *   used(drug)             = derived when the user adopts it, else the scenario's own figure
 *   gap(drug)              = used - derived: zero when adopted; when the user keeps their own figure, that
 *                            figure - derived (positive: the scenario expects more than the market suggests)
 * An area whose share on an infused therapy or yearly starts is not known (null: the product carries no default
 * where no public figure was found, src/data/demand.ts, and the practice has not entered its own) is "not
 * estimated": its diagnosed are counted, but on infused therapy, starts and new patients are null; a drug
 * claiming a share of it has no derived figure (null), no gap (null), and uses the scenario's own figure.
 * Nothing is rounded here; figures leave the engine through `demandReport` (counts to 4 decimals).
 */
import { Dec, ONE, ZERO, dec, sum } from './decimal';
import { fail } from './errors';

/** The adult age bands the service area's population is entered in (Census county tables sum to these). */
export const AGE_BANDS = ['18-49', '50-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The therapeutic areas demand is estimated for (DOMAIN.md 1: the areas a program serves). */
export const DEMAND_AREAS = ['ra', 'ms', 'ibd', 'osteoporosis', 'iron', 'immune_globulin'] as const;
export type DemandAreaId = (typeof DEMAND_AREAS)[number];

export const DEMAND_AREA_NAMES: Readonly<Record<DemandAreaId, string>> = {
  ra: 'Rheumatoid arthritis',
  ms: 'Multiple sclerosis',
  ibd: "Crohn's disease and ulcerative colitis",
  osteoporosis: 'Osteoporosis',
  iron: 'Iron-deficiency anaemia',
  immune_globulin: 'Immune globulin (primary immunodeficiency, neurology)',
};

/** One therapeutic area's assumptions, resolved (defaults applied). Fractions as numbers. */
export interface DemandAreaInput {
  readonly id: DemandAreaId;
  /** Prevalence among adults, by age band (same order as AGE_BANDS). */
  readonly prevalence: readonly number[];
  /** Share of the diagnosed on an infused therapy; null when not known (the area is then not estimated). */
  readonly infusedShare: number | null;
  /** New starts and switches onto an infused therapy a year, as a share of those on one; null when not known. */
  readonly startsPerYear: number | null;
  /** Patients referred and waiting for a first infusion elsewhere (0 = none known). */
  readonly backlog: number;
  /** Current wait to a first infusion elsewhere, weeks (0 = none known). */
  readonly waitWeeks: number;
}

/** A drug's claim on an area's demand. */
export interface DemandDrugInput {
  readonly hcpcs: string;
  readonly label: string;
  readonly area: DemandAreaId;
  /** The drug's share of the area's new patients at the practice, a fraction. */
  readonly share: number;
  /** The scenario's own new patients a month for the drug. */
  readonly scenarioNewPatients: number;
  /** Whether the scenario uses the derived figure as the drug's volume. */
  readonly adopted: boolean;
}

/** The service area and the market, resolved. */
export interface DemandInput {
  /** Adults in the service area by age band (same order as AGE_BANDS). */
  readonly population: readonly number[];
  /** The drive time the travel share is counted beyond, minutes (a label for the share; not in the arithmetic). */
  readonly driveTimeMinutes: number;
  /** Share of the area's patients who now travel beyond the drive time for their infusions. */
  readonly travelShare: number;
  readonly hospitalOutpatient: number;
  readonly otherPractices: number;
  readonly homeInfusion: number;
  readonly areas: readonly DemandAreaInput[];
  readonly drugs: readonly DemandDrugInput[];
}

/** The figures an area needs beyond prevalence; an area missing one is not estimated. */
export type DemandAreaFigure = 'infusedShare' | 'startsPerYear';

/** The figures an area lacks (in the order infusedShare, startsPerYear); empty when it can be estimated. */
export function missingAreaFigures(area: Pick<DemandAreaInput, DemandAreaFigure>): DemandAreaFigure[] {
  return (['infusedShare', 'startsPerYear'] as const).filter((f) => area[f] === null);
}

export interface DemandAreaResult {
  readonly id: DemandAreaId;
  readonly name: string;
  /** The figures the area lacks: when any, on infused therapy, starts and new patients are null. */
  readonly missing: readonly DemandAreaFigure[];
  readonly diagnosed: Dec;
  readonly onInfused: Dec | null;
  /** New starts and switches onto infused therapy in the whole area, a month; null when not estimated. */
  readonly marketStartsPerMonth: Dec | null;
  /** Expected new patients a month at the practice; null when not estimated. */
  readonly newPatientsPerMonth: Dec | null;
  readonly backlogCaptured: Dec;
  /** Referrals a month the backlog and wait imply (Little's law); null without both. */
  readonly referralsPerMonth: Dec | null;
}

export interface DemandDrugResult {
  readonly hcpcs: string;
  readonly label: string;
  readonly area: DemandAreaId;
  readonly share: Dec;
  /** The area's new patients x the share; null when the area is not estimated. */
  readonly derived: Dec | null;
  readonly scenario: Dec;
  readonly adopted: boolean;
  /** What the model uses: derived when adopted and there is one, else the scenario's figure. */
  readonly used: Dec;
  /** used - derived: zero when adopted, the scenario's figure - derived when kept; null without a derived figure. */
  readonly gap: Dec | null;
}

export interface DemandResult {
  readonly adults: Dec;
  readonly competingSites: number;
  /** 1 / (1 + competing sites). */
  readonly fairShare: Dec;
  readonly capture: Dec;
  readonly areas: readonly DemandAreaResult[];
  readonly drugs: readonly DemandDrugResult[];
}

const WEEKS_PER_MONTH = dec(52).dividedBy(12);

function fraction(name: string, v: number): Dec {
  if (!Number.isFinite(v) || v < 0 || v > 1) fail({ code: 'invalid_amount', argument: name, problem: `${v} must be a fraction between 0 and 1` });
  return dec(v);
}

function nonNegative(name: string, v: number): Dec {
  if (!Number.isFinite(v) || v < 0) fail({ code: 'invalid_amount', argument: name, problem: `${v} must be a number of 0 or more` });
  return dec(v);
}

/** The share of the area's new starts the practice can expect (see the header). */
export function captureShare(input: Pick<DemandInput, 'travelShare' | 'hospitalOutpatient' | 'otherPractices' | 'homeInfusion'>): { capture: Dec; fairShare: Dec; sites: number } {
  const travel = fraction('travelShare', input.travelShare);
  const sites = nonNegative('hospitalOutpatient', input.hospitalOutpatient)
    .plus(nonNegative('otherPractices', input.otherPractices))
    .plus(nonNegative('homeInfusion', input.homeInfusion));
  const fairShare = ONE.dividedBy(ONE.plus(sites));
  return { capture: travel.plus(ONE.minus(travel).times(fairShare)), fairShare, sites: sites.toNumber() };
}

/** One area's expected new patients (see the header). */
export function areaDemand(population: readonly Dec[], area: DemandAreaInput, capture: Dec): DemandAreaResult {
  if (area.prevalence.length !== AGE_BANDS.length) fail({ code: 'mismatched', problem: `${area.id}.prevalence: one figure per age band (${AGE_BANDS.join(', ')})` });
  const diagnosed = sum(population.map((p, i) => p.times(fraction(`${area.id}.prevalence[${AGE_BANDS[i]}]`, area.prevalence[i] as number))));
  const infused = area.infusedShare === null ? null : fraction(`${area.id}.infusedShare`, area.infusedShare);
  const starts = area.startsPerYear === null ? null : fraction(`${area.id}.startsPerYear`, area.startsPerYear);
  const onInfused = infused === null || starts === null ? null : diagnosed.times(infused);
  const marketStartsPerMonth = onInfused === null || starts === null ? null : onInfused.times(starts).dividedBy(12);
  const backlog = nonNegative(`${area.id}.backlog`, area.backlog);
  const wait = nonNegative(`${area.id}.waitWeeks`, area.waitWeeks);
  return {
    id: area.id,
    name: DEMAND_AREA_NAMES[area.id],
    missing: missingAreaFigures(area),
    diagnosed,
    onInfused,
    marketStartsPerMonth,
    newPatientsPerMonth: marketStartsPerMonth === null ? null : marketStartsPerMonth.times(capture),
    backlogCaptured: backlog.times(capture),
    referralsPerMonth: backlog.isZero() || wait.isZero() ? null : backlog.dividedBy(wait.dividedBy(WEEKS_PER_MONTH)),
  };
}

/** The whole demand estimate: per area, then per drug beside the scenario's own figure. */
export function demand(input: DemandInput): DemandResult {
  if (input.population.length !== AGE_BANDS.length) fail({ code: 'mismatched', problem: `population: one figure per age band (${AGE_BANDS.join(', ')})` });
  const population = input.population.map((p, i) => nonNegative(`population[${AGE_BANDS[i]}]`, p));
  const { capture, fairShare, sites } = captureShare(input);
  const areas = input.areas.map((a) => areaDemand(population, a, capture));
  const byId = new Map(areas.map((a) => [a.id, a]));
  const drugs = input.drugs.map((d): DemandDrugResult => {
    const area = byId.get(d.area);
    const share = fraction(`${d.hcpcs}.share`, d.share);
    const areaNew = area === undefined ? ZERO : area.newPatientsPerMonth;
    const derived = areaNew === null ? null : areaNew.times(share);
    const scenario = nonNegative(`${d.hcpcs}.newPatientsPerMonth`, d.scenarioNewPatients);
    const used = d.adopted && derived !== null ? derived : scenario;
    return { hcpcs: d.hcpcs, label: d.label, area: d.area, share, derived, scenario, adopted: d.adopted, used, gap: derived === null ? null : used.minus(derived) };
  });
  return { adults: sum(population), competingSites: sites, fairShare, capture, areas, drugs };
}

const count = (d: Dec): number => d.toDecimalPlaces(4).toNumber();
const countOrNull = (d: Dec | null): number | null => (d === null ? null : count(d));
const rate = (d: Dec): number => d.toDecimalPlaces(6).toNumber();

/**
 * The estimate as plain numbers, where it leaves the engine: patient counts to 4 decimals, shares to 6; null
 * where an area is not estimated (its `missing` figures named) and for a drug's derived figure and gap there.
 */
export function demandReport(r: DemandResult) {
  return {
    adults: count(r.adults),
    competingSites: r.competingSites,
    fairShare: rate(r.fairShare),
    capture: rate(r.capture),
    areas: r.areas.map((a) => ({
      area: a.id,
      name: a.name,
      missing: [...a.missing],
      diagnosed: count(a.diagnosed),
      onInfused: countOrNull(a.onInfused),
      marketStartsPerMonth: countOrNull(a.marketStartsPerMonth),
      newPatientsPerMonth: countOrNull(a.newPatientsPerMonth),
      backlogCaptured: count(a.backlogCaptured),
      referralsPerMonth: a.referralsPerMonth === null ? null : count(a.referralsPerMonth),
    })),
    drugs: r.drugs.map((d) => ({
      hcpcs: d.hcpcs,
      label: d.label,
      area: d.area,
      share: rate(d.share),
      derived: countOrNull(d.derived),
      scenario: count(d.scenario),
      adopted: d.adopted,
      used: count(d.used),
      gap: countOrNull(d.gap),
    })),
  };
}

export type DemandReport = ReturnType<typeof demandReport>;
