/**
 * The task pane's CMS import as logic (src/taskpane/import-cms.ts), with the real functions store over the
 * embedded data and a fake of the document's settings that keeps values the way Office does (serialised to
 * JSON) and can be told to refuse saving. "Reopening the workbook" is a new store over the embedded data and
 * the same settings.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { referenceData } from '../../src/data';
import type { PaymentLimitQuarter } from '../../src/engine/reference';
import { FunctionStore } from '../../src/functions/store';
import { sampleScenario } from '../../src/scenario';
import {
  type CmsFileLike,
  type SettingsPort,
  SETTINGS_BUDGET_CHARS,
  SETTINGS_KEY,
  decodeStoredQuarters,
  quarterImpact,
  readCmsFile,
  restoreImportedQuarters,
  useQuarter,
} from '../../src/taskpane/import-cms';

const CMS = path.join(__dirname, '../../../shared/cms');
const OCT_2025 = 'asp-pricing-files/section 508 version of Oct 2025 ASP Pricing File 091725.csv';
const JAN_2026 = 'asp-pricing-files/section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv';
const CROSSWALK = 'ndc-hcpcs-crosswalk/section 508 version of January 2026 ASP NDC-HCPCS Crosswalk 121725.csv';

/** A picked file, as a DOM File would give it. */
function picked(relative: string, name = path.basename(relative), size?: number): CmsFileLike & { reads: number } {
  const bytes = readFileSync(path.join(CMS, relative));
  const file = {
    name,
    size: size ?? bytes.length,
    reads: 0,
    arrayBuffer(): Promise<ArrayBuffer> {
      file.reads++;
      return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    },
  };
  return file;
}

/** Document settings kept as Office keeps them: JSON text per name, persisted only by save(). */
class FakeSettings implements SettingsPort {
  readonly memory = new Map<string, string>();
  /** What the document file holds: the last saved copy. */
  saved = new Map<string, string>();
  saves = 0;
  failSave: string | null = null;

  get(name: string): unknown {
    const text = this.memory.get(name);
    return text === undefined ? null : (JSON.parse(text) as unknown);
  }
  set(name: string, value: unknown): void {
    this.memory.set(name, JSON.stringify(value));
  }
  remove(name: string): void {
    this.memory.delete(name);
  }
  save(): Promise<void> {
    this.saves++;
    if (this.failSave !== null) return Promise.reject(new Error(this.failSave));
    this.saved = new Map(this.memory);
    return Promise.resolve();
  }
  /** The settings a reopened workbook starts with. */
  reopened(): FakeSettings {
    const next = new FakeSettings();
    for (const [k, v] of this.saved) next.memory.set(k, v);
    next.saved = new Map(this.saved);
    return next;
  }
}

async function parsed(relative: string): Promise<PaymentLimitQuarter> {
  const result = await readCmsFile(picked(relative));
  if (!result.ok) throw new Error(result.message);
  return result.quarter;
}

const janText = readFileSync(path.join(CMS, JAN_2026)).toString('latin1');
/** The January 2026 file re-dated to April 2026, with infliximab at 33.000. */
function aprilFile(): CmsFileLike {
  const text = janText
    .replace('Effective January 1, 2026 through March 31, 2026', 'Effective April 1, 2026 through June 30, 2026')
    .replace('J1745,Infliximab not biosimil 10mg,10 MG,32.423,', 'J1745,Infliximab not biosimil 10mg,10 MG,33.000,');
  const bytes = Buffer.from(text, 'latin1');
  return { name: 'april.csv', arrayBuffer: () => Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer) };
}

let october: PaymentLimitQuarter;
let april: PaymentLimitQuarter;
beforeAll(async () => {
  october = await parsed(OCT_2025);
  const read = await readCmsFile(aprilFile());
  if (!read.ok) throw new Error(read.message);
  april = read.quarter;
});

const limit = (store: FunctionStore, code: string, quarter?: string): string => store.book.price(code, quarter).paymentLimit.toFixed(3);

