/**
 * Renders a board plan into the open workbook through Office.js (Excel), with native charts.
 *
 * Nothing lost:
 * - It never overwrites or deletes a sheet it did not create. It records the ids of the sheets it builds
 *   (and the names and tables on them) in a workbook setting (OWNER_MARKER); ids survive renames, and a copy
 *   a user makes of one of them gets a new id, so it stays the user's.
 * - A rebuild replaces only those sheets, and only after `confirmReplace` says yes.
 * - A plan sheet whose name a user's sheet already has gets a suffix: "Summary (2)".
 * - The new sheets are built hidden under temporary names, then revealed and renamed in one final request
 *   (Excel updates every formula, name and chart that refers to a renamed sheet). A failure part way
 *   deletes every sheet this build added, and the names it added: no half-built sheets are left. (A failure
 *   inside the final request itself can leave the previous board deleted too: its replacement was confirmed.)
 *
 * Fast:
 * - It writes whole 2-D blocks of values and formulas, and number formats and styles by rectangle, and syncs a FIXED number of times
 *   whatever the size of the formulary: one read, WRITE_PHASES to add the sheets and fill them (the sheets
 *   are added in the first: Office.js queues commands on a new sheet's proxy before it exists in Excel) and
 *   one to reveal them (REQUESTS in all; issue 15: 10, down from 13). Microsoft's guidance is to batch
 *   commands and sync as few times as possible ("Performance optimization using the Excel JavaScript API":
 *   each sync is a round trip to the workbook), within the 5 MB limit on a request to Excel on the web
 *   ("Resource limits and performance optimization for Office Add-ins"). The blocks are spread over the write phases by size so that no request
 *   exceeds `maxRequestBytes` (default 4 MB, under Excel on the web's 5 MB payload limit); a plan too big for
 *   that many requests is refused before anything is written.
 */
import {
  type BoardPlan,
  CONDITIONAL_LOOKS,
  NUMBER_FORMATS,
  OWNER_MARKER,
  type PlanCell,
  type PlanSheet,
  STYLES,
  type StyleId,
  columnLetters,
  rangeAddress,
  renameSheets,
} from './plan';
import { keepText } from './typed-text';

/** Requests spent adding the sheets and writing cells, formats, tables, charts and print setup. */
export const WRITE_PHASES = 8;
/** Every render: read, the write phases (the first adds the sheets), reveal. */
export const REQUESTS = WRITE_PHASES + 2;
export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface RenderInExcelOptions {
  /**
   * Asked, with the names of the sheets an earlier build made, before they are replaced. Not asked on a
   * first build. Returning false leaves the workbook as it was.
   */
  readonly confirmReplace: (ownSheets: readonly string[]) => boolean | Promise<boolean>;
  /** Planned names of earlier sheets replaced without asking when they are all there is to replace (the Inputs sheet the pane keeps the scenario in). */
  readonly quietlyReplace?: readonly string[];
  /** Whether to activate the plan's active sheet (default true); false leaves the user where they are. */
  readonly activate?: boolean;
  /** Excel.run, or a stand-in (tests). */
  readonly run?: ExcelRun;
  readonly maxRequestBytes?: number;
}

export interface RenderInExcelResult {
  readonly status: 'built' | 'cancelled';
  /** Each plan sheet and the name it got. */
  readonly sheets: readonly { readonly planned: string; readonly name: string; readonly id: string }[];
  /** Sheets of the earlier build that were replaced. */
  readonly replaced: readonly string[];
  /** context.sync() calls made. */
  readonly syncs: number;
}

/** What the add-in records about the board it built (a workbook setting). */
export interface OwnerRecord {
  readonly version: 1;
  readonly sheets: readonly { readonly id: string; readonly planned: string }[];
  readonly names: readonly string[];
  readonly tables: readonly string[];
}

/** A problem found before anything is written (a name the user already uses, a plan too large). */
export class BoardRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BoardRenderError';
  }
}

/**
 * The ownership record as the setting holds it (JSON text, or the value itself), or null when it is not one:
 * the one reader of it (the renderer here, the pane's scenario store). Entries that are not well formed are left out.
 */
