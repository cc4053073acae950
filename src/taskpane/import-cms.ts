/**
 * "Import CMS file" in the task pane, as logic without UI: read a payment limit file picked by the user (in
 * the browser; nothing is sent anywhere), show what the quarter does to the formulary, put the quarter in use
 * for the custom functions, remember it with the workbook, and restore it when the workbook opens again.
 *
 * Office.js is reached only through a `SettingsPort` (the document's settings) and the functions' store
 * through `QuarterStore`, both passed in, so every step runs in a unit test. `officeDocumentSettings()`
 * (excel/document-settings.ts) is the Office implementation.
 *
 * What is remembered (document setting `InfusionPlanner.cmsQuarters`; before, `infusionPlanner.cmsQuarters`, still read). Office documents no size for a
 * document's settings (Outlook's roaming settings stop at 32 KB; Excel on the web refuses a request over
 * 5 MB, and the settings travel with the document), so this keeps its own budget, SETTINGS_BUDGET_CHARS of
 * JSON, and keeps it small:
 * - the newest imported quarter in full: every row, as tuples, its notes listed once and referred to by
 *   index (the January 2026 file: 877 rows, about 58 KB; October 2025: 1012 rows, about 67 KB), so that after
 *   reopening every code of the file prices exactly as on the day of the import;
 * - each older imported quarter as an extract, like the embedded price history: the rows of the catalog
 *   codes, their reference products and the scenario's codes (a few KB);
 * - when the full quarter would not fit the budget, it too is kept as an extract, and `useQuarter` says so.
 * When restored, an extract is laid over the quarter of the same id already loaded (code by code), so it
 * never hides codes the embedded data holds.
 *
 * Failure leaves everything as it was: `useQuarter` writes the setting first and changes the store only once
 * the document has saved it; if saving fails, the setting is put back in memory and the store is untouched;
 * if the store then fails (a listener throws), the store's data and the setting are put back. Nothing here
 * throws for a bad file, a failed save or an unreadable setting: each returns a message for the pane.
 */
import { CmsFileError, parsePaymentLimitFile } from '../cms';
import { type ReferenceBook, compareQuarters } from '../engine/book';
import {
  type ImportComparison,
  compareImportedQuarter,
  diffQuarters,
  quarterDiffReport,
  quarterImpactReport,
} from '../engine/impact';
import type { PaymentLimitQuarter, PaymentLimitRow } from '../engine/reference';
import type { ModelInput } from '../engine/types';
import { resolveScenario } from '../scenario';
import type { Scenario } from '../scenario/types';
import { type CmsFileLike, type QuarterImpactView, type QuarterStore, type ReadCmsResult, type SettingsPort, SETTING_KEYS, type UseQuarterResult } from './services';

export type { CmsFileLike, QuarterImpactView, QuarterStore, ReadCmsResult, SettingsPort, UseQuarterResult } from './services';

// Ports (declared in services.ts)

// ---------------------------------------------------------------------------------------------------------
// Reading the file

/** A payment limit file is well under 1 MB (CSV about 60 KB); anything far larger is not one. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;


const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Reads and parses a CMS payment limit file (CSV or xlsx, recognised by content). A file that is not one
 * gives the parser's message, naming the file, the row and the problem.
 */
