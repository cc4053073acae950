/**
 * Where the pane keeps the scenario: the board workbook's Inputs sheet (model/inputs-sheet.ts says how a scenario
 * is laid out there and read back). Through Office.js:
 *
 * - read: finds the Inputs sheet (the one the add-in recorded building, else the sheet holding its Program
 *   table, as in a workbook built by the command line) and reads the scenario from its cells. A workbook
 *   from the earlier version of the pane, which kept the scenario on a "Scenario" sheet of its own
 *   (model/inputs-codec.ts), is read from there and moved to the Inputs sheet at the first save.
 * - write: an edit that keeps the formulary's structure rewrites only the cells that change (one request);
 *   one that changes it lays the Inputs sheet out again through the board renderer, together with the
 *   board's other sheets when a board was built (after the user's confirmation: they are replaced).
 * - watch: calls back when a user edits the Inputs sheet, so the pane reads it again.
 *
 * Issue 14: the board's Market and Launch plan sheets are read in the same request as the Inputs sheet
 * (`boardSheets` of the read; market-plan-store.ts reads the market and plan from them), an edit there calls
 * `watch` back too, and `writeBoardCells` writes their input cells when the pane changes them.
 */
import type { ReferenceBook } from '../../engine/book';
import { formatIssue, loadScenario, resolveScenario, sameScenario, scenarioDefaultsApplied } from '../../scenario';
import { SCENARIO_FORMAT_VERSION, type Scenario } from '../../scenario/types';
import { boardInputs, buildBoardPlan, buildInputsPlan } from '../../workbook/board';
import { NAME_PREFIX, SHEET } from '../../workbook/board/context';
import { OWNER_MARKER } from '../../workbook/plan';
import { type ExcelRun, type OwnerRecord, applyStyle, parseOwnerRecord, renderBoardInExcel } from '../../workbook/render-officejs';
import { type Cell, type TableData, TABLE_LIST, cellOfPath, decodeTables } from '../model/inputs-codec';
import type { BoardSheetCell, BoardSheetGrids, BoardSheetName, BoardSheetWriter, ConfirmRebuild, ReadOptions, ScenarioStore, WorkbookScenario, WriteResult } from '../services';
import { type Grid, type InputsModel, changedRuns, inputsModel, patchedModel, readHeldEdits, readInputEdits, readInputsSheet } from '../model/inputs-sheet';
import { LAUNCH_SHEET } from '../../workbook/board/launch-layout';
import { keepText } from '../../workbook/typed-text';

export type { ConfirmRebuild, ScenarioStore, WorkbookScenario, WriteResult } from '../services';

export const DECLINED_REASON =
  'Not saved in the Inputs sheet yet: this change adds or removes rows, so the board\u2019s sheets must be built again. Build the board workbook (Workbook view) to save it; your edits are kept meanwhile.';

interface Located {
  /** The Inputs sheet's id, or null when there is none. */
  readonly inputsId: string | null;
  /** Whether the add-in recorded building sheets besides Inputs that are still there. */
  readonly boardSheets: boolean;
  /** Whether the add-in's ownership record covers the Inputs sheet (else it was built elsewhere, e.g. by the command line). */
  readonly recorded: boolean;
  /** Issue 14: the ids of the board's Market and Launch plan sheets, or null (market-plan-store.ts checks their layout before using them). */
  readonly board: Readonly<Record<BoardSheetName, string | null>>;
}

/** The board's sheets besides Inputs that hold scenario inputs, by their planned names. */
const BOARD_SHEETS: Readonly<Record<BoardSheetName, string>> = { market: SHEET.market, launch: LAUNCH_SHEET };
const NO_BOARD_SHEET_IDS: Readonly<Record<BoardSheetName, string | null>> = { market: null, launch: null };

/** The ids of the board's Market and Launch plan sheets, each found by its planned name (null: none). */
function boardSheetIds(idOf: (planned: string) => string | null): Readonly<Record<BoardSheetName, string | null>> {
  return { market: idOf(BOARD_SHEETS.market), launch: idOf(BOARD_SHEETS.launch) };
}


function cells(values: unknown[][]): Cell[][] {
  return values.map((row) => row.map((v) => (typeof v === 'number' || typeof v === 'boolean' ? v : v === null || v === undefined ? '' : String(v))));
}

