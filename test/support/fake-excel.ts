/**
 * A fake Excel host for tests: an in-memory workbook behind the parts of the Office.js Excel API that the
 * add-in uses, with Office.js's batching semantics, strictly:
 *
 * - every proxy call or property write is queued and applied only at `context.sync()`, in order; a failing
 *   command rejects the sync, and the commands before it in the batch stay applied (as in Excel);
 * - a property can be read only after `load()` and a `sync()` (else `PropertyNotLoaded`), and
 *   `getItemOrNullObject` gives an object whose `isNullObject` is known only after a sync;
 * - each sync is one request: its payload (the JSON of the queued commands' arguments) is measured, and a
 *   request over Excel on the web's 5 MB limit is refused whole (`RequestPayloadSizeLimitExceeded`);
 * - `syncCount` counts round trips, including the implicit one `Excel.run` makes when commands are left;
 * - `failWhen` injects a failure into a chosen command, to test what a failure part way leaves behind.
 *
 * No calculation engine: a formula cell keeps its formula; its value reads as null. Sheet renames update
 * references in formulas, names and chart series; deleting a sheet turns references to it into #REF!.
 */

export const EXCEL_ON_THE_WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'FakeExcelError';
  }
}

type Scalar = string | number | boolean | null;

export interface CellState {
  value: Scalar;
  formula: string | null;
  numberFormat: string;
}

export interface FormatState {
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  borders?: Record<string, { style?: string; color?: string; weight?: string }>;
}

export interface TableState {
  name: string;
  sheetId: string;
  address: string;
  style: string;
}

export interface ChartState {
  type: string;
  seriesBy: string;
  title: string;
  series: { name: string; values: string; xValues: string }[];
  from: string;
  to: string;
}

export interface ConditionalFormatState {
  address: string;
  type: string;
  formula: string;
  operator?: string;
  fill?: string;
  fontColor?: string;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: Map<string, CellState>;
  formats: Map<string, FormatState>;
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  charts: ChartState[];
  conditionalFormats: ConditionalFormatState[];
  tabColor: string;
  showGridlines: boolean;
  frozen: { rows: number; columns: number };
  pageLayout: { orientation?: string; zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }; printArea?: string; printTitleRows?: string; printTitleColumns?: string; headers: Record<string, string> };
}

export interface NameState {
  name: string;
  formula: string;
  comment: string;
}

interface Op {
  readonly what: string;
  readonly bytes: number;
  readonly apply: () => void;
}

export interface OpInfo {
  readonly what: string;
  /** 1-based number of the sync that applies it. */
  readonly sync: number;
}

// ---------------------------------------------------------------------------------------------------------
// Addresses

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function colLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const MAX_ROW = 1048575;
const MAX_COL = 16383;

/** "B3", "A1:C9", "A:C", "5:7" (no sheet) -> 0-based rectangle. */
export function parseAddress(address: string): Rect {
  const parts = address.replace(/\$/g, '').split(':');
  const one = (p: string, end: boolean): { r: number; c: number } => {
    const m = /^([A-Za-z]*)(\d*)$/.exec(p);
    if (!m) throw new FakeExcelError('InvalidArgument', `not an address: "${address}"`);
    const c = m[1] ? colIndex(m[1]) : end ? MAX_COL : 0;
    const r = m[2] ? Number(m[2]) - 1 : end ? MAX_ROW : 0;
    return { r, c };
  };
  const p = one(parts[0] as string, false);
  const q = parts[1] === undefined ? one(parts[0] as string, true) : one(parts[1], true);
  if (parts[1] === undefined && /^[A-Za-z]+\d+$/.test(parts[0] as string)) return { r1: p.r, c1: p.c, r2: p.r, c2: p.c };
  return { r1: Math.min(p.r, q.r), c1: Math.min(p.c, q.c), r2: Math.max(p.r, q.r), c2: Math.max(p.c, q.c) };
}

function rectAddress(r: Rect): string {
  const a = a1(r.r1, r.c1);
  const b = a1(r.r2, r.c2);
  return a === b ? a : `${a}:${b}`;
}

/** Splits "'My sheet'!A1:B2" or "Sheet1!A1" into sheet and address; sheet undefined when absent. */
export function splitReference(ref: string): { sheet: string | undefined; address: string } {
  const text = ref.startsWith('=') ? ref.slice(1) : ref;
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(text);
  if (!m) return { sheet: undefined, address: text };
  return { sheet: (m[1] ?? m[2] ?? '').replace(/''/g, "'"), address: m[3] as string };
}

const INVALID_SHEET_CHARS = /[:\\/?*[\]]/;

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

const escapeRe = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CELL_REF = '\\$?[A-Z]{1,3}\\$?\\d+(?::\\$?[A-Z]{1,3}\\$?\\d+)?';

