/**
 * The Office.js side of keeping the board's Inputs sheet in step (board-sync.ts has the logic): where the
 * board's Inputs sheet is, which scenario it was last written from, writing it, reading it, and watching it
 * for a user's edits. Each call is one Excel.run with one or two syncs.
 */
import type { Scenario } from '../../scenario/types';
import { SHEET } from '../../workbook/board/context';
import { OWNER_MARKER } from '../../workbook/plan';
import { BOARD_SCENARIO, type InputsModel } from './board-sync';

export interface BoardLinkState {
  /** The scenario the board's Inputs sheet was last written from. */
  readonly scenario: Scenario;
  /** The id of the board's Inputs sheet (ids survive renames). */
  readonly inputsSheetId: string;
}

export interface BoardLinkPort {
  read(): Promise<BoardLinkState | null>;
  record(scenario: Scenario): Promise<void>;
  write(link: BoardLinkState, model: InputsModel, scenario: Scenario): Promise<void>;
  readInputs(sheetId: string): Promise<unknown[][]>;
  watch(sheetId: string, onEdit: () => void): Promise<() => Promise<void>>;
}

function parse(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

function inputsIdOf(record: unknown): string | null {
  const sheets = (record as { sheets?: unknown } | null)?.sheets;
  if (!Array.isArray(sheets)) return null;
  const hit = sheets.find((s: unknown) => (s as { planned?: unknown }).planned === SHEET.inputs) as { id?: unknown } | undefined;
  return typeof hit?.id === 'string' ? hit.id : null;
}

export const officeBoardLink: BoardLinkPort = {
  async read() {
    return Excel.run(async (context) => {
      const owner = context.workbook.settings.getItemOrNullObject(OWNER_MARKER).load('value');
      const saved = context.workbook.settings.getItemOrNullObject(BOARD_SCENARIO).load('value');
      const sheets = context.workbook.worksheets.load('items/id');
      await context.sync();
      if (owner.isNullObject || saved.isNullObject) return null;
      const id = inputsIdOf(parse(owner.value));
      const scenario = parse(saved.value) as Scenario | null;
      if (id === null || scenario === null || typeof scenario !== 'object' || !sheets.items.some((s) => s.id === id)) return null;
      return { scenario, inputsSheetId: id };
    });
  },

  async record(scenario) {
    await Excel.run(async (context) => {
      context.workbook.settings.add(BOARD_SCENARIO, JSON.stringify(scenario));
      await context.sync();
    });
  },

  async write(link, model, scenario) {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(link.inputsSheetId);
      const rows = model.cells.length;
      const cols = model.cells[0]?.length ?? 1;
      const block = sheet.getRangeByIndexes(0, 0, rows, cols);
      block.numberFormat = model.formats;
      block.formulas = model.cells;
      context.workbook.settings.add(BOARD_SCENARIO, JSON.stringify(scenario));
      await context.sync();
    });
  },

  async readInputs(sheetId) {
    return Excel.run(async (context) => {
      const used = context.workbook.worksheets.getItem(sheetId).getUsedRange().load('formulas,rowIndex,columnIndex');
      await context.sync();
      // As a grid from A1, so that rows and columns are the plan's.
      const out: unknown[][] = [];
      used.formulas.forEach((row, i) => {
        out[used.rowIndex + i] = [...Array.from({ length: used.columnIndex }, () => ''), ...row];
      });
      return out;
    });
  },

  async watch(sheetId, onEdit) {
    const handler = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
      if ((event as { triggerSource?: string }).triggerSource === 'ThisLocalAddin') return;
      if (event.worksheetId !== sheetId) return;
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
  },
};
