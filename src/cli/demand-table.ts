/**
 * Issue 14: the demand printed by `model` when the scenario has a market: the capture share, per therapeutic
 * area the expected new patients a month, then per drug the derived figure beside the one the scenario uses,
 * with the gap (engine/demand.ts). An area with no share on an infused therapy or no yearly starts (no public
 * figure to default to, and none entered) prints "not estimated", with a footnote naming what to enter.
 */
import { DEMAND_AREA_NAMES, type DemandReport } from '../engine/demand';
import { num1, pct } from './format';
import { table } from './summary-table';

const n0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const n2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const NOT_ESTIMATED = 'not estimated';
const orNot = (n: number | null, f: (n: number) => string, none = '-'): string => (n === null ? none : f(n));

/** The footnote naming the areas not estimated and the figures to enter; empty when every area is estimated. */
function notEstimatedNote(d: DemandReport): string[] {
  return d.areas
    .filter((a) => a.missing.length > 0)
    .map((a) => `Not estimated: ${DEMAND_AREA_NAMES[a.area]} has no public figure for ${a.missing.join(' and ')}: enter the practice's own (market.areas[] with area "${a.area}").`);
}

export function formatDemand(d: DemandReport, driveTimeMinutes: number, travelShare: number): string {
  const areas = table(
    ['Area', 'Diagnosed', 'On infusion', 'Starts/mo (area)', 'New pts/mo (you)', 'Backlog (once)', 'Referrals/mo'],
    d.areas.map((a) => [
      a.name,
      num1.format(a.diagnosed),
      orNot(a.onInfused, (n) => num1.format(n)),
      orNot(a.marketStartsPerMonth, (n) => n2.format(n)),
      orNot(a.newPatientsPerMonth, (n) => n2.format(n), NOT_ESTIMATED),
      num1.format(a.backlogCaptured),
      orNot(a.referralsPerMonth, (n) => n2.format(n)),
    ]),
    1,
  );
  const drugs =
    d.drugs.length === 0
      ? 'No drug claims a share of an area yet (drugs[].demand).'
      : table(
          ['Drug', 'Area', 'Share', 'Derived/mo', 'Scenario/mo', 'Used', 'Gap'],
          d.drugs.map((x) => [
            `${x.hcpcs} ${x.label}`,
            x.area,
            pct.format(x.share),
            orNot(x.derived, (n) => n2.format(n), NOT_ESTIMATED),
            n2.format(x.scenario),
            x.adopted && x.derived !== null ? 'derived' : 'own',
            x.adopted ? '-' : orNot(x.gap, (n) => n2.format(n)),
          ]),
          2,
        );
  return [
    `Demand: ${n0.format(d.adults)} adults in the service area; ${pct.format(travelShare)} travel beyond ${driveTimeMinutes} minutes; ${d.competingSites} competing sites; capture ${pct.format(d.capture)}`,
    "(defaults: prevalence, the share on infused therapy and the yearly starts from public sources, each named on the Sources sheet; none where no public figure exists: enter the practice's own)",
    areas,
    ...notEstimatedNote(d),
    '',
    'New patients a month per drug: derived (area x share) beside the scenario\'s figure; gap = scenario - derived:',
    drugs,
  ].join('\n');
}
