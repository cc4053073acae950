/**
 * The fake Excel for jest in Node: the same host, namespaces and settings store the browser tests install
 * on the page (browser.ts), as objects a test passes to the code under test (`excel.run` for Excel.run), plus
 * direct access for a test's set-up (a user's own sheets, cells and names) and assertions.
 */
import { type FunctionRegistry, type FunctionsMetadata, createRegistry, customFunctionsNamespace } from './custom-functions';
import { FakeExcel, type RequestContext } from './excel';
import { officeNamespaces } from './office';
import type { DocumentSettings } from './settings';
import { type CellState, type NameState, type SheetState, type WorkbookState, cellAddress, emptyWorkbook, newSheet, parseBox, renameReferences } from './workbook';

export { PAYLOAD_LIMIT_BYTES } from './core';
export type { OpInfo, SyncRecord } from './excel';

export interface NodeFakeExcel {
  readonly host: FakeExcel;
  readonly registry: FunctionRegistry;
  /** Excel.run(batch) over this host (also Excel.run(object, batch)). */
  readonly run: <T>(batch: (context: RequestContext) => Promise<T>) => Promise<T>;
  readonly Office: Record<string, unknown>;
  readonly Excel: Record<string, unknown>;
  /** Office.context.document.settings of this add-in instance (its in-memory copy of the one store). */
  readonly documentSettings: DocumentSettings;
  readonly CustomFunctions: ReturnType<typeof customFunctionsNamespace>;
  /** A second add-in instance over the same document (a new in-memory copy of the settings). */
  reopen(): NodeFakeExcel;
}

/** A fake Excel over `state` (default: a new workbook with the given sheets, else Sheet1). */
export function createFakeExcel(options: { sheets?: readonly string[]; state?: WorkbookState; functions?: FunctionsMetadata } = {}): NodeFakeExcel {
  const state = options.state ?? emptyWorkbook();
  if (!options.state && options.sheets) {
    state.sheets = options.sheets.map((name, i) => newSheet(`{S${i + 1}}`, name));
    state.activeSheetId = state.sheets[0]?.id ?? '';
    state.nextId = options.sheets.length + 1;
  }
  const registry = createRegistry(options.functions);
  const host = new FakeExcel(state, registry);
  return around(host, registry);
}

function around(host: FakeExcel, registry: FunctionRegistry): NodeFakeExcel {
  const { Office, Excel, documentSettings } = officeNamespaces(host);
  const run = Excel.run as NodeFakeExcel['run'];
  return {
    host,
    registry,
    run,
    Office,
    Excel,
    documentSettings,
    CustomFunctions: customFunctionsNamespace(registry),
    reopen: () => around(host, registry),
  };
}

// ---------------------------------------------------------------------------------------------------
// Direct access for tests (no batching, no events)

export function sheetNamed(host: FakeExcel, name: string): SheetState | undefined {
  return host.sheetByKey(name);
}

/** The cell at an A1 address of a sheet. */
export function cellAt(host: FakeExcel, sheet: string, address: string): CellState | undefined {
  const s = host.sheetByKey(sheet);
  const box = parseBox(address);
  return s && box ? s.cells[`${box.r0},${box.c0}`] : undefined;
}

/** Every cell of a sheet by A1 address. */
export function cellsOf(host: FakeExcel, sheet: string): Map<string, CellState> {
  const s = host.sheetByKey(sheet);
  const out = new Map<string, CellState>();
  for (const [k, cell] of Object.entries(s?.cells ?? {})) {
    const [r, c] = k.split(',').map(Number) as [number, number];
    out.set(cellAddress(r, c), cell);
  }
  return out;
}

/** A user's own cell: text, a number, or a formula ("=..."), stored as Excel would (typed-text.ts). */
export function userCell(host: FakeExcel, sheet: string, address: string, value: string | number | boolean): void {
  const s = host.sheetByKey(sheet);
  const box = parseBox(address);
  if (!s || !box) throw new Error(`userCell: no ${sheet}!${address}`);
  host.writeCell(s, box.r0, box.c0, typeof value === 'string' && value.startsWith('=') ? { formula: value } : { value });
}

/** A user's own workbook-level name. */
export function userName(host: FakeExcel, name: string, formula: string): void {
  host.state.names.push({ name, formula, comment: '', visible: true, scope: null });
}

export function nameNamed(host: FakeExcel, name: string): NameState | undefined {
  return host.state.names.find((n) => n.scope === null && n.name.toLowerCase() === name.toLowerCase());
}

/** A user renaming a sheet: Excel updates every reference to it. */
export function userRenameSheet(host: FakeExcel, from: string, to: string): void {
  const s = host.sheetByKey(from);
  if (!s) throw new Error(`userRenameSheet: no ${from}`);
  renameReferences(host.state, s.name, to);
  s.name = to;
}

/** A user adding a sheet of their own. */
export function userAddSheet(host: FakeExcel, name: string): SheetState {
  const s = newSheet(host.newId('S'), name);
  host.state.sheets.push(s);
  return s;
}
