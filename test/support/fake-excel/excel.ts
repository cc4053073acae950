/**
 * The fake Excel API: request contexts, proxies and `context.sync()` with the semantics the add-in relies
 * on. Like Office.js, nothing happens when a proxy is used: writes and loads are queued, and `sync()` runs
 * the queue in order against the in-memory workbook. A property can be read only after it was loaded and a
 * sync ran (else it throws, as Office.js does), a failing request rejects the sync with an
 * `OfficeExtension.Error`-like object, and every sync is recorded with its requests and payload size.
 * Split by API area: core.ts (client objects, errors, the 5 MB limits), settings.ts (the one settings
 * store), custom-functions.ts (CustomFunctions and INFUSION.* evaluation), typed-text.ts (Excel's parsing
 * of written text), formulas.ts (formulas as Excel writes them back), this file (workbook, sheets, ranges,
 * tables, names, charts), office.ts (the Office namespace); browser.ts and node.ts put them together.
 *
 * Cosmetic parts of the API (formats, page layout, chart axes, conditional formats) are accepted by a
 * recorder that stores what was set, so that a renderer using them runs; the add-in cannot read them back.
 */
import { ClientObject, GET_CELLS_LIMIT, HostError, type Op, PAYLOAD_LIMIT_BYTES, type SyncRecord, bytesOf, loadList, recorder } from './core';
import { type Evaluation, type FunctionRegistry, evaluateInfusion } from './custom-functions';
import { asExcelWritesIt } from './formulas';
import { SettingCollectionProxy } from './settings';
import { isErrorValue, typedConstant } from './typed-text';
import {
  type Box,
  type CellState,
  type ChartState,
  type NameState,
  type SheetState,
  type TableState,
  type WorkbookState,
  boxAddress,
  cellAddress,
  intersects,
  isEmptyCell,
  key,
  newSheet,
  parseBox,
  parseKey,
  quoteSheet,
  renameReferences,
  splitSheet,
  tableBox,
  usedBox,
} from './workbook';

export type { SyncRecord } from './core';
export { HostError } from './core';

/** A queued operation as `failWhen` sees it: its kind and the number of the sync it is in. */
export interface OpInfo {
  readonly what: string;
  readonly sync: number;
}

export interface ChangeEvent {
  type: string;
  changeType: string;
  source: string;
  triggerSource: string;
  worksheetId: string;
  tableId?: string;
  address: string;
}

type Handler = (args: ChangeEvent) => unknown;

interface Registration {
  readonly scope: 'sheet' | 'table' | 'sheets';
  readonly targetId: string;
  readonly handler: Handler;
}

/** The host: the workbook, the registered functions and event handlers, and the record of syncs. */
export class FakeExcel {
  readonly syncs: SyncRecord[] = [];
  calculations = 0;
  /** Office.context.document.settings saves that reached the document. */
  settingsSaves = 0;
  /** Excel on the web's request and response limits (core.ts); a test may lower them. */
  requestLimit = PAYLOAD_LIMIT_BYTES;
  responseLimit = PAYLOAD_LIMIT_BYTES;
  /** Return true to make a queued operation fail when its sync applies it (what a failure part way leaves). */
  failWhen: ((op: OpInfo) => boolean) | null = null;
  private responseBytes = 0;
  private registrations: Registration[] = [];

  constructor(
    public state: WorkbookState,
    readonly registry: FunctionRegistry,
  ) {}

  newId(prefix: string): string {
    const id = `{${prefix}${this.state.nextId}}`;
    this.state.nextId += 1;
    return id;
  }