export function parseOwnerRecord(value: unknown): OwnerRecord | null {
  try {
    const v = (typeof value === 'string' ? JSON.parse(value) : value) as { version?: unknown; sheets?: unknown; names?: unknown; tables?: unknown } | null;
    if (!v || v.version !== 1 || !Array.isArray(v.sheets)) return null;
    const texts = (list: unknown): string[] => (Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
    const sheets = v.sheets.filter((s: unknown): s is { id: string; planned: string } => typeof (s as { id?: unknown } | null)?.id === 'string' && typeof (s as { planned?: unknown }).planned === 'string');
    return { version: 1, sheets: sheets.map((s) => ({ id: s.id, planned: s.planned })), names: texts(v.names), tables: texts(v.tables) };
  } catch {
    return null;
  }
}

/** "Summary" -> "Summary (2)", within Excel's 31 characters. */
function suffixed(name: string, n: number): string {
  const tail = ` (${n})`;
  return `${name.slice(0, 31 - tail.length)}${tail}`;
}

const quote = (sheet: string): string => `'${sheet.replace(/'/g, "''")}'`;

/** Splits "'Sheet'!$A$1:$B$2" into sheet and address. */
function splitRef(ref: string): { sheet: string; address: string } {
  const m = /^'((?:[^']|'')+)'!(.+)$/.exec(ref);
  if (!m?.[1] || !m[2]) throw new RangeError(`not a sheet reference: ${ref}`);
  return { sheet: m[1].replace(/''/g, "'"), address: m[2].replace(/\$/g, '') };
}

/** Column width in points from characters (Calibri 10: about 5.6 points a character, plus padding). */
const widthPoints = (chars: number): number => Math.round(chars * 5.6 + 5);

/**
 * A cell as Office.js `formulas` takes it: "=..." for a formula; text that Excel would read as a number, a
 * date, a boolean, an error or a formula gets a leading apostrophe, so it stays text (typed-text.ts).
 */
function cellInput(cell: PlanCell | undefined): string | number | boolean {
  if (!cell) return '';
  if (cell.formula !== undefined) return `=${cell.formula}`;
  const v = cell.value;
  if (v === null) return '';
  if (typeof v !== 'string') return v;
  return keepText(v);
}

interface Op {
  readonly bytes: number;
  readonly apply: (host: Host) => void;
}

interface Host {
  readonly context: Excel.RequestContext;
  sheet(name: string): Excel.Worksheet;
  /** Tables created, by final name, for the rename at the end. */
  readonly tables: Map<string, Excel.Table>;
}

const size = (v: unknown): number => JSON.stringify(v).length;
const COMMAND = 120;
/** Largest cell block, so that blocks can be spread evenly over the write phases. */
const BLOCK_BYTES = 200_000;

interface Rect<K> {
  readonly key: K;
  r1: number;
  readonly c1: number;
  r2: number;
  readonly c2: number;
}

/** The rectangles of cells with equal `keyOf` (runs in a row, merged with identical runs below). */
function rects<K extends string>(sheet: PlanSheet, keyOf: (cell: PlanCell) => K | undefined): Rect<K>[] {
  const done: Rect<K>[] = [];
  let open = new Map<string, Rect<K>>();
  for (let r = 0; r <= sheet.rows.length; r++) {
    const row = sheet.rows[r];
    const runs: { key: K; c1: number; c2: number }[] = [];
    if (row) {
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        const key = cell ? keyOf(cell) : undefined;
        if (key === undefined) continue;
        const last = runs[runs.length - 1];
        if (last && last.key === key && last.c2 === c - 1) last.c2 = c;
        else runs.push({ key, c1: c, c2: c });
      }
    }
    const next = new Map<string, Rect<K>>();
    for (const run of runs) {
      const id = `${run.key}|${run.c1}|${run.c2}`;
      const prev = open.get(id);
      if (prev && prev.r2 === r - 1) {
        prev.r2 = r;
        next.set(id, prev);
        open.delete(id);
      } else next.set(id, { key: run.key, r1: r, c1: run.c1, r2: r, c2: run.c2 });
    }
    for (const rect of open.values()) done.push(rect);
    open = next;
  }
  for (const rect of open.values()) done.push(rect);
  return done;
}

/** Number formats, by rectangle (a cell's text never depends on them: see cellInput). */
function numberFormatOps(sheet: PlanSheet): Op[] {
  return rects(sheet, (cell) => cell.format).map((rect) => {
    const address = rangeAddress(rect.r1, rect.c1, rect.r2, rect.c2);
    const format = NUMBER_FORMATS[rect.key];
    const grid = Array.from({ length: rect.r2 - rect.r1 + 1 }, () => new Array<string>(rect.c2 - rect.c1 + 1).fill(format));
    return { bytes: COMMAND + size(grid), apply: (h: Host) => (h.sheet(sheet.name).getRange(address).numberFormat = grid) };
  });
}

