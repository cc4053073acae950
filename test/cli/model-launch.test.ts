/** Issue 14: `infusion-planner model` prints the launch plan's readiness, and --json carries it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { referenceData } from '../../src/data';
import { defaultLaunchPlan, sampleScenario, type Scenario } from '../../src/scenario';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const plan = defaultLaunchPlan(sampleScenario, referenceData);
// Infliximab's distributor task is late, now expected to end in month 8 (two past the plan's 6 months); the
// Medicaid prior-authorization workflow is done; the rest not started.
const tasks = plan.tasks.map((t) =>
  t.kind === 'distributor' && t.drug === 'J1745' ? { ...t, status: 'late' as const, endMonth: 8 } : t.kind === 'prior_auth' && t.payer === 'MEDICAID' ? { ...t, status: 'done' as const } : t,
);
const scenario: Scenario = { ...sampleScenario, launchPlan: { ...plan, tasks } };
const path = join(mkdtempSync(join(tmpdir(), 'ip-launch-')), 'launch.json');
writeFileSync(path, JSON.stringify(scenario));

describe('model with a launch plan', () => {
  it('prints readiness: tasks done and late, the drug held back and the task holding it', async () => {
    const r = await cli('model', '--scenario', path);
    expect(r.code).toBe(0);
    // 3 contracts + 10 distributors + 3 PA workflows + 2 order sets + training + space = 20 tasks; 1 done, 1 late.
    expect(r.out).toContain('Launch plan (6 months):  1 of 20 tasks done, 0 in progress, 18 not started, 1 late');
    // Held 8 - 6 = 2 operating months: first new patients in operating month 3.
    expect(r.out).toContain('J1745 Remicade (infliximab): held back to operating month 3, waiting on Distributor account and availability: Remicade (infliximab)');
    // Startup costs by month, as the template splits $60,000 (test/scenario/launch-plan.test.ts works them out).
    expect(r.out).toContain('Startup costs by month: 1: $7,500, 2: $7,500, 3: $13,500, 4: $13,500, 5: $12,000, 6: $6,000, 7: $0, 8: $0 (total $60,000)');
  });

  it('carries readiness in the JSON and prints nothing of it without a plan', async () => {
    const j = JSON.parse((await cli('model', '--scenario', path, '--json')).out) as { launch: { heldDrugs: { hcpcs: string; firstOperatingMonth: number }[]; late: number } };
    expect(j.launch.late).toBe(1);
    expect(j.launch.heldDrugs.map((d) => [d.hcpcs, d.firstOperatingMonth])).toEqual([['J1745', 3]]);
    const plain = await cli('model');
    expect(plain.out).not.toContain('Launch plan');
    expect((JSON.parse((await cli('model', '--json')).out) as { launch: unknown }).launch).toBeNull();
  });
});

describe('examples/launch-plan-scenario.json (the README\'s example)', () => {
  it('is valid and holds Remicade back to operating month 3 (its distributor task ends in month 8 of a 6-month plan)', async () => {
    const file = join(__dirname, '../../examples/launch-plan-scenario.json');
    const r = await cli('model', '--scenario', file);
    expect(r.code).toBe(0);
    // 3 payer contracts and the Medicaid prior-authorization workflow done (4), chairs and space in progress, Remicade's distributor late.
    expect(r.out).toContain('Launch plan (6 months):  4 of 20 tasks done, 1 in progress, 14 not started, 1 late');
    expect(r.out).toContain('J1745 Remicade (infliximab): held back to operating month 3');
  });
});
