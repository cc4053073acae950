/**
 * The fake Office host, served to the page in place of office.js from Microsoft's CDN (the browser tests
 * intercept that request). Defines `Office`, `Excel`, `OfficeExtension` and `CustomFunctions` over an
 * in-memory workbook, and exposes the host on `window.__fakeExcel` for the tests' assertions.
 *
 * The workbook starts from `window.__FAKE_EXCEL_STATE__` when a test set it before the page loaded (a
 * "reopened" file: the serialised state of an earlier page), else from an empty workbook with Sheet1.
 */
import { FakeExcel, HostError, RequestContext, type SyncRecord } from './excel';
import { type CustomFunction, ERROR_VALUES, type WorkbookState, boxAddress, emptyWorkbook, parseBox } from './workbook';

interface FakeWindow {
  __FAKE_EXCEL_STATE__?: WorkbookState;
  /** Parameter counts of the custom functions, by id (from functions.json), so omitted arguments are null. */
  __FAKE_FUNCTION_PARAMS__?: Record<string, number>;
  __fakeExcel?: FakeExcelApi;
  Office?: unknown;
  Excel?: unknown;
  OfficeExtension?: unknown;
  CustomFunctions?: unknown;
}

/** What a test can do with the host through `page.evaluate`. */
export interface FakeExcelApi {
  readonly host: FakeExcel;
  /** The workbook as JSON: give it to the next page as `__FAKE_EXCEL_STATE__` to "reopen" the file. */
  serialize(): string;
  readonly syncs: SyncRecord[];
  /** Ids of the functions registered with CustomFunctions.associate. */
  functionIds(): string[];
  /** A user typing into cells: a string starting with "=" is a formula. Fires change events. */
  userEdit(sheet: string, address: string, values: unknown[][]): void;
  /** A user deleting a sheet. */
  userDeleteSheet(sheet: string): void;
  /** Values (or formulas) of a sheet's block; the used range when no address is given. */
  read(sheet: string, address?: string, what?: 'values' | 'formulas'): { address: string; cells: unknown[][] } | null;
  sheetNames(): { name: string; visibility: string }[];
  /** Office.context.document.settings as saved with the workbook. */
  documentSettings(): Record<string, unknown>;
}

const w = window as unknown as FakeWindow;
const initial: WorkbookState = w.__FAKE_EXCEL_STATE__ ? structuredClone(w.__FAKE_EXCEL_STATE__) : emptyWorkbook();
const registry = {
  functions: new Map<string, CustomFunction>(),
  parameterCounts: new Map<string, number>(Object.entries(w.__FAKE_FUNCTION_PARAMS__ ?? {}).map(([k, v]) => [k.toUpperCase(), v])),
};
const host = new FakeExcel(initial, registry);

// -- Office ---------------------------------------------------------------------------------------

const pendingSettings = new Map<string, unknown>(Object.entries(initial.documentSettings));

const documentSettings = {
  get(name: string): unknown {
    return pendingSettings.has(name) ? structuredClone(pendingSettings.get(name)) : null;
  },
  set(name: string, value: unknown): void {
    pendingSettings.set(name, JSON.parse(JSON.stringify(value ?? null)) as unknown);
  },
  remove(name: string): void {
    pendingSettings.delete(name);
  },
  saveAsync(options?: unknown, callback?: (result: { status: string; error?: unknown }) => void): void {
    const cb = typeof options === 'function' ? (options as typeof callback) : callback;
    host.state.documentSettings = Object.fromEntries(pendingSettings);
    setTimeout(() => cb?.({ status: 'succeeded' }), 0);
  },
  refreshAsync(callback?: (result: { status: string }) => void): void {
    setTimeout(() => callback?.({ status: 'succeeded' }), 0);
  },
  addHandlerAsync(): void {
    /* no settings-changed events in the fake */
  },
};

const readyInfo = { host: 'Excel', platform: 'OfficeOnline' };
const ready = new Promise<typeof readyInfo>((resolve) => setTimeout(() => resolve(readyInfo), 0));

const Office = {
  onReady(callback?: (info: typeof readyInfo) => void): Promise<typeof readyInfo> {
    return ready.then((info) => {
      callback?.(info);
      return info;
    });
  },
  HostType: { Excel: 'Excel', Word: 'Word', PowerPoint: 'PowerPoint', Outlook: 'Outlook', OneNote: 'OneNote', Project: 'Project', Access: 'Access' },
  PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac', iOS: 'iOS', Android: 'Android', Universal: 'Universal' },
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  context: {
    document: { settings: documentSettings, url: 'https://fake.example/Book1.xlsx' },
    requirements: { isSetSupported: (): boolean => true },
    host: 'Excel',
    platform: 'OfficeOnline',
    displayLanguage: 'en-US',
    contentLanguage: 'en-US',
    diagnostics: { host: 'Excel', platform: 'OfficeOnline', version: '16.0.fake' },
  },
  actions: { associate: (): void => undefined },
  addin: {
    showAsTaskpane: async (): Promise<void> => undefined,
    hide: async (): Promise<void> => undefined,
    setStartupBehavior: async (): Promise<void> => undefined,
    getStartupBehavior: async (): Promise<string> => 'None',
    onVisibilityModeChanged: async (): Promise<() => Promise<void>> => async () => undefined,
  },
  ribbon: { requestUpdate: async (): Promise<void> => undefined },
};

