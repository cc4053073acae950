/**
 * "Freeze for sharing": the `INFUSION.*` formulas of chosen sheets become their values, so a recipient
 * without the add-in sees numbers instead of #NAME?; "Unfreeze" puts the formulas back. What is needed to
 * restore them (sheet id, cell, formula, the block a dynamic array spilled into, and a checksum of the frozen
 * values) is kept in a very hidden sheet the add-in owns, so it travels with the file.
 *
 * Unfreezing leaves alone any block whose values changed since it was frozen: a number the recipient
 * typed over is theirs, not a stale copy.
 *
 * Excel on the web refuses a response over 5 MB ("a payload size limit for requests and responses of 5MB",
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins),
 * so the formulas are found without reading the sheets: the cells that hold a formula first
 * (`getSpecialCellsOrNullObject(formulas)`, addresses only), then their formulas in requests of at most
 * FORMULA_CELLS_PER_REQUEST cells. A user's sheet of 10 MB of text costs nothing; freezing syncs
 * 4 + (one per FORMULA_CELLS_PER_REQUEST formula cells) times, scanning 2 + that.
 */
import { cellAddress, parseRange } from '../../workbook/plan';

/** The add-in's own very hidden sheet of frozen formulas. */
export const FROZEN_SHEET = 'InfusionPlanner_frozen';

const HEADER = ['Sheet id', 'Sheet', 'Cell', 'Formula', 'Block', 'Checksum'];

/** One frozen formula. Addresses are local to the sheet ("B4", "B4:F35"). */
export interface FrozenRecord {
  readonly sheetId: string;
  readonly sheetName: string;
  readonly cell: string;
  /** The formula without its leading "=". */
  readonly formula: string;
  readonly block: string;
  readonly checksum: string;
}

export interface SheetFormulas {
  readonly id: string;
  readonly name: string;
  /** INFUSION.* formulas on the sheet (cells that hold one). */
  readonly formulas: number;
  /** Formulas of the sheet frozen now. */
  readonly frozen: number;
}

export interface UnfreezeResult {
  readonly restored: number;
  /** Records that are not formulas the add-in froze (see restoreProblem): left unwritten, each with why. */
  readonly refused?: readonly string[];
  /** Blocks whose values changed since freezing: left as they are. */
  readonly changed: readonly string[];
  /** Records of sheets that no longer exist. */
  readonly missing: number;
}

const INFUSION_CALL = /(^|[^A-Za-z0-9_.])INFUSION\./i;

export function isInfusionFormula(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('=') && INFUSION_CALL.test(value);
}

/**
 * Functions that reach outside the workbook (fetch a URL, run code, open a link, take a live feed): no
 * formula the add-in froze needs one, and a file's hidden sheet is not to be trusted to hold only what the
 * add-in wrote there.
 */
const REACHES_OUT = /(^|[^A-Za-z0-9_.])(WEBSERVICE|FILTERXML|HYPERLINK|RTD|CALL|REGISTER\.ID|IMAGE|DDE|EXEC)\s*\(/i;

/**
 * Why a record of the hidden sheet must not be written back, or null when it may: Unfreeze restores only
 * `INFUSION.*` formulas, calling nothing that reaches outside the workbook, no link to another file or URL,
 * anchored inside the block that was frozen.
 */
export function restoreProblem(record: FrozenRecord): string | null {
  const formula = `=${record.formula}`;
  const where = `${record.sheetName}!${record.cell}`;
  if (!INFUSION_CALL.test(formula)) return `${where}: "${formula.slice(0, 80)}" is not an INFUSION formula`;
  const outside = REACHES_OUT.exec(formula);
  if (outside) return `${where}: the formula calls ${(outside[2] ?? '').toUpperCase()}, which reaches outside the workbook`;
  if (/:\/\/|\[[^\]]*\.xl[a-z]*\]/i.test(formula)) return `${where}: the formula links to a URL or another file`;
  const block = parseLocal(record.block);
  const cell = parseLocal(record.cell);
  if (!block || !cell || cell.rows !== 1 || cell.cols !== 1 || !inside(block, cell.r0, cell.c0)) {
    return `${where}: the cell is not inside its frozen block ${record.block}`;
  }
  return null;
}

