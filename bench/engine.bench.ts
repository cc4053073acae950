/**
 * Engine benchmark: time to compute the full results (per drug x payer economics, mix, projection, summary)
 * for the embedded sample scenario and for a stress scenario of 200 drug lines x 6 payers x 60 months.
 * Goals (issue 2): sample under 50 ms, stress under 1 s on the 2-core reference machine.
 */
import { performance } from 'node:perf_hooks';
import { referenceData } from '../src/data';
import { ReferenceBook, runModel } from '../src/engine';
import { resolveScenario, sampleScenario } from '../src/scenario';
import { stressModelInput } from './stress';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function time(label: string, runs: number, f: () => void): void {
  f(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    samples.push(performance.now() - t0);
  }
  console.log(`${label}: median ${median(samples).toFixed(1)} ms over ${runs} runs (min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)})`);
}

const sample = resolveScenario(sampleScenario, referenceData);
const stress = stressModelInput(referenceData);
// A fresh book per run, so that no cache carries over between runs.
time('engine: sample scenario (10 drugs x 5 payers x 42 months), full model', 15, () => runModel(new ReferenceBook(referenceData), sample));
time('engine: stress scenario (200 drugs x 6 payers x 66 months), full model', 5, () => runModel(new ReferenceBook(referenceData), stress));