function styleOps(sheet: PlanSheet): Op[] {
  return rects(sheet, (cell): StyleId | undefined => cell.style).map((rect) => {
    const address = rangeAddress(rect.r1, rect.c1, rect.r2, rect.c2);
    return { bytes: COMMAND * 8, apply: (h: Host) => applyStyle(h.sheet(sheet.name).getRange(address), rect.key, rect.r1 === rect.r2, rect.c1 === rect.c2) };
  });
}

/**
 * Queues a plan style on a range that has none yet. `restyle` is for a cell that had another style: what
 * the new one does not set (italic, a fill) is turned off first.
 */
export function applyStyle(range: Excel.Range, id: StyleId, oneRow: boolean, oneColumn: boolean, restyle = false): void {
  const spec = STYLES[id];
  if (restyle) {
    range.format.font.italic = spec.italic === true;
    range.format.font.bold = spec.bold === true;
    range.format.font.color = spec.color ?? '#000000';
    if (!spec.fill) range.format.fill.clear();
  }
  if (spec.bold) range.format.font.bold = true;
  if (spec.italic) range.format.font.italic = true;
  if (spec.color) range.format.font.color = spec.color;
  if (spec.size) range.format.font.size = spec.size;
  if (spec.fill) range.format.fill.color = spec.fill;
  if (spec.horizontal) range.format.horizontalAlignment = spec.horizontal === 'left' ? 'Left' : spec.horizontal === 'center' ? 'Center' : 'Right';
  if (spec.wrap) {
    range.format.wrapText = true;
    range.format.verticalAlignment = 'Top';
  }
  const edges: ('EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical')[] = spec.box
    ? ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical']
    : [...(spec.borderTop ? (['EdgeTop'] as const) : []), ...(spec.borderBottom ? (['EdgeBottom'] as const) : [])];
  for (const edge of edges) {
    if ((edge === 'InsideHorizontal' && oneRow) || (edge === 'InsideVertical' && oneColumn)) continue;
    const border = range.format.borders.getItem(edge);
    border.style = 'Continuous';
    border.weight = 'Thin';
    border.color = spec.box ? '#BFBFBF' : '#1F3864';
  }
}

/** Cell blocks (rows r1..r2, all used columns): values and formulas. */
function cellOps(sheet: PlanSheet): Op[] {
  const ops: Op[] = [];
  let start = 0;
  let bytes = 0;
  const emit = (r1: number, r2: number): void => {
    let cols = 0;
    for (let r = r1; r <= r2; r++) cols = Math.max(cols, sheet.rows[r]?.length ?? 0);
    if (cols === 0) return;
    const formulas: (string | number | boolean)[][] = [];
    for (let r = r1; r <= r2; r++) {
      const row = sheet.rows[r];
      const f: (string | number | boolean)[] = [];
      for (let c = 0; c < cols; c++) f.push(cellInput(row?.[c]));
      formulas.push(f);
    }
    const address = rangeAddress(r1, 0, r2, cols - 1);
    ops.push({
      bytes: size(formulas) + COMMAND,
      apply: (h) => {
        h.sheet(sheet.name).getRange(address).formulas = formulas;
      },
    });
  };
  for (let r = 0; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    bytes += row ? size(row.map((c) => cellInput(c))) : 0;
    if (bytes >= BLOCK_BYTES) {
      emit(start, r);
      start = r + 1;
      bytes = 0;
    }
  }
  if (start < sheet.rows.length) emit(start, sheet.rows.length - 1);
  return ops;
}

function layoutOps(sheet: PlanSheet): Op[] {
  const ops: Op[] = [];
  ops.push({
    bytes: 3 * COMMAND,
    apply: (h) => {
      const ws = h.sheet(sheet.name);
      ws.showGridlines = sheet.showGridlines;
      if (sheet.tabColor) ws.tabColor = sheet.tabColor;
    },
  });
  // Column widths: runs of equal width.
  const widths = sheet.columnWidths;
  for (let c = 0; c < widths.length; ) {
    const w = widths[c];
    let e = c;
    while (e + 1 < widths.length && widths[e + 1] === w) e++;
    if (w !== undefined) {
      const address = `${columnLetters(c)}:${columnLetters(e)}`;
      ops.push({ bytes: COMMAND, apply: (h) => (h.sheet(sheet.name).getRange(address).format.columnWidth = widthPoints(w)) });
    }
    c = e + 1;
  }
  sheet.rowHeights.forEach((ht, r) => {
    if (ht !== undefined) ops.push({ bytes: COMMAND, apply: (h) => (h.sheet(sheet.name).getRange(`${r + 1}:${r + 1}`).format.rowHeight = ht) });
  });
  return ops;
}