/** FNV-1a over the JSON of the values: enough to notice that someone typed over a frozen block. */
export function checksum(values: unknown): string {
  const text = JSON.stringify(values);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function local(address: string): string {
  const bang = address.lastIndexOf('!');
  return bang === -1 ? address : address.slice(bang + 1);
}

interface Box {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}

/** The box of an address such as "Sheet1!B4:B9" (the sheet part ignored); null when it is not one. */
function parseLocal(address: string): Box | null {
  try {
    const r = parseRange(local(address));
    return { r0: r.row1, c0: r.col1, rows: r.row2 - r.row1 + 1, cols: r.col2 - r.col1 + 1 };
  } catch {
    return null;
  }
}

function inside(b: Box, r: number, c: number): boolean {
  return r >= b.r0 && r < b.r0 + b.rows && c >= b.c0 && c < b.c0 + b.cols;
}

function recordsFrom(values: unknown[][]): FrozenRecord[] {
  return values
    .slice(1)
    .filter((row) => typeof row[0] === 'string' && row[0] !== '')
    .map((row) => ({
      sheetId: String(row[0]),
      sheetName: String(row[1]),
      cell: String(row[2]),
      formula: String(row[3]),
      block: String(row[4]),
      checksum: String(row[5]),
    }));
}

function recordRows(records: readonly FrozenRecord[]): string[][] {
  return [HEADER, ...records.map((r) => [r.sheetId, r.sheetName, r.cell, r.formula, r.block, r.checksum])];
}

/** Replaces the hidden sheet's contents with these records (queued, no sync); deletes it when none remain. */
function queueRecords(wb: Excel.Workbook, existing: Excel.Worksheet | null, records: readonly FrozenRecord[], oldRows: number): void {
  if (records.length === 0) {
    existing?.delete();
    return;
  }
  let sheet = existing;
  if (sheet === null) {
    sheet = wb.worksheets.add(FROZEN_SHEET);
    sheet.visibility = Excel.SheetVisibility.veryHidden;
  }
  const rows = recordRows(records);
  if (oldRows > rows.length) sheet.getRangeByIndexes(rows.length, 0, oldRows - rows.length, HEADER.length).clear('Contents');
  const block = sheet.getRangeByIndexes(0, 0, rows.length, HEADER.length);
  // Text format first, so a formula's text stays text.
  block.numberFormat = rows.map((r) => r.map(() => '@'));
  block.values = rows;
}

/**
 * Formula cells read per request at most. A formula the add-in writes is well under 200 characters; 10,000 of
 * them, with the JSON around them, stay near 2 MB, well inside Excel's 5 MB response limit.
 */
export const FORMULA_CELLS_PER_REQUEST = 10_000;

/** Splits "Sheet1!A1:B4, 'My sheet'!D1:D4" at the commas between areas (not inside a quoted sheet name). */
function areaAddresses(address: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') out.push(current.trim());
  return out;
}

interface FormulaCell {
  readonly sheet: Excel.Worksheet;
  readonly r: number;
  readonly c: number;
  readonly formula: string;
}

/**
 * The INFUSION.* formula cells of the sheets, reading only cells that hold a formula: their areas are
 * queued now (`areasOf`), and `readFormulas` (after the caller's sync) loads the formulas in requests of at
 * most FORMULA_CELLS_PER_REQUEST cells.
 */
function areasOf(sheet: Excel.Worksheet): Excel.RangeAreas {
  return sheet.getRange().getSpecialCellsOrNullObject(Excel.SpecialCellType.formulas).load('address');
}

async function readFormulas(context: Excel.RequestContext, found: readonly { sheet: Excel.Worksheet; areas: Excel.RangeAreas }[]): Promise<FormulaCell[]> {
  const chunks: { sheet: Excel.Worksheet; box: Box }[] = [];
  for (const { sheet, areas } of found) {
    if (areas.isNullObject) continue;
    for (const address of areaAddresses(areas.address)) {
      const box = parseLocal(address);
      if (!box) continue;
      const rowsPerChunk = Math.max(1, Math.floor(FORMULA_CELLS_PER_REQUEST / box.cols));
      for (let r = 0; r < box.rows; r += rowsPerChunk) chunks.push({ sheet, box: { r0: box.r0 + r, c0: box.c0, rows: Math.min(rowsPerChunk, box.rows - r), cols: box.cols } });
    }
  }
  const out: FormulaCell[] = [];
  let batch: { sheet: Excel.Worksheet; box: Box; range: Excel.Range }[] = [];
  let cells = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await context.sync();
    for (const { sheet, box, range } of batch) {
      range.formulas.forEach((row, i) =>
        row.forEach((f, j) => {
          if (isInfusionFormula(f)) out.push({ sheet, r: box.r0 + i, c: box.c0 + j, formula: f });
        }),
      );
    }
    batch = [];
    cells = 0;
  };
  for (const { sheet, box } of chunks) {
    if (cells + box.rows * box.cols > FORMULA_CELLS_PER_REQUEST) await flush();
    batch.push({ sheet, box, range: sheet.getRangeByIndexes(box.r0, box.c0, box.rows, box.cols).load('formulas') });
    cells += box.rows * box.cols;
  }
  await flush();
  return out;
}

