/**
 * "Build board workbook": the scenario through the engine into the board plan (src/workbook/board.ts), then
 * into the open workbook by the Office.js renderer (src/workbook/render-officejs.ts), which replaces only the
 * sheets it built before, after the pane's confirmation, and syncs a fixed number of times (REQUESTS). The
 * pane shows progress by counting those round trips.
 */
import type { ReferenceBook } from '../../engine/book';
import { resolveScenario, scenarioDefaultsApplied } from '../../scenario';
import type { Scenario } from '../../scenario/types';
import { SHEET, boardInputs, buildBoardPlan } from '../../workbook/board';
import { REQUESTS, type ExcelRun, renderBoardInExcel } from '../../workbook/render-officejs';
import type { BoardService, BuildProgress } from '../services';

/** What the user reads while each round trip runs. */
function stepText(done: number): string {
  if (done === 0) return 'Looking at the workbook';
  if (done === 1) return 'Adding the sheets';
  if (done < REQUESTS - 1) return `Writing the sheets (${done - 1} of ${REQUESTS - 3})`;
  return 'Showing the new sheets';
}

export function officeBoardService(book: () => ReferenceBook): BoardService {
  return {
    unavailable: null,
    async build(scenario: Scenario, progress: (p: BuildProgress) => void, confirmReplace: (sheets: readonly string[]) => Promise<boolean>) {
      const b = book();
      progress({ step: 'Computing the board workbook', done: 0, total: REQUESTS + 1 });
      // Let the progress show before the plan's computation takes the thread.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const input = resolveScenario(scenario, b.data);
      const plan = buildBoardPlan(boardInputs(b, input, { applied: scenarioDefaultsApplied(scenario, b.data), scenario }));
      let done = 0;
      const run: ExcelRun = (batch) =>
        Excel.run((context) => {
          const sync = context.sync.bind(context);
          progress({ step: stepText(0), done: 1, total: REQUESTS + 1 });
          // Each round trip of the renderer moves the bar.
          context.sync = (async <T>(passThrough?: T) => {
            const result = await sync(passThrough);
            done++;
            // Excel.run's own closing sync comes after the renderer's REQUESTS: the bar stays full, never past it.
            progress({ step: stepText(Math.min(done, REQUESTS)), done: Math.min(done + 1, REQUESTS + 1), total: REQUESTS + 1 });
            return result;
          }) as typeof context.sync;
          return batch(context);
        });
      // The Inputs sheet alone is where the pane keeps the scenario (from which this board is built): replaced without asking.
      const result = await renderBoardInExcel(plan, { run, confirmReplace, quietlyReplace: [SHEET.inputs] });
      if (result.status === 'cancelled') return { cancelled: true } as const;
      return { built: result.sheets.map((s) => s.name) };
    },
  };
}