/** Finds the Inputs sheet and the board's other sheets (queues loads and syncs once). */
async function locate(context: Excel.RequestContext): Promise<Located> {
  const owner = context.workbook.settings.getItemOrNullObject(OWNER_MARKER).load('value');
  const sheets = context.workbook.worksheets.load('items/id,items/name');
  const program = context.workbook.tables.getItemOrNullObject(`${NAME_PREFIX}Program`).load('name');
  await context.sync();
  const ids = new Set(sheets.items.map((s) => s.id));
  const record = owner.isNullObject ? null : parseOwnerRecord(owner.value);
  const present = (record?.sheets ?? []).filter((s) => ids.has(s.id));
  const recordedInputs = present.find((s) => s.planned === SHEET.inputs)?.id ?? null;
  const boardSheets = present.some((s) => s.planned !== SHEET.inputs);
  // The sheet the add-in recorded building under the name, else the sheet of that name (a board of the command line).
  const byName = (name: string): string | null => present.find((s) => s.planned === name)?.id ?? sheets.items.find((s) => s.name === name)?.id ?? null;
  const board = boardSheetIds(byName);
  if (recordedInputs !== null || program.isNullObject) return { inputsId: recordedInputs, boardSheets, recorded: recordedInputs !== null, board };
  // Not recorded (a board built by the command line): the sheet that holds the Program table.
  const sheet = program.worksheet.load('id');
  await context.sync();
  return { inputsId: sheet.id, boardSheets, recorded: false, board };
}

/** A used range as a grid from A1. */
function gridOf(used: Excel.Range): Grid {
  const out: unknown[][] = [];
  used.formulas.forEach((row, i) => {
    out[used.rowIndex + i] = [...Array.from({ length: used.columnIndex }, () => ''), ...row];
  });
  return out;
}

/**
 * The Inputs sheet's cells as a grid from A1 (formulas as "=..."), and those of the board's Market and Launch
 * plan sheets when `board` names them: one request for all three.
 * Worksheet.getUsedRangeOrNullObject (ExcelApi 1.4): "If the entire worksheet is blank, this function will return a
 * null object" (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrangeornullobject-member(1)).
 */
async function readGrids(context: Excel.RequestContext, sheetId: string, board: Readonly<Record<BoardSheetName, string | null>>): Promise<{ grid: Grid; board: BoardSheetGrids }> {
  const used = context.workbook.worksheets.getItem(sheetId).getUsedRange().load('formulas,rowIndex,columnIndex');
  const other = (id: string | null): Excel.Range | null => (id === null ? null : context.workbook.worksheets.getItem(id).getUsedRangeOrNullObject().load('formulas,rowIndex,columnIndex'));
  const market = other(board.market);
  const launch = other(board.launch);
  await context.sync();
  const gridOrNull = (r: Excel.Range | null): Grid | null => (r === null || r.isNullObject ? null : gridOf(r));
  return { grid: gridOf(used), board: { market: gridOrNull(market), launch: gridOrNull(launch) } };
}

export class OfficeScenarioStore implements ScenarioStore, BoardSheetWriter {
  /** What the Inputs sheet holds as far as the pane knows: the scenario it last read or wrote, and its layout. */
  private held: { scenario: Scenario; model: InputsModel } | null = null;
  private sheetId: string | null = null;
  /** The structure the user chose not to rebuild the board for: not asked again until a build. */
  private declined: string | null = null;
  private readonly models = new Map<string, InputsModel>();
  private modelsBook: ReferenceBook | null = null;
  /** Issue 14: the Market and Launch plan sheets the last read found. */
  private boardIds: Readonly<Record<BoardSheetName, string | null>> = NO_BOARD_SHEET_IDS;

  constructor(
    private readonly book: () => ReferenceBook,
    private readonly confirmRebuild: ConfirmRebuild,
    private readonly run: ExcelRun = (batch) => Excel.run(batch),
  ) {}

  private model(scenario: Scenario): InputsModel {
    this.sameBook();
    return this.models.get(JSON.stringify(scenario)) ?? this.remember(scenario, inputsModel(this.book(), scenario));
  }

  /** Layouts depend on the reference data (an imported quarter changes the prices shown): kept for one book. */
  private sameBook(): void {
    const book = this.book();
    if (book !== this.modelsBook) {
      this.models.clear();
      this.modelsBook = book;
    }
  }