/** The sheets with INFUSION.* formulas or frozen ones, for the pane's list. Two syncs, plus one per FORMULA_CELLS_PER_REQUEST formula cells. */
export async function scanSheets(): Promise<SheetFormulas[]> {
  return Excel.run(async (context) => {
    const wb = context.workbook;
    const sheets = wb.worksheets.load('items/name,items/id,items/visibility');
    const hidden = wb.worksheets.getItemOrNullObject(FROZEN_SHEET).load('name');
    await context.sync();
    const visible = sheets.items.filter((s) => s.name !== FROZEN_SHEET && s.visibility === Excel.SheetVisibility.visible);
    const found = visible.map((sheet) => ({ sheet, areas: areasOf(sheet) }));
    const hiddenUsed = hidden.isNullObject ? null : hidden.getUsedRange().load('values');
    await context.sync();
    const records = hiddenUsed ? recordsFrom(hiddenUsed.values) : [];
    const formulas = await readFormulas(context, found);
    return visible
      .map((sheet) => ({
        id: sheet.id,
        name: sheet.name,
        formulas: formulas.filter((f) => f.sheet === sheet).length,
        frozen: records.filter((r) => r.sheetId === sheet.id).length,
      }))
      .filter((s) => s.formulas > 0 || s.frozen > 0);
  });
}