describe('readCmsFile', () => {
  it('reads a payment limit file picked in the pane, its quarter from its own Effective line', async () => {
    const result = await readCmsFile(picked(OCT_2025, 'whatever-name.csv'));
    expect(result.ok && [result.quarter.quarter, result.quarter.effective, result.quarter.rows.length, result.quarter.source]).toEqual([
      '2025Q4', 'Effective October 1, 2025 through December 31, 2025', 1012, 'whatever-name.csv',
    ]);
  });

  it("gives the parser's message, naming the file, row and problem, for a file that is not one", async () => {
    const result = await readCmsFile(picked(CROSSWALK, 'crosswalk.csv'));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^payment limit file "crosswalk\.csv", row 9: this is an ASP NDC-HCPCS crosswalk/) as unknown });
    const truncated = janText.slice(0, janText.indexOf('J1745,Infliximab') + 10);
    const bytes = Buffer.from(truncated, 'latin1');
    const cut = await readCmsFile({ name: 'cut.csv', arrayBuffer: () => Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer) });
    expect(cut).toEqual({ ok: false, message: 'payment limit file "cut.csv", row 323: the row has 2 columns where the header has 11 up to "Notes": it is cut short (truncated file?)' });
  });

  it('says so when the browser cannot read the file, and does not read a file far too large', async () => {
    const unreadable = await readCmsFile({ name: 'x.csv', arrayBuffer: () => Promise.reject(new Error('NotReadableError: the file changed')) });
    expect(unreadable).toEqual({ ok: false, message: 'could not read "x.csv": NotReadableError: the file changed' });
    const huge = picked(JAN_2026, 'huge.csv', 50 * 1024 * 1024);
    expect(await readCmsFile(huge)).toEqual({ ok: false, message: '"huge.csv" is 50.0 MB: far larger than a CMS payment limit file (under 1 MB); not read' });
    expect(huge.reads).toBe(0);
  });
});

describe('quarterImpact for the view', () => {
  it('compares an older file the other way round and works out the sample formulary', () => {
    const store = new FunctionStore(referenceData);
    const view = quarterImpact(october, sampleScenario, store);
    if (!view.ok) throw new Error(view.message);
    expect([view.direction, view.becomesNewest, view.quarter, view.rows]).toEqual(['older', false, '2025Q4', 1012]);
    expect(view.summary).toBe(
      '2025Q4 is older than 2026Q1, the newest quarter in use, so changes run the other way round, from 2025Q4 to 2026Q1. Using it keeps 2026Q1 the default; formulas reach 2025Q4 through their quarter argument.',
    );
    expect([view.codes.added.length, view.codes.removed.length]).toEqual([21, 156]);
    // The sample gives Avsola at 5 mg/kg x 80 kg = 400 mg = 40 units, no JW: (23.811 - 20.405) x 40 = 136.24.
    const avsola = view.impact?.drugs.find((d) => d.hcpcs === 'Q5121');
    expect([avsola?.old?.paymentLimit, avsola?.new?.paymentLimit, avsola?.change?.perAdministration]).toEqual([20.405, 23.811, 136.24]);
    expect(view.impact?.stoppedUnderwater.map((u) => u.hcpcs)).toEqual(['Q5121']);
    expect(store.book.newestQuarter).toBe('2026Q1');
  });

  it('says nothing changes for the quarter already in use', async () => {
    const view = quarterImpact(await parsed(JAN_2026), sampleScenario, new FunctionStore(referenceData));
    expect(view.ok && [view.direction, view.impact]).toEqual(['identical', null]);
  });
});

