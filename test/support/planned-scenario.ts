/**
 * Issue 14: the sample with the service area of market-scenario.ts and the task force's own launch plan, and
 * the board's sheets as the pane reads them (formulas as "=..."), for the tests of the Market and Launch plan
 * sheets read back.
 */
import { referenceData } from '../../src/data';
import { ReferenceBook } from '../../src/engine/book';
import { defaultLaunchPlan, resolveScenario, scenarioDefaultsApplied } from '../../src/scenario';
import type { ScenarioLaunchPlan } from '../../src/scenario/launch-plan';
import type { Scenario } from '../../src/scenario/types';
import { boardInputs, buildBoardPlan } from '../../src/workbook/board';
import { marketScenario } from './market-scenario';

const book = new ReferenceBook(referenceData);

/**
 * The sample with the service area of test/support/market-scenario.ts and the task force's own plan: the default
 * template with two staff names, Remicade's distributor task (the 5th) late to month 8, and the EHR build's cost
 * set to $7,000.
 */
export function plannedScenario(): Scenario {
  const base = marketScenario(true);
  const template = defaultLaunchPlan(base, referenceData);
  const { planningMonths: _pm, ...program } = base.program;
  void _pm;
  const plan: ScenarioLaunchPlan = {
    months: 6,
    team: template.team.map((m) => (m.role === 'physicians' ? { ...m, name: 'Dr. Rivera' } : m.role === 'pharmacy' ? { ...m, name: 'Sam Ortiz' } : m)),
    tasks: template.tasks.map((t, i) => (i === 4 ? { ...t, status: 'late' as const, endMonth: 8 } : t.name.startsWith('EHR build') ? { ...t, cost: 7000 } : t)),
  };
  return { ...base, program, launchPlan: plan };
}

/** A sheet of the full board (as the command line builds it), as the pane reads it: formulas as "=...". */
export function boardSheet(s: Scenario, name: string): unknown[][] {
  const input = resolveScenario(s, referenceData);
  const board = buildBoardPlan(boardInputs(book, input, { applied: scenarioDefaultsApplied(s, referenceData), scenario: s }));
  const sheet = board.sheets.find((x) => x.name === name);
  if (!sheet) throw new Error(`no ${name} sheet`);
  let cols = 1;
  for (let r = 0; r < sheet.rows.length; r++) cols = Math.max(cols, sheet.rows[r]?.length ?? 0);
  return Array.from({ length: sheet.rows.length }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const cell = sheet.rows[r]?.[c];
      if (cell === undefined) return '';
      if (cell.formula !== undefined) return `=${cell.formula}`;
      const v = cell.value;
      return v === null ? '' : typeof v === 'object' ? Number(String(v)) : v;
    }),
  );
}

/** `grid` with the cell at an A1 address holding `value`, as a user leaves it. */
export function typed(grid: unknown[][], address: string, value: unknown): unknown[][] {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m) throw new Error(address);
  const col = [...(m[1] as string)].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const out = grid.map((r) => [...r]);
  (out[Number(m[2]) - 1] as unknown[])[col] = value;
  return out;
}

