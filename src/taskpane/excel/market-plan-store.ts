/**
 * Issue 14: where the pane keeps the scenario's market (with the drugs' demand claims) and its launch plan,
 * which the Inputs sheet does not hold: one decorator of the scenario store that puts them on the scenario
 * read from the Inputs sheet, checks the whole scenario once per read, and keeps them on each write.
 *
 * Two places hold them:
 * - the board's Market and Launch plan sheets (board/market-layout.ts, board/launch-layout.ts), read in the
 *   same request as the Inputs sheet (scenario-store.ts), whose input cells a user may type over;
 * - the document's settings (SETTING_KEYS.market: `{ market, claims }` with the claims by HCPCS code;
 *   SETTING_KEYS.launchPlan: the plan), the names and shapes the earlier version of the pane saved, so its
 *   documents still open. They hold what the pane edits before any board is built.
 *
 * Which wins, for the market and for the plan each:
 * 1. The product's sheet is there (its title and headers where the layout puts them) and shows the same
 *    structure as the settings (the same claiming drugs; the same task-force roles and tasks), or the settings
 *    hold none (a board built by the command line): the sheet's input cells are the source of truth for what
 *    they show (a status, a start month, a share, a population), typed edits included; the settings give
 *    only what the sheet cannot show (which drug or payer a task unblocks, when it is named ambiguously).
 * 2. The sheet shows another structure (the pane added a claim or removed the plan after the board was built;
 *    a removal is kept in the settings as `{ removed: true }` while the sheet is there): the settings win,
 *    and the sheet is left as it is until the board is built again.
 * 3. No such sheet, or a sheet of that name the user made: the settings.
 * A value typed on a sheet that its cell cannot take, or that the scenario's checks refuse, stops the read
 * with a message naming the sheet and cell (as the Inputs sheet's reader does).
 *
 * On write (the pane changed the scenario): the settings are saved when the market or the plan changed (only
 * then), and when a sheet of case 1 is there and the new market or plan has its structure, the input cells
 * whose meaning changed are written there (only the product's input cells; one request; put back should it
 * fail), so the board's live formulas (the Gantt grid, Cohorts through the Market sheet) follow.
 *
 * What fits: a stored market whose claims name a drug no longer on the Inputs sheet keeps the claims that fit; a
 * stored plan (or market) the scenario's checks refuse is left out of the scenario and left in the document.
 * The plan names the task force's roles and optional staff names (validated: no digits): no patient data.
 */
import type { ReferenceBook } from '../../engine/book';
import { validateScenario } from '../../scenario/validate';
import { DEFAULT_PLANNING_MONTHS } from '../../scenario/defaults';
import { defaultLaunchPlan, type ScenarioLaunchPlan } from '../../scenario/launch-plan';
import type { Scenario, ValidationIssue } from '../../scenario/types';
import { launchInputCells } from '../../workbook/board/launch-layout';
import { type BoardSheetShapes, NO_BOARD_SHEETS, shapesOf } from '../model/board-stale';
import { type StoredMarket, launchStructure, marketCells, readLaunchSheet, readMarketSheet, sameMeaning, storedMarketOf } from '../model/board-sheets';
import type { Grid } from '../model/inputs-sheet';
import { type BoardSheetCell, type BoardSheetName, type BoardSheetWriter, SETTING_KEYS, type ScenarioStore, type SettingsPort, type WorkbookScenario } from '../services';
import { officeDocumentSettings } from './document-settings';

/** What the settings hold for a market or plan the pane removed while the board's sheet still shows one. */
const REMOVED = { removed: true } as const;

export interface MarketPlanOptions {
  readonly book: () => ReferenceBook;
  /** The document's settings; null where there are none. Default: the open document's (none outside Office). */
  readonly settings?: () => SettingsPort | null;
  /** Writes the sheets' input cells (scenario-store.ts); without it the sheets are read only. */
  readonly sheets?: BoardSheetWriter;
}

/** A sheet in use as the source of its part: its structure, and what its input cells hold now. */
interface HeldSheet {
  readonly structure: string;
  /** The sheet's drug rows (the Market sheet). */
  readonly order: readonly string[];
  readonly cells: Map<string, unknown>;
  readonly grid: Grid | null;
}