describe('useQuarter', () => {
  it('puts a newer quarter in use as the default, keeps the older one reachable, and remembers it in full', async () => {
    const store = new FunctionStore(referenceData);
    const settings = new FakeSettings();
    const result = await useQuarter(april, { store, settings }, sampleScenario);
    expect(result).toEqual({
      ok: true, quarter: '2026Q2', newest: true, remembered: 'full',
      message: '2026Q2 is in use: INFUSION functions now use it by default. The workbook remembers it in full.',
    });
    expect([store.book.newestQuarter, limit(store, 'J1745'), limit(store, 'J1745', '2026Q1')]).toEqual(['2026Q2', '33.000', '32.423']);
    expect(settings.saves).toBe(1);
    const stored = decodeStoredQuarters(JSON.parse(settings.saved.get(SETTINGS_KEY) as string));
    expect(stored.ok && stored.value.quarters.map((q) => [q.quarter, q.scope, q.rows.length])).toEqual([['2026Q2', 'full', 877]]);
    // Compact: the 877 rows as tuples with the 11 distinct notes listed once, under 60 KB of JSON.
    expect((settings.saved.get(SETTINGS_KEY) as string).length).toBeLessThan(60 * 1024);
  });

  it('restores the remembered quarter when the workbook is opened again, every code of the file', async () => {
    const settings = new FakeSettings();
    await useQuarter(april, { store: new FunctionStore(referenceData), settings });
    const reopened = new FunctionStore(referenceData);
    const version = reopened.version;
    expect(restoreImportedQuarters({ store: reopened, settings: settings.reopened() })).toEqual({ ok: true, restored: ['2026Q2'] });
    expect(reopened.version).toBe(version + 1);
    // Infliximab at the file's 33.000; Hep B immune globulin (not in the catalog) at the file's 137.828.
    expect([reopened.book.newestQuarter, limit(reopened, 'J1745'), limit(reopened, '90371')]).toEqual(['2026Q2', '33.000', '137.828']);
  });

  it('adds an older quarter without changing the default, reachable through the quarter argument', async () => {
    const store = new FunctionStore(referenceData);
    const result = await useQuarter(october, { store, settings: new FakeSettings() });
    expect(result.ok && [result.newest, result.remembered]).toEqual([false, 'full']);
    expect(result.ok && result.message).toBe(
      '2025Q4 is in use: INFUSION functions still use 2026Q1 by default and reach 2025Q4 through their quarter argument. The workbook remembers it in full.',
    );
    // The embedded history holds only the catalog codes of 2025Q4; the imported file holds 90371 too (134.194).
    expect([store.book.newestQuarter, limit(store, 'J1745'), limit(store, 'J1745', '2025Q4'), limit(store, '90371', '2025Q4')]).toEqual([
      '2026Q1', '32.423', '31.090', '134.194',
    ]);
  });

  it('keeps the newest imported quarter in full and older ones as catalog extracts', async () => {
    const settings = new FakeSettings();
    const store = new FunctionStore(referenceData);
    await useQuarter(october, { store, settings });
    await useQuarter(april, { store, settings }, { ...sampleScenario, drugs: [...sampleScenario.drugs, { ...sampleScenario.drugs[0]!, hcpcs: '90371' }] });
    const stored = decodeStoredQuarters(settings.get(SETTINGS_KEY));
    expect(stored.ok && stored.value.quarters.map((q) => [q.quarter, q.scope])).toEqual([['2025Q4', 'extract'], ['2026Q2', 'full']]);
    const reopened = new FunctionStore(referenceData);
    restoreImportedQuarters({ store: reopened, settings: settings.reopened() });
    // The extract keeps catalog codes and the scenario's (90371 was given as one) ...
    expect([limit(reopened, 'J1745', '2025Q4'), limit(reopened, '90371', '2025Q4')]).toEqual(['31.090', '134.194']);
    // ... and not the rest of the October file (J0172 is in no catalog or scenario).
    expect(() => reopened.book.price('J0172', '2025Q4')).toThrow('J0172 has no payment limit in 2025Q4');
  });

  it('keeps only an extract when the whole file would exceed the budget, and says so', async () => {
    const padded: PaymentLimitQuarter = { ...april, rows: april.rows.map((r) => ({ ...r, description: r.description.padEnd(400, '.') })) };
    const settings = new FakeSettings();
    const store = new FunctionStore(referenceData);
    const result = await useQuarter(padded, { store, settings }, sampleScenario);
    expect(result.ok && result.remembered).toBe('extract');
    expect(result.ok && result.message).toContain('The workbook remembers it for the catalog and scenario codes only');
    expect((settings.saved.get(SETTINGS_KEY) as string).length).toBeLessThanOrEqual(SETTINGS_BUDGET_CHARS);
    // In use now: the whole file.
    expect(store.book.quarterTable('2026Q2').size).toBe(877);
  });

  it('changes nothing for the quarter already in use', async () => {
    const settings = new FakeSettings();
    const store = new FunctionStore(referenceData);
    const result = await useQuarter(await parsed(JAN_2026), { store, settings });
    expect(result).toMatchObject({ ok: true, remembered: null, message: '2026Q1 is already in use exactly as in this file: nothing changed.' });
    expect([settings.saves, settings.memory.size]).toEqual([0, 0]);
  });
});

