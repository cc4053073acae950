/**
 * The one document-settings adapter (src/taskpane/excel/document-settings.ts) over the fake Excel host: the
 * add-in's settings under one name style (services.ts SETTING_KEYS), a workbook saved by an earlier version
 * (CMS quarters under `infusionPlanner.cmsQuarters`) still loads, and the next save moves the setting to its
 * current name. Also the one reader of the board's ownership record.
 */
import { referenceData } from '../../src/data';
import { FunctionStore } from '../../src/functions/store';
import { officeDocumentSettings } from '../../src/taskpane/excel/document-settings';
import { officeDrafts } from '../../src/taskpane/excel/drafts';
import { restoreImportedQuarters, useQuarter } from '../../src/taskpane/import-cms';
import { SETTING_KEYS } from '../../src/taskpane/services';
import { sampleScenario } from '../../src/scenario';
import { OWNER_MARKER } from '../../src/workbook/plan';
import { parseOwnerRecord } from '../../src/workbook/render-officejs';
import type { PaymentLimitQuarter } from '../../src/engine/reference';
import { type NodeFakeExcel, createFakeExcel } from '../support/fake-excel/node';

const OLD_KEY = 'infusionPlanner.cmsQuarters';

/** A quarter of the user's: the embedded 2026Q1 re-dated to 2026Q2, with infliximab (J1745) at 33.000. */
function aprilQuarter(): PaymentLimitQuarter {
  const jan = referenceData.quarters.find((q) => q.quarter === '2026Q1');
  if (jan === undefined) throw new Error('no 2026Q1 embedded');
  return {
    ...jan,
    quarter: '2026Q2',
    effective: 'Effective April 1, 2026 through June 30, 2026',
    effectiveFrom: '2026-04-01',
    effectiveTo: '2026-06-30',
    source: 'april.csv',
    rows: jan.rows.map((r) => (r.hcpcs === 'J1745' ? { ...r, paymentLimit: '33.000' } : r)),
  };
}

describe('the document settings adapter', () => {
  let fake: NodeFakeExcel;
  const g = globalThis as { Office?: unknown; Excel?: unknown };
  const open = (f: NodeFakeExcel): void => {
    fake = f;
    g.Office = f.Office;
    g.Excel = f.Excel;
  };
  beforeEach(() => open(createFakeExcel()));
  afterEach(() => {
    delete g.Office;
    delete g.Excel;
  });

  it('keeps every setting of the add-in under one name style', () => {
    expect(Object.values(SETTING_KEYS).every((k) => k.startsWith('InfusionPlanner.'))).toBe(true);
    expect(SETTING_KEYS.board).toBe(OWNER_MARKER);
  });

  it('loads the CMS quarters of a workbook saved under the earlier name, and moves them to the current name at the next save', async () => {
    // A workbook of the earlier version: the quarter remembered under infusionPlanner.cmsQuarters.
    const saved = await useQuarter(aprilQuarter(), { store: new FunctionStore(referenceData), settings: officeDocumentSettings() });
    expect(saved.ok).toBe(true);
    const value = fake.host.state.settings[SETTING_KEYS.cmsQuarters];
    expect(value).toBeDefined();
    fake.host.state.settings[OLD_KEY] = value;
    delete fake.host.state.settings[SETTING_KEYS.cmsQuarters];
    open(fake.reopen());

    // Opened again: the quarter is restored from the earlier name, infliximab at the file's 33.000.
    const reopened = new FunctionStore(referenceData);
    expect(restoreImportedQuarters({ store: reopened, settings: officeDocumentSettings() })).toEqual({ ok: true, restored: ['2026Q2'] });
    expect([reopened.book.newestQuarter, reopened.book.price('J1745').paymentLimit.toFixed(3)]).toEqual(['2026Q2', '33.000']);

    // The next save of the setting writes it under the current name and removes the earlier one.
    const port = officeDocumentSettings();
    port.set(SETTING_KEYS.cmsQuarters, port.get(SETTING_KEYS.cmsQuarters));
    await port.save();
    expect(fake.host.state.settings[SETTING_KEYS.cmsQuarters]).toEqual(value);
    expect(fake.host.state.settings[OLD_KEY]).toBeUndefined();
  });

  it('prefers the current name when both are present', () => {
    fake.host.state.settings[OLD_KEY] = { format: 1, quarters: [] };
    fake.host.state.settings[SETTING_KEYS.cmsQuarters] = { format: 1, quarters: [{ quarter: 'x' }] };
    open(fake.reopen());
    expect(officeDocumentSettings().get(SETTING_KEYS.cmsQuarters)).toEqual({ format: 1, quarters: [{ quarter: 'x' }] });
  });

  it('keeps drafts under InfusionPlanner.draft through the same adapter', async () => {
    await officeDrafts.save({ scenario: sampleScenario, basis: null });
    expect((fake.host.state.settings[SETTING_KEYS.draft] as { basis: unknown }).basis).toBeNull();
    expect((officeDrafts.load() as { scenario: { name: string } }).scenario.name).toBe(sampleScenario.name);
    await officeDrafts.save(null);
    expect(fake.host.state.settings[SETTING_KEYS.draft]).toBeUndefined();
  });
});

describe('the ownership record reader', () => {
  it('reads the record as the renderer writes it (JSON text), keeping only well-formed entries', () => {
    const text = JSON.stringify({ version: 1, sheets: [{ id: '{A}', planned: 'Inputs' }, { id: 7, planned: 'Summary' }], names: ['IP_Chairs', 3], tables: ['IP_Program'] });
    expect(parseOwnerRecord(text)).toEqual({ version: 1, sheets: [{ id: '{A}', planned: 'Inputs' }], names: ['IP_Chairs'], tables: ['IP_Program'] });
  });

  it('gives null for anything else: another version, no sheets, text that is not JSON', () => {
    expect(parseOwnerRecord(JSON.stringify({ version: 2, sheets: [] }))).toBeNull();
    expect(parseOwnerRecord('{"build":2}')).toBeNull();
    expect(parseOwnerRecord('not json')).toBeNull();
    expect(parseOwnerRecord(null)).toBeNull();
    // A record without names or tables (none planned) has empty lists.
    expect(parseOwnerRecord({ version: 1, sheets: [] })).toEqual({ version: 1, sheets: [], names: [], tables: [] });
  });
});