const key = (row: number, col: number): string => `${row},${col}`;
const cellOf = (h: HeldSheet, row: number, col: number): unknown => (h.cells.has(key(row, col)) ? h.cells.get(key(row, col)) : (h.grid?.[row]?.[col] ?? ''));

function officeSettings(): SettingsPort | null {
  return typeof Office === 'undefined' || !Office.context?.document?.settings ? null : officeDocumentSettings();
}

function storedMarket(v: unknown): StoredMarket | null {
  return typeof v === 'object' && v !== null && 'market' in v && typeof (v as StoredMarket).market === 'object' ? (v as StoredMarket) : null;
}
function storedPlan(v: unknown): ScenarioLaunchPlan | null {
  return typeof v === 'object' && v !== null && 'tasks' in v ? (v as ScenarioLaunchPlan) : null;
}
const removed = (v: unknown): boolean => typeof v === 'object' && v !== null && (v as { removed?: unknown }).removed === true;

/** The scenario without its market, claims and plan. */
function bare(s: Scenario): Scenario {
  const { market: _m, launchPlan: _p, ...rest } = s;
  void _m;
  void _p;
  return { ...rest, drugs: s.drugs.map(({ demand: _d, ...d }) => {
    void _d;
    return d;
  }) };
}

/** `s` (bare) with a market and its claims (those of drugs it lists) and a plan (which sets the planning months). */
function merged(s: Scenario, market: StoredMarket | null, plan: ScenarioLaunchPlan | null): Scenario {
  let out = s;
  if (market !== null) {
    out = { ...out, market: market.market, drugs: out.drugs.map((d) => {
      const claim = market.claims?.[d.hcpcs.toUpperCase()];
      return claim === undefined ? d : { ...d, demand: claim };
    }) };
  }
  if (plan !== null) {
    const { planningMonths: _pm, ...program } = out.program;
    void _pm;
    out = { ...out, program, launchPlan: plan };
  }
  return out;
}

const marketStructure = (drugs: Iterable<string>): string => JSON.stringify([...drugs].sort());