  /** Keeps a scenario's layout (an engine run each) for the comparisons and writes that follow. */
  private remember(scenario: Scenario, model: InputsModel): InputsModel {
    this.sameBook();
    if (this.models.size > 16) this.models.clear();
    this.models.set(JSON.stringify(scenario), model);
    return model;
  }

  /** The scenario of the Inputs sheet, with the cells of the board's Market and Launch plan sheets (issue 14). */
  async read(options: ReadOptions = {}): Promise<WorkbookScenario> {
    const read = await this.readSheet(options);
    if (read.read.kind !== 'ok') return read.read;
    return { ...read.read, ...(read.board !== null ? { boardSheets: read.board } : {}), ...(read.built ? { boardBuilt: true } : {}) };
  }

  private async readSheet(options: ReadOptions): Promise<{ read: WorkbookScenario; board: BoardSheetGrids | null; built: boolean }> {
    const found = await this.run(async (context) => {
      const where = await locate(context);
      if (where.inputsId !== null) return { where, ...(await readGrids(context, where.inputsId, where.board)), legacy: null };
      return { where, grid: null, board: null, legacy: await readLegacyTables(context) };
    });
    this.sheetId = found.where.inputsId;
    this.boardIds = found.where.inputsId === null ? NO_BOARD_SHEET_IDS : found.where.board;
    // The scenario read is shown as it is unless a market or plan goes on it first (the board's Market or Launch
    // plan sheet, or the settings): then the results, not this read, run the engine (once, on the scenario shown).
    const shown = options.partsElsewhere !== true && (found.board === null || (found.board.market === null && found.board.launch === null));
    // A built board: sheets the add-in recorded building besides Inputs, or a command-line board (its Inputs found by the Program table, not recorded).
    const built = found.where.inputsId !== null && (found.where.boardSheets || !found.where.recorded);
    return { read: await this.readFound(found.grid, found.legacy, shown), board: found.board, built };
  }

  private async readFound(foundGrid: Grid | null, foundLegacy: Record<string, TableData> | null, shown = true): Promise<WorkbookScenario> {
    if (foundGrid !== null) {
      const grid = foundGrid;
      // The user's edits on what the pane wrote: read cell by cell into the scenario it wrote, which keeps
      // its drug order and which fields were given, when the sheet still has that structure.
      const held = this.held;
      // Only plain fields typed over what the pane wrote (a chair count): read without the engine (model/inputs-sheet.ts).
      const quick = held === null ? null : readHeldEdits(held, grid);
      if (quick !== null) {
        const loaded = quick.scenario === held?.scenario ? null : loadScenario(quick.scenario, this.book().data);
        const scenario = loaded === null ? quick.scenario : loaded.ok && sameScenario(loaded.scenario, quick.scenario) ? loaded.scenario : null;
        if (scenario !== null) {
          this.held = { scenario, model: this.remember(scenario, quick.model) };
          return { kind: 'ok', scenario, fromVersion: SCENARIO_FORMAT_VERSION, source: 'inputs', unread: [] };
        }
      }
      const sheet = readInputsSheet(this.book(), grid, shown);
      if (sheet.kind === 'ok') this.remember(sheet.scenario, sheet.model);
      if (sheet.kind === 'ok' && held !== null && this.model(sheet.scenario).signature === held.model.signature) {
        const edits = readInputEdits(held.scenario, held.model, grid);
        if (edits === null) return { kind: 'ok', scenario: held.scenario, fromVersion: sheet.fromVersion, source: 'inputs', unread: sheet.unread };
        const loaded = edits.ignored.length === 0 ? loadScenario(edits.scenario, this.book().data) : null;
        if (loaded?.ok) {
          this.held = { scenario: loaded.scenario, model: this.model(loaded.scenario) };
          return { kind: 'ok', scenario: loaded.scenario, fromVersion: sheet.fromVersion, source: 'inputs', unread: sheet.unread };
        }
      }
      if (sheet.kind === 'ok') {
        this.held = { scenario: sheet.scenario, model: this.model(sheet.scenario) };
        return { kind: 'ok', scenario: sheet.scenario, fromVersion: sheet.fromVersion, source: 'inputs', unread: sheet.unread };
      }
      if (sheet.kind === 'invalid') return { kind: 'invalid', problems: sheet.problems.map((p) => `Inputs sheet, ${p}`) };
      // An Inputs sheet of an earlier layout: the earlier version's Scenario sheet, if any, holds the scenario.
      const legacy = await this.run((context) => readLegacyTables(context));
      return legacy === null ? { kind: 'invalid', problems: [`Inputs sheet: ${sheet.why}; it was built by an earlier version of the add-in. Replace it with the pane's scenario (build the board again).`] } : this.legacy(legacy);
    }
    return foundLegacy === null ? { kind: 'none' } : this.legacy(foundLegacy);
  }

