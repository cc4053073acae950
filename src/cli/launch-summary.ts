/** Issue 14: the launch plan's readiness as `model` prints it, after the program summary. */
import type { ModelReport } from '../engine/report';
import { usd0 } from './format';

export function formatReadiness(launch: ModelReport['launch']): string[] {
  if (launch === null) return [];
  const held = launch.heldDrugs.map((d) => `  ${d.hcpcs} ${d.label}: held back to operating month ${d.firstOperatingMonth}, waiting on ${d.waitingOn.join('; ')}`);
  const waiting = launch.waitingDrugs.length === 0 ? [] : [`Waiting on tasks not done that end by launch (ready at launch if they finish on time): ${launch.waitingDrugs.map((d) => d.hcpcs).join(', ')}`];
  const total = launch.costByMonth.reduce((t, c) => t + c, 0);
  return [
    '',
    `Launch plan (${launch.months} months):  ${launch.done} of ${launch.tasks} tasks done, ${launch.inProgress} in progress, ${launch.notStarted} not started, ${launch.late} late`,
    `Startup costs by month: ${launch.costByMonth.map((c, i) => `${i + 1}: ${usd0.format(c)}`).join(', ')} (total ${usd0.format(total)})`,
    launch.heldDrugs.length === 0 ? 'No drug is held back past launch.' : 'Held back past launch:',
    ...held,
    ...waiting,
  ];
}
