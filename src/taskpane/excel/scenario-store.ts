/**
 * Reading and writing the scenario in the workbook's scenario tables (the Scenario sheet) through Office.js (inputs-codec.ts says
 * what the tables hold). Each operation is one `Excel.run` with a fixed number of syncs whatever the size
 * of the formulary: find the tables, load or locate their ranges, then read or write whole 2-D blocks.
 */
import type { ReferenceData } from '../../engine/reference';
import { formatIssue, loadScenario } from '../../scenario';
import type { Scenario } from '../../scenario/types';
import {
  type Cell,
  type TableData,
  type TableSpec,
  FIRST_ROW,
  INPUTS_SHEET,
  TABLE_LIST,
  bodyFormats,
  cellOfPath,
  decodeTables,
  encodeScenario,
} from './inputs-codec';

export type WorkbookScenario =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly scenario: Scenario; readonly fromVersion: number }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

/** Where the pane keeps the scenario. The Office.js implementation is below; tests may use others. */
export interface ScenarioStore {
  read(): Promise<WorkbookScenario>;
  write(scenario: Scenario): Promise<void>;
  /** Calls `onEdit` when cells of the Scenario sheet change; returns the function that stops watching. */
  watch(onEdit: () => void): Promise<() => Promise<void>>;
}

/** "payers[2].weight: must be between 0 and 1 (table ipPayers, row 3, column "Mix share")". */
function describeIssue(issue: { path: string; message: string }): string {
  const where = cellOfPath(issue.path);
  return where === null ? formatIssue(issue) : `${formatIssue(issue)} (${where})`;
}

function cells(values: unknown[][]): Cell[][] {
  return values.map((row) => row.map((v) => (typeof v === 'number' || typeof v === 'boolean' ? v : v === null || v === undefined ? '' : String(v))));
}