  private legacy(tables: Record<string, TableData>): WorkbookScenario {
    const doc = decodeTables(tables);
    if (doc === null) return { kind: 'none' };
    const loaded = loadScenario(doc, this.book().data);
    if (!loaded.ok) {
      return {
        kind: 'invalid',
        problems: loaded.errors.map((issue) => {
          const where = cellOfPath(issue.path);
          return where === null ? `Scenario sheet: ${formatIssue(issue)}` : `Scenario sheet: ${formatIssue(issue)} (${where})`;
        }),
      };
    }
    return { kind: 'ok', scenario: loaded.scenario, fromVersion: loaded.fromVersion, source: 'legacy', unread: [] };
  }

  async write(scenario: Scenario): Promise<WriteResult> {
    const held = this.held;
    // An edit of a field whose cell shows it as it is (a chair count) is laid out without the engine (inputs-sheet.ts).
    const patched = held === null ? null : patchedModel(held, scenario);
    const after = patched === null ? this.model(scenario) : this.remember(scenario, patched);
    if (this.sheetId !== null && held !== null && held.model.signature === after.signature) {
      const runs = changedRuns(held.model, after);
      const sheetId = this.sheetId;
      let written = true;
      if (runs.length > 0) {
        written = await this.run(async (context) => {
          const sheet = context.workbook.worksheets.getItem(sheetId);
          for (const run of runs) {
            const range = sheet.getRangeByIndexes(run.row, run.col, 1, run.cells.length);
            range.numberFormat = [[...run.formats]];
            range.formulas = [[...run.cells]];
            // A field that became given (or went back to its default) changes look, as the board labels it.
            run.styles.forEach((style, k) => {
              if (style !== null) applyStyle(sheet.getCell(run.row, run.col + k), style, true, true, true);
            });
          }
          try {
            await context.sync();
            return true;
          } catch (e) {
            // The user deleted the Inputs sheet: it is laid out again below. Any other failure is reported.
            if ((e as { code?: string }).code === 'ItemNotFound') return false;
            throw e;
          }
        });
      }
      if (written) {
        this.held = { scenario, model: after };
        return { kind: 'written' };
      }
      this.held = null;
      this.sheetId = null;
    }
    // A new structure (or no Inputs sheet yet): the sheet, and the board built on it, laid out again.
    if (this.declined === after.signature) return { kind: 'declined', reason: DECLINED_REASON };
    const book = this.book();
    let where = await this.run((context) => locate(context));
    if (where.inputsId !== null && !where.recorded) {
      // A board the add-in did not record building (the command line's .xlsx): its sheets become the add-in's, so that they can be laid out again (after asking).
      where = await this.run(async (context) => {
        await adoptBoard(context);
        return locate(context);
      });
    }
    const input = resolveScenario(scenario, book.data);
    const src = boardInputs(book, input, { applied: scenarioDefaultsApplied(scenario, book.data), scenario });
    const plan = where.boardSheets ? buildBoardPlan(src) : buildInputsPlan(src);
    let declined = false;
    const result = await renderBoardInExcel(plan, {
      run: this.run,
      quietlyReplace: [SHEET.inputs],
      activate: false,
      confirmReplace: async (sheets) => {
        declined = !(await this.confirmRebuild(sheets));
        return !declined;
      },
    });
    if (result.status === 'cancelled' || declined) {
      this.declined = after.signature;
      return { kind: 'declined', reason: DECLINED_REASON };
    }
    this.sheetId = result.sheets.find((s) => s.planned === SHEET.inputs)?.id ?? null;
    // Laid out again with the board: the Market and Launch plan sheets the scenario has are new sheets.
    if (where.boardSheets) this.boardIds = boardSheetIds((name) => result.sheets.find((s) => s.planned === name)?.id ?? null);
    this.held = { scenario, model: after };
    return { kind: 'written', board: where.boardSheets };
  }

  equivalent(a: Scenario, b: Scenario): boolean {
    try {
      const ma = this.model(a);
      const mb = this.model(b);
      return ma.signature === mb.signature && readInputEdits(a, ma, mb.cells) === null;
    } catch {
      return false;
    }
  }