/** Freezes the INFUSION.* formulas of the given sheets; returns how many formulas were frozen. Four syncs, plus one per FORMULA_CELLS_PER_REQUEST formula cells. */
export async function freezeSheets(sheetIds: readonly string[]): Promise<number> {
  return Excel.run(async (context) => {
    const wb = context.workbook;
    const targets = sheetIds.map((id) => {
      const sheet = wb.worksheets.getItem(id).load('name,id');
      return { sheet, areas: areasOf(sheet) };
    });
    const hidden = wb.worksheets.getItemOrNullObject(FROZEN_SHEET).load('name');
    await context.sync();

    // Every cell holding an INFUSION formula, and the block it spills into (if it is a dynamic array).
    const candidates = (await readFormulas(context, targets)).map(({ sheet, r, c, formula }) => {
      const cell = sheet.getRangeByIndexes(r, c, 1, 1).load('values');
      const spill = cell.getSpillingToRangeOrNullObject().load('address,values');
      return { sheet, r, c, formula, cell, spill };
    });
    const hiddenUsed = hidden.isNullObject ? null : hidden.getUsedRange().load('values');
    await context.sync();

    // A cell inside another formula's spill is part of that block, whatever its formulas property says.
    const blocks = candidates.map((c) => ({
      ...c,
      box: c.spill.isNullObject ? { r0: c.r, c0: c.c, rows: 1, cols: 1 } : (parseLocal(c.spill.address) ?? { r0: c.r, c0: c.c, rows: 1, cols: 1 }),
      values: c.spill.isNullObject ? c.cell.values : c.spill.values,
    }));
    const anchors = blocks.filter(
      (b) => !blocks.some((o) => o !== b && o.sheet === b.sheet && (o.box.rows > 1 || o.box.cols > 1) && inside(o.box, b.r, b.c) && !(o.r === b.r && o.c === b.c)),
    );
    // Values written, then read back in the same batch: Excel stores "5" as 5, and the checksum must be of
    // what the cells hold after freezing.
    const written = anchors.map((a) => {
      const range = a.sheet.getRangeByIndexes(a.box.r0, a.box.c0, a.box.rows, a.box.cols);
      range.values = a.values;
      range.load('values');
      return { a, range };
    });
    await context.sync();

    const previous = hiddenUsed ? recordsFrom(hiddenUsed.values) : [];
    const added: FrozenRecord[] = written.map(({ a, range }) => {
      const block = `${cellAddress(a.box.r0, a.box.c0)}:${cellAddress(a.box.r0 + a.box.rows - 1, a.box.c0 + a.box.cols - 1)}`;
      return { sheetId: a.sheet.id, sheetName: a.sheet.name, cell: cellAddress(a.r, a.c), formula: a.formula.slice(1), block, checksum: checksum(range.values) };
    });
    queueRecords(wb, hidden.isNullObject ? null : hidden, [...previous, ...added], previous.length + 1);
    await context.sync();
    return added.length;
  });
}

/** Restores the frozen formulas of the given sheets (all when none are given). Four syncs. */
export async function unfreezeSheets(sheetIds?: readonly string[]): Promise<UnfreezeResult> {
  return Excel.run(async (context) => {
    const wb = context.workbook;
    const hidden = wb.worksheets.getItemOrNullObject(FROZEN_SHEET).load('name');
    const sheets = wb.worksheets.load('items/id');
    await context.sync();
    if (hidden.isNullObject) return { restored: 0, changed: [], missing: 0 };

    const used = hidden.getUsedRange().load('values');
    await context.sync();
    const records = recordsFrom(used.values);
    const exists = new Set(sheets.items.map((s) => s.id));
    const chosen = records.filter((r) => sheetIds === undefined || sheetIds.includes(r.sheetId));
    const present = chosen.filter((r) => exists.has(r.sheetId));
    const checks = present.map((r) => ({ record: r, range: wb.worksheets.getItem(r.sheetId).getRange(r.block).load('values') }));
    await context.sync();

    const changed: string[] = [];
    const refused: string[] = [];
    let restored = 0;
    for (const { record, range } of checks) {
      const problem = restoreProblem(record);
      if (problem !== null) {
        refused.push(problem);
        continue;
      }
      if (checksum(range.values) !== record.checksum) {
        changed.push(`${record.sheetName}!${record.block}`);
        continue;
      }
      const sheet = wb.worksheets.getItem(record.sheetId);
      range.clear('Contents');
      sheet.getRange(record.cell).formulas = [[`=${record.formula}`]];
      restored++;
    }
    // Kept: records of other sheets and the blocks left alone; dropped: restored ones and vanished sheets.
    // Refused records stay too: they are not the add-in's to act on.
    const kept = records.filter((r) => !chosen.includes(r) || changed.includes(`${r.sheetName}!${r.block}`) || restoreProblem(r) !== null);
    queueRecords(wb, hidden, kept, records.length + 1);
    await context.sync();
    return { restored, changed, missing: chosen.length - present.length, refused };
  });
}