export async function readCmsFile(file: CmsFileLike): Promise<ReadCmsResult> {
  const tooLarge = (bytes: number): ReadCmsResult => ({
    ok: false,
    message: `"${file.name}" is ${(bytes / 1024 / 1024).toFixed(1)} MB: far larger than a CMS payment limit file (under 1 MB); not read`,
  });
  if (file.size !== undefined && file.size > MAX_FILE_BYTES) return tooLarge(file.size);
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (e) {
    return { ok: false, message: `could not read "${file.name}": ${errorText(e)}` };
  }
  if (bytes.byteLength > MAX_FILE_BYTES) return tooLarge(bytes.byteLength);
  try {
    return { ok: true, quarter: await parsePaymentLimitFile(new Uint8Array(bytes), file.name) };
  } catch (e) {
    if (e instanceof CmsFileError) return { ok: false, message: e.message };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The impact view


function summaryOf(c: ImportComparison): string {
  const file = c.imported.quarter;
  const inUse = c.baseline.quarter;
  switch (c.direction) {
    case 'identical':
      return `This file is ${inUse} exactly as it is already in use: nothing changes.`;
    case 'newer':
      return `${file} is newer than ${inUse}, the newest quarter in use: changes run from ${inUse} to ${file}. Using it makes ${file} the quarter INFUSION functions use by default.`;
    case 'older':
      return `${file} is older than ${inUse}, the newest quarter in use, so changes run the other way round, from ${file} to ${inUse}. Using it keeps ${inUse} the default; formulas reach ${file} through their quarter argument.`;
    case 'revision':
      return `This file is another version of ${inUse} than the one in use: changes run from the one in use to this file. Using it replaces ${inUse}.`;
  }
}

/**
 * What the imported quarter does to the scenario's formulary, against the newest quarter in use in the
 * store (never changed here). A scenario the reference data cannot resolve gives a message.
 */
export function quarterImpact(quarter: PaymentLimitQuarter, scenario: Scenario, store: Pick<QuarterStore, 'book'>): QuarterImpactView {
  const book = store.book;
  let input: ModelInput;
  try {
    input = resolveScenario(scenario, book.data);
  } catch (e) {
    return { ok: false, message: `the scenario cannot be assessed: ${errorText(e)}` };
  }
  const comparison = compareImportedQuarter(book, quarter, input);
  return {
    ok: true,
    direction: comparison.direction,
    summary: summaryOf(comparison),
    becomesNewest: comparison.becomesNewest,
    quarter: quarter.quarter,
    effective: quarter.effective,
    rows: quarter.rows.length,
    codes: quarterDiffReport(comparison.diff),
    impact: comparison.impact === null ? null : quarterImpactReport(comparison.impact),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The remembered quarters: format, compaction, reading back

/** The document setting that holds the imported quarters. */
export const SETTINGS_KEY = SETTING_KEYS.cmsQuarters;
export const SETTINGS_FORMAT = 1;
/** Our own ceiling on the setting's JSON (module header). */
export const SETTINGS_BUDGET_CHARS = 256 * 1024;

/** One row: [hcpcs, description, dosage, paymentLimit, coinsurancePercent, index into `notes`]. */
export type StoredRow = [string, string, string, string | null, string | null, number];

export interface StoredQuarter {
  readonly quarter: string;
  readonly effective: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string;
  readonly source: string;
  /** `full`: every row of the file; `extract`: the rows of the catalog and scenario codes only. */
  readonly scope: 'full' | 'extract';
  readonly notes: readonly string[];
  readonly rows: readonly StoredRow[];
}

export interface StoredQuarters {
  readonly format: typeof SETTINGS_FORMAT;
  readonly quarters: readonly StoredQuarter[];
}

export function compactQuarter(q: PaymentLimitQuarter, scope: 'full' | 'extract', keep: ReadonlySet<string> = new Set()): StoredQuarter {
  const notes: string[] = [];
  const index = new Map<string, number>();
  const rows: StoredRow[] = [];
  for (const r of q.rows) {
    if (scope === 'extract' && !keep.has(r.hcpcs.toUpperCase())) continue;
    let n = index.get(r.notes);
    if (n === undefined) {
      n = notes.length;
      notes.push(r.notes);
      index.set(r.notes, n);
    }
    rows.push([r.hcpcs, r.description, r.dosage, r.paymentLimit, r.coinsurancePercent, n]);
  }
  const { quarter, effective, effectiveFrom, effectiveTo, source } = q;
  return { quarter, effective, effectiveFrom, effectiveTo, source, scope, notes, rows };
}

export function expandQuarter(s: StoredQuarter): PaymentLimitQuarter {
  const rows: PaymentLimitRow[] = s.rows.map(([hcpcs, description, dosage, paymentLimit, coinsurancePercent, note]) => ({
    hcpcs,
    description,
    dosage,
    paymentLimit,
    coinsurancePercent,
    notes: s.notes[note] ?? '',
  }));
  const { quarter, effective, effectiveFrom, effectiveTo, source } = s;
  return { quarter, effective, effectiveFrom, effectiveTo, source, rows };
}

const QUARTER_ID = /^\d{4}Q[1-4]$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Z0-9]{5}$/i;
const DECIMAL = /^\d+(\.\d+)?$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkRow(v: unknown, notes: number): v is StoredRow {
  if (!Array.isArray(v) || v.length !== 6) return false;
  const [code, description, dosage, limit, coins, note] = v as unknown[];
  const decimalOrNull = (x: unknown): boolean => x === null || (typeof x === 'string' && DECIMAL.test(x));
  return (
    typeof code === 'string' && CODE.test(code) && typeof description === 'string' && typeof dosage === 'string' &&
    decimalOrNull(limit) && decimalOrNull(coins) && typeof note === 'number' && Number.isInteger(note) && note >= 0 && note < notes
  );
}

/** Why a stored quarter is unusable, or null when it is sound. */
function storedQuarterProblem(v: unknown, at: number): string | null {
  if (!isRecord(v)) return `quarter ${at + 1} is not an object`;
  const { quarter, effective, effectiveFrom, effectiveTo, source, scope, notes, rows } = v;
  const name = typeof quarter === 'string' ? quarter : `${at + 1}`;
  if (typeof quarter !== 'string' || !QUARTER_ID.test(quarter)) return `quarter ${name}: no quarter id like 2026Q1`;
  if (typeof effective !== 'string' || typeof source !== 'string') return `quarter ${name}: no effective period or source`;
  if (typeof effectiveFrom !== 'string' || !ISO_DATE.test(effectiveFrom) || typeof effectiveTo !== 'string' || !ISO_DATE.test(effectiveTo)) {
    return `quarter ${name}: effective dates are not ISO dates`;
  }
  if (scope !== 'full' && scope !== 'extract') return `quarter ${name}: scope is neither "full" nor "extract"`;
  if (!Array.isArray(notes) || !notes.every((n) => typeof n === 'string')) return `quarter ${name}: notes are not a list of texts`;
  if (!Array.isArray(rows)) return `quarter ${name}: rows are not a list`;
  const bad = rows.findIndex((r) => !checkRow(r, notes.length));
  if (bad !== -1) return `quarter ${name}: row ${bad + 1} is not [code, description, dosage, payment limit, co-insurance, note]`;
  return null;
}

export type DecodedSetting = { readonly ok: true; readonly value: StoredQuarters } | { readonly ok: false; readonly problem: string };

/** Reads the setting's value back (absent = nothing stored), checking every field before anything uses it. */
export function decodeStoredQuarters(v: unknown): DecodedSetting {
  if (v === null || v === undefined) return { ok: true, value: { format: SETTINGS_FORMAT, quarters: [] } };
  if (!isRecord(v)) return { ok: false, problem: 'the setting is not an object' };
  if (v['format'] !== SETTINGS_FORMAT) return { ok: false, problem: `format ${JSON.stringify(v['format'])} is not ${SETTINGS_FORMAT} (saved by another version of the add-in?)` };
  const quarters = v['quarters'];
  if (!Array.isArray(quarters)) return { ok: false, problem: 'no list of quarters' };
  for (let i = 0; i < quarters.length; i++) {
    const problem = storedQuarterProblem(quarters[i], i);
    if (problem !== null) return { ok: false, problem };
  }
  return { ok: true, value: { format: SETTINGS_FORMAT, quarters: quarters as StoredQuarter[] } };
}

/** The codes an extract keeps: the catalog's, their reference products', and the given ones. */
function codesToKeep(book: ReferenceBook, extra: readonly string[]): Set<string> {
  const keep = new Set<string>();
  for (const [code, drug] of book.catalog) {
    keep.add(code);
    if (drug.referenceHcpcs !== null) keep.add(drug.referenceHcpcs.toUpperCase());
  }
  for (const code of extra) keep.add(code.trim().toUpperCase());
  return keep;
}

const sizeOf = (v: StoredQuarters): number => JSON.stringify(v).length;

/**
 * The setting's next value with `quarter` added (replacing a stored quarter of the same id): the newest
 * imported quarter in full if the whole fits the budget, every other one as an extract. Null when even
 * extracts do not fit.
 */
export function nextStoredQuarters(
  current: StoredQuarters,
  quarter: PaymentLimitQuarter,
  keep: ReadonlySet<string>,
): { readonly value: StoredQuarters; readonly scope: 'full' | 'extract' } | null {
  const others = current.quarters.filter((q) => q.quarter !== quarter.quarter);
  const newest = [...others.map((q) => q.quarter), quarter.quarter].sort(compareQuarters).pop();
  const asExtract = (q: StoredQuarter): StoredQuarter => (q.scope === 'extract' ? q : compactQuarter(expandQuarter(q), 'extract', keep));
  const sorted = (qs: StoredQuarter[]): StoredQuarter[] => qs.sort((a, b) => compareQuarters(a.quarter, b.quarter));
  if (newest === quarter.quarter) {
    const full: StoredQuarters = { format: SETTINGS_FORMAT, quarters: sorted([...others.map(asExtract), compactQuarter(quarter, 'full')]) };
    if (sizeOf(full) <= SETTINGS_BUDGET_CHARS) return { value: full, scope: 'full' };
  } else {
    // An older quarter joins as an extract; the newest stays as it is stored.
    const value: StoredQuarters = { format: SETTINGS_FORMAT, quarters: sorted([...others, compactQuarter(quarter, 'extract', keep)]) };
    if (sizeOf(value) <= SETTINGS_BUDGET_CHARS) return { value, scope: 'extract' };
  }
  const extracts: StoredQuarters = { format: SETTINGS_FORMAT, quarters: sorted([...others.map(asExtract), compactQuarter(quarter, 'extract', keep)]) };
  return sizeOf(extracts) <= SETTINGS_BUDGET_CHARS ? { value: extracts, scope: 'extract' } : null;
}

/** An extract laid over the quarter of the same id already loaded, code by code; a full quarter as it is. */
function overlay(book: ReferenceBook, stored: StoredQuarter): PaymentLimitQuarter {
  const quarter = expandQuarter(stored);
  if (stored.scope === 'full' || !book.quarterIds.includes(stored.quarter)) return quarter;
  const base = book.quarterTable(stored.quarter).quarter;
  const replaced = new Map(quarter.rows.map((r) => [r.hcpcs.toUpperCase(), r]));
  const rows = base.rows.map((r) => replaced.get(r.hcpcs.toUpperCase()) ?? r);
  const present = new Set(base.rows.map((r) => r.hcpcs.toUpperCase()));
  for (const r of quarter.rows) if (!present.has(r.hcpcs.toUpperCase())) rows.push(r);
  return { ...quarter, rows };
}

// ---------------------------------------------------------------------------------------------------------
// Using a quarter, and restoring the remembered ones

export interface QuarterDeps {
  readonly store: QuarterStore;
  readonly settings: SettingsPort;
}


/**
 * Puts the quarter in use for the custom functions (the newest quarter by id is their default; older ones
 * stay reachable through the `quarter` argument) and remembers it with the workbook. On any failure the
 * store and the settings are as they were, and the result says what failed.
 * @param scenario its codes are kept in the workbook even when only an extract of the quarter is.
 */
export async function useQuarter(quarter: PaymentLimitQuarter, deps: QuarterDeps, scenario?: Scenario): Promise<UseQuarterResult> {
  const { store, settings } = deps;
  const book = store.book;
  if (book.quarterIds.includes(quarter.quarter) && diffQuarters(book.quarterTable(quarter.quarter).quarter, quarter).identical) {
    return { ok: true, quarter: quarter.quarter, newest: book.newestQuarter === quarter.quarter, remembered: null, message: `${quarter.quarter} is already in use exactly as in this file: nothing changed.` };
  }

  const previous = settings.get(SETTINGS_KEY);
  const decoded = decodeStoredQuarters(previous);
  const current: StoredQuarters = decoded.ok ? decoded.value : { format: SETTINGS_FORMAT, quarters: [] };
  const keep = codesToKeep(book, scenario?.drugs.map((d) => d.hcpcs) ?? []);
  const next = nextStoredQuarters(current, quarter, keep);
  if (next === null) {
    return { ok: false, message: `${quarter.quarter} was not put in use: the imported quarters would exceed the ${SETTINGS_BUDGET_CHARS / 1024} KB this add-in keeps in a workbook.` };
  }

  const putBackSettings = (): void => {
    if (previous === null || previous === undefined) settings.remove(SETTINGS_KEY);
    else settings.set(SETTINGS_KEY, previous);
  };
  settings.set(SETTINGS_KEY, next.value);
  try {
    await settings.save();
  } catch (e) {
    putBackSettings();
    return { ok: false, message: `${quarter.quarter} was not put in use: the workbook could not save it (${errorText(e)}). Nothing changed.` };
  }

  const before = book.data;
  try {
    store.addQuarter(quarter);
  } catch (e) {
    try {
      store.setReferenceData(before);
    } catch {
      // The data is back (the store assigns it before telling its listeners); a listener failing again changes nothing.
    }
    putBackSettings();
    let saved = true;
    try {
      await settings.save();
    } catch {
      saved = false;
    }
    return {
      ok: false,
      message:
        `${quarter.quarter} was not put in use: ${errorText(e)}. The data in use is as it was` +
        (saved ? '.' : '; the workbook could not be saved again, so it may still list the quarter until it is saved.'),
    };
  }

  const newest = store.book.newestQuarter === quarter.quarter;
  const remembered = next.scope;
  const replaced = decoded.ok ? '' : ` The quarters this workbook remembered could not be read (${decoded.problem}) and were replaced.`;
  const how = remembered === 'full' ? 'in full' : 'for the catalog and scenario codes only (the whole file would exceed what a workbook keeps)';
  const role = newest ? 'INFUSION functions now use it by default' : `INFUSION functions still use ${store.book.newestQuarter} by default and reach ${quarter.quarter} through their quarter argument`;
  return { ok: true, quarter: quarter.quarter, newest, remembered, message: `${quarter.quarter} is in use: ${role}. The workbook remembers it ${how}.${replaced}` };
}

export type RestoreResult = { readonly ok: true; readonly restored: readonly string[] } | { readonly ok: false; readonly message: string };

/**
 * Puts the quarters the workbook remembers back in use, oldest first, in one change of the store. An
 * unreadable setting (or a store that fails) leaves the data in use as it was and gives a message; the
 * setting itself is left alone.
 */
export function restoreImportedQuarters(deps: QuarterDeps): RestoreResult {
  const { store, settings } = deps;
  const decoded = decodeStoredQuarters(settings.get(SETTINGS_KEY));
  if (!decoded.ok) return { ok: false, message: `The CMS quarters this workbook remembers could not be read (${decoded.problem}); the embedded data is in use.` };
  const stored = [...decoded.value.quarters].sort((a, b) => compareQuarters(a.quarter, b.quarter));
  if (stored.length === 0) return { ok: true, restored: [] };
  const before = store.book;
  let book = before;
  for (const q of stored) book = book.withQuarter(overlay(book, q));
  try {
    store.setReferenceData(book.data);
  } catch (e) {
    try {
      store.setReferenceData(before.data);
    } catch {
      // As in useQuarter: the data is back even if a listener fails again.
    }
    return { ok: false, message: `The CMS quarters this workbook remembers could not be put in use (${errorText(e)}); the data in use is as it was.` };
  }
  return { ok: true, restored: stored.map((q) => q.quarter) };
}
