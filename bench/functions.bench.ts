/**
 * Custom functions: the cost of a call as Excel makes it (through the function associated with its id, with
 * Excel-shaped arguments: null for an omitted argument, rows of cells for a range), and the size of what
 * Excel downloads. Goals: MARGIN under 20 µs a call; PATIENTYEAR with new arguments under 100 µs; dist/functions.js under
 * 100 KB gzipped.
 *
 * Figures per function: "recalc" repeats the same arguments (what a recalculation of an unchanged sheet costs:
 * the memo answers); "new price" changes the acquisition price on every call (the engine runs, the vial choice
 * is cached); "new dose" changes the dose on every call (the engine runs and searches vials). A CPU profile of
 * the new-dose path says what dominates.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type CustomFunction, loadFunctions } from '../src/functions/host';
import { paneDist } from '../test/taskpane/harness';

const CALLS = 20000;
const ROOT = path.join(__dirname, '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Median µs per call of `calls` calls, each timed on its own. */
function timeCalls(fn: CustomFunction, argsFor: (i: number) => unknown[], calls = CALLS): number {
  for (let i = 0; i < 2000; i++) fn(...argsFor(i)); // warm-up: JIT, caches
  const times = new Array<number>(calls);
  for (let i = 0; i < calls; i++) {
    const args = argsFor(i);
    const t0 = process.hrtime.bigint();
    fn(...args);
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return median(times);
}

/** Self time by function and by source file over a run of `work`, top entries, from the V8 CPU profiler. */
async function profile(work: () => void, top = 8): Promise<string[]> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object): Promise<T> =>
    new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 50 });
  await post('Profiler.start');
  work();
  const { profile: p } = await post<{ profile: { nodes: { callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number }[] } }>('Profiler.stop');
  session.disconnect();
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const n of p.nodes) {
    const url = n.callFrame.url.replace(/^file:\/\//, '');
    const file = url ? path.relative(ROOT, url).replace(/^node_modules\/([^/]+)\/.*$/, '$1 (library)') : '(native, GC, idle)';
    const key = `${n.callFrame.functionName || '(anonymous)'}  ${file}`;
    self.set(key, (self.get(key) ?? 0) + n.hitCount);
    byFile.set(file, (byFile.get(file) ?? 0) + n.hitCount);
    total += n.hitCount;
  }
  const rank = (m: Map<string, number>, n: number): string[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  return ['by file:', ...rank(byFile, 6).map((l) => `  ${l}`), 'by function:', ...rank(self, top).map((l) => `  ${l}`)];
}

function gzipKb(file: string): string {
  return `${(gzipSync(readFileSync(file), { level: 9 }).length / 1024).toFixed(1)} KB gzipped (${(readFileSync(file).length / 1024).toFixed(0)} KB raw)`;
}

async function main(): Promise<void> {
  const functions = await loadFunctions();
  const get = (id: string): CustomFunction => {
    const f = functions.get(id);
    if (!f) throw new Error(`${id} is not associated`);
    return f;
  };
  const MARGIN = get('MARGIN');
  const MIXMARGIN = get('MIXMARGIN');
  const payers = [['MEDICARE', 'MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL', 'SELF_PAY']];
  const weights = [[0.4], [0.15], [0.1], [0.3], [0.05]];
  // New doses on every call: 100.01 mg steps from 100 mg, so that neither the memo nor the vial cache answers.
  const newDose = (i: number): number => 100 + i * 0.01;

  // 0.974 x 1458.58 - 40 x 32.423 / 1.06 = 1420.65692 - 1223.50943 = 197.15 (DOMAIN.md 5.2: 95% of the share collected).
  const check = MARGIN('J1745', 400, 'MEDICARE', null, null);
  if (check !== 197.15) throw new Error(`MARGIN("J1745", 400, "MEDICARE") = ${String(check)}, expected 197.15`);

  const lines: string[] = [];
  const marginRecalc = timeCalls(MARGIN, () => ['J1745', 400, 'MEDICARE', null, null]);
  // A new contract price on every call: the memo misses, the vial choice for 400 mg is cached.
  const marginPrice = timeCalls(MARGIN, (i) => ['Remicade', 400, 'MEDICARE', 29 + i * 1e-4, null]);
  const marginNew = timeCalls(MARGIN, (i) => ['Remicade', newDose(i), 'MEDICARE', null, null]);
  const mixRecalc = timeCalls(MIXMARGIN, () => ['J1745', 400, payers, weights, null]);
  const mixNew = timeCalls(MIXMARGIN, (i) => ['Remicade', newDose(i + CALLS), payers, weights, null]);
  lines.push(
    `MARGIN     median ${marginRecalc.toFixed(2)} µs/call recalc (same arguments); ${marginPrice.toFixed(2)} µs/call new price (engine); ${marginNew.toFixed(2)} µs/call new dose (engine + vial search)  [goal < 20 µs; ${CALLS} calls each]`,
  );
  lines.push(`MIXMARGIN  median ${mixRecalc.toFixed(2)} µs/call recalc (same arguments); ${mixNew.toFixed(2)} µs/call new dose (engine + vial search), 5 payers`);
  // PATIENTYEAR (DOMAIN.md 5.7): a year of the regimen, each administration's share in date order. New arguments on every
  // call: a new deductible (the memo misses, the claim is priced again) or a new dose (and a vial search).
  const PATIENTYEAR = get('PATIENTYEAR');
  const yearCheck = PATIENTYEAR('J1745', 400, 'MEDICARE', null, null, null);
  if (yearCheck !== 2560.08) throw new Error(`PATIENTYEAR("J1745", 400, "MEDICARE") = ${String(yearCheck)}, expected 2560.08`);
  const yearRecalc = timeCalls(PATIENTYEAR, () => ['J1745', 400, 'MEDICARE', null, null, null]);
  const yearDeductible = timeCalls(PATIENTYEAR, (i) => ['Remicade', 400, 'COMMERCIAL', 1, 1000 + i * 0.01, null]);
  const yearNew = timeCalls(PATIENTYEAR, (i) => ['Remicade', newDose(i + 2 * CALLS), 'MEDICARE_ADVANTAGE', 2, 500 + (i % 100), 9250 - (i % 50)]);
  lines.push(
    `PATIENTYEAR median ${yearRecalc.toFixed(2)} µs/call recalc (same arguments); ${yearDeductible.toFixed(2)} µs/call new deductible (engine, 8 administrations); ${yearNew.toFixed(2)} µs/call new dose, year, deductible and limit (engine + vial search)  [goal < 100 µs; ${CALLS} calls each]`,
  );
  for (const l of lines) console.log(l);

  console.log('MARGIN with a new dose on every call, CPU profile (self time):');
  let k = 3 * CALLS;
  for (const l of await profile(() => {
    for (let i = 0; i < CALLS; i++) MARGIN('Remicade', newDose(k++), 'MEDICARE', null, null);
  })) {
    console.log(`  ${l}`);
  }

  // The production build a user loads (dist/ may hold `npm test`'s development build, or an older one).
  const DIST = await paneDist({ production: true });
  console.log(`scripts of the production build in ${path.relative(ROOT, DIST)}:`);
  console.log(`functions.js: ${gzipKb(path.join(DIST, 'functions.js'))}  [goal < 100 KB gzipped]`);
  const paneScripts = readdirSync(DIST).filter((f) => f.endsWith('.js') && f !== 'functions.js');
  let paneTotal = 0;
  for (const f of paneScripts) {
    paneTotal += gzipSync(readFileSync(path.join(DIST, f)), { level: 9 }).length;
    console.log(`${f}: ${gzipKb(path.join(DIST, f))}`);
  }
  console.log(`task pane scripts (${paneScripts.join(', ') || 'none'}): ${(paneTotal / 1024).toFixed(1)} KB gzipped in all`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
