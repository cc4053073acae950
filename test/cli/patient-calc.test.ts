/**
 * `calc` with PATIENTCOST and PATIENTYEAR (DOMAIN.md 5.7), including a scenario payer that states supplemental
 * coverage. Arithmetic in test/functions/patient.test.ts: 518.11 = round2(283 + 0.2 x 1,013.92) + round2(0.2 x 161.66).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { sampleScenario } from '../../src/scenario';

async function calc(...argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(['calc', ...argv], { out: (t) => out.push(t), err: (t) => out.push(t) });
  return { code, out: out.join('\n') };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'patient-calc-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('calc with the patient functions', () => {
  it("prints a Medicare patient's first infliximab infusion with the $283 deductible left, and the year", async () => {
    expect(await calc('=INFUSION.PATIENTCOST("J1745", 400, "MEDICARE", 283)')).toEqual({ code: 0, out: '518.11' });
    // 518.11 + 7 x 291.71 = 2,560.08.
    expect(await calc('=INFUSION.PATIENTYEAR("infliximab", 400)')).toEqual({ code: 0, out: '2560.08' });
  });

  it('reads supplemental coverage from a scenario payer: Medigap plan G leaves the $283 deductible', async () => {
    const file = path.join(dir, 'medigap.json');
    const scenario = {
      ...sampleScenario,
      payers: sampleScenario.payers.map((p) => (p.id === 'MEDICARE' ? { ...p, supplemental: 'medigap_g' } : p)),
    };
    writeFileSync(file, JSON.stringify(scenario));
    expect(await calc('=INFUSION.PATIENTCOST("J1745", 400, "MEDICARE", 283)', '--scenario', file)).toEqual({ code: 0, out: '283' });
  });

  it('exits 1 with the argument named for an out-of-pocket amount Medicare does not have', async () => {
    const r = await calc('=INFUSION.PATIENTCOST("J1745", 400, "MEDICARE", , 5)');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^#VALUE! outOfPocketRemaining: payer MEDICARE has no out-of-pocket limit/);
  });
});