  sheetByKey(nameOrId: string): SheetState | undefined {
    const lower = nameOrId.toLowerCase();
    return this.state.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === lower);
  }

  sheetById(id: string): SheetState | undefined {
    return this.state.sheets.find((s) => s.id === id);
  }

  allTables(): { sheet: SheetState; table: TableState }[] {
    return this.state.sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })));
  }

  tableByKey(nameOrId: string): { sheet: SheetState; table: TableState } | undefined {
    const lower = nameOrId.toLowerCase();
    return this.allTables().find((t) => t.table.id === nameOrId || t.table.name.toLowerCase() === lower);
  }

  nameTaken(name: string): boolean {
    const lower = name.toLowerCase();
    return this.allTables().some((t) => t.table.name.toLowerCase() === lower) || this.state.names.some((n) => n.name.toLowerCase() === lower && n.scope === null);
  }

  // -- cells --------------------------------------------------------------------------------------

  cell(sheet: SheetState, r: number, c: number): CellState | undefined {
    return sheet.cells[key(r, c)];
  }

  /** Bytes a load brings back in the current sync's response (core.ts). */
  countResponse(value: unknown): void {
    this.responseBytes += bytesOf(value);
  }

  /**
   * Writes a constant or a formula into a cell, keeping its number format; clears a spill it anchored. A
   * constant is stored as Excel parses written text (typed-text.ts), a formula as Excel writes it back
   * (formulas.ts).
   */
  writeCell(sheet: SheetState, r: number, c: number, input: { formula?: string; value?: unknown }): void {
    const k = key(r, c);
    const old = sheet.cells[k];
    if (old?.spill) this.clearSpill(sheet, k);
    const nf = old?.nf;
    let next: CellState;
    if (input.formula !== undefined) next = { v: '', f: asExcelWritesIt(input.formula) };
    else {
      const text = typeof input.value === 'string' && !input.value.startsWith("'") && nf !== '@';
      const v = typedConstant(input.value, nf);
      next = { v };
      if (text && typeof v === 'string' && isErrorValue(v) && v === String(input.value).trim().toUpperCase()) next.e = true;
    }
    if (nf !== undefined) next.nf = nf;
    if (isEmptyCell(next) && nf === undefined) delete sheet.cells[k];
    else sheet.cells[k] = next;
  }

  clearSpill(sheet: SheetState, anchorKey: string): void {
    for (const [k, cell] of Object.entries(sheet.cells)) {
      if (cell.spillFrom === anchorKey) {
        if (cell.nf === undefined) delete sheet.cells[k];
        else sheet.cells[k] = { v: '', nf: cell.nf };
      }
    }
    const anchor = sheet.cells[anchorKey];
    if (anchor) delete anchor.spill;
  }

  /** Recomputes every INFUSION.* formula of the workbook (Excel's automatic calculation, for them). */
  recalculate(): void {
    for (const sheet of this.state.sheets) {
      for (const [k, cell] of Object.entries(sheet.cells)) {
        if (cell.f === undefined) continue;
        const [r, c] = parseKey(k);
        const apply = (evaluation: Evaluation): void => this.applyEvaluation(sheet, r, c, evaluation);
        const evaluation = evaluateInfusion(
          cell.f,
          this.registry,
          (local) => {
            const box = parseBox(local);
            const cell = box ? this.cell(sheet, box.r0, box.c0) : undefined;
            return { value: box ? (cell?.v ?? '') : undefined, error: cell?.e === true };
          },
          (late) => {
            apply(late);
          },
        );
        if (evaluation) apply(evaluation);
      }
    }
  }

  private applyEvaluation(sheet: SheetState, r: number, c: number, evaluation: Evaluation): void {
    const k = key(r, c);
    const cell = sheet.cells[k];
    if (!cell || cell.f === undefined) return;
    if (cell.spill) this.clearSpill(sheet, k);
    if (evaluation.kind === 'pending') {
      cell.v = '#BUSY!';
      return;
    }
    if (evaluation.kind === 'value') {
      cell.v = evaluation.value;
      if (evaluation.error) cell.e = true;
      else delete cell.e;
      return;
    }
    const rows = evaluation.values.length;
    const cols = Math.max(...evaluation.values.map((row) => row.length));
    const blocked = [];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        if (i === 0 && j === 0) continue;
        const other = sheet.cells[key(r + i, c + j)];
        if (!isEmptyCell(other) && other?.spillFrom !== k) blocked.push([i, j]);
      }
    }
    if (blocked.length > 0) {
      cell.v = '#SPILL!';
      cell.e = true;
      return;
    }
    cell.spill = [rows, cols];
    evaluation.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const error = evaluation.errors[i]?.[j] === true;
        if (i === 0 && j === 0) {
          cell.v = v;
          if (error) cell.e = true;
          else delete cell.e;
          return;
        }
        const ck = key(r + i, c + j);
        const nf = sheet.cells[ck]?.nf;
        const spilled: CellState = nf === undefined ? { v, spillFrom: k } : { v, spillFrom: k, nf };
        if (error) spilled.e = true;
        sheet.cells[ck] = spilled;
      }),
    );
  }

  // -- events ---------------------------------------------------------------------------------------

  register(reg: Registration): () => void {
    this.registrations.push(reg);
    return () => {
      this.registrations = this.registrations.filter((r) => r !== reg);
    };
  }

  /** Tells the add-in's handlers that cells changed (asynchronously, as Excel does). */
  fireChanged(sheet: SheetState, box: Box, triggerSource: 'ThisLocalAddin' | 'Unknown'): void {
    const base = {
      type: 'WorksheetChanged',
      changeType: 'RangeEdited',
      source: 'Local',
      triggerSource,
      worksheetId: sheet.id,
      address: boxAddress(box),
    };
    const calls: (() => unknown)[] = [];
    for (const reg of this.registrations) {
      if (reg.scope === 'sheets' || (reg.scope === 'sheet' && reg.targetId === sheet.id)) {
        calls.push(() => reg.handler({ ...base }));
      } else if (reg.scope === 'table') {
        const table = sheet.tables.find((t) => t.id === reg.targetId);
        if (table && intersects(tableBox(table), box)) {
          calls.push(() => reg.handler({ ...base, type: 'TableChanged', tableId: table.id }));
        }
      }
    }
    setTimeout(() => {
      for (const call of calls) void call();
    }, 0);
  }

  /** A user deleting a sheet (not the add-in): its cells and tables go with it. */
  userDeleteSheet(sheetName: string): void {
    const sheet = this.sheetByKey(sheetName);
    if (!sheet) throw new Error(`userDeleteSheet: no ${sheetName}`);
    this.state.sheets = this.state.sheets.filter((x) => x !== sheet);
    if (this.state.activeSheetId === sheet.id) this.state.activeSheetId = this.state.sheets[0]?.id ?? '';
  }

  /** A user typing into cells (not the add-in): writes, recalculates and fires change events. */
  userEdit(sheetName: string, address: string, values: unknown[][]): void {
    const sheet = this.sheetByKey(sheetName);
    const box = parseBox(address);
    if (!sheet || !box) throw new Error(`userEdit: no ${sheetName}!${address}`);
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        const text = typeof v === 'string' && v.startsWith('=') ? v : undefined;
        this.writeCell(sheet, box.r0 + i, box.c0 + j, text === undefined ? { value: v } : { formula: text });
      }),
    );
    this.recalculate();
    this.fireChanged(sheet, box, 'Unknown');
  }

  // -- requests -------------------------------------------------------------------------------------

  /**
   * One sync: a request with the queued operations, run in order; the first that fails ends it (those
   * before it stay applied, as in Excel). Nothing queued, nothing sent: no round trip. A request over the
   * request limit is refused whole; a response over the response limit fails the sync (core.ts).
   */
  async runBatch(ops: readonly Op[]): Promise<void> {
    if (ops.length === 0) return;
    const index = this.syncs.length + 1;
    const requests = ops.map((o) => o.kind);
    const payloadBytes = ops.reduce((n, o) => n + o.bytes, 0);
    const changed: { sheet: SheetState; box: Box }[] = [];
    let failure: unknown = null;
    let dirty = false;
    this.responseBytes = 0;
    if (payloadBytes > this.requestLimit) {
      failure = new HostError('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit. (request ${index}: ${payloadBytes} bytes, limit ${this.requestLimit})`);
    } else {
      for (const op of ops) {
        try {
          if (this.failWhen?.({ what: op.kind, sync: index })) throw new HostError('GeneralException', `injected failure at "${op.kind}" (sync ${index})`);
          // Excel calculates before it reads: a load after a write in the same request sees the new results.
          if (dirty && op.kind === 'load') {
            this.recalculate();
            dirty = false;
          }
          const touched = op.run();
          if (touched) {
            changed.push(touched);
            dirty = true;
          }
        } catch (e) {
          failure = e;
          break;
        }
      }
      if (failure === null && this.responseBytes > this.responseLimit) {
        failure = new HostError('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit. (request ${index}: ${this.responseBytes} bytes, limit ${this.responseLimit})`);
      }
    }
    if (dirty) this.recalculate();
    this.syncs.push({ index, requests, payloadBytes, responseBytes: this.responseBytes, ok: failure === null });
    for (const c of changed) this.fireChanged(c.sheet, c.box, 'ThisLocalAddin');
    // A round trip: let the page breathe, as a real sync would.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (failure !== null) {
      if (failure instanceof HostError) throw failure;
      throw new HostError('GeneralException', failure instanceof Error ? failure.message : String(failure));
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Context and client objects

export class RequestContext {
  private queue: Op[] = [];
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  readonly runtime = { load: (): void => undefined, enableEvents: true };

  constructor(readonly host: FakeExcel) {
    this.workbook = new WorkbookProxy(this);
    this.application = this.workbook.application;
  }

  enqueue(kind: string, run: Op['run'], bytes = 0): void {
    this.queue.push({ kind, run, bytes });
  }

  async sync<T>(passThrough?: T): Promise<T | undefined> {
    const ops = this.queue;
    this.queue = [];
    await this.host.runBatch(ops);
    return passThrough;
  }
}

class EventSlot {
  constructor(
    private readonly ctx: RequestContext,
    private readonly scope: Registration['scope'],
    private readonly target: () => string | undefined,
  ) {}

  add(handler: Handler): { remove: () => void; context: RequestContext } {
    let unregister: (() => void) | null = null;
    this.ctx.enqueue('event.add', () => {
      const id = this.target();
      if (id !== undefined) unregister = this.ctx.host.register({ scope: this.scope, targetId: id, handler });
    });
    const ctx = this.ctx;
    return {
      context: ctx,
      remove: () => {
        ctx.enqueue('event.remove', () => {
          unregister?.();
        });
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------------
// Workbook, application, settings

class ApplicationProxy extends ClientObject {
  protected typeName(): string {
    return 'Application';
  }
  protected exists(): boolean {
    return true;
  }
  protected readProperty(name: string): unknown {
    if (name === 'calculationMode') return 'Automatic';
    return undefined;
  }
  get calculationMode(): string {
    return this.get('calculationMode');
  }
  calculate(type: string): void {
    this.ctx.enqueue('application.calculate', () => {
      this.ctx.host.calculations += 1;
      this.ctx.host.recalculate();
      void type;
    });
  }
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.enqueue('application.suspendApiCalculationUntilNextSync', () => undefined);
  }
}

export class WorkbookProxy extends ClientObject {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly application: ApplicationProxy;
  readonly properties: unknown;
  readonly protection: unknown;

  constructor(ctx: RequestContext) {
    super(ctx);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, null);
    this.names = new NamedItemCollectionProxy(ctx, null);
    this.settings = new SettingCollectionProxy(ctx);
    this.application = new ApplicationProxy(ctx);
    this.properties = recorder(ctx, () => ctx.host.state.settings.__properties as Record<string, unknown> | undefined, '');
    this.protection = recorder(ctx, () => undefined, 'protection');
  }
  protected typeName(): string {
    return 'Workbook';
  }
  protected exists(): boolean {
    return true;
  }
  protected readProperty(name: string): unknown {
    if (name === 'name') return 'Book1.xlsx';
    return undefined;
  }
  get name(): string {
    return this.get('name');
  }
  getSelectedRange(): RangeProxy {
    const sheet = new WorksheetProxy(this.ctx, () => this.ctx.host.sheetById(this.ctx.host.state.activeSheetId), null);
    return sheet.getRange('A1');
  }
  getActiveCell(): RangeProxy {
    return this.getSelectedRange();
  }
}

// ---------------------------------------------------------------------------------------------------
// Worksheets

export class WorksheetCollectionProxy extends ClientObject {
  private itemList: WorksheetProxy[] = [];
  readonly onChanged: EventSlot;
  readonly onAdded: EventSlot;
  readonly onDeleted: EventSlot;
  readonly onActivated: EventSlot;

  constructor(ctx: RequestContext) {
    super(ctx);
    this.onChanged = new EventSlot(ctx, 'sheets', () => '*');
    this.onAdded = new EventSlot(ctx, 'sheets', () => undefined);
    this.onDeleted = new EventSlot(ctx, 'sheets', () => undefined);
    this.onActivated = new EventSlot(ctx, 'sheets', () => undefined);
  }
  protected typeName(): string {
    return 'WorksheetCollection';
  }
  protected exists(): boolean {
    return true;
  }
  protected readProperty(): unknown {
    return undefined;
  }
  override load(spec?: unknown): this {
    const names = loadList(spec).map((n) => n.replace(/^items\//, ''));
    this.ctx.enqueue('load', () => {
      this.itemList = this.ctx.host.state.sheets.map((s) => {
        const id = s.id;
        const proxy = new WorksheetProxy(this.ctx, () => this.ctx.host.sheetById(id), null);
        proxy.fill(names.filter((n) => n !== 'items'));
        return proxy;
      });
      this.cache.set('items', true);
    });
    return this;
  }
  get items(): WorksheetProxy[] {
    this.get('items');
    return this.itemList;
  }
  add(name?: string): WorksheetProxy {
    let created: SheetState | undefined;
    this.ctx.enqueue('worksheets.add', () => {
      const host = this.ctx.host;
      let sheetName = name;
      if (sheetName === undefined) {
        let n = host.state.sheets.length + 1;
        while (host.sheetByKey(`Sheet${n}`)) n++;
        sheetName = `Sheet${n}`;
      }
      checkSheetName(sheetName);
      if (host.sheetByKey(sheetName)) {
        throw new HostError('ItemAlreadyExists', `A worksheet named "${sheetName}" already exists.`);
      }
      created = newSheet(host.newId('S'), sheetName);
      host.state.sheets.push(created);
    }, bytesOf(name));
    return new WorksheetProxy(this.ctx, () => created, null);
  }
  getItem(nameOrId: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, lookupOnce(() => this.ctx.host.sheetByKey(nameOrId)), false, nameOrId);
  }
  getItemOrNullObject(nameOrId: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, lookupOnce(() => this.ctx.host.sheetByKey(nameOrId)), true, nameOrId);
  }
  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, lookupOnce(() => this.ctx.host.sheetById(this.ctx.host.state.activeSheetId)), null);
  }
  getFirst(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, lookupOnce(() => this.ctx.host.state.sheets[0]), null);
  }
  getCount(): { value: number } {
    const result = { value: 0 };
    this.ctx.enqueue('worksheets.getCount', () => {
      result.value = this.ctx.host.state.sheets.length;
    });
    return result;
  }
}

/** Resolves a sheet (or table) once found and then follows it by object, so a rename in a batch does not lose it. */
function lookupOnce<T>(find: () => T | undefined): () => T | undefined {
  let found: T | undefined;
  return () => {
    if (found === undefined) found = find();
    return found;
  };
}

const BAD_SHEET_CHARS = /[:\\/?*[\]]/;

function checkSheetName(name: string): void {
  if (name.trim() === '' || name.length > 31 || BAD_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new HostError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (sheet name "${name}")`);
  }
}

export class WorksheetProxy extends ClientObject {
  readonly tables: TableCollectionProxy;
  readonly charts: ChartCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly onChanged: EventSlot;
  readonly onCalculated: EventSlot;
  readonly pageLayout: unknown;
  readonly freezePanes: {
    freezeRows: (n: number) => void;
    freezeColumns: (n: number) => void;
    freezeAt: (r: unknown) => void;
    unfreeze: () => void;
  };
  readonly protection: { protected: boolean; load: () => void; protect: () => void; unprotect: () => void };

  constructor(
    ctx: RequestContext,
    readonly locate: () => SheetState | undefined,
    nullable: boolean | null,
    what = '',
  ) {
    super(ctx);
    if (nullable !== null) this.checkExists(nullable, `worksheet ${what}`);
    this.tables = new TableCollectionProxy(ctx, this);
    this.charts = new ChartCollectionProxy(ctx, this);
    this.names = new NamedItemCollectionProxy(ctx, this);
    this.onChanged = new EventSlot(ctx, 'sheet', () => locate()?.id);
    this.onCalculated = new EventSlot(ctx, 'sheet', () => undefined);
    this.pageLayout = recorder(ctx, () => locate()?.props, 'pageLayout');
    const freeze = (rows: number | null, cols: number | null): void => {
      ctx.enqueue('freezePanes', () => {
        const s = locate();
        if (!s) return;
        if (rows !== null) s.frozenRows = rows;
        if (cols !== null) s.frozenColumns = cols;
      });
    };
    this.freezePanes = {
      freezeRows: (n: number) => freeze(n, null),
      freezeColumns: (n: number) => freeze(null, n),
      freezeAt: (r: unknown) => {
        if (r instanceof RangeProxy) {
          ctx.enqueue('freezePanes.freezeAt', () => {
            const s = locate();
            const at = r.resolve();
            if (s && at) {
              s.frozenRows = at.box.r0 + at.box.rows;
              s.frozenColumns = at.box.c0 + at.box.cols;
            }
          });
        }
      },
      unfreeze: () => freeze(0, 0),
    };
    const setProtected = (value: boolean): void => {
      ctx.enqueue(value ? 'protect' : 'unprotect', () => {
        const s = locate();
        if (s) s.protected = value;
      });
    };
    const protection = {
      protected: false,
      load: (): void => {
        ctx.enqueue('load', () => {
          protection.protected = locate()?.protected ?? false;
        });
      },
      protect: (): void => setProtected(true),
      unprotect: (): void => setProtected(false),
    };
    this.protection = protection;
  }

  protected typeName(): string {
    return 'Worksheet';
  }
  protected exists(): boolean {
    return this.locate() !== undefined;
  }
  protected override defaultLoad(): string[] {
    return ['name', 'id', 'position', 'visibility', 'tabColor'];
  }
  protected readProperty(name: string): unknown {
    const s = this.locate();
    if (!s) return undefined;
    switch (name) {
      case 'name':
        return s.name;
      case 'id':
        return s.id;
      case 'position':
        return this.ctx.host.state.sheets.indexOf(s);
      case 'visibility':
        return s.visibility;
      case 'tabColor':
        return s.tabColor;
      case 'showGridlines':
        return s.props.showGridlines !== false;
      default:
        return undefined;
    }
  }

  private sheetOrThrow(): SheetState {
    const s = this.locate();
    if (!s) throw new HostError('ItemNotFound', "The requested resource doesn't exist. (worksheet)");
    return s;
  }

  get name(): string {
    return this.get('name');
  }
  set name(value: string) {
    this.ctx.enqueue('worksheet.name', () => {
      const s = this.sheetOrThrow();
      checkSheetName(value);
      const other = this.ctx.host.sheetByKey(value);
      if (other && other !== s) throw new HostError('InvalidArgument', `A worksheet named "${value}" already exists.`);
      if (s.name !== value) renameReferences(this.ctx.host.state, s.name, value);
      s.name = value;
    }, bytesOf(value));
  }
  get id(): string {
    return this.get('id');
  }
  get position(): number {
    return this.get('position');
  }
  set position(value: number) {
    this.ctx.enqueue('worksheet.position', () => {
      const s = this.sheetOrThrow();
      const list = this.ctx.host.state.sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.max(0, Math.min(value, list.length)), 0, s);
    });
  }
  get visibility(): string {
    return this.get('visibility');
  }
  set visibility(value: string) {
    this.ctx.enqueue('worksheet.visibility', () => {
      const s = this.sheetOrThrow();
      const v = value as SheetState['visibility'];
      if (v !== 'Visible') {
        const othersVisible = this.ctx.host.state.sheets.some((o) => o !== s && o.visibility === 'Visible');
        if (!othersVisible) throw new HostError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      }
      s.visibility = v;
    });
  }
  get tabColor(): string {
    return this.get('tabColor');
  }
  set tabColor(value: string) {
    this.ctx.enqueue('worksheet.tabColor', () => {
      this.sheetOrThrow().tabColor = value;
    });
  }
  get showGridlines(): boolean {
    return this.get('showGridlines');
  }
  set showGridlines(value: boolean) {
    this.ctx.enqueue('worksheet.showGridlines', () => {
      this.sheetOrThrow().props.showGridlines = value;
    });
  }

  getRange(address?: string): RangeProxy {
    if (address === undefined) return new RangeProxy(this.ctx, this, () => ({ r0: 0, c0: 0, rows: 1048576, cols: 16384 }));
    const { local } = splitSheet(address);
    const box = parseBox(local);
    if (!box) {
      // A name: resolved at sync.
      return new RangeProxy(this.ctx, this, () => {
        const n = this.ctx.host.state.names.find((x) => x.name.toLowerCase() === local.toLowerCase());
        const target = n ? splitSheet(n.formula.replace(/^=/, '')) : null;
        const b = target ? parseBox(target.local) : null;
        if (!b) throw new HostError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (range "${address}")`);
        return b;
      });
    }
    return new RangeProxy(this.ctx, this, () => box);
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number): RangeProxy {
    return new RangeProxy(this.ctx, this, () => ({ r0: r, c0: c, rows, cols }));
  }
  getCell(r: number, c: number): RangeProxy {
    return this.getRangeByIndexes(r, c, 1, 1);
  }
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, this, () => usedBox(this.sheetOrThrow(), valuesOnly === true) ?? { r0: 0, c0: 0, rows: 1, cols: 1 });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, this, () => {
      const s = this.locate();
      return s ? (usedBox(s, valuesOnly === true) ?? undefined) : undefined;
    }, true);
  }
  delete(): void {
    this.ctx.enqueue('worksheet.delete', () => {
      const host = this.ctx.host;
      const s = this.sheetOrThrow();
      if (!host.state.sheets.some((o) => o !== s && o.visibility === 'Visible')) {
        throw new HostError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      }
      host.state.sheets = host.state.sheets.filter((o) => o !== s);
      for (const n of host.state.names) {
        if (n.scope === s.id) continue;
        const target = splitSheet(n.formula.replace(/^=/, ''));
        if (target.sheet !== null && target.sheet.toLowerCase() === s.name.toLowerCase()) n.formula = '=#REF!';
      }
      host.state.names = host.state.names.filter((n) => n.scope !== s.id);
      if (host.state.activeSheetId === s.id) {
        host.state.activeSheetId = (host.state.sheets.find((o) => o.visibility === 'Visible') as SheetState).id;
      }
    });
  }
  activate(): void {
    this.ctx.enqueue('worksheet.activate', () => {
      const s = this.sheetOrThrow();
      if (s.visibility !== 'Visible') throw new HostError('InvalidOperation', 'A hidden worksheet cannot be activated.');
      this.ctx.host.state.activeSheetId = s.id;
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Ranges

interface Resolved {
  sheet: SheetState;
  box: Box;
}

/** Checks a 2-D array (or a single value, applied to every cell) against the range's size. */
function shaped(value: unknown, box: Box, what: string): unknown[][] {
  if (!Array.isArray(value)) return Array.from({ length: box.rows }, () => Array.from({ length: box.cols }, () => value));
  const rows = value as unknown[];
  if (rows.length !== box.rows || rows.some((row) => !Array.isArray(row) || (row as unknown[]).length !== box.cols)) {
    const got = `${rows.length} x ${Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : '?'}`;
    throw new HostError(
      'InvalidArgument',
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range. (${what}: range ${box.rows} x ${box.cols}, array ${got})`,
    );
  }
  return rows as unknown[][];
}

export class RangeProxy extends ClientObject {
  readonly format: unknown;
  readonly conditionalFormats: unknown;
  readonly dataValidation: unknown;

  constructor(
    ctx: RequestContext,
    readonly sheet: WorksheetProxy,
    private readonly boxOf: () => Box | undefined,
    nullable = false,
  ) {
    super(ctx);
    if (nullable) this.checkExists(true, 'range');
    const store = (): Record<string, unknown> | undefined => {
      const r = this.resolve();
      if (!r) return undefined;
      const addr = boxAddress(r.box);
      const bucket = (r.sheet.props[`range ${addr}`] ??= {}) as Record<string, unknown>;
      return bucket;
    };
    this.format = recorder(ctx, store, 'format');
    this.conditionalFormats = recorder(ctx, store, 'conditionalFormats');
    this.dataValidation = recorder(ctx, store, 'dataValidation');
  }

  resolve(): Resolved | undefined {
    const sheet = this.sheet.locate();
    if (!sheet) return undefined;
    const box = this.boxOf();
    return box ? { sheet, box } : undefined;
  }

  private resolved(): Resolved {
    const r = this.resolve();
    if (!r) throw new HostError('ItemNotFound', "The requested resource doesn't exist. (range)");
    return r;
  }

  protected typeName(): string {
    return 'Range';
  }
  protected exists(): boolean {
    return this.resolve() !== undefined;
  }
  protected override defaultLoad(): string[] {
    return ['address', 'values', 'formulas', 'numberFormat', 'rowCount', 'columnCount', 'rowIndex', 'columnIndex'];
  }

  private grid<T>(f: (cell: CellState | undefined, r: number, c: number) => T): T[][] {
    const { sheet, box } = this.resolved();
    if (box.rows * box.cols > GET_CELLS_LIMIT) throw new HostError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    return Array.from({ length: box.rows }, (_, i) =>
      Array.from({ length: box.cols }, (_, j) => f(sheet.cells[key(box.r0 + i, box.c0 + j)], box.r0 + i, box.c0 + j)),
    );
  }

  protected readProperty(name: string): unknown {
    const r = this.resolve();
    if (!r) return undefined;
    const { sheet, box } = r;
    switch (name) {
      case 'address':
        return `${quoteSheet(sheet.name)}!${boxAddress(box)}`;
      case 'addressLocal':
        return `${quoteSheet(sheet.name)}!${boxAddress(box)}`;
      case 'rowCount':
        return box.rows;
      case 'columnCount':
        return box.cols;
      case 'rowIndex':
        return box.r0;
      case 'columnIndex':
        return box.c0;
      case 'cellCount':
        return box.rows * box.cols;
      case 'values':
        return this.grid((cell) => cell?.v ?? '');
      case 'text':
        return this.grid((cell) => (cell === undefined ? '' : String(cell.v)));
      case 'formulas':
        return this.grid((cell) => (cell === undefined ? '' : (cell.f ?? cell.v)));
      case 'numberFormat':
        return this.grid((cell) => cell?.nf ?? 'General');
      case 'valueTypes':
        return this.grid((cell) => {
          const v = cell?.v;
          if (v === undefined || v === '') return 'Empty';
          if (typeof v === 'number') return 'Double';
          if (typeof v === 'boolean') return 'Boolean';
          return cell?.e === true ? 'Error' : 'String';
        });
      case 'hidden':
        return false;
      default:
        return undefined;
    }
  }

  get address(): string {
    return this.get('address');
  }
  get addressLocal(): string {
    return this.get('addressLocal');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get cellCount(): number {
    return this.get('cellCount');
  }
  get text(): string[][] {
    return this.get('text');
  }
  get valueTypes(): string[][] {
    return this.get('valueTypes');
  }
  get values(): unknown[][] {
    return this.get('values');
  }
  set values(value: unknown) {
    this.ctx.enqueue('range.values', () => {
      const { sheet, box } = this.resolved();
      shaped(value, box, 'values').forEach((row, i) =>
        row.forEach((v, j) => this.ctx.host.writeCell(sheet, box.r0 + i, box.c0 + j, { value: v })),
      );
      return { sheet, box };
    }, bytesOf(value));
  }
  get formulas(): unknown[][] {
    return this.get('formulas');
  }
  set formulas(value: unknown) {
    this.ctx.enqueue('range.formulas', () => {
      const { sheet, box } = this.resolved();
      shaped(value, box, 'formulas').forEach((row, i) =>
        row.forEach((v, j) => {
          const formula = typeof v === 'string' && v.startsWith('=') && v.length > 1 ? v : undefined;
          this.ctx.host.writeCell(sheet, box.r0 + i, box.c0 + j, formula === undefined ? { value: v } : { formula });
        }),
      );
      return { sheet, box };
    }, bytesOf(value));
  }
  get numberFormat(): unknown[][] {
    return this.get('numberFormat');
  }
  set numberFormat(value: unknown) {
    this.ctx.enqueue('range.numberFormat', () => {
      const { sheet, box } = this.resolved();
      shaped(value, box, 'numberFormat').forEach((row, i) =>
        row.forEach((v, j) => {
          const k = key(box.r0 + i, box.c0 + j);
          const cell = sheet.cells[k] ?? { v: '' };
          cell.nf = String(v);
          sheet.cells[k] = cell;
        }),
      );
    }, bytesOf(value));
  }

  private derived(f: (b: Box) => Box): RangeProxy {
    return new RangeProxy(this.ctx, this.sheet, () => {
      const b = this.boxOf();
      return b ? f(b) : undefined;
    });
  }
  getCell(r: number, c: number): RangeProxy {
    return this.derived((b) => ({ r0: b.r0 + r, c0: b.c0 + c, rows: 1, cols: 1 }));
  }
  getRow(r: number): RangeProxy {
    return this.derived((b) => ({ r0: b.r0 + r, c0: b.c0, rows: 1, cols: b.cols }));
  }
  getColumn(c: number): RangeProxy {
    return this.derived((b) => ({ r0: b.r0, c0: b.c0 + c, rows: b.rows, cols: 1 }));
  }
  getRowsBelow(n = 1): RangeProxy {
    return this.derived((b) => ({ r0: b.r0 + b.rows, c0: b.c0, rows: n, cols: b.cols }));
  }
  getLastRow(): RangeProxy {
    return this.derived((b) => ({ r0: b.r0 + b.rows - 1, c0: b.c0, rows: 1, cols: b.cols }));
  }
  getResizedRange(dr: number, dc: number): RangeProxy {
    return this.derived((b) => ({ ...b, rows: b.rows + dr, cols: b.cols + dc }));
  }
  getAbsoluteResizedRange(rows: number, cols: number): RangeProxy {
    return this.derived((b) => ({ ...b, rows, cols }));
  }
  getOffsetRange(dr: number, dc: number): RangeProxy {
    return this.derived((b) => ({ ...b, r0: b.r0 + dr, c0: b.c0 + dc }));
  }
  getEntireColumn(): RangeProxy {
    return this.derived((b) => ({ r0: 0, c0: b.c0, rows: 1048576, cols: b.cols }));
  }
  getEntireRow(): RangeProxy {
    return this.derived((b) => ({ r0: b.r0, c0: 0, rows: b.rows, cols: 16384 }));
  }
  getSpillingToRangeOrNullObject(): RangeProxy {
    return new RangeProxy(this.ctx, this.sheet, () => {
      const r = this.resolve();
      if (!r) return undefined;
      const cell = r.sheet.cells[key(r.box.r0, r.box.c0)];
      if (!cell?.spill) return undefined;
      return { r0: r.box.r0, c0: r.box.c0, rows: cell.spill[0], cols: cell.spill[1] };
    }, true);
  }
  getSpillParentOrNullObject(): RangeProxy {
    return new RangeProxy(this.ctx, this.sheet, () => {
      const r = this.resolve();
      if (!r) return undefined;
      const k = key(r.box.r0, r.box.c0);
      const cell = r.sheet.cells[k];
      const anchor = cell?.spill ? k : cell?.spillFrom;
      if (anchor === undefined) return undefined;
      const [ar, ac] = parseKey(anchor);
      return { r0: ar, c0: ac, rows: 1, cols: 1 };
    }, true);
  }
  clear(applyTo?: string): void {
    this.ctx.enqueue('range.clear', () => {
      const { sheet, box } = this.resolved();
      const formatsToo = applyTo === undefined || applyTo === 'All' || applyTo === 'Formats';
      const contents = applyTo === undefined || applyTo === 'All' || applyTo === 'Contents';
      for (let i = 0; i < box.rows; i++) {
        for (let j = 0; j < box.cols; j++) {
          const k = key(box.r0 + i, box.c0 + j);
          const cell = sheet.cells[k];
          if (!cell) continue;
          if (contents) this.ctx.host.writeCell(sheet, box.r0 + i, box.c0 + j, { value: '' });
          const after = sheet.cells[k];
          if (formatsToo && after) {
            delete after.nf;
            if (isEmptyCell(after)) delete sheet.cells[k];
          }
        }
      }
      return contents ? { sheet, box } : undefined;
    });
  }
  merge(): void {
    this.ctx.enqueue('range.merge', () => undefined);
  }
  select(): void {
    this.ctx.enqueue('range.select', () => undefined);
  }
  /**
   * The cells of the range of one kind, as a RangeAreas; a null object when there are none
   * (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getspecialcellsornullobject-member(1)).
   * Only `Formulas` (cells holding a formula; a dynamic array's spilled cells do not) and `Constants`.
   */
  getSpecialCellsOrNullObject(cellType: string): RangeAreasProxy {
    if (cellType !== 'Formulas' && cellType !== 'Constants') throw new HostError('InvalidArgument', `getSpecialCells: ${cellType} is not supported by the fake`);
    return new RangeAreasProxy(this.ctx, () => {
      const r = this.resolve();
      if (!r) return undefined;
      const hits: [number, number][] = [];
      for (const [k, cell] of Object.entries(r.sheet.cells)) {
        const [row, col] = parseKey(k);
        if (!intersects(r.box, { r0: row, c0: col, rows: 1, cols: 1 })) continue;
        const isFormula = cell.f !== undefined;
        const isConstant = !isFormula && cell.spillFrom === undefined && !isEmptyCell(cell);
        if (cellType === 'Formulas' ? isFormula : isConstant) hits.push([row, col]);
      }
      if (hits.length === 0) return undefined;
      // Runs of adjacent cells along each row: one area each (Excel may group differently; any partition is a valid RangeAreas).
      hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const areas: Box[] = [];
      for (const [row, col] of hits) {
        const last = areas[areas.length - 1];
        if (last && last.r0 === row && last.c0 + last.cols === col) last.cols += 1;
        else areas.push({ r0: row, c0: col, rows: 1, cols: 1 });
      }
      return { sheet: r.sheet, areas };
    });
  }
  getIntersectionOrNullObject(other: RangeProxy | string): RangeProxy {
    return new RangeProxy(this.ctx, this.sheet, () => {
      const a = this.boxOf();
      const b = typeof other === 'string' ? parseBox(splitSheet(other).local) : other.resolve()?.box;
      if (!a || !b || !intersects(a, b)) return undefined;
      const r0 = Math.max(a.r0, b.r0);
      const c0 = Math.max(a.c0, b.c0);
      return { r0, c0, rows: Math.min(a.r0 + a.rows, b.r0 + b.rows) - r0, cols: Math.min(a.c0 + a.cols, b.c0 + b.cols) - c0 };
    }, true);
  }
  get worksheet(): WorksheetProxy {
    return this.sheet;
  }
}

/** Excel.RangeAreas: rectangular ranges of one sheet; `address`, `areaCount` and `cellCount` load. */
export class RangeAreasProxy extends ClientObject {
  constructor(
    ctx: RequestContext,
    private readonly locate: () => { sheet: SheetState; areas: Box[] } | undefined,
  ) {
    super(ctx);
    this.checkExists(true, 'range areas');
  }
  protected typeName(): string {
    return 'RangeAreas';
  }
  protected exists(): boolean {
    return this.locate() !== undefined;
  }
  protected override defaultLoad(): string[] {
    return ['address', 'areaCount', 'cellCount'];
  }
  protected readProperty(name: string): unknown {
    const found = this.locate();
    if (!found) return undefined;
    switch (name) {
      case 'address':
        // "Sheet1!A1:B4, Sheet1!D1:D4"
        return found.areas.map((b) => `${quoteSheet(found.sheet.name)}!${boxAddress(b)}`).join(', ');
      case 'areaCount':
        return found.areas.length;
      case 'cellCount':
        return found.areas.reduce((n, b) => n + b.rows * b.cols, 0);
      default:
        return undefined;
    }
  }
  get address(): string {
    return this.get('address');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }
  get cellCount(): number {
    return this.get('cellCount');
  }
}

// ---------------------------------------------------------------------------------------------------
// Tables

export class TableCollectionProxy extends ClientObject {
  private itemList: TableProxy[] = [];

  constructor(
    ctx: RequestContext,
    private readonly owner: WorksheetProxy | null,
  ) {
    super(ctx);
  }
  protected typeName(): string {
    return 'TableCollection';
  }
  protected exists(): boolean {
    return true;
  }
  protected readProperty(): unknown {
    return undefined;
  }
  private scope(): { sheet: SheetState; table: TableState }[] {
    const all = this.ctx.host.allTables();
    if (this.owner === null) return all;
    const s = this.owner.locate();
    return all.filter((t) => t.sheet === s);
  }
  override load(spec?: unknown): this {
    const names = loadList(spec).map((n) => n.replace(/^items\//, ''));
    this.ctx.enqueue('load', () => {
      this.itemList = this.scope().map(({ table }) => {
        const id = table.id;
        const proxy = new TableProxy(this.ctx, lookupOnce(() => this.ctx.host.tableByKey(id)), null);
        proxy.fill(names.filter((n) => n !== 'items'));
        return proxy;
      });
      this.cache.set('items', true);
    });
    return this;
  }
  get items(): TableProxy[] {
    this.get('items');
    return this.itemList;
  }
  getCount(): { value: number } {
    const result = { value: 0 };
    this.ctx.enqueue('tables.getCount', () => {
      result.value = this.scope().length;
    });
    return result;
  }
  add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
    let created: { sheet: SheetState; table: TableState } | undefined;
    this.ctx.enqueue('tables.add', () => {
      const host = this.ctx.host;
      let sheet: SheetState | undefined;
      let box: Box | null;
      if (address instanceof RangeProxy) {
        const r = address.resolve();
        sheet = r?.sheet;
        box = r?.box ?? null;
      } else {
        const { sheet: sheetName, local } = splitSheet(address);
        sheet = sheetName !== null ? host.sheetByKey(sheetName) : this.owner?.locate();
        box = parseBox(local);
      }
      if (!sheet || !box) throw new HostError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (table address ${String(address)})`);
      const b = box;
      if (sheet.tables.some((t) => intersects(tableBox(t), b))) {
        throw new HostError('InvalidOperation', "A table can't overlap another table.");
      }
      let rows = box.rows;
      if (!hasHeaders) {
        // Excel puts a header row above the data: the data move down one row within the table's columns.
        shiftDown(host, sheet, box.r0, box.c0, box.cols, 1);
        rows += 1;
      }
      if (rows < 2) rows = 2; // a table always has at least one (empty) data row
      let n = 1;
      while (host.nameTaken(`Table${n}`)) n++;
      const table: TableState = {
        id: host.newId('T'),
        name: `Table${n}`,
        r0: box.r0,
        c0: box.c0,
        rows,
        cols: box.cols,
        showHeaders: true,
        showTotals: false,
        style: 'TableStyleMedium2',
      };
      // Header cells: empty or duplicate names become Column1, Column2, ...
      const seen = new Set<string>();
      for (let j = 0; j < box.cols; j++) {
        const k = key(box.r0, box.c0 + j);
        let name = hasHeaders ? String(sheet.cells[k]?.v ?? '') : '';
        if (name === '' || seen.has(name.toLowerCase())) {
          let m = j + 1;
          while (seen.has(`column${m}`)) m++;
          name = `Column${m}`;
        }
        seen.add(name.toLowerCase());
        host.writeCell(sheet, box.r0, box.c0 + j, { value: name });
        const cell = sheet.cells[k];
        if (cell && typeof cell.v !== 'string') cell.v = String(cell.v);
      }
      sheet.tables.push(table);
      created = { sheet, table };
      return { sheet, box: tableBox(table) };
    }, bytesOf(typeof address === 'string' ? address : ''));
    return new TableProxy(this.ctx, () => created, null);
  }
  getItem(nameOrId: string): TableProxy {
    return new TableProxy(this.ctx, lookupOnce(() => this.find(nameOrId)), false, nameOrId);
  }
  getItemOrNullObject(nameOrId: string): TableProxy {
    return new TableProxy(this.ctx, lookupOnce(() => this.find(nameOrId)), true, nameOrId);
  }
  private find(nameOrId: string): { sheet: SheetState; table: TableState } | undefined {
    const hit = this.ctx.host.tableByKey(nameOrId);
    if (!hit) return undefined;
    if (this.owner !== null && hit.sheet !== this.owner.locate()) return undefined;
    return hit;
  }
}

/** Moves the cells at and below row r0 in columns c0..c0+cols-1 down by n rows (tables below move too). */
function shiftDown(host: FakeExcel, sheet: SheetState, r0: number, c0: number, cols: number, n: number): void {
  const moved: [string, CellState][] = [];
  for (const [k, cell] of Object.entries(sheet.cells)) {
    const [r, c] = parseKey(k);
    if (r >= r0 && c >= c0 && c < c0 + cols) {
      moved.push([k, cell]);
      delete sheet.cells[k];
    }
  }
  for (const [k, cell] of moved) {
    const [r, c] = parseKey(k);
    sheet.cells[key(r + n, c)] = cell;
    if (cell.spillFrom !== undefined) {
      const [ar, ac] = parseKey(cell.spillFrom);
      if (ar >= r0 && ac >= c0 && ac < c0 + cols) cell.spillFrom = key(ar + n, ac);
    }
  }
  for (const t of sheet.tables) {
    if (t.r0 >= r0 && t.c0 >= c0 && t.c0 < c0 + cols) t.r0 += n;
  }
  void host;
}

export class TableProxy extends ClientObject {
  readonly rows: TableRowCollectionProxy;
  readonly columns: TableColumnCollectionProxy;
  readonly onChanged: EventSlot;
  readonly sort: unknown;
  readonly autoFilter: unknown;

  constructor(
    ctx: RequestContext,
    readonly locate: () => { sheet: SheetState; table: TableState } | undefined,
    nullable: boolean | null,
    what = '',
  ) {
    super(ctx);
    if (nullable !== null) this.checkExists(nullable, `table ${what}`);
    this.rows = new TableRowCollectionProxy(ctx, this);
    this.columns = new TableColumnCollectionProxy(ctx, this);
    this.onChanged = new EventSlot(ctx, 'table', () => locate()?.table.id);
    this.sort = recorder(ctx, () => undefined, 'sort');
    this.autoFilter = recorder(ctx, () => undefined, 'autoFilter');
  }
  protected typeName(): string {
    return 'Table';
  }
  protected exists(): boolean {
    return this.locate() !== undefined;
  }
  protected override defaultLoad(): string[] {
    return ['name', 'id', 'showHeaders', 'showTotals', 'style'];
  }
  protected readProperty(name: string): unknown {
    const t = this.locate()?.table;
    if (!t) return undefined;
    switch (name) {
      case 'name':
        return t.name;
      case 'id':
        return t.id;
      case 'showHeaders':
        return t.showHeaders;
      case 'showTotals':
        return t.showTotals;
      case 'style':
        return t.style;
      case 'worksheet':
        return undefined;
      default:
        return undefined;
    }
  }
  located(): { sheet: SheetState; table: TableState } {
    const t = this.locate();
    if (!t) throw new HostError('ItemNotFound', "The requested resource doesn't exist. (table)");
    return t;
  }
  private sheetProxy(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.locate()?.sheet, null);
  }
  get name(): string {
    return this.get('name');
  }
  set name(value: string) {
    this.ctx.enqueue('table.name', () => {
      const { table } = this.located();
      if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(value) || /^[A-Za-z]{1,3}\d+$/.test(value)) {
        throw new HostError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (table name "${value}")`);
      }
      if (table.name.toLowerCase() !== value.toLowerCase() && this.ctx.host.nameTaken(value)) {
        throw new HostError('InvalidArgument', `A table or name "${value}" already exists.`);
      }
      table.name = value;
    }, bytesOf(value));
  }
  get id(): string {
    return this.get('id');
  }
  get showTotals(): boolean {
    return this.get('showTotals');
  }
  set showTotals(value: boolean) {
    this.ctx.enqueue('table.showTotals', () => {
      const { table } = this.located();
      if (value !== table.showTotals) table.rows += value ? 1 : -1;
      table.showTotals = value;
    });
  }
  get showHeaders(): boolean {
    return this.get('showHeaders');
  }
  set showHeaders(value: boolean) {
    this.ctx.enqueue('table.showHeaders', () => {
      this.located().table.showHeaders = value;
    });
  }
  get style(): string {
    return this.get('style');
  }
  set style(value: string) {
    this.ctx.enqueue('table.style', () => {
      this.located().table.style = value;
    });
  }
  set showBandedRows(value: boolean) {
    this.ctx.enqueue('table.showBandedRows', () => void value);
  }
  set showFilterButton(value: boolean) {
    this.ctx.enqueue('table.showFilterButton', () => void value);
  }
  set highlightFirstColumn(value: boolean) {
    this.ctx.enqueue('table.highlightFirstColumn', () => void value);
  }
  get worksheet(): WorksheetProxy {
    return this.sheetProxy();
  }
  private range(f: (t: TableState) => Box): RangeProxy {
    return new RangeProxy(this.ctx, this.sheetProxy(), () => {
      const t = this.locate()?.table;
      return t ? f(t) : undefined;
    });
  }
  getRange(): RangeProxy {
    return this.range((t) => tableBox(t));
  }
  getHeaderRowRange(): RangeProxy {
    return this.range((t) => ({ r0: t.r0, c0: t.c0, rows: 1, cols: t.cols }));
  }
  getDataBodyRange(): RangeProxy {
    return this.range((t) => ({ r0: t.r0 + 1, c0: t.c0, rows: t.rows - 1 - (t.showTotals ? 1 : 0), cols: t.cols }));
  }
  getTotalRowRange(): RangeProxy {
    return this.range((t) => ({ r0: t.r0 + t.rows - 1, c0: t.c0, rows: 1, cols: t.cols }));
  }
  resize(newRange: string | RangeProxy): void {
    this.ctx.enqueue('table.resize', () => {
      const { sheet, table } = this.located();
      const box = typeof newRange === 'string' ? parseBox(splitSheet(newRange).local) : (newRange.resolve()?.box ?? null);
      if (!box) throw new HostError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format. (resize)');
      if (box.r0 !== table.r0 || box.rows < 2 || !intersects(box, tableBox(table))) {
        throw new HostError('InvalidArgument', 'The header row must stay in the same row and the table must keep a data row. (resize)');
      }
      if (sheet.tables.some((t) => t !== table && intersects(tableBox(t), box))) {
        throw new HostError('InvalidOperation', "A table can't overlap another table.");
      }
      table.c0 = box.c0;
      table.rows = box.rows;
      table.cols = box.cols;
    });
  }
  delete(): void {
    this.ctx.enqueue('table.delete', () => {
      const { sheet, table } = this.located();
      const box = tableBox(table);
      for (let i = 0; i < box.rows; i++) for (let j = 0; j < box.cols; j++) delete sheet.cells[key(box.r0 + i, box.c0 + j)];
      sheet.tables = sheet.tables.filter((t) => t !== table);
      return { sheet, box };
    });
  }
  convertToRange(): RangeProxy {
    const r = this.getRange();
    this.ctx.enqueue('table.convertToRange', () => {
      const { sheet, table } = this.located();
      sheet.tables = sheet.tables.filter((t) => t !== table);
    });
    return r;
  }
  clearFilters(): void {
    this.ctx.enqueue('table.clearFilters', () => undefined);
  }
}

class TableRowCollectionProxy extends ClientObject {
  constructor(
    ctx: RequestContext,
    private readonly table: TableProxy,
  ) {
    super(ctx);
  }
  protected typeName(): string {
    return 'TableRowCollection';
  }
  protected exists(): boolean {
    return true;
  }
  protected readProperty(name: string): unknown {
    const t = this.table.locate()?.table;
    if (name === 'count') return t ? t.rows - 1 - (t.showTotals ? 1 : 0) : 0;
    return undefined;
  }
  get count(): number {
    return this.get('count');
  }
  getCount(): { value: number } {
    const result = { value: 0 };
    this.ctx.enqueue('rows.getCount', () => {
      result.value = this.readProperty('count') as number;
    });
    return result;
  }
  add(index?: number | null, values?: unknown[][]): void {
    this.ctx.enqueue('table.rows.add', () => {
      const { sheet, table } = this.table.located();
      const host = this.ctx.host;
      const n = Array.isArray(values) ? values.length : 1;
      const dataRows = table.rows - 1 - (table.showTotals ? 1 : 0);
      const at = index === null || index === undefined ? dataRows : index;
      if (at < 0 || at > dataRows) throw new HostError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (row index ${at})`);
      const insertRow = table.r0 + 1 + at;
      shiftDown(host, sheet, insertRow, table.c0, table.cols, n);
      // shiftDown moved this table down if it started at or below the insert row; it cannot, so grow it.
      table.rows += n;
      if (Array.isArray(values)) {
        shaped(values, { r0: insertRow, c0: table.c0, rows: n, cols: table.cols }, 'rows.add').forEach((row, i) =>
          row.forEach((v, j) => {
            const formula = typeof v === 'string' && v.startsWith('=') && v.length > 1 ? v : undefined;
            host.writeCell(sheet, insertRow + i, table.c0 + j, formula === undefined ? { value: v } : { formula });
          }),
        );
      }
      return { sheet, box: { r0: insertRow, c0: table.c0, rows: n, cols: table.cols } };
    }, bytesOf(values));
  }
  getItemAt(index: number): { getRange: () => RangeProxy; delete: () => void } {
    const range = (): RangeProxy =>
      new RangeProxy(this.ctx, new WorksheetProxy(this.ctx, () => this.table.locate()?.sheet, null), () => {
        const t = this.table.locate()?.table;
        return t ? { r0: t.r0 + 1 + index, c0: t.c0, rows: 1, cols: t.cols } : undefined;
      });
    return {
      getRange: range,
      delete: () => {
        this.ctx.enqueue('table.rows.delete', () => {
          const { sheet, table } = this.table.located();
          const r = table.r0 + 1 + index;
          for (let j = 0; j < table.cols; j++) delete sheet.cells[key(r, table.c0 + j)];
          shiftUp(sheet, r + 1, table.c0, table.cols, 1);
          table.rows -= 1;
          if (table.rows < 2) table.rows = 2;
          return { sheet, box: tableBox(table) };
        });
      },
    };
  }
  deleteRows(rows: number[]): void {
    const sorted = [...rows].sort((a, b) => b - a);
    for (const r of sorted) this.getItemAt(r).delete();
  }
}