  async built(scenario: Scenario): Promise<void> {
    this.declined = null;
    this.held = { scenario, model: this.model(scenario) };
    const where = await this.run((context) => locate(context));
    this.sheetId = where.inputsId;
    this.boardIds = where.board;
  }

  /**
   * Issue 14: writes input cells of the Market and Launch plan sheets (market-plan-store.ts decides which), in
   * one request. Office.js documents no undo of the commands of a batch that ran before the one that failed
   * (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling), so should
   * it fail (a sheet deleted or protected meanwhile), `undo` puts back what the cells held: nothing is left changed.
   */
  async writeBoardCells(cells: readonly BoardSheetCell[], undo: readonly BoardSheetCell[]): Promise<boolean> {
    const ids = this.boardIds;
    if (cells.some((c) => ids[c.sheet] === null)) return false;
    const put = async (list: readonly BoardSheetCell[]): Promise<void> => {
      if (list.length === 0) return;
      await this.run(async (context) => {
        for (const c of list) {
          const range = context.workbook.worksheets.getItem(ids[c.sheet] as string).getCell(c.row, c.col);
          range.values = [[typeof c.value === 'string' ? keepText(c.value) : c.value]];
        }
        await context.sync();
      });
    };
    try {
      await put(cells);
      return true;
    } catch (e) {
      // Sheet by sheet: the undo of a sheet still there must not wait on one that is gone.
      for (const sheet of Object.keys(BOARD_SHEETS) as BoardSheetName[]) await put(undo.filter((c) => c.sheet === sheet)).catch(() => undefined);
      if ((e as { code?: string }).code === 'ItemNotFound') {
        this.boardIds = NO_BOARD_SHEET_IDS;
        return false;
      }
      throw e;
    }
  }

  async watch(onEdit: () => void): Promise<() => Promise<void>> {
    const handler = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
      // Our own writes come back as events too; the read compares contents as well, for hosts without triggerSource.
      if ((event as { triggerSource?: string }).triggerSource === 'ThisLocalAddin') return;
      // The Inputs sheet, or (issue 14) the board's Market and Launch plan sheets.
      const watched = [this.sheetId, this.boardIds.market, this.boardIds.launch];
      if (!watched.includes(event.worksheetId)) return;
      onEdit();
    };
    const registration = await this.run(async (context) => {
      const result = context.workbook.worksheets.onChanged.add(handler);
      await context.sync();
      return result;
    });
    return async () => {
      await Excel.run(registration.context, async (context) => {
        registration.remove();
        await context.sync();
      });
    };
  }
}

/**
 * Records the board's sheets (by their names), names and tables (by their prefix) as the add-in's, as the
 * renderer records a board it builds (one request).
 */
async function adoptBoard(context: Excel.RequestContext): Promise<void> {
  const sheets = context.workbook.worksheets.load('items/id,items/name');
  const names = context.workbook.names.load('items/name');
  const tables = context.workbook.tables.load('items/name');
  await context.sync();
  const planned = new Set<string>(Object.values(SHEET));
  const record: OwnerRecord = {
    version: 1,
    sheets: sheets.items.filter((w) => planned.has(w.name)).map((w) => ({ id: w.id, planned: w.name })),
    names: names.items.map((n) => n.name).filter((n) => n.startsWith(NAME_PREFIX)),
    tables: tables.items.map((t) => t.name).filter((n) => n.startsWith(NAME_PREFIX)),
  };
  context.workbook.settings.add(OWNER_MARKER, JSON.stringify(record));
}

/** The earlier version's Scenario sheet tables, or null when the workbook has none (two requests). */
async function readLegacyTables(context: Excel.RequestContext): Promise<Record<string, TableData> | null> {
  const found = TABLE_LIST.map((spec) => ({ spec, table: context.workbook.tables.getItemOrNullObject(spec.name).load('name') }));
  await context.sync();
  const present = found.filter((f) => !f.table.isNullObject);
  if (present.length === 0) return null;
  const ranges = present.map((f) => ({ spec: f.spec, header: f.table.getHeaderRowRange().load('values'), body: f.table.getDataBodyRange().load('values') }));
  await context.sync();
  const out: Record<string, TableData> = {};
  for (const r of ranges) out[r.spec.name] = { headers: cells(r.header.values)[0]?.map(String) ?? [], rows: cells(r.body.values) };
  return out;
}
