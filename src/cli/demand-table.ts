/**
 * Issue 14: the demand printed by `model` when the scenario has a market: the capture share, per therapeutic
 * area the expected new patients a month, then per drug the derived figure beside the one the scenario uses,
 * with the gap (engine/demand.ts).
 */
import { DEMAND_AREA_NAMES, type DemandReport } from '../engine/demand';
import { DEMAND_AREA_DEFAULTS, type DemandAreaDefault } from '../data/demand';
import { num1, pct } from './format';
import { table } from './summary-table';

const n0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const n2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The areas whose share or starts default is still the product's estimate (no public figure found), named. */
function estimated(): string {
  const names = DEMAND_AREA_DEFAULTS.filter((d: DemandAreaDefault) => d.infusedShareBasis === 'estimate' || d.startsBasis === 'estimate').map((d) => DEMAND_AREA_NAMES[d.id]);
  return names.length === 0 ? '' : `; the product's estimates where none was found: ${names.join(', ')}`;
}

export function formatDemand(d: DemandReport, driveTimeMinutes: number, travelShare: number): string {
  const areas = table(
    ['Area', 'Diagnosed', 'On infusion', 'Starts/mo (area)', 'New pts/mo (you)', 'Backlog (once)', 'Referrals/mo'],
    d.areas.map((a) => [a.name, num1.format(a.diagnosed), num1.format(a.onInfused), n2.format(a.marketStartsPerMonth), n2.format(a.newPatientsPerMonth), num1.format(a.backlogCaptured), a.referralsPerMonth === null ? '-' : n2.format(a.referralsPerMonth)]),
    1,
  );
  const drugs =
    d.drugs.length === 0
      ? 'No drug claims a share of an area yet (drugs[].demand).'
      : table(
          ['Drug', 'Area', 'Share', 'Derived/mo', 'Scenario/mo', 'Used', 'Gap'],
          d.drugs.map((x) => [`${x.hcpcs} ${x.label}`, x.area, pct.format(x.share), n2.format(x.derived), n2.format(x.scenario), x.adopted ? 'derived' : 'own', x.adopted ? '-' : n2.format(x.gap)]),
          2,
        );
  return [
    `Demand: ${n0.format(d.adults)} adults in the service area; ${pct.format(travelShare)} travel beyond ${driveTimeMinutes} minutes; ${d.competingSites} competing sites; capture ${pct.format(d.capture)}`,
    `(defaults: prevalence, the share on infused therapy and the yearly starts from public sources, each named on the Sources sheet${estimated()})`,
    areas,
    '',
    'New patients a month per drug: derived (area x share) beside the scenario\'s figure; gap = scenario - derived:',
    drugs,
  ].join('\n');
}