function shiftUp(sheet: SheetState, fromRow: number, c0: number, cols: number, n: number): void {
  const moved: [string, CellState][] = [];
  for (const [k, cell] of Object.entries(sheet.cells)) {
    const [r, c] = parseKey(k);
    if (r >= fromRow && c >= c0 && c < c0 + cols) {
      moved.push([k, cell]);
      delete sheet.cells[k];
    }
  }
  for (const [k, cell] of moved) {
    const [r, c] = parseKey(k);
    sheet.cells[key(r - n, c)] = cell;
  }
  for (const t of sheet.tables) if (t.r0 >= fromRow && t.c0 >= c0 && t.c0 < c0 + cols) t.r0 -= n;
}

class TableColumnProxy extends ClientObject {
  constructor(
    ctx: RequestContext,
    private readonly table: TableProxy,
    private readonly index: () => number | undefined,
    nullable: boolean | null,
  ) {
    super(ctx);
    if (nullable !== null) this.checkExists(nullable, 'table column');
  }
  protected typeName(): string {
    return 'TableColumn';
  }
  protected exists(): boolean {
    return this.index() !== undefined;
  }
  protected override defaultLoad(): string[] {
    return ['name', 'index'];
  }
  protected readProperty(name: string): unknown {
    const loc = this.table.locate();
    const i = this.index();
    if (!loc || i === undefined) return undefined;
    const { sheet, table } = loc;
    if (name === 'name') return String(sheet.cells[key(table.r0, table.c0 + i)]?.v ?? '');
    if (name === 'index') return i;
    if (name === 'values') {
      return Array.from({ length: table.rows }, (_, r) => [sheet.cells[key(table.r0 + r, table.c0 + i)]?.v ?? '']);
    }
    return undefined;
  }
  get name(): string {
    return this.get('name');
  }
  get index_(): number {
    return this.get('index');
  }
  get values(): unknown[][] {
    return this.get('values');
  }
  getDataBodyRange(): RangeProxy {
    return new RangeProxy(this.ctx, new WorksheetProxy(this.ctx, () => this.table.locate()?.sheet, null), () => {
      const t = this.table.locate()?.table;
      const i = this.index();
      return t && i !== undefined ? { r0: t.r0 + 1, c0: t.c0 + i, rows: t.rows - 1 - (t.showTotals ? 1 : 0), cols: 1 } : undefined;
    });
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, new WorksheetProxy(this.ctx, () => this.table.locate()?.sheet, null), () => {
      const t = this.table.locate()?.table;
      const i = this.index();
      return t && i !== undefined ? { r0: t.r0, c0: t.c0 + i, rows: t.rows, cols: 1 } : undefined;
    });
  }
}

