/**
 * `model --json` carries the access risk (DOMAIN.md 5.7): per drug and payer, the average patient's year-1
 * out-of-pocket and the new patients over the threshold without help. Sample scenario; Remicade J1745 400 mg:
 * Medicare 518.11 + 7 x 291.71 = 2,560.08, Medicaid 0, commercial 4,068.88 (test/functions/patient.test.ts).
 */
import { main } from '../../src/cli/main';

interface Cell {
  payer: string;
  averageAnnual: number;
  patients: number;
  overThreshold: number;
}

it('model --json reports the access risk next to the economics, with the $2,000 default threshold', async () => {
  const out: string[] = [];
  expect(await main(['model', '--json'], { out: (t) => out.push(t), err: (t) => out.push(t) })).toBe(0);
  const json = JSON.parse(out.join('\n')) as { accessRisk: { threshold: number; drugs: { hcpcs: string; perPayer: Cell[] }[] } };
  expect(json.accessRisk.threshold).toBe(2000);
  const remicade = json.accessRisk.drugs.find((d) => d.hcpcs === 'J1745');
  const by = new Map(remicade?.perPayer.map((c) => [c.payer, c]));
  expect([by.get('MEDICARE')?.averageAnnual, by.get('MEDICAID')?.averageAnnual, by.get('COMMERCIAL')?.averageAnnual]).toEqual([2560.08, 0, 4068.88]);
  // Every Medicare and commercial patient of the drug is over $2,000; no Medicaid patient is.
  for (const id of ['MEDICARE', 'COMMERCIAL']) expect(by.get(id)?.overThreshold).toBe(by.get(id)?.patients);
  expect(by.get('MEDICAID')?.overThreshold).toBe(0);
});
