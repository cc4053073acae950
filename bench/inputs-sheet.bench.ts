/**
 * The Inputs sheet's layout table (issue 15): one cell edited, with the sample scenario.
 *
 * - save: laying the edited scenario out to diff the sheet. Full layout (`inputsModel`: the engine over one
 *   month and the Inputs plan) against the patched layout of a plain field (`patchedModel`: no engine).
 * - read: the sheet after the user typed one plain cell. The whole sheet read (`readInputsSheet`) against the
 *   read of the edit against the layout the pane holds (`readHeldEdits`).
 *
 * Run with `npm run bench` (or `npx tsx bench/inputs-sheet.bench.ts`).
 */
import { referenceData } from '../src/data';
import { ReferenceBook } from '../src/engine/book';
import { sampleScenario } from '../src/scenario';
import { inputsModel, patchedModel, readHeldEdits, readInputsSheet } from '../src/taskpane/model/inputs-sheet';
import { setProgramNumber } from '../src/taskpane/model/edit';

const RUNS = 40;
const book = new ReferenceBook(referenceData);
const model = inputsModel(book, sampleScenario);
const held = { scenario: sampleScenario, model };
const chairs = model.fields.find((f) => f.plain !== undefined && model.cells[f.row]?.[f.col] === sampleScenario.program.chairs);
if (chairs === undefined) throw new Error('no chairs cell');

function median(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${(sorted[Math.floor(sorted.length / 2)] as number).toFixed(3)} ms`;
}

const time = (f: () => unknown): number => {
  const t = performance.now();
  if (f() === null) throw new Error('the fast path did not apply');
  return performance.now() - t;
};

const [saveFull, savePatched, readWhole, readHeld]: number[][] = [[], [], [], []];
for (let k = 0; k < RUNS; k++) {
  const next = setProgramNumber(sampleScenario, 'chairs', 7 + k);
  saveFull.push(time(() => inputsModel(book, next)));
  savePatched.push(time(() => patchedModel(held, next)));
  const grid = model.cells.map((r) => [...r]) as unknown[][];
  (grid[chairs.row] as unknown[])[chairs.col] = 7 + k;
  readWhole.push(time(() => readInputsSheet(book, grid)));
  readHeld.push(time(() => readHeldEdits(held, grid)));
}
console.log(`save one edited cell (chairs): full layout median ${median(saveFull)}; patched layout median ${median(savePatched)} (n=${RUNS})`);
console.log(`read one typed cell (chairs): whole sheet median ${median(readWhole)}; against the held layout median ${median(readHeld)} (n=${RUNS})`);
