/**
 * The fake Office host, served to the page in place of office.js from Microsoft's CDN (the browser tests
 * intercept that request). Defines `Office`, `Excel`, `OfficeExtension` and `CustomFunctions` over an
 * in-memory workbook, and exposes the host on `window.__fakeExcel` for the tests' assertions.
 *
 * The workbook starts from `window.__FAKE_EXCEL_STATE__` when a test set it before the page loaded (a
 * "reopened" file: the serialised state of an earlier page), else from an empty workbook with Sheet1.
 */
import { type FunctionsMetadata, createRegistry, customFunctionsNamespace } from './custom-functions';
import { FakeExcel, type SyncRecord } from './excel';
import { officeNamespaces } from './office';
import { type WorkbookState, boxAddress, emptyWorkbook, parseBox } from './workbook';

interface FakeWindow {
  __FAKE_EXCEL_STATE__?: WorkbookState;
  /** The page's functions.json, as Excel reads it (parameters, allowErrorForDataTypeAny). */
  __FAKE_FUNCTIONS_JSON__?: FunctionsMetadata;
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
  /** Ids associated more than once (Excel warns about each). */
  duplicateAssociations(): string[];
  /** A user typing into cells: a string starting with "=" is a formula. Fires change events. */
  userEdit(sheet: string, address: string, values: unknown[][]): void;
  /** A user deleting a sheet. */
  userDeleteSheet(sheet: string): void;
  /** Values (or formulas) of a sheet's block; the used range when no address is given. */
  read(sheet: string, address?: string, what?: 'values' | 'formulas'): { address: string; cells: unknown[][] } | null;
  sheetNames(): { name: string; visibility: string }[];
  /** The document's settings as saved in the workbook (one store behind both settings APIs). */
  documentSettings(): Record<string, unknown>;
}

const w = window as unknown as FakeWindow;
const initial: WorkbookState = w.__FAKE_EXCEL_STATE__ ? structuredClone(w.__FAKE_EXCEL_STATE__) : emptyWorkbook();
const registry = createRegistry(w.__FAKE_FUNCTIONS_JSON__);
const host = new FakeExcel(initial, registry);

const { Office, Excel, OfficeExtension } = officeNamespaces(host);

// -- CustomFunctions ------------------------------------------------------------------------------

const CustomFunctions = customFunctionsNamespace(registry);

// -- Test access ----------------------------------------------------------------------------------

const api: FakeExcelApi = {
  host,
  serialize: () => JSON.stringify(host.state),
  syncs: host.syncs,
  functionIds: () => [...registry.functions.keys()].sort(),
  duplicateAssociations: () => [...registry.duplicateAssociations],
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
  documentSettings: () => structuredClone(host.state.settings),
};

w.Office = Office;
w.Excel = Excel;
w.OfficeExtension = OfficeExtension;
w.CustomFunctions = CustomFunctions;
w.__fakeExcel = api;
