/** What the task-pane benchmarks measure alike: the time of the first full render, and the figures they print. */
import type { Page } from 'playwright-core';

/**
 * The page's time (performance.now) at the first frame showing the full render of a workbook holding the sample
 * formulary: the formulary listed, the save state settled and the header's NPV computed.
 */
export async function firstFullRender(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const heading = [...document.querySelectorAll('h2')].some((h) => h.textContent === 'Proposed formulary (10 drugs)');
      const saved = document.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') === 'saved';
      const npv = document.querySelector('[data-testid="summary"]')?.textContent?.includes('NPV') ?? false;
      return heading && saved && npv ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** "median N ms (min, max, n)" of the samples. */
export function stats(samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return `median ${median.toFixed(0)} ms (min ${(sorted[0] as number).toFixed(0)}, max ${(sorted[sorted.length - 1] as number).toFixed(0)}, n=${sorted.length})`;
}
