import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { sampleScenario } from '../../src/scenario';
import { marketScenario } from '../support/market-scenario';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'ip-model-'));
const file = (name: string, content: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

describe('infusion-planner model', () => {
  it('prints the sample scenario summary with per-payer margins and the program figures', async () => {
    const r = await cli('model');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Riverbend Community Oncology');
    // J1745 400 mg (5 mg/kg x 80 kg), Medicare (95% of the share collected, DOMAIN.md 5.2):
    // 0.974 x (1296.92 + 161.66) - 40 x 32.423 / 1.06 = 1420.65692 - 1223.50943396 = 197.15.
    expect(r.out).toMatch(/J1745 Remicade \(infliximab\)\s+400 mg\s+\$197\.15/);
    expect(r.out).toMatch(/Break-even month: +operating month \d+/);
    expect(r.out).toContain('NPV:');
  });

  it('prints the full results as JSON with the per-payer economics', async () => {
    const r = await cli('model', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { drugs: { hcpcs: string; perPayer: { payer: string; margin: number; netRevenue: number }[] }[]; months: unknown[] };
    const remicade = json.drugs.find((d) => d.hcpcs === 'J1745')!;
    const medicare = remicade.perPayer.find((p) => p.payer === 'MEDICARE')!;
    // Net revenue 0.974 x 1458.58 = 1420.65692 -> 1420.66; margin 197.15.
    expect([medicare.netRevenue, medicare.margin]).toEqual([1420.66, 197.15]);
    // 6 planning months + 36 operating months.
    expect(json.months).toHaveLength(42);
  });

  it('reads a scenario file and refuses an invalid one with every validation message', async () => {
    const ok = await cli('model', '--scenario', file('ok.json', sampleScenario), '--json');
    expect(ok.code).toBe(0);
    const bad = { ...sampleScenario, payers: sampleScenario.payers.map((p, i) => (i === 0 ? { ...p, weight: 0.3 } : p)), program: { ...sampleScenario.program, chairs: 0 } };
    const r = await cli('model', '--scenario', file('bad.json', bad));
    expect(r.code).toBe(1);
    expect(r.err).toContain('is not valid (2 problems)');
    expect(r.err).toContain('program.chairs: must be a whole number between 1 and 1000');
    // 0.3 + 0.2 + 0.1 + 0.27 + 0.03 = 0.9
    expect(r.err).toContain('payers: weights sum to 0.9, must sum to 1');
  });

  it('fails with one line for an unreadable or non-JSON file and for unknown options', async () => {
    expect((await cli('model', '--scenario', join(dir, 'missing.json'))).err).toBe('infusion-planner model: cannot read scenario file "' + join(dir, 'missing.json') + '": ENOENT');
    const notJson = await cli('model', '--scenario', file('x.json', '{ nope'));
    expect(notJson.code).toBe(1);
    expect(notJson.err).toMatch(/^infusion-planner model: scenario file ".*x\.json" is not valid JSON/);
    const unknown = await cli('model', '--jsn');
    expect([unknown.code, unknown.err]).toEqual([2, 'infusion-planner model: unknown option --jsn (see --help)']);
  });

  describe('issue 14: the demand of a scenario with a market (test/support/market-scenario.ts, capture 0.4)', () => {
    it('prints per area the expected new patients a month and per drug the derived figure beside the scenario\'s, with the gap', async () => {
      const r = await cli('model', '--scenario', file('market.json', marketScenario(false)));
      expect(r.code).toBe(0);
      expect(r.out).toContain('Demand: 120,000 adults in the service area; 20.0% travel beyond 60 minutes; 3 competing sites; capture 40.0%');
      // IBD: 1,560 diagnosed x 13% = 202.8 on infusion x 20% / 12 = 3.38 a month in the area x 0.4 = 1.352 (1.35); backlog
      // 30 x 0.4 = 12 once; 30 / (6 / (52/12)) = 21.67 referrals a month.
      expect(r.out).toMatch(/Crohn's disease and ulcerative colitis\s+1,560\.0\s+202\.8\s+3\.38\s+1\.35\s+12\.0\s+21\.67/);
      // Avsola kept at 2 a month beside 1.352 x 0.5 = 0.676 (0.68): gap 2 - 0.676 = 1.324 (1.32).
      expect(r.out).toMatch(/Q5121 Avsola \(infliximab-axxq\)\s+ibd\s+50\.0%\s+0\.68\s+2\.00\s+own\s+1\.32/);
      // The defaults' sources are named; where no public figure exists there is none.
      expect(r.out).toContain("(defaults: prevalence, the share on infused therapy and the yearly starts from public sources, each named on the Sources sheet; none where no public figure exists: enter the practice's own)");
    });

    it('prints "not estimated" for an area with no public figure, with a footnote naming what to enter', async () => {
      const s = marketScenario(false);
      const withIg = { ...s, drugs: s.drugs.map((d) => (d.hcpcs === 'J1459' ? { ...d, demand: { area: 'immune_globulin', share: 1 } } : d)) };
      const r = await cli('model', '--scenario', file('market-ig.json', withIg));
      expect(r.code).toBe(0);
      // 120,000 x 0.0863% = 103.56 diagnosed (103.6); no share on infused therapy nor starts to default to.
      expect(r.out).toMatch(/Immune globulin \(primary immunodeficiency, neurology\)\s+103\.6\s+-\s+-\s+not estimated\s+0\.0\s+-/);
      expect(r.out).toContain('Not estimated: Immune globulin (primary immunodeficiency, neurology) has no public figure for infusedShare and startsPerYear: enter the practice\'s own (market.areas[] with area "immune_globulin").');
      // Privigen keeps its own 0.5 a month: no derived figure, no gap.
      expect(r.out).toMatch(/J1459 Privigen[^\n]*immune_globulin\s+100\.0%\s+not estimated\s+0\.50\s+own\s+-/);
      const json = JSON.parse((await cli('model', '--scenario', file('market-ig.json', withIg), '--json')).out) as { demand: { areas: { area: string }[]; drugs: { hcpcs: string }[] } };
      expect(json.demand.areas.find((a) => a.area === 'immune_globulin')).toMatchObject({ diagnosed: 103.56, onInfused: null, marketStartsPerMonth: null, newPatientsPerMonth: null, missing: ['infusedShare', 'startsPerYear'] });
      expect(json.demand.drugs.find((d) => d.hcpcs === 'J1459')).toMatchObject({ derived: null, scenario: 0.5, used: 0.5, gap: null, adopted: false });
    });

    it('refuses a drug adopting the derived figure of an area not estimated, with a one-line reason', async () => {
      const s = marketScenario(false);
      const adopting = { ...s, drugs: s.drugs.map((d) => (d.hcpcs === 'J1459' ? { ...d, demand: { area: 'immune_globulin', share: 1, adopt: true } } : d)) };
      const r = await cli('model', '--scenario', file('market-ig-adopt.json', adopting));
      expect(r.code).toBe(1);
      expect(r.err).toContain('drugs[9].demand.adopt: the area Immune globulin (primary immunodeficiency, neurology) has no share on an infused therapy and no yearly new starts and switches (no public figure to default to): enter market.areas[immune_globulin].infusedShare and startsPerYear, or keep your own figure (adopt false)');
    });

    it('carries the demand in --json; an adopted drug runs on the derived figure', async () => {
      const r = await cli('model', '--scenario', file('market-adopted.json', marketScenario(true)), '--json');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out) as { demand: { capture: number; drugs: { hcpcs: string; derived: number; used: number; gap: number; adopted: boolean }[] }; months: { newPatients: number }[] };
      expect(json.demand.capture).toBe(0.4);
      expect(json.demand.drugs[0]).toMatchObject({ hcpcs: 'Q5121', derived: 0.676, used: 0.676, gap: 0, adopted: true });
      // Without a market, demand is null.
      expect((JSON.parse((await cli('model', '--json')).out) as { demand: unknown }).demand).toBeNull();
    });
  });
});