/** "B3" from 0-based row and column. */
function a1(row: number, col: number): string {
  let n = col + 1;
  let letters = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    letters = String.fromCharCode(65 + m) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${row + 1}`;
}

export class OfficeScenarioStore implements ScenarioStore {
  /** Id of the worksheet that holds the tables, once known: change events elsewhere are ignored. */
  private sheetId: string | null = null;

  constructor(private readonly ref: () => ReferenceData) {}

  async read(): Promise<WorkbookScenario> {
    const tables = await Excel.run(async (context) => {
      const found = TABLE_LIST.map((spec) => ({ spec, table: context.workbook.tables.getItemOrNullObject(spec.name).load('name') }));
      await context.sync();
      const present = found.filter((f) => !f.table.isNullObject);
      const ranges = present.map((f) => ({
        spec: f.spec,
        header: f.table.getHeaderRowRange().load('values'),
        body: f.table.getDataBodyRange().load('values'),
      }));
      const sheet = present[0]?.table.worksheet.load('id');
      await context.sync();
      this.sheetId = sheet?.id ?? null;
      const out: Record<string, TableData> = {};
      for (const r of ranges) {
        out[r.spec.name] = { headers: cells(r.header.values)[0]?.map(String) ?? [], rows: cells(r.body.values) };
      }
      return out;
    });
    const doc = decodeTables(tables);
    if (doc === null) return { kind: 'none' };
    const loaded = loadScenario(doc, this.ref());
    if (!loaded.ok) return { kind: 'invalid', problems: loaded.errors.map(describeIssue) };
    return { kind: 'ok', scenario: loaded.scenario, fromVersion: loaded.fromVersion };
  }

  async write(scenario: Scenario): Promise<void> {
    const data = encodeScenario(scenario);
    await Excel.run(async (context) => {
      const wb = context.workbook;
      const found = TABLE_LIST.map((spec) => ({ spec, table: wb.tables.getItemOrNullObject(spec.name).load('name') }));
      const sheets = wb.worksheets.load('items/name');
      await context.sync();

      const existing = found.filter((f) => !f.table.isNullObject);
      const located = existing.map((f) => ({
        spec: f.spec,
        table: f.table,
        range: f.table.getRange().load('rowIndex,columnIndex,rowCount,columnCount'),
        sheet: f.table.worksheet.load('name,id'),
      }));
      await context.sync();

      // The sheet that holds the tables: where they are, else a new Scenario sheet (suffixed if the name is taken).
      let sheetName = located[0]?.sheet.name;
      let sheet: Excel.Worksheet;
      if (sheetName === undefined) {
        const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
        sheetName = INPUTS_SHEET;
        for (let n = 2; taken.has(sheetName.toLowerCase()); n++) sheetName = `${INPUTS_SHEET} (${n})`;
        sheet = wb.worksheets.add(sheetName);
        sheet.getRange('A1:A2').values = [
          ['Infusion Planner: the scenario'],
          ['Edit these tables here or in the Infusion Planner pane; an empty cell means the labelled default. The board workbook (built from the pane) lays them out with every default filled in on its Inputs sheet.'],
        ];
        sheet.getRange('A1').format.font.bold = true;
        sheet.getRange('A1').format.font.size = 14;
      } else {
        sheet = wb.worksheets.getItem(sheetName);
      }
      sheet.load('id');

      for (const spec of TABLE_LIST) {
        const table = data[spec.name] as TableData;
        const loc = located.find((l) => l.spec.name === spec.name);
        this.writeTable(sheet, spec, table, loc ? { table: loc.table, range: loc.range } : null);
      }
      await context.sync();
      this.sheetId = sheet.id;
    });
  }

  /** Queues the writes of one table (no sync): resize to the rows, write header, body and formats. */
  private writeTable(
    sheet: Excel.Worksheet,
    spec: TableSpec,
    data: TableData,
    current: { table: Excel.Table; range: Excel.Range } | null,
  ): void {
    const cols = spec.headers.length;
    // A table keeps at least one (empty) data row.
    const bodyRows: Cell[][] = data.rows.length > 0 ? data.rows.map((r) => [...r]) : [Array.from({ length: cols }, () => '')];
    const row0 = current ? current.range.rowIndex : FIRST_ROW;
    const col0 = current ? current.range.columnIndex : spec.column;
    const total = bodyRows.length + 1;
    const address = `${a1(row0, col0)}:${a1(row0 + total - 1, col0 + cols - 1)}`;
    const header = sheet.getRangeByIndexes(row0, col0, 1, cols);
    const body = sheet.getRangeByIndexes(row0 + 1, col0, bodyRows.length, cols);
    header.values = [[...spec.headers]];
    if (current === null) {
      body.numberFormat = bodyFormats(spec, bodyRows.length);
      body.values = bodyRows;
      const table = sheet.tables.add(sheet.getRangeByIndexes(row0, col0, total, cols), true);
      table.name = spec.name;
      table.style = 'TableStyleLight9';
      sheet.getRangeByIndexes(row0, col0, total, cols).format.autofitColumns();
      return;
    }
    const oldTotal = current.range.rowCount;
    if (oldTotal !== total) current.table.resize(address);
    if (oldTotal > total) {
      // Rows the table no longer covers: cleared, so nothing stale is left under it.
      sheet.getRangeByIndexes(row0 + total, col0, oldTotal - total, cols).clear('Contents');
    }
    body.numberFormat = bodyFormats(spec, bodyRows.length);
    body.values = bodyRows;
  }

  async watch(onEdit: () => void): Promise<() => Promise<void>> {
    const handler = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
      // Our own writes come back as events too; the pane also compares contents, for hosts without triggerSource.
      if ((event as { triggerSource?: string }).triggerSource === 'ThisLocalAddin') return;
      if (this.sheetId === null || event.worksheetId !== this.sheetId) return;
      onEdit();
    };
    const registration = await Excel.run(async (context) => {
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