// -- Excel ----------------------------------------------------------------------------------------

/** Enum objects: `Excel.ChartType.columnClustered` is "ColumnClustered", as in Office.js. */
function enumProxy(): Record<string, string> {
  return new Proxy({} as Record<string, string>, {
    get: (_t, p) => (typeof p === 'string' ? p.charAt(0).toUpperCase() + p.slice(1) : undefined),
  });
}

const excelFixed: Record<string, unknown> = {
  RequestContext: function FakeRequestContext() {
    return new RequestContext(host);
  },
  async run<T>(first: unknown, second?: (context: RequestContext) => Promise<T>): Promise<T> {
    // Excel.run(batch), or Excel.run(object, batch) to reuse the object's context.
    const batch = (typeof first === 'function' ? first : second) as (context: RequestContext) => Promise<T>;
    const given = typeof first === 'object' && first !== null ? (first as { context?: unknown }).context ?? first : null;
    const context = given instanceof RequestContext ? given : new RequestContext(host);
    const result = await batch(context);
    // Excel.run sends what is still queued when the batch ends.
    await context.sync();
    return result;
  },
  CalculationType: { recalculate: 'Recalculate', full: 'Full', fullRebuild: 'FullRebuild' },
  SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
  ErrorCodes: enumProxy(),
  EventSource: { local: 'Local', remote: 'Remote' },
  EventTriggerSource: { unknown: 'Unknown', thisLocalAddin: 'ThisLocalAddin' },
};

const Excel = new Proxy(excelFixed, {
  get: (t, p) => {
    if (typeof p !== 'string') return undefined;
    if (p in t) return t[p];
    return enumProxy();
  },
});

// Requests that a batch sent with nothing queued are not recorded: Excel.run's closing sync is free then.
const runBatch = host.runBatch.bind(host);
host.runBatch = async (ops) => {
  if (ops.length === 0) return;
  await runBatch(ops);
};

const OfficeExtension = {
  Error: HostError,
  ErrorCodes: enumProxy(),
  config: { extendedErrorLogging: false },
};

// -- CustomFunctions ------------------------------------------------------------------------------

class CustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? '');
    this.name = 'CustomFunctions.Error';
  }
}

const CustomFunctions = {
  associate(idOrMap: string | Record<string, CustomFunction>, fn?: CustomFunction): void {
    if (typeof idOrMap === 'string') {
      if (fn) registry.functions.set(idOrMap.toUpperCase(), fn);
      return;
    }
    for (const [id, f] of Object.entries(idOrMap)) registry.functions.set(id.toUpperCase(), f);
  },
  Error: CustomFunctionsError,
  ErrorCode: ERROR_VALUES,
};

// -- Test access ----------------------------------------------------------------------------------

const api: FakeExcelApi = {
  host,
  serialize: () => JSON.stringify(host.state),
  syncs: host.syncs,
  functionIds: () => [...registry.functions.keys()].sort(),
  userEdit: (sheet, address, values) => host.userEdit(sheet, address, values),
  userDeleteSheet: (sheet) => host.userDeleteSheet(sheet),
  read(sheetName, address, what = 'values') {
    const sheet = host.sheetByKey(sheetName);
    if (!sheet) return null;
    let box = address === undefined ? null : parseBox(address);
    if (address === undefined) {
      const cells = Object.keys(sheet.cells).map((k) => k.split(',').map(Number) as [number, number]);
      if (cells.length === 0) return { address: 'A1', cells: [['']] };
      const r0 = Math.min(...cells.map((c) => c[0]));
      const c0 = Math.min(...cells.map((c) => c[1]));
      const r1 = Math.max(...cells.map((c) => c[0]));
      const c1 = Math.max(...cells.map((c) => c[1]));
      box = { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
    }
    if (!box) return null;
    const b = box;
    const cells = Array.from({ length: b.rows }, (_, i) =>
      Array.from({ length: b.cols }, (_, j) => {
        const cell = sheet.cells[`${b.r0 + i},${b.c0 + j}`];
        if (!cell) return '';
        return what === 'formulas' ? (cell.f ?? cell.v) : cell.v;
      }),
    );
    return { address: boxAddress(b), cells };
  },
  sheetNames: () => host.state.sheets.map((s) => ({ name: s.name, visibility: s.visibility })),
  documentSettings: () => structuredClone(host.state.documentSettings),
};

w.Office = Office;
w.Excel = Excel;
w.OfficeExtension = OfficeExtension;
w.CustomFunctions = CustomFunctions;
w.__fakeExcel = api;