class TableColumnCollectionProxy extends ClientObject {
  private itemList: TableColumnProxy[] = [];
  constructor(
    ctx: RequestContext,
    private readonly table: TableProxy,
  ) {
    super(ctx);
  }
  protected typeName(): string {
    return 'TableColumnCollection';
  }
  protected exists(): boolean {
    return true;
  }
  protected readProperty(name: string): unknown {
    if (name === 'count') return this.table.locate()?.table.cols ?? 0;
    return undefined;
  }
  override load(spec?: unknown): this {
    const names = loadList(spec).map((n) => n.replace(/^items\//, ''));
    this.ctx.enqueue('load', () => {
      const t = this.table.locate()?.table;
      this.itemList = Array.from({ length: t?.cols ?? 0 }, (_, i) => {
        const col = new TableColumnProxy(this.ctx, this.table, () => i, null);
        col.fill(names.filter((n) => n !== 'items'));
        return col;
      });
      this.cache.set('items', true);
      this.cache.set('count', t?.cols ?? 0);
    });
    return this;
  }
  get items(): TableColumnProxy[] {
    this.get('items');
    return this.itemList;
  }
  get count(): number {
    return this.get('count');
  }
  private indexOf(name: string): number | undefined {
    const loc = this.table.locate();
    if (!loc) return undefined;
    const { sheet, table } = loc;
    for (let j = 0; j < table.cols; j++) {
      if (String(sheet.cells[key(table.r0, table.c0 + j)]?.v ?? '').toLowerCase() === name.toLowerCase()) return j;
    }
    return undefined;
  }
  getItem(name: string): TableColumnProxy {
    return new TableColumnProxy(this.ctx, this.table, () => this.indexOf(name), false);
  }
  getItemOrNullObject(name: string): TableColumnProxy {
    return new TableColumnProxy(this.ctx, this.table, () => this.indexOf(name), true);
  }
  getItemAt(i: number): TableColumnProxy {
    return new TableColumnProxy(this.ctx, this.table, () => i, false);
  }
}

// ---------------------------------------------------------------------------------------------------
// Names

class NamedItemProxy extends ClientObject {
  constructor(
    ctx: RequestContext,
    private readonly locate: () => NameState | undefined,
    nullable: boolean | null,
    what = '',
  ) {
    super(ctx);
    if (nullable !== null) this.checkExists(nullable, `name ${what}`);
  }
  protected typeName(): string {
    return 'NamedItem';
  }
  protected exists(): boolean {
    return this.locate() !== undefined;
  }
  protected override defaultLoad(): string[] {
    return ['name', 'formula', 'comment', 'visible', 'type'];
  }
  protected readProperty(name: string): unknown {
    const n = this.locate();
    if (!n) return undefined;
    switch (name) {
      case 'name':
        return n.name;
      case 'formula':
        return n.formula;
      case 'comment':
        return n.comment;
      case 'visible':
        return n.visible;
      case 'type':
        return /^=('[^']+'|[^!]+)!\$?[A-Z]+\$?\d+/.test(n.formula) ? 'Range' : n.formula === '=#REF!' ? 'Error' : 'String';
      case 'value':
        return n.formula.replace(/^=/, '');
      case 'scope':
        return n.scope === null ? 'Workbook' : 'Worksheet';
      default:
        return undefined;
    }
  }
  get name(): string {
    return this.get('name');
  }
  get formula(): string {
    return this.get('formula');
  }
  set formula(value: string) {
    this.ctx.enqueue('name.formula', () => {
      const n = this.locate();
      if (n) n.formula = asExcelWritesIt(value.startsWith('=') ? value : `=${value}`);
    }, bytesOf(value));
  }
  get comment(): string {
    return this.get('comment');
  }
  set comment(value: string) {
    this.ctx.enqueue('name.comment', () => {
      const n = this.locate();
      if (n) n.comment = value;
    }, bytesOf(value));
  }
  get visible(): boolean {
    return this.get('visible');
  }
  set visible(value: boolean) {
    this.ctx.enqueue('name.visible', () => {
      const n = this.locate();
      if (n) n.visible = value;
    });
  }
  get type(): string {
    return this.get('type');
  }
  get value(): unknown {
    return this.get('value');
  }
  delete(): void {
    this.ctx.enqueue('name.delete', () => {
      const n = this.locate();
      this.ctx.host.state.names = this.ctx.host.state.names.filter((x) => x !== n);
    });
  }
}

class NamedItemCollectionProxy extends ClientObject {
  private itemList: NamedItemProxy[] = [];
  constructor(
    ctx: RequestContext,
    private readonly owner: WorksheetProxy | null,
  ) {
    super(ctx);
  }
  protected typeName(): string {
    return 'NamedItemCollection';
  }
  protected exists(): boolean {
    return true;
  }
  protected readProperty(): unknown {
    return undefined;
  }
  private scopeId(): string | null {
    return this.owner === null ? null : (this.owner.locate()?.id ?? '?');
  }
  private find(name: string): NameState | undefined {
    const scope = this.scopeId();
    return this.ctx.host.state.names.find((n) => n.scope === scope && n.name.toLowerCase() === name.toLowerCase());
  }
  override load(spec?: unknown): this {
    const names = loadList(spec).map((n) => n.replace(/^items\//, ''));
    this.ctx.enqueue('load', () => {
      const scope = this.scopeId();
      this.itemList = this.ctx.host.state.names
        .filter((n) => n.scope === scope)
        .map((n) => {
          const proxy = new NamedItemProxy(this.ctx, () => n, null);
          proxy.fill(names.filter((x) => x !== 'items'));
          return proxy;
        });
      this.cache.set('items', true);
    });
    return this;
  }
  get items(): NamedItemProxy[] {
    this.get('items');
    return this.itemList;
  }
  add(name: string, reference: string | RangeProxy, comment?: string): NamedItemProxy {
    let created: NameState | undefined;
    this.ctx.enqueue('names.add', () => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^R\d*C\d*$/i.test(name)) {
        throw new HostError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (name "${name}")`);
      }
      if (this.find(name) || (this.owner === null && this.ctx.host.tableByKey(name))) {
        throw new HostError('InvalidArgument', `The name "${name}" already exists.`);
      }
      let formula: string;
      if (reference instanceof RangeProxy) {
        const r = reference.resolve();
        if (!r) throw new HostError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format. (name reference)');
        const b = r.box;
        formula = `=${quoteSheet(r.sheet.name)}!$${cellAddress(b.r0, b.c0).replace(/(\d+)$/, '$$$1')}${
          b.rows === 1 && b.cols === 1 ? '' : `:$${cellAddress(b.r0 + b.rows - 1, b.c0 + b.cols - 1).replace(/(\d+)$/, '$$$1')}`
        }`;
      } else {
        formula = asExcelWritesIt(reference.startsWith('=') ? reference : `=${reference}`);
      }
      created = { name, formula, comment: comment ?? '', visible: true, scope: this.scopeId() };
      this.ctx.host.state.names.push(created);
    }, bytesOf([name, typeof reference === 'string' ? reference : '', comment]));
    return new NamedItemProxy(this.ctx, () => created, null);
  }
  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => this.find(name), false, name);
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => this.find(name), true, name);
  }
}

// ---------------------------------------------------------------------------------------------------
// Charts

class ChartProxy extends ClientObject {
  readonly title: { text: string; format: unknown; visible: boolean };
  readonly axes: unknown;
  readonly legend: unknown;
  readonly series: unknown;
  readonly format: unknown;
  readonly dataLabels: unknown;

  constructor(
    ctx: RequestContext,
    readonly locate: () => { sheet: SheetState; chart: ChartState } | undefined,
    nullable: boolean | null,
  ) {
    super(ctx);
    if (nullable !== null) this.checkExists(nullable, 'chart');
    const props = (): Record<string, unknown> | undefined => locate()?.chart.props;
    this.axes = recorder(ctx, props, 'axes');
    this.legend = recorder(ctx, props, 'legend');
    this.series = recorder(ctx, props, 'series');
    this.format = recorder(ctx, props, 'format');
    this.dataLabels = recorder(ctx, props, 'dataLabels');
    const titleFormat = recorder(ctx, props, 'title.format');
    const title = { format: titleFormat } as { text: string; format: unknown; visible: boolean };
    Object.defineProperty(title, 'text', {
      set: (v: string) => {
        ctx.enqueue('chart.title.text', () => {
          const c = locate()?.chart;
          if (c) c.title = v;
        }, bytesOf(v));
      },
      get: () => locate()?.chart.title ?? '',
    });
    Object.defineProperty(title, 'visible', {
      set: (v: boolean) => {
        ctx.enqueue('chart.title.visible', () => {
          const c = locate()?.chart;
          if (c) c.props['title.visible'] = v;
        });
      },
      get: () => true,
    });
    this.title = title;
  }
  protected typeName(): string {
    return 'Chart';
  }
  protected exists(): boolean {
    return this.locate() !== undefined;
  }
  protected override defaultLoad(): string[] {
    return ['name', 'chartType', 'id'];
  }
  protected readProperty(name: string): unknown {
    const c = this.locate()?.chart;
    if (!c) return undefined;
    if (name === 'name') return c.name;
    if (name === 'chartType') return c.type;
    if (name === 'id') return c.id;
    return c.props[name];
  }
  get name(): string {
    return this.get('name');
  }
  set name(value: string) {
    this.ctx.enqueue('chart.name', () => {
      const c = this.locate()?.chart;
      if (c) c.name = value;
    }, bytesOf(value));
  }
  get chartType(): string {
    return this.get('chartType');
  }
  set chartType(value: string) {
    this.ctx.enqueue('chart.chartType', () => {
      const c = this.locate()?.chart;
      if (c) c.type = value;
    });
  }
  private setProp(name: string, value: unknown): void {
    this.ctx.enqueue(`chart.${name}`, () => {
      const c = this.locate()?.chart;
      if (c) c.props[name] = value;
    });
  }
  set top(v: number) {
    this.setProp('top', v);
  }
  set left(v: number) {
    this.setProp('left', v);
  }
  set width(v: number) {
    this.setProp('width', v);
  }
  set height(v: number) {
    this.setProp('height', v);
  }
  setPosition(start: string | RangeProxy, end?: string | RangeProxy): void {
    const text = (x: string | RangeProxy | undefined): string | undefined => (x instanceof RangeProxy ? '[range]' : x);
    this.setProp('position', [text(start), text(end)]);
  }
  setData(source: RangeProxy, seriesBy?: string): void {
    this.ctx.enqueue('chart.setData', () => {
      const c = this.locate()?.chart;
      const r = source.resolve();
      if (c && r) c.source = `${quoteSheet(r.sheet.name)}!${boxAddress(r.box)}`;
      void seriesBy;
    });
  }
  delete(): void {
    this.ctx.enqueue('chart.delete', () => {
      const loc = this.locate();
      if (loc) loc.sheet.charts = loc.sheet.charts.filter((c) => c !== loc.chart);
    });
  }
  activate(): void {
    this.ctx.enqueue('chart.activate', () => undefined);
  }
}

class ChartCollectionProxy extends ClientObject {
  private itemList: ChartProxy[] = [];
  constructor(
    ctx: RequestContext,
    private readonly owner: WorksheetProxy,
  ) {
    super(ctx);
  }
  protected typeName(): string {
    return 'ChartCollection';
  }
  protected exists(): boolean {
    return true;
  }
  protected readProperty(): unknown {
    return undefined;
  }
  override load(spec?: unknown): this {
    const names = loadList(spec).map((n) => n.replace(/^items\//, ''));
    this.ctx.enqueue('load', () => {
      const sheet = this.owner.locate();
      this.itemList = (sheet?.charts ?? []).map((chart) => {
        const proxy = new ChartProxy(this.ctx, () => (sheet ? { sheet, chart } : undefined), null);
        proxy.fill(names.filter((n) => n !== 'items'));
        return proxy;
      });
      this.cache.set('items', true);
    });
    return this;
  }
  get items(): ChartProxy[] {
    this.get('items');
    return this.itemList;
  }
  getCount(): { value: number } {
    const result = { value: 0 };
    this.ctx.enqueue('charts.getCount', () => {
      result.value = this.owner.locate()?.charts.length ?? 0;
    });
    return result;
  }
  add(type: string, source: RangeProxy, seriesBy?: string): ChartProxy {
    let created: { sheet: SheetState; chart: ChartState } | undefined;
    this.ctx.enqueue('charts.add', () => {
      const sheet = this.owner.locate();
      const r = source.resolve();
      if (!sheet || !r) throw new HostError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format. (chart source)');
      const chart: ChartState = {
        id: this.ctx.host.newId('C'),
        name: `Chart ${sheet.charts.length + 1}`,
        type,
        source: `${quoteSheet(r.sheet.name)}!${boxAddress(r.box)}`,
        title: '',
        props: seriesBy === undefined ? {} : { seriesBy },
      };
      sheet.charts.push(chart);
      created = { sheet, chart };
    });
    return new ChartProxy(this.ctx, () => created, null);
  }
  private find(name: string): { sheet: SheetState; chart: ChartState } | undefined {
    const sheet = this.owner.locate();
    const chart = sheet?.charts.find((c) => c.name === name || c.id === name);
    return sheet && chart ? { sheet, chart } : undefined;
  }
  getItem(name: string): ChartProxy {
    return new ChartProxy(this.ctx, () => this.find(name), false);
  }
  getItemOrNullObject(name: string): ChartProxy {
    return new ChartProxy(this.ctx, () => this.find(name), true);
  }
}