/** Rewrites references to sheet `from` (quoted, or bare when the name allows) in a formula; `to` null = #REF!. */
function retarget(formula: string, from: string, to: string | null): string {
  const prefixes = [escapeRe(`${quoteSheet(from)}!`)];
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(from)) prefixes.push(`(?<![A-Za-z0-9_.'!])${escapeRe(from)}!`);
  let out = formula;
  for (const p of prefixes) {
    out = to === null ? out.replace(new RegExp(`${p}${CELL_REF}`, 'g'), '#REF!') : out.replace(new RegExp(p, 'g'), `${quoteSheet(to)}!`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The workbook and its host

export class FakeExcel {
  readonly sheets: SheetState[] = [];
  readonly names = new Map<string, NameState>();
  readonly tables = new Map<string, TableState>();
  readonly settings = new Map<string, unknown>();
  activeSheetId: string | null = null;
  /** Round trips so far (explicit syncs and Excel.run's implicit final one). */
  syncCount = 0;
  /** Bytes and commands of each request, in order. */
  readonly requests: { bytes: number; commands: number }[] = [];
  payloadLimit = EXCEL_ON_THE_WEB_PAYLOAD_LIMIT;
  /** Return true to make a command fail when it is applied. */
  failWhen: ((op: OpInfo) => boolean) | null = null;
  private nextId = 1;

  constructor(sheetNames: readonly string[] = ['Sheet1']) {
    for (const n of sheetNames) this.addSheet(n);
    this.activeSheetId = this.sheets[0]?.id ?? null;
  }

  /** Excel.run: runs a batch function with a fresh request context. */
  readonly run = async <T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T> => {
    const context = new FakeRequestContext(this);
    const result = await batch(context);
    if (context.pending > 0) await context.sync();
    return result;
  };

  // Direct access for tests (no batching) --------------------------------------------------------------------
  sheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheetById(id: string): SheetState | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  /** Sets a cell directly (test set-up: a user's own data). */
  setCell(sheetName: string, address: string, value: Scalar, formula: string | null = null): void {
    const s = this.sheet(sheetName);
    if (!s) throw new FakeExcelError('ItemNotFound', sheetName);
    s.cells.set(address, { value, formula, numberFormat: 'General' });
  }

  cell(sheetName: string, address: string): CellState | undefined {
    return this.sheet(sheetName)?.cells.get(address);
  }

  addSheet(name: string): SheetState {
    this.checkSheetName(name, null);
    const s: SheetState = {
      id: `{${String(this.nextId++).padStart(8, '0')}-FAKE-SHEET}`,
      name,
      visibility: 'Visible',
      cells: new Map(),
      formats: new Map(),
      columnWidths: new Map(),
      rowHeights: new Map(),
      charts: [],
      conditionalFormats: [],
      tabColor: '',
      showGridlines: true,
      frozen: { rows: 0, columns: 0 },
      pageLayout: { headers: {} },
    };
    this.sheets.push(s);
    return s;
  }

  checkSheetName(name: string, self: SheetState | null): void {
    if (name.length === 0 || name.length > 31 || INVALID_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw new FakeExcelError('InvalidArgument', `"${name}" is not a valid sheet name`);
    }
    const other = this.sheet(name);
    if (other && other !== self) throw new FakeExcelError('ItemAlreadyExists', `a sheet named "${name}" exists`);
  }

  renameSheet(s: SheetState, name: string): void {
    if (s.name === name) return;
    this.checkSheetName(name, s);
    const old = s.name;
    s.name = name;
    this.rewriteReferences(old, name);
  }

  deleteSheet(s: SheetState): void {
    if (this.sheets.length === 1) throw new FakeExcelError('InvalidOperation', 'a workbook must keep one sheet');
    if (s.visibility === 'Visible' && this.sheets.filter((x) => x.visibility === 'Visible').length === 1) {
      throw new FakeExcelError('InvalidOperation', 'a workbook must keep one visible sheet');
    }
    this.sheets.splice(this.sheets.indexOf(s), 1);
    for (const [k, t] of this.tables) if (t.sheetId === s.id) this.tables.delete(k);
    this.rewriteReferences(s.name, null);
    if (this.activeSheetId === s.id) this.activeSheetId = this.sheets.find((x) => x.visibility === 'Visible')?.id ?? null;
  }

  private rewriteReferences(from: string, to: string | null): void {
    for (const s of this.sheets) {
      for (const c of s.cells.values()) if (c.formula !== null) c.formula = retarget(c.formula, from, to);
      for (const ch of s.charts) for (const x of ch.series) {
        x.values = retarget(x.values, from, to);
        x.xValues = retarget(x.xValues, from, to);
      }
    }
    for (const n of this.names.values()) n.formula = retarget(n.formula, from, to);
  }

  /** Workbook-level names and table names share one namespace (case-insensitive). */
  nameTaken(name: string): boolean {
    const k = name.toLowerCase();
    return this.names.has(k) || [...this.tables.keys()].includes(k);
  }

  resolveRange(ref: string, defaultSheet: SheetState | null): { sheet: SheetState; rect: Rect } {
    const { sheet, address } = splitReference(ref);
    const s = sheet === undefined ? defaultSheet : (this.sheet(sheet) ?? null);
    if (!s) throw new FakeExcelError('ItemNotFound', `no sheet for "${ref}"`);
    return { sheet: s, rect: parseAddress(address) };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Proxies

class Loadable {
  protected loaded = new Set<string>();
  protected readonly snapshot = new Map<string, unknown>();

  constructor(protected readonly ctx: FakeRequestContext) {}

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw new FakeExcelError('PropertyNotLoaded', `"${prop}" was not loaded, or read before context.sync()`);
    return this.snapshot.get(prop) as T;
  }

  /** Queues a load; `capture` returns the property values when the sync applies it. */
  protected queueLoad(props: readonly string[], capture: () => Record<string, unknown>): void {
    this.ctx.queue('load', 20, () => {
      const values = capture();
      for (const p of props) {
        this.snapshot.set(p, values[p]);
        this.loaded.add(p);
      }
    });
  }
}

function propList(arg: string | string[] | { select?: string } | undefined): string[] {
  if (arg === undefined) return [];
  if (Array.isArray(arg)) return arg;
  if (typeof arg === 'string') return arg.split(',').map((s) => s.trim()).filter(Boolean);
  return (arg.select ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

export class FakeRequestContext {
  private ops: Op[] = [];
  readonly workbook: FakeWorkbook;

  constructor(readonly host: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }

  get pending(): number {
    return this.ops.length;
  }

  queue(what: string, bytes: number, apply: () => void): void {
    this.ops.push({ what, bytes: bytes + 40, apply });
  }

  async sync(): Promise<void> {
    const ops = this.ops;
    this.ops = [];
    const host = this.host;
    host.syncCount++;
    const n = host.syncCount;
    const bytes = ops.reduce((t, o) => t + o.bytes, 0);
    host.requests.push({ bytes, commands: ops.length });
    await Promise.resolve();
    if (bytes > host.payloadLimit) throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `request ${n} is ${bytes} bytes (limit ${host.payloadLimit})`);
    for (const op of ops) {
      if (host.failWhen?.({ what: op.what, sync: n })) throw new FakeExcelError('GeneralException', `injected failure at "${op.what}" (sync ${n})`);
      op.apply();
    }
  }

  /** Payload estimate of a value: its JSON. */
  static size(v: unknown): number {
    return JSON.stringify(v ?? null).length;
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  readonly tables: FakeTableCollection;
  readonly settings: FakeSettingCollection;

  constructor(private readonly ctx: FakeRequestContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.names = new FakeNamedItemCollection(ctx);
    this.tables = new FakeTableCollection(ctx, null);
    this.settings = new FakeSettingCollection(ctx);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.host.activeSheetId === null ? undefined : this.ctx.host.sheetById(this.ctx.host.activeSheetId);
      if (!s) throw new FakeExcelError('ItemNotFound', 'no active sheet');
      return s;
    });
  }
}

class FakeWorksheetCollection extends Loadable {
  private itemsList: FakeWorksheet[] | null = null;

  add(name?: string): FakeWorksheet {
    let created: SheetState | null = null;
    const ws = new FakeWorksheet(this.ctx, () => {
      if (!created) throw new FakeExcelError('ItemNotFound', `sheet "${name ?? ''}" was not added`);
      if (!this.ctx.host.sheets.includes(created)) throw new FakeExcelError('ItemNotFound', `sheet "${created.name}" was deleted`);
      return created;
    });
    this.ctx.queue(`worksheets.add(${name ?? ''})`, FakeRequestContext.size(name), () => {
      const host = this.ctx.host;
      let n = name;
      for (let i = host.sheets.length + 1; n === undefined; i++) if (!host.sheet(`Sheet${i}`)) n = `Sheet${i}`;
      created = host.addSheet(n);
    });
    return ws;
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.host.sheet(name);
      if (!s) throw new FakeExcelError('ItemNotFound', `no sheet named "${name}"`);
      return s;
    });
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.host.sheet(name);
      if (!s) throw new FakeExcelError('ItemNotFound', `"${name}" is a null object`);
      return s;
    });
    ws.nullCheck(() => this.ctx.host.sheet(name) === undefined);
    return ws;
  }

  load(props?: string | string[] | { select?: string }): this {
    const wanted = propList(props).map((p) => p.replace(/^items\//, ''));
    this.ctx.queue('worksheets.load', 20, () => {
      this.itemsList = this.ctx.host.sheets.map((s) => {
        const ws = new FakeWorksheet(this.ctx, () => {
          if (!this.ctx.host.sheets.includes(s)) throw new FakeExcelError('ItemNotFound', `sheet "${s.name}" was deleted`);
          return s;
        });
        ws.fill(wanted.length > 0 ? wanted : ['name', 'id', 'visibility', 'position'], s, this.ctx.host);
        return ws;
      });
    });
    return this;
  }

  get items(): FakeWorksheet[] {
    if (this.itemsList === null) throw new FakeExcelError('PropertyNotLoaded', 'worksheets.items was not loaded, or read before context.sync()');
    return this.itemsList;
  }
}

export class FakeWorksheet extends Loadable {
  private nullTest: (() => boolean) | null = null;
  private nullKnown: boolean | null = null;
  readonly tables: FakeTableCollection;
  readonly charts: FakeChartCollection;
  readonly freezePanes: FakeFreezePanes;
  readonly pageLayout: FakePageLayout;

  constructor(
    ctx: FakeRequestContext,
    readonly resolve: () => SheetState,
  ) {
    super(ctx);
    this.tables = new FakeTableCollection(ctx, this);
    this.charts = new FakeChartCollection(ctx, this);
    this.freezePanes = new FakeFreezePanes(ctx, this);
    this.pageLayout = new FakePageLayout(ctx, this);
  }

  nullCheck(test: () => boolean): void {
    this.nullTest = test;
    this.ctx.queue('nullCheck', 10, () => {
      this.nullKnown = test();
    });
  }

  get isNullObject(): boolean {
    if (this.nullTest === null) return false;
    if (this.nullKnown === null) throw new FakeExcelError('PropertyNotLoaded', 'isNullObject read before context.sync()');
    return this.nullKnown;
  }

  fill(props: readonly string[], s: SheetState, host: FakeExcel): void {
    for (const p of props) {
      this.loaded.add(p);
      this.snapshot.set(p, p === 'position' ? host.sheets.indexOf(s) : (s as unknown as Record<string, unknown>)[p]);
    }
  }

  load(props?: string | string[] | { select?: string }): this {
    const wanted = propList(props);
    const list = wanted.length > 0 ? wanted : ['name', 'id', 'visibility', 'position'];
    this.queueLoad(list, () => {
      const s = this.resolve();
      return { name: s.name, id: s.id, visibility: s.visibility, position: this.ctx.host.sheets.indexOf(s), tabColor: s.tabColor, showGridlines: s.showGridlines };
    });
    return this;
  }

  get name(): string {
    return this.read('name');
  }
  set name(value: string) {
    this.ctx.queue(`worksheet.name = ${value}`, FakeRequestContext.size(value), () => this.ctx.host.renameSheet(this.resolve(), value));
  }
  get id(): string {
    return this.read('id');
  }
  get visibility(): string {
    return this.read('visibility');
  }
  set visibility(value: string) {
    this.ctx.queue(`worksheet.visibility = ${value}`, 20, () => {
      const s = this.resolve();
      const v = value as SheetState['visibility'];
      if (v !== 'Visible' && s.visibility === 'Visible' && this.ctx.host.sheets.filter((x) => x.visibility === 'Visible').length === 1) {
        throw new FakeExcelError('InvalidOperation', 'a workbook must keep one visible sheet');
      }
      s.visibility = v;
    });
  }
  get position(): number {
    return this.read('position');
  }
  set tabColor(value: string) {
    this.ctx.queue('worksheet.tabColor', 20, () => {
      this.resolve().tabColor = value;
    });
  }
  set showGridlines(value: boolean) {
    this.ctx.queue('worksheet.showGridlines', 10, () => {
      this.resolve().showGridlines = value;
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, this, address ?? 'A1:XFD1048576');
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, this, rectAddress({ r1: row, c1: col, r2: row + rows - 1, c2: col + cols - 1 }));
  }

  delete(): void {
    this.ctx.queue('worksheet.delete', 10, () => this.ctx.host.deleteSheet(this.resolve()));
  }

  activate(): void {
    this.ctx.queue('worksheet.activate', 10, () => {
      const s = this.resolve();
      if (s.visibility !== 'Visible') throw new FakeExcelError('InvalidOperation', `cannot activate the hidden sheet "${s.name}"`);
      this.ctx.host.activeSheetId = s.id;
    });
  }
}

class FakeFreezePanes {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {}
  freezeRows(count: number): void {
    this.ctx.queue('freezeRows', 10, () => {
      this.ws.resolve().frozen = { rows: count, columns: 0 };
    });
  }
  freezeColumns(count: number): void {
    this.ctx.queue('freezeColumns', 10, () => {
      this.ws.resolve().frozen = { rows: 0, columns: count };
    });
  }
  freezeAt(range: FakeRange | string): void {
    this.ctx.queue('freezeAt', 20, () => {
      const r = parseAddress(typeof range === 'string' ? range : range.address0);
      this.ws.resolve().frozen = { rows: r.r2 + 1, columns: r.c2 + 1 };
    });
  }
  unfreeze(): void {
    this.ctx.queue('unfreeze', 10, () => {
      this.ws.resolve().frozen = { rows: 0, columns: 0 };
    });
  }
}

class FakeHeadersFooters {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {
    const props = ['leftHeader', 'centerHeader', 'rightHeader', 'leftFooter', 'centerFooter', 'rightFooter'];
    for (const p of props) {
      Object.defineProperty(this, p, {
        set: (v: string) => this.ctx.queue(`headersFooters.${p}`, FakeRequestContext.size(v), () => {
          this.ws.resolve().pageLayout.headers[p] = v;
        }),
        enumerable: true,
      });
    }
  }
}

class FakePageLayout {
  readonly headersFooters: { defaultForAllPages: FakeHeadersFooters };
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {
    this.headersFooters = { defaultForAllPages: new FakeHeadersFooters(ctx, ws) };
  }
  set orientation(value: string) {
    this.ctx.queue('pageLayout.orientation', 20, () => {
      this.ws.resolve().pageLayout.orientation = value;
    });
  }
  set zoom(value: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.ctx.queue('pageLayout.zoom', FakeRequestContext.size(value), () => {
      this.ws.resolve().pageLayout.zoom = { ...value };
    });
  }
  setPrintArea(area: string | FakeRange): void {
    this.ctx.queue('pageLayout.setPrintArea', 30, () => {
      const a = typeof area === 'string' ? area : area.address0;
      parseAddress(a);
      this.ws.resolve().pageLayout.printArea = a;
    });
  }
  setPrintTitleRows(rows: string | FakeRange): void {
    this.ctx.queue('pageLayout.setPrintTitleRows', 30, () => {
      this.ws.resolve().pageLayout.printTitleRows = typeof rows === 'string' ? rows : rows.address0;
    });
  }
  setPrintTitleColumns(columns: string | FakeRange): void {
    this.ctx.queue('pageLayout.setPrintTitleColumns', 30, () => {
      this.ws.resolve().pageLayout.printTitleColumns = typeof columns === 'string' ? columns : columns.address0;
    });
  }
}

class FakeBorder {
  constructor(
    private readonly range: FakeRange,
    private readonly edge: string,
  ) {}
  private set(key: 'style' | 'color' | 'weight', value: string): void {
    this.range.formatAll(`borders.${this.edge}.${key}`, (f) => {
      f.borders = { ...(f.borders ?? {}) };
      f.borders[this.edge] = { ...(f.borders[this.edge] ?? {}), [key]: value };
    });
  }
  set style(v: string) {
    this.set('style', v);
  }
  set color(v: string) {
    this.set('color', v);
  }
  set weight(v: string) {
    this.set('weight', v);
  }
}

class FakeRangeFormat {
  readonly fill: { color: string; clear: () => void };
  readonly font: { bold: boolean; italic: boolean; color: string; size: number; name: string };
  readonly borders: { getItem: (edge: string) => FakeBorder };

  constructor(private readonly range: FakeRange) {
    const fmt = (what: string, f: (s: FormatState) => void): void => range.formatAll(what, f);
    this.fill = {
      set color(v: string) {
        fmt('fill.color', (s) => {
          s.fill = v;
        });
      },
      get color(): string {
        throw new FakeExcelError('PropertyNotLoaded', 'format.fill.color (this fake does not load formats)');
      },
      clear: () => fmt('fill.clear', (s) => {
        delete s.fill;
      }),
    };
    const font = {} as { bold: boolean; italic: boolean; color: string; size: number; name: string };
    for (const key of ['bold', 'italic', 'color', 'size', 'name'] as const) {
      Object.defineProperty(font, key, {
        set: (v: unknown) => fmt(`font.${key}`, (s) => {
          if (key !== 'name') (s as Record<string, unknown>)[key] = v;
        }),
        get: () => {
          throw new FakeExcelError('PropertyNotLoaded', `format.font.${key} (this fake does not load formats)`);
        },
      });
    }
    this.font = font;
    this.borders = { getItem: (edge: string) => new FakeBorder(range, edge) };
  }
  set horizontalAlignment(v: string) {
    this.range.formatAll('horizontalAlignment', (s) => {
      s.horizontalAlignment = v;
    });
  }
  set verticalAlignment(v: string) {
    this.range.formatAll('verticalAlignment', (s) => {
      s.verticalAlignment = v;
    });
  }
  set wrapText(v: boolean) {
    this.range.formatAll('wrapText', (s) => {
      s.wrapText = v;
    });
  }
  set columnWidth(points: number) {
    this.range.queueOnRect('format.columnWidth', 20, (sheet, r) => {
      for (let c = r.c1; c <= Math.min(r.c2, r.c1 + 1000); c++) sheet.columnWidths.set(c, points);
    });
  }
  set rowHeight(points: number) {
    this.range.queueOnRect('format.rowHeight', 20, (sheet, r) => {
      for (let row = r.r1; row <= Math.min(r.r2, r.r1 + 100000); row++) sheet.rowHeights.set(row, points);
    });
  }
}

class FakeConditionalFormat {
  readonly custom: { rule: { formula: string }; format: { fill: { color: string }; font: { color: string } } };
  readonly cellValue: { rule: { formula1: string; operator: string }; format: { fill: { color: string }; font: { color: string } } };
  constructor(ctx: FakeRequestContext, state: () => ConditionalFormatState) {
    const setter = (what: string, f: (s: ConditionalFormatState, v: string) => void): PropertyDescriptor => ({
      set: (v: string) => ctx.queue(`conditionalFormat.${what}`, FakeRequestContext.size(v), () => f(state(), v)),
    });
    const fmt = {} as { fill: { color: string }; font: { color: string } };
    fmt.fill = Object.defineProperty({}, 'color', setter('fill', (s, v) => (s.fill = v))) as { color: string };
    fmt.font = Object.defineProperty({}, 'color', setter('font', (s, v) => (s.fontColor = v))) as { color: string };
    const rule = Object.defineProperty({}, 'formula', setter('formula', (s, v) => (s.formula = v))) as { formula: string };
    this.custom = { rule, format: fmt };
    const cv = {} as { rule: { formula1: string; operator: string }; format: typeof fmt };
    Object.defineProperty(cv, 'rule', {
      set: (v: { formula1: string; operator: string }) => ctx.queue('conditionalFormat.cellValue.rule', FakeRequestContext.size(v), () => {
        const s = state();
        s.formula = v.formula1;
        s.operator = v.operator;
      }),
    });
    cv.format = fmt;
    this.cellValue = cv;
  }
}

export class FakeRange extends Loadable {
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: { add: (type: string) => FakeConditionalFormat };

  constructor(
    ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
    readonly address0: string,
  ) {
    super(ctx);
    this.format = new FakeRangeFormat(this);
    this.conditionalFormats = {
      add: (type: string) => {
        let created: ConditionalFormatState | null = null;
        this.queueOnRect(`conditionalFormats.add(${type})`, 20, (sheet, r) => {
          created = { address: rectAddress(r), type, formula: '' };
          sheet.conditionalFormats.push(created);
        });
        return new FakeConditionalFormat(ctx, () => {
          if (!created) throw new FakeExcelError('ItemNotFound', 'conditional format not added');
          return created;
        });
      },
    };
  }

  get worksheet(): FakeWorksheet {
    return this.ws;
  }

  rect(): { sheet: SheetState; rect: Rect } {
    return { sheet: this.ws.resolve(), rect: parseAddress(this.address0) };
  }

  queueOnRect(what: string, bytes: number, f: (sheet: SheetState, r: Rect) => void): void {
    this.ctx.queue(what, bytes, () => {
      const { sheet, rect } = this.rect();
      f(sheet, rect);
    });
  }

  formatAll(what: string, f: (s: FormatState) => void): void {
    this.queueOnRect(`format.${what}`, 30, (sheet, r) => {
      const cells = (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1);
      if (cells > 2_000_000) throw new FakeExcelError('InvalidArgument', `format of ${cells} cells: this fake keeps formats per cell`);
      for (let row = r.r1; row <= r.r2; row++) {
        for (let c = r.c1; c <= r.c2; c++) {
          const key = a1(row, c);
          const cur = { ...(sheet.formats.get(key) ?? {}) };
          f(cur);
          sheet.formats.set(key, cur);
        }
      }
    });
  }

  private write2d(what: 'values' | 'formulas' | 'numberFormat', data: unknown): void {
    this.queueOnRect(`range.${what}`, FakeRequestContext.size(data), (sheet, r) => {
      const rows = r.r2 - r.r1 + 1;
      const cols = r.c2 - r.c1 + 1;
      const grid: unknown[][] = Array.isArray(data) ? (data as unknown[][]) : Array.from({ length: rows }, () => new Array<unknown>(cols).fill(data));
      if (grid.length !== rows || grid.some((row) => !Array.isArray(row) || row.length !== cols)) {
        throw new FakeExcelError('InvalidArgument', `${what}: a ${grid.length} x ${(grid[0] as unknown[] | undefined)?.length ?? 0} array for the ${rows} x ${cols} range ${rectAddress(r)}`);
      }
      grid.forEach((row, i) =>
        row.forEach((v, j) => {
          const key = a1(r.r1 + i, r.c1 + j);
          const cell: CellState = sheet.cells.get(key) ?? { value: null, formula: null, numberFormat: 'General' };
          if (what === 'numberFormat') cell.numberFormat = String(v);
          else writeCell(cell, v as Scalar);
          if (cell.value === null && cell.formula === null && cell.numberFormat === 'General') sheet.cells.delete(key);
          else sheet.cells.set(key, cell);
        }),
      );
    });
  }

  set values(data: unknown) {
    this.write2d('values', data);
  }
  set formulas(data: unknown) {
    this.write2d('formulas', data);
  }
  set numberFormat(data: unknown) {
    this.write2d('numberFormat', data);
  }

  get values(): Scalar[][] {
    return this.read('values');
  }
  get formulas(): Scalar[][] {
    return this.read('formulas');
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  get address(): string {
    return this.read('address');
  }

  load(props?: string | string[] | { select?: string }): this {
    const wanted = propList(props);
    this.queueLoad(wanted.length > 0 ? wanted : ['values', 'formulas', 'numberFormat', 'address'], () => {
      const { sheet, rect } = this.rect();
      const grid = <T>(f: (c: CellState | undefined) => T): T[][] =>
        Array.from({ length: rect.r2 - rect.r1 + 1 }, (_, i) => Array.from({ length: rect.c2 - rect.c1 + 1 }, (__, j) => f(sheet.cells.get(a1(rect.r1 + i, rect.c1 + j)))));
      return {
        values: grid((c) => (c?.formula ? null : (c?.value ?? ''))),
        formulas: grid((c) => (c?.formula ? `=${c.formula}` : (c?.value ?? ''))),
        numberFormat: grid((c) => c?.numberFormat ?? 'General'),
        address: `${quoteSheet(sheet.name)}!${rectAddress(rect)}`,
      };
    });
    return this;
  }
}

/** A value written as Excel would take it: "=..." is a formula, a leading apostrophe forces text. */
function writeCell(cell: CellState, v: Scalar): void {
  if (typeof v === 'string' && v.startsWith('=') && v.length > 1) {
    cell.formula = v.slice(1);
    cell.value = null;
  } else if (typeof v === 'string' && v.startsWith("'")) {
    cell.formula = null;
    cell.value = v.slice(1);
  } else if (typeof v === 'string' && cell.numberFormat !== '@' && v.trim() !== '' && Number.isFinite(Number(v))) {
    cell.formula = null;
    cell.value = Number(v); // Excel reads "96413" as a number unless the cell is formatted as text
  } else {
    cell.formula = null;
    cell.value = v === '' ? null : v;
  }
}

class FakeNamedItem extends Loadable {
  constructor(
    ctx: FakeRequestContext,
    private readonly key: string,
    private readonly nullable = false,
  ) {
    super(ctx);
    if (nullable) {
      this.ctx.queue('names.nullCheck', 10, () => {
        this.snapshot.set('isNullObject', !this.ctx.host.names.has(key));
        this.loaded.add('isNullObject');
      });
    }
  }
  private state(): NameState {
    const s = this.ctx.host.names.get(this.key);
    if (!s) throw new FakeExcelError('ItemNotFound', `no name "${this.key}"`);
    return s;
  }
  get isNullObject(): boolean {
    return this.nullable ? this.read('isNullObject') : false;
  }
  load(props?: string | string[]): this {
    const wanted = propList(props);
    this.queueLoad(wanted.length > 0 ? wanted : ['name', 'formula', 'comment'], () => ({ ...this.state() }));
    return this;
  }
  fill(s: NameState): this {
    for (const [k, v] of Object.entries(s)) {
      this.snapshot.set(k, v);
      this.loaded.add(k);
    }
    return this;
  }
  get name(): string {
    return this.read('name');
  }
  get comment(): string {
    return this.read('comment');
  }
  set comment(v: string) {
    this.ctx.queue('name.comment', FakeRequestContext.size(v), () => {
      this.state().comment = v;
    });
  }
  get formula(): string {
    return this.read('formula');
  }
  set formula(v: string) {
    this.ctx.queue('name.formula', FakeRequestContext.size(v), () => {
      this.state().formula = v.startsWith('=') ? v : `=${v}`;
    });
  }
  delete(): void {
    this.ctx.queue('name.delete', 10, () => {
      this.state();
      this.ctx.host.names.delete(this.key);
    });
  }
}

class FakeNamedItemCollection extends Loadable {
  private list: FakeNamedItem[] | null = null;

  add(name: string, reference: FakeRange | string, comment = ''): FakeNamedItem {
    const key = name.toLowerCase();
    this.ctx.queue(`names.add(${name})`, FakeRequestContext.size([name, typeof reference === 'string' ? reference : reference.address0, comment]), () => {
      const host = this.ctx.host;
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) throw new FakeExcelError('InvalidArgument', `"${name}" is not a valid name`);
      if (host.nameTaken(name)) throw new FakeExcelError('ItemAlreadyExists', `the name "${name}" exists`);
      const formula = typeof reference === 'string' ? (reference.startsWith('=') ? reference : `=${reference}`) : (() => {
        const { sheet, rect } = reference.rect();
        return `=${quoteSheet(sheet.name)}!${rectAddress(rect).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;
      })();
      host.names.set(key, { name, formula, comment });
    });
    return new FakeNamedItem(this.ctx, key);
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, name.toLowerCase());
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, name.toLowerCase(), true);
  }

  load(props?: string | string[] | { select?: string }): this {
    this.ctx.queue(`names.load(${propList(props).join(',')})`, 20, () => {
      this.list = [...this.ctx.host.names.entries()].map(([k, s]) => new FakeNamedItem(this.ctx, k).fill(s));
    });
    return this;
  }

  get items(): FakeNamedItem[] {
    if (this.list === null) throw new FakeExcelError('PropertyNotLoaded', 'names.items was not loaded, or read before context.sync()');
    return this.list;
  }
}

class FakeTable extends Loadable {
  constructor(
    ctx: FakeRequestContext,
    private readonly get: () => TableState,
  ) {
    super(ctx);
  }
  set name(v: string) {
    this.ctx.queue(`table.name = ${v}`, FakeRequestContext.size(v), () => {
      const t = this.get();
      const host = this.ctx.host;
      if (t.name.toLowerCase() !== v.toLowerCase() && host.nameTaken(v)) throw new FakeExcelError('ItemAlreadyExists', `the name "${v}" exists`);
      host.tables.delete(t.name.toLowerCase());
      t.name = v;
      host.tables.set(v.toLowerCase(), t);
    });
  }
  get name(): string {
    return this.read('name');
  }
  set style(v: string) {
    this.ctx.queue('table.style', 20, () => {
      this.get().style = v;
    });
  }
  fill(t: TableState): this {
    this.snapshot.set('name', t.name);
    this.loaded.add('name');
    return this;
  }
  delete(): void {
    this.ctx.queue('table.delete', 10, () => {
      this.ctx.host.tables.delete(this.get().name.toLowerCase());
    });
  }
}

class FakeTableCollection extends Loadable {
  private list: FakeTable[] | null = null;
  constructor(
    ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet | null,
  ) {
    super(ctx);
  }

  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    let created: TableState | null = null;
    this.ctx.queue('tables.add', 40, () => {
      const host = this.ctx.host;
      const { sheet, rect } = typeof address === 'string' ? host.resolveRange(address, this.ws ? this.ws.resolve() : null) : address.rect();
      if (!hasHeaders) throw new FakeExcelError('InvalidArgument', 'this fake supports tables with headers only');
      const heads: string[] = [];
      for (let c = rect.c1; c <= rect.c2; c++) {
        const v = sheet.cells.get(a1(rect.r1, c));
        const h = v?.formula ? null : v?.value;
        if (typeof h !== 'string' || h === '') throw new FakeExcelError('InvalidArgument', `table header ${a1(rect.r1, c)} is not text`);
        if (heads.includes(h.toLowerCase())) throw new FakeExcelError('InvalidArgument', `duplicate table header "${h}"`);
        heads.push(h.toLowerCase());
      }
      for (const t of host.tables.values()) {
        if (t.sheetId !== sheet.id) continue;
        const o = parseAddress(t.address);
        if (!(o.r2 < rect.r1 || rect.r2 < o.r1 || o.c2 < rect.c1 || rect.c2 < o.c1)) throw new FakeExcelError('InvalidOperation', `tables overlap at ${t.address}`);
      }
      let i = host.tables.size + 1;
      while (host.nameTaken(`Table${i}`)) i++;
      created = { name: `Table${i}`, sheetId: sheet.id, address: rectAddress(rect), style: 'TableStyleMedium2' };
      host.tables.set(created.name.toLowerCase(), created);
    });
    return new FakeTable(this.ctx, () => {
      if (!created) throw new FakeExcelError('ItemNotFound', 'table not added');
      return created;
    });
  }

  load(props?: string | string[] | { select?: string }): this {
    this.ctx.queue(`tables.load(${propList(props).join(',')})`, 20, () => {
      const host = this.ctx.host;
      const sheetId = this.ws ? this.ws.resolve().id : null;
      this.list = [...host.tables.values()].filter((t) => sheetId === null || t.sheetId === sheetId).map((t) => new FakeTable(this.ctx, () => t).fill(t));
    });
    return this;
  }

  get items(): FakeTable[] {
    if (this.list === null) throw new FakeExcelError('PropertyNotLoaded', 'tables.items was not loaded, or read before context.sync()');
    return this.list;
  }
}

class FakeChartSeries {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly get: () => ChartState['series'][number],
  ) {}
  set name(v: string) {
    this.ctx.queue('series.name', FakeRequestContext.size(v), () => {
      this.get().name = v;
    });
  }
  setValues(range: FakeRange): void {
    this.ctx.queue('series.setValues', 40, () => {
      const { sheet, rect } = range.rect();
      this.get().values = `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
    });
  }
  setXAxisValues(range: FakeRange): void {
    this.ctx.queue('series.setXAxisValues', 40, () => {
      const { sheet, rect } = range.rect();
      this.get().xValues = `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
    });
  }
}

class FakeChart {
  readonly title: { text: string };
  readonly series: { getItemAt: (i: number) => FakeChartSeries; add: (name?: string) => FakeChartSeries };
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly get: () => ChartState,
  ) {
    this.title = Object.defineProperty({}, 'text', {
      set: (v: string) => ctx.queue('chart.title', FakeRequestContext.size(v), () => {
        this.get().title = v;
      }),
    }) as { text: string };
    this.series = {
      getItemAt: (i: number) =>
        new FakeChartSeries(ctx, () => {
          const s = this.get().series[i];
          if (!s) throw new FakeExcelError('ItemNotFound', `no series ${i}`);
          return s;
        }),
      add: (name?: string) => {
        let created: ChartState['series'][number] | null = null;
        ctx.queue('series.add', 20, () => {
          created = { name: name ?? '', values: '', xValues: '' };
          this.get().series.push(created);
        });
        return new FakeChartSeries(ctx, () => {
          if (!created) throw new FakeExcelError('ItemNotFound', 'series not added');
          return created;
        });
      },
    };
  }
  setPosition(from: FakeRange | string, to?: FakeRange | string): void {
    this.ctx.queue('chart.setPosition', 30, () => {
      const c = this.get();
      c.from = typeof from === 'string' ? from : from.address0;
      c.to = to === undefined ? c.from : typeof to === 'string' ? to : to.address0;
    });
  }
}

class FakeChartCollection {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly ws: FakeWorksheet,
  ) {}
  add(type: string, source: FakeRange, seriesBy = 'Auto'): FakeChart {
    let created: ChartState | null = null;
    this.ctx.queue(`charts.add(${type})`, 40, () => {
      const { sheet, rect } = source.rect();
      created = { type, seriesBy, title: '', series: [{ name: '', values: `${quoteSheet(sheet.name)}!${rectAddress(rect)}`, xValues: '' }], from: '', to: '' };
      this.ws.resolve().charts.push(created);
    });
    return new FakeChart(this.ctx, () => {
      if (!created) throw new FakeExcelError('ItemNotFound', 'chart not added');
      return created;
    });
  }
}

class FakeSetting extends Loadable {
  constructor(
    ctx: FakeRequestContext,
    private readonly key: string,
    private readonly nullable: boolean,
  ) {
    super(ctx);
    if (nullable) {
      this.ctx.queue('settings.nullCheck', 10, () => {
        this.snapshot.set('isNullObject', !this.ctx.host.settings.has(key));
        this.loaded.add('isNullObject');
      });
    }
  }
  get isNullObject(): boolean {
    return this.nullable ? this.read<boolean>('isNullObject') : false;
  }
  load(props?: string | string[]): this {
    const wanted = propList(props);
    this.queueLoad(wanted.length > 0 ? wanted : ['key', 'value'], () => ({ key: this.key, value: this.ctx.host.settings.get(this.key) ?? null }));
    return this;
  }
  get value(): unknown {
    return this.read('value');
  }
  set value(v: unknown) {
    this.ctx.queue('setting.value', FakeRequestContext.size(v), () => {
      this.ctx.host.settings.set(this.key, v);
    });
  }
  delete(): void {
    this.ctx.queue('setting.delete', 10, () => {
      this.ctx.host.settings.delete(this.key);
    });
  }
}

class FakeSettingCollection {
  constructor(private readonly ctx: FakeRequestContext) {}
  add(key: string, value: unknown): FakeSetting {
    this.ctx.queue(`settings.add(${key})`, FakeRequestContext.size([key, value]), () => {
      this.ctx.host.settings.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    });
    return new FakeSetting(this.ctx, key, false);
  }
  getItem(key: string): FakeSetting {
    return new FakeSetting(this.ctx, key, false);
  }
  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.ctx, key, true);
  }
}