function finishingOps(sheet: PlanSheet, tempTableName: (name: string) => string): Op[] {
  const ops: Op[] = [];
  for (const t of sheet.tables) {
    ops.push({
      bytes: 3 * COMMAND,
      apply: (h) => {
        const table = h.sheet(sheet.name).tables.add(t.range, true);
        table.name = tempTableName(t.name);
        table.style = t.style;
        h.tables.set(t.name, table);
      },
    });
  }
  for (const cf of sheet.conditionalFormats) {
    ops.push({
      bytes: 4 * COMMAND + size(cf),
      apply: (h) => {
        const range = h.sheet(sheet.name).getRange(cf.range);
        const look = CONDITIONAL_LOOKS[cf.look];
        if (cf.rule.kind === 'lessThan') {
          const f = range.conditionalFormats.add('CellValue');
          f.cellValue.format.fill.color = look.fill;
          f.cellValue.format.font.color = look.color;
          f.cellValue.rule = { formula1: String(cf.rule.value), operator: 'LessThan' };
        } else {
          const topLeft = cf.range.split(':')[0] as string;
          const formula = cf.rule.kind === 'expression' ? cf.rule.formula : `${topLeft}="${cf.rule.text.replace(/"/g, '""')}"`;
          const f = range.conditionalFormats.add('Custom');
          f.custom.rule.formula = `=${formula}`;
          f.custom.format.fill.color = look.fill;
          f.custom.format.font.color = look.color;
        }
      },
    });
  }
  for (const chart of sheet.charts) {
    ops.push({
      bytes: (6 + 3 * chart.series.length) * COMMAND,
      apply: (h) => {
        const range = (ref: string): Excel.Range => {
          const { sheet: s, address } = splitRef(ref);
          return h.sheet(s).getRange(address);
        };
        const first = chart.series[0];
        if (!first) return;
        const type = chart.type === 'barClustered' ? 'BarClustered' : chart.type === 'columnClustered' ? 'ColumnClustered' : chart.type === 'line' ? 'Line' : 'Pie';
        const c = h.sheet(sheet.name).charts.add(type, range(first.values), 'Columns');
        c.title.text = chart.title;
        const s0 = c.series.getItemAt(0);
        s0.name = first.name;
        s0.setXAxisValues(range(chart.categories));
        for (const more of chart.series.slice(1)) {
          const s = c.series.add(more.name);
          s.setValues(range(more.values));
          s.setXAxisValues(range(chart.categories));
          if (more.column) s.chartType = 'ColumnClustered';
        }
        if (chart.overlap) s0.overlap = 100;
        c.setPosition(chart.from, chart.to);
      },
    });
  }
  const p = sheet.print;
  ops.push({
    bytes: 8 * COMMAND + size(p),
    apply: (h) => {
      const ws = h.sheet(sheet.name);
      const layout = ws.pageLayout;
      layout.orientation = p.landscape ? 'Landscape' : 'Portrait';
      if (p.fitToWidth) layout.zoom = { horizontalFitToPages: p.pagesWide ?? 1, verticalFitToPages: p.fitToHeight ? 1 : 0 };
      if (p.area) layout.setPrintArea(p.area);
      if (p.titleRows) {
        const [a, b] = p.titleRows.split(':');
        layout.setPrintTitleRows(`$${a}:$${b ?? a}`);
      }
      if (p.titleColumns) {
        const [a, b] = p.titleColumns.split(':');
        layout.setPrintTitleColumns(`$${a}:$${b ?? a}`);
      }
      const hf = layout.headersFooters.defaultForAllPages;
      const esc = (t: string): string => t.replace(/&/g, '&&');
      hf.centerHeader = `&B${esc(p.header)}`;
      hf.leftFooter = esc(p.footerLeft);
      hf.centerFooter = 'Page &P of &N';
      hf.rightFooter = esc(p.footerRight);
      const fr = sheet.freeze;
      if (fr && fr.rows > 0 && fr.columns > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, fr.rows, fr.columns));
      else if (fr && fr.rows > 0) ws.freezePanes.freezeRows(fr.rows);
      else if (fr && fr.columns > 0) ws.freezePanes.freezeColumns(fr.columns);
    },
  });
  return ops;
}