export function withMarketAndPlan(inner: ScenarioStore, options: MarketPlanOptions): ScenarioStore {
  const settingsOf = options.settings ?? officeSettings;
  const held: Record<BoardSheetName, HeldSheet | null> = { market: null, launch: null };
  /** Whether the last read saw the product's sheet (a removal in the pane is then kept as REMOVED). */
  const seen: Record<BoardSheetName, boolean> = { market: false, launch: false };
  /** What the product's Market and Launch plan sheets show, as last read or built (model/board-stale.ts). */
  let shapes: BoardSheetShapes = NO_BOARD_SHEETS;

  async function read(): Promise<WorkbookScenario> {
    const settings = settingsOf();
    const marketSetting = settings?.get(SETTING_KEYS.market) as unknown;
    const planSetting = settings?.get(SETTING_KEYS.launchPlan) as unknown;
    // A market or plan in the settings goes on the scenario read: the engine runs once, for the scenario shown.
    const r = await inner.read({ partsElsewhere: storedMarket(marketSetting) !== null || storedPlan(planSetting) !== null });
    if (r.kind !== 'ok') return r;
    const ref = options.book().data;
    // The inner store may give back the scenario it last wrote, market and plan included: the basis when the settings hold none.
    const basisMarket = removed(marketSetting) ? null : (storedMarket(marketSetting) ?? storedMarketOf(r.scenario));
    const basisPlan = removed(planSetting) ? null : (storedPlan(planSetting) ?? r.scenario.launchPlan ?? null);
    const months = r.scenario.launchPlan?.months ?? r.scenario.program.planningMonths ?? DEFAULT_PLANNING_MONTHS.value;
    const base = bare(r.scenario);
    const problems: string[] = [];
    const where: Record<string, string> = {};
    let market = basisMarket;
    let plan = basisPlan;
    held.market = null;
    held.launch = null;
    seen.market = false;
    seen.launch = false;
    let marketShape: BoardSheetShapes['market'] = null;
    let launchShape: BoardSheetShapes['launch'] = null;

    const marketGrid = r.boardSheets?.market ?? null;
    if (marketGrid !== null) {
      const m = readMarketSheet(marketGrid, basisMarket);
      seen.market = m.kind !== 'foreign';
      marketShape = m.kind === 'ok' ? { drugs: m.value.drugs } : m.kind === 'invalid' ? { drugs: null } : null;
      const structure = m.kind === 'ok' ? marketStructure(m.value.drugs) : '';
      const fits = m.kind === 'ok' && !removed(marketSetting) && (basisMarket === null || structure === marketStructure(Object.keys(basisMarket.claims)));
      if (m.kind === 'invalid' && !removed(marketSetting)) problems.push(...m.problems);
      if (m.kind === 'ok' && fits) {
        market = { market: m.value.market, claims: m.value.claims };
        Object.assign(where, m.where);
        held.market = { structure, order: m.value.drugs, cells: new Map(), grid: marketGrid };
      }
    }
    const launchGrid = r.boardSheets?.launch ?? null;
    if (launchGrid !== null) {
      const l = readLaunchSheet(launchGrid, base, months, basisPlan, () => defaultLaunchPlan(base, ref));
      seen.launch = l.kind !== 'foreign';
      launchShape = l.kind === 'ok' ? shapesOf({ ...base, launchPlan: l.value.plan }).launch : l.kind === 'invalid' ? { unread: true } : null;
      const fits = l.kind === 'ok' && !removed(planSetting) && (basisPlan === null || launchStructure(basisPlan) === l.value.structure);
      if (l.kind === 'invalid' && !removed(planSetting)) problems.push(...l.problems);
      if (l.kind === 'ok' && fits) {
        plan = l.value.plan;
        Object.assign(where, l.where);
        held.launch = { structure: l.value.structure, order: [], cells: new Map(), grid: launchGrid };
      }
    }
    shapes = { market: marketShape, launch: launchShape, ...(r.boardBuilt === true ? { built: true } : {}) };
    if (problems.length > 0) return { kind: 'invalid', problems };

    const scenario = merged(base, market, plan);
    // Nothing to put on the scenario read (no market or plan, or the ones it has): it is given back as it is, the
    // object the inner store checked and ran the model on (model-run.ts keeps that run by the object).
    if (JSON.stringify(scenario) === JSON.stringify(r.scenario)) return r;
    // The one check of the read: the scenario with its market and plan.
    const checked = validateScenario(scenario, ref);
    if (checked.ok) return { ...r, scenario };
    // A value typed on a sheet that the checks refuse is named by its cell; a stored part that no longer fits is left out.
    const onSheet = checked.errors.flatMap((e) => {
      const cell = cellOfIssue(e, scenario, where);
      return cell === null ? [] : [`${cell}: ${e.message}`];
    });
    if (onSheet.length > 0) return { kind: 'invalid', problems: onSheet };
    const planBad = checked.errors.some((e) => e.path.startsWith('launchPlan') || e.path === 'program.planningMonths');
    const marketBad = checked.errors.some((e) => e.path.startsWith('market') || /^drugs\[\d+\]\.demand/.test(e.path));
    if (!planBad && !marketBad) return JSON.stringify(base) === JSON.stringify(r.scenario) ? r : { ...r, scenario: base };
    if (planBad) held.launch = null;
    if (marketBad) held.market = null;
    return { ...r, scenario: merged(base, marketBad ? null : market, planBad ? null : plan) };
  }

  /** Keeps the market and plan in the settings: saved only when either changed. */
  async function saveSettings(scenario: Scenario): Promise<void> {
    const settings = settingsOf();
    if (settings === null) return;
    const next = {
      [SETTING_KEYS.market]: storedMarketOf(scenario) ?? (seen.market ? REMOVED : null),
      [SETTING_KEYS.launchPlan]: scenario.launchPlan ?? (seen.launch ? REMOVED : null),
    };
    let changed = false;
    for (const [name, value] of Object.entries(next)) {
      if (JSON.stringify(settings.get(name) ?? null) === JSON.stringify(value)) continue;
      changed = true;
      if (value === null) settings.remove(name);
      else settings.set(name, value);
    }
    if (changed) await settings.save();
  }

  /** The input cells of the sheets in use whose meaning the scenario changes. */
  function sheetCells(scenario: Scenario): { cells: BoardSheetCell[]; undo: BoardSheetCell[] } {
    const cells: BoardSheetCell[] = [];
    const undo: BoardSheetCell[] = [];
    const add = (sheet: BoardSheetName, h: HeldSheet, list: readonly { row: number; col: number; value: string | number }[]): void => {
      for (const c of list) {
        const now = cellOf(h, c.row, c.col);
        if (sameMeaning(now, c.value)) continue;
        cells.push({ sheet, ...c });
        undo.push({ sheet, row: c.row, col: c.col, value: typeof now === 'number' || typeof now === 'string' ? now : String(now) });
      }
    };
    const m = held.market;
    const market = storedMarketOf(scenario);
    if (m !== null && market !== null && marketStructure(Object.keys(market.claims)) === m.structure) add('market', m, marketCells(scenario, m.order) ?? []);
    const l = held.launch;
    if (l !== null && scenario.launchPlan !== undefined && launchStructure(scenario.launchPlan) === l.structure) add('launch', l, launchInputCells(scenario.launchPlan));
    return { cells, undo };
  }

  /** The board was built (or laid out again) from `scenario`: its Market and Launch plan sheets show it. */
  function laidOut(scenario: Scenario): void {
    const market = storedMarketOf(scenario);
    const order = scenario.drugs.filter((d) => d.demand !== undefined).map((d) => d.hcpcs.toUpperCase());
    held.market = market === null ? null : { structure: marketStructure(order), order, cells: cellMap(marketCells(scenario, order) ?? []), grid: null };
    held.launch = scenario.launchPlan === undefined ? null : { structure: launchStructure(scenario.launchPlan), order: [], cells: cellMap(launchInputCells(scenario.launchPlan)), grid: null };
    seen.market = held.market !== null;
    seen.launch = held.launch !== null;
    shapes = { ...shapesOf(scenario), built: true };
  }

  return {
    read,
    async write(scenario) {
      await saveSettings(scenario);
      const { cells, undo } = sheetCells(scenario);
      if (cells.length > 0 && options.sheets !== undefined) {
        const written = await options.sheets.writeBoardCells(cells, undo);
        for (const c of cells) {
          const h = held[c.sheet];
          if (written) h?.cells.set(key(c.row, c.col), c.value);
          else held[c.sheet] = null;
        }
      }
      const result = await inner.write(scenario);
      // The inner store laid the board out again (a new structure of the formulary): its sheets show `scenario`.
      if (result.kind === 'written' && result.board === true) laidOut(scenario);
      return result;
    },
    watch: (onEdit) => inner.watch(onEdit),
    async built(scenario) {
      await inner.built(scenario);
      laidOut(scenario);
    },
    boardSheetShapes: () => shapes,
    equivalent: (a, b) => inner.equivalent(a, b) && JSON.stringify(storedMarketOf(a)) === JSON.stringify(storedMarketOf(b)) && JSON.stringify(a.launchPlan ?? null) === JSON.stringify(b.launchPlan ?? null),
  };
}

function cellMap(list: readonly { row: number; col: number; value: string | number }[]): Map<string, unknown> {
  return new Map(list.map((c) => [key(c.row, c.col), c.value]));
}

/** The sheet cell a check's issue is about, when the value came from a sheet (`where`: path -> cell); else null. */
function cellOfIssue(issue: ValidationIssue, scenario: Scenario, where: Readonly<Record<string, string>>): string | null {
  let path = issue.path;
  // A drug's claim: named on the Market sheet by its HCPCS code.
  const claim = /^drugs\[(\d+)\]\.demand(.*)$/.exec(path);
  if (claim !== null) path = `claim:${scenario.drugs[Number(claim[1])]?.hcpcs.toUpperCase() ?? ''}${claim[2] ?? ''}`;
  // The path, else the nearest enclosing one that names a cell (an area's row, a task's row).
  for (let p = path; p !== ''; p = p.replace(/(\.[^.[\]]*|\[\d+\])$/, '')) {
    const cell = where[p];
    if (cell !== undefined) return cell;
    if (!/(\.[^.[\]]*|\[\d+\])$/.test(p)) break;
  }
  return null;
}
