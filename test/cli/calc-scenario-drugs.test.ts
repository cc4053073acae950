/**
 * `infusion-planner calc FORMULA --scenario FILE` honours the scenario's own drugs (DOMAIN.md 5.4) and the
 * drug sources it sets per drug (5.1). The arithmetic is test/functions/scenario-drugs.test.ts's, restated:
 *   MEDICARE net = A x (0.8 x 0.98 + 0.2 x 0.95) = A x 0.974; COMMERCIAL net = A x (0.8 + 0.2 x 0.9) x 0.98 = A x 0.9604.
 *   CY2026: 96413 = 133.27, 96415 = 28.39.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function calc(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['calc', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'calc-drugs-'));
  type Drug = { hcpcs: string } & Record<string, unknown>;
  const sample = JSON.parse(readFileSync(path.join(__dirname, '../../examples/sample-scenario.json'), 'utf8')) as { drugs: Drug[] };
  const drugs: Drug[] = [
    // Entyvio: 40% of COMMERCIAL's patients white-bagged (payer id in lower case, as the file accepts it).
    ...sample.drugs.map((d) => (d.hcpcs === 'J3380' ? { ...d, drugSources: [{ payer: 'commercial', source: 'buy_and_bill', whiteBagShare: 0.4 }] } : d)),
    // Lemtrada, a drug of the user's own (code in lower case).
    {
      hcpcs: 'j0202',
      newPatientsPerMonth: 0.5,
      rampMonths: 0,
      distributorVerified: false,
      custom: { name: 'Lemtrada (alemtuzumab)', route: 'IV', complexity: 'complex', dose: 12, infusionMinutes: 240, chairExtraMinutes: 120, loadingDays: [0, 1, 2, 3, 4], maintenanceIntervalDays: null, maxDoses: 5 },
    },
  ];
  file = path.join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify({ ...sample, drugs }));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('calc --scenario with drugs of its own and per-drug drug sources', () => {
  it('prices a drug of the scenario\'s own from its facts', async () => {
    // J0202 12 mg: 12 x 2447.102 = 29365.224 -> 29365.22; 240 min: 133.27 + 3 x 28.39 = 218.44;
    // net (29365.22 + 218.44) x 0.974 = 28814.48484; cost 29365.224 / 1.06 = 27703.04150943; margin 1111.44333 -> 1111.44.
    expect(await calc('=INFUSION.MARGIN("J0202", 12)', '--scenario', file)).toEqual({ code: 0, out: '1111.44', err: '' });
    // Without the scenario, the functions know none of its facts.
    const bare = await calc('=INFUSION.MARGIN("J0202", 12)');
    expect(bare.code).toBe(1);
    expect(bare.out).toMatch(/^#N\/A /);
  });

  it("applies the scenario's white-bagged share to that drug and payer", async () => {
    // Entyvio 300 mg COMMERCIAL, 60% bought: drug 0.6 x 6955.66 = 4173.396; net 4173.396 x 0.9604 + 199.91 x 0.9604
    // = 4008.1295184 + 191.993564 = 4200.1230824; cost 0.6 x 300 x 20.16132075 = 3629.03773585; margin 571.09.
    expect(await calc('=INFUSION.MARGIN("Entyvio", 300, "COMMERCIAL")', '--scenario', file)).toEqual({ code: 0, out: '571.09', err: '' });
    // All bought without the scenario: 6955.66 x 0.9604 + 191.993564 - 6048.39622642 = 823.81320158 -> 823.81.
    expect((await calc('=INFUSION.MARGIN("Entyvio", 300, "COMMERCIAL")')).out).toBe('823.81');
    // Mix: 0.5 x 326.01495358 (MEDICARE: 6544.57 x 0.974 - 6048.39622642) + 0.5 x 571.08534655 = 448.55.
    expect((await calc('=INFUSION.MIXMARGIN("J3380", 300, {"MEDICARE","COMMERCIAL"}, {0.5,0.5})', '--scenario', file)).out).toBe('448.55');
  });
});