/** Spreads the operations, in order, over exactly `phases` requests of about equal size. */
export function spreadOverPhases<T extends { readonly bytes: number }>(ops: readonly T[], phases: number, maxBytes: number): T[][] {
  const total = ops.reduce((t, o) => t + o.bytes, 0);
  const out: T[][] = Array.from({ length: phases }, () => []);
  let before = 0;
  for (const op of ops) {
    const mid = before + op.bytes / 2;
    const k = Math.min(phases - 1, Math.floor((mid / Math.max(1, total)) * phases));
    (out[k] as T[]).push(op);
    before += op.bytes;
  }
  out.forEach((phase, i) => {
    const bytes = phase.reduce((t, o) => t + o.bytes, 0);
    if (bytes > maxBytes) {
      throw new BoardRenderError(`the board workbook is too large for ${phases} requests: request ${i + 1} would carry about ${Math.round(bytes / 1e5) / 10} MB (limit ${Math.round(maxBytes / 1e5) / 10} MB)`);
    }
  });
  return out;
}

/** Builds the board in the open workbook. */
export async function renderBoardInExcel(plan: BoardPlan, options: RenderInExcelOptions): Promise<RenderInExcelResult> {
  const run: ExcelRun = options.run ?? ((batch) => Excel.run(batch));
  const maxBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  return run(async (context) => {
    let syncs = 0;
    /** One request of the fixed sequence (the write phases run through it: see WRITE_PHASES). */
    const sync = async (): Promise<void> => {
      syncs++;
      await context.sync();
    };

    // 1. Read: the sheets, names and tables there are, and what an earlier build recorded.
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name,items/id');
    const names = context.workbook.names;
    names.load('items/name');
    const tables = context.workbook.tables;
    tables.load('items/name');
    const setting = context.workbook.settings.getItemOrNullObject(OWNER_MARKER);
    setting.load('value');
    syncs++;
    await context.sync();

    const record = setting.isNullObject ? null : parseOwnerRecord(setting.value);
    const ownIds = new Set((record?.sheets ?? []).map((s) => s.id));
    const sheetItems = worksheets.items.map((w) => ({ proxy: w, name: w.name, id: w.id }));
    const own = sheetItems.filter((w) => ownIds.has(w.id));
    const planned = new Map((record?.sheets ?? []).map((s) => [s.id, s.planned]));
    const quiet = new Set(options.quietlyReplace ?? []);
    const mustAsk = own.some((w) => !quiet.has(planned.get(w.id) ?? ''));
    if (mustAsk && !(await options.confirmReplace(own.map((w) => w.name)))) {
      return { status: 'cancelled' as const, sheets: [], replaced: [], syncs };
    }
    const taken = new Set(sheetItems.filter((w) => !ownIds.has(w.id)).map((w) => w.name.toLowerCase()));
    const finalNames = new Map<string, string>();
    for (const s of plan.sheets) {
      let name = s.name;
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = suffixed(s.name, n);
      taken.add(name.toLowerCase());
      finalNames.set(s.name, name);
    }
    const ownNames = new Set((record?.names ?? []).map((n) => n.toLowerCase()));
    const ownTables = new Set((record?.tables ?? []).map((n) => n.toLowerCase()));
    const existingNames = new Set(names.items.map((n) => n.name.toLowerCase()));
    const existingTables = new Set(tables.items.map((t) => t.name.toLowerCase()));
    const clash = [
      ...plan.names.map((n) => n.name).filter((n) => (existingNames.has(n.toLowerCase()) && !ownNames.has(n.toLowerCase())) || (existingTables.has(n.toLowerCase()) && !ownTables.has(n.toLowerCase()))),
      ...plan.sheets.flatMap((s) => s.tables.map((t) => t.name)).filter((n) => (existingTables.has(n.toLowerCase()) && !ownTables.has(n.toLowerCase())) || (existingNames.has(n.toLowerCase()) && !ownNames.has(n.toLowerCase()))),
    ];
    if (clash.length > 0) throw new BoardRenderError(`the workbook already uses ${clash.map((n) => `"${n}"`).join(', ')} for something else; rename it and build again`);

    // The plan under temporary sheet names, and the write operations spread over the write phases.
    const token = `b${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
    const tempNames = new Map(plan.sheets.map((s, i) => [s.name, `IP_${token}_${i + 1}`]));
    const building = renameSheets(plan, tempNames);
    const tempTable = (name: string): string => `${name}_${token}`;
    const ops: Op[] = [
      ...building.sheets.flatMap((s) => [...layoutOps(s), ...cellOps(s)]),
      ...building.sheets.flatMap((s) => [...numberFormatOps(s), ...styleOps(s)]),
      ...building.sheets.flatMap((s) => finishingOps(s, tempTable)),
    ];
    const phases = spreadOverPhases(ops, WRITE_PHASES, maxBytes);

    const added: Excel.Worksheet[] = [];
    const addedNames: string[] = [];
    const host: Host = {
      context,
      sheet: (name) => {
        const i = building.sheets.findIndex((s) => s.name === name);
        return i >= 0 ? (added[i] as Excel.Worksheet) : context.workbook.worksheets.getItem(name);
      },
      tables: new Map(),
    };
    try {
      // 2. Add the sheets, hidden, under temporary names, and the names a first build needs: queued with the
      // first write phase (the commands on a new sheet run after its add, in order, in the same request).
      for (const s of building.sheets) {
        const ws = context.workbook.worksheets.add(s.name);
        ws.visibility = 'Hidden';
        ws.load('id');
        added.push(ws);
      }
      for (const n of building.names) {
        if (existingNames.has(n.name.toLowerCase())) continue; // an earlier build's: re-pointed at the end
        context.workbook.names.add(n.name, host.sheet(n.sheet).getRange(n.range), n.comment);
        addedNames.push(n.name);
      }

      // 3. Fill them: a fixed number of requests, whatever the size of the formulary.
      for (const phase of phases) {
        for (const op of phase) op.apply(host);
        await sync();
      }

      // 4. Replace the earlier build, reveal and rename, record ownership: one request.
      for (const w of own) w.proxy.delete();
      for (const n of building.names) {
        if (existingNames.has(n.name.toLowerCase())) context.workbook.names.getItem(n.name).formula = `=${quote(n.sheet)}!${n.range}`;
      }
      building.sheets.forEach((s, i) => {
        const ws = added[i] as Excel.Worksheet;
        ws.name = finalNames.get(plan.sheets[i]?.name ?? '') ?? s.name;
        ws.visibility = 'Visible';
      });
      for (const [name, table] of host.tables) table.name = name;
      const active = building.sheets.findIndex((s) => s.name === tempNames.get(plan.activeSheet));
      if (options.activate !== false) added[Math.max(0, active)]?.activate();
      const ownership: OwnerRecord = {
        version: 1,
        sheets: plan.sheets.map((s, i) => ({ id: (added[i] as Excel.Worksheet).id, planned: s.name })),
        names: plan.names.map((n) => n.name),
        tables: plan.sheets.flatMap((s) => s.tables.map((t) => t.name)),
      };
      context.workbook.settings.add(OWNER_MARKER, JSON.stringify(ownership));
      syncs++;
      await context.sync();
      return {
        status: 'built' as const,
        sheets: plan.sheets.map((s, i) => ({ planned: s.name, name: finalNames.get(s.name) ?? s.name, id: (added[i] as Excel.Worksheet).id })),
        replaced: own.map((w) => w.name),
        syncs,
      };
    } catch (error) {
      await removeBuild(context, `IP_${token}_`, added, addedNames);
      throw error;
    }
  });
}

/** After a failure: deletes every sheet this build added (by temporary name or id) and the names it added. */
async function removeBuild(context: Excel.RequestContext, prefix: string, added: readonly Excel.Worksheet[], addedNames: readonly string[]): Promise<void> {
  try {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/id');
    const names = context.workbook.names;
    names.load('items/name');
    await context.sync();
    const ids = new Set<string>();
    for (const ws of added) {
      try {
        ids.add(ws.id);
      } catch {
        // never synced: found by its temporary name below
      }
    }
    for (const ws of sheets.items) if (ws.name.startsWith(prefix) || ids.has(ws.id)) ws.delete();
    const mine = new Set(addedNames.map((n) => n.toLowerCase()));
    for (const n of names.items) if (mine.has(n.name.toLowerCase())) n.delete();
    await context.sync();
  } catch {
    // best effort: the original error is what the caller needs to see
  }
}