describe('failures leave the data in use and the settings exactly as they were', () => {
  it('when the workbook cannot save the setting', async () => {
    const store = new FunctionStore(referenceData);
    const settings = new FakeSettings();
    await useQuarter(october, { store, settings });
    const book = store.book;
    const version = store.version;
    const before = settings.memory.get(SETTINGS_KEY);
    settings.failSave = 'the document is read-only';
    const result = await useQuarter(april, { store, settings });
    expect(result).toEqual({ ok: false, message: '2026Q2 was not put in use: the workbook could not save it (the document is read-only). Nothing changed.' });
    expect([store.book, store.version, store.book.newestQuarter]).toEqual([book, version, '2026Q1']);
    expect(settings.memory.get(SETTINGS_KEY)).toBe(before);
  });

  it('when the workbook cannot save the first quarter either (no setting before)', async () => {
    const store = new FunctionStore(referenceData);
    const settings = new FakeSettings();
    settings.failSave = 'offline';
    expect((await useQuarter(april, { store, settings })).ok).toBe(false);
    expect([settings.memory.has(SETTINGS_KEY), store.book.newestQuarter]).toEqual([false, '2026Q1']);
  });

  it('when the store fails to take the quarter (a listener throws)', async () => {
    const store = new FunctionStore(referenceData);
    const settings = new FakeSettings();
    const data = store.book.data;
    const unsubscribe = store.subscribe(() => {
      throw new Error('recalculation failed');
    });
    const result = await useQuarter(april, { store, settings });
    unsubscribe();
    expect(result).toEqual({ ok: false, message: '2026Q2 was not put in use: recalculation failed. The data in use is as it was.' });
    expect([store.book.data, store.book.newestQuarter, limit(store, 'J1745')]).toEqual([data, '2026Q1', '32.423']);
    // The setting was written, saved, then taken back and saved again.
    expect([settings.memory.has(SETTINGS_KEY), settings.saved.has(SETTINGS_KEY), settings.saves]).toEqual([false, false, 2]);
  });

  it('when the remembered setting cannot be read at startup', () => {
    const store = new FunctionStore(referenceData);
    const settings = new FakeSettings();
    settings.set(SETTINGS_KEY, { format: 1, quarters: [{ quarter: '2026Q2', effective: 'x', effectiveFrom: '2026-04-01', effectiveTo: '2026-06-30', source: 'a.csv', scope: 'full', notes: [''], rows: [['J1745', 'x', '10 MG', '-3', '20.000', 0]] }] });
    const version = store.version;
    expect(restoreImportedQuarters({ store, settings })).toEqual({
      ok: false,
      message: 'The CMS quarters this workbook remembers could not be read (quarter 2026Q2: row 1 is not [code, description, dosage, payment limit, co-insurance, note]); the embedded data is in use.',
    });
    expect([store.version, store.book.newestQuarter]).toEqual([version, '2026Q1']);
    settings.set(SETTINGS_KEY, { format: 7, quarters: [] });
    expect(restoreImportedQuarters({ store, settings })).toMatchObject({ ok: false, message: expect.stringContaining('format 7 is not 1') as unknown });
    expect(restoreImportedQuarters({ store, settings: new FakeSettings() })).toEqual({ ok: true, restored: [] });
  });

  it('when a listener fails while restoring', async () => {
    const settings = new FakeSettings();
    await useQuarter(april, { store: new FunctionStore(referenceData), settings });
    const store = new FunctionStore(referenceData);
    const data = store.book.data;
    store.subscribe(() => {
      throw new Error('pane not ready');
    });
    expect(restoreImportedQuarters({ store, settings: settings.reopened() })).toEqual({
      ok: false,
      message: 'The CMS quarters this workbook remembers could not be put in use (pane not ready); the data in use is as it was.',
    });
    expect([store.book.data, store.book.newestQuarter]).toEqual([data, '2026Q1']);
  });
});
