/**
 * The "Patient estimate" view in the real pane (webpack's build, headless Chromium, the fake Excel host), with
 * the sample formulary. Figures are those of test/taskpane/patient-estimate.test.ts, worked out there by hand:
 * Medicare, Avsola 400 mg: first infusion $449.22 (the $283 deductible left), $222.82 after, year 1 $2,008.96;
 * Medicare Advantage, Ocrevus: capped at $9,250 in month 7; commercial Remicade with a $2,000 copay program:
 * $2,068.88 left; a dual-eligible (QMB) patient: $0.00.
 */
import type { Page } from 'playwright-core';
import { type OpenOptions, expectText, serializeWorkbook, usePaneEnv } from './harness';
import { cell, parseState, sheet } from './workbook-state';

jest.setTimeout(240_000);

const { open } = usePaneEnv();

async function withSample(options: OpenOptions = {}): Promise<Page> {
  const { page } = await open(options);
  await page.getByRole('button', { name: 'Load the sample' }).click();
  await page.getByRole('tab', { name: 'Patient' }).click();
  await page.getByTestId('patient-estimate').waitFor();
  return page;
}

const kpi = (page: Page, id: string) => page.getByTestId(id);

describe('Patient estimate in the task pane (fake host)', () => {
  it('estimates a Medicare patient on the first formulary drug, then Medigap G and a dual-eligible patient', async () => {
    const page = await withSample({ width: 360 });
    await expectText(kpi(page, 'first-infusion'), '$449.22');
    await expectText(kpi(page, 'later-infusion'), '$222.82');
    await expectText(kpi(page, 'year-total'), '$2,008.96');
    await expectText(kpi(page, 'cap'), 'no limit');
    await page.getByText(/Manufacturer copay programs are not allowed for Medicare/).waitFor();
    await page.getByLabel('Supplemental coverage').selectOption('medigap_g');
    await expectText(kpi(page, 'year-total'), '$283.00');
    await page.getByLabel('Supplemental coverage').selectOption('medicaid_qmb');
    await expectText(kpi(page, 'year-total'), '$0.00');
    await page.getByText(/the patient owes nothing and may not be billed/).waitFor();
  });

  it('shows a Medicare Advantage patient on Ocrevus reaching the $9,250 limit in month 7, and takes what was met and spent', async () => {
    const page = await withSample();
    await page.getByLabel('Payer').selectOption('MEDICARE_ADVANTAGE');
    await page.getByLabel('Drug', { exact: true }).selectOption('J2350');
    await expectText(kpi(page, 'year-total'), '$9,250.00');
    await expectText(kpi(page, 'cap'), 'reached in month 7');
    await expectText(page.locator('tr[data-month="7"] th'), '7 · limit reached');
    // $9,000 already spent this year: only $250 is left to pay, on the first infusion (month 1).
    await page.getByLabel('Out-of-pocket already spent').fill('9000');
    await expectText(kpi(page, 'year-total'), '$250.00');
    await expectText(kpi(page, 'cap'), 'reached in month 1');
  });

  it('offers a copay program for a commercial patient, with the annual maximum as input', async () => {
    const page = await withSample();
    await page.getByLabel('Payer').selectOption('COMMERCIAL');
    await page.getByLabel('Drug', { exact: true }).selectOption('J1745');
    await expectText(kpi(page, 'year-total'), '$4,068.88');
    await page.getByLabel('Copay program annual maximum').fill('2000');
    await expectText(kpi(page, 'after-program'), '$2,068.88');
    await page.getByText('Manufacturer copay program with a $2,000.00 annual maximum: the patient pays $2,068.88 for the year.').waitFor();
    // A typed value the field cannot take is refused where it is typed.
    await page.getByLabel('Copay program annual maximum').fill('-5');
    await page.getByText(/Enter a dollar amount from 0 to 1,000,000/).waitFor();
  });

  it('writes the one-page estimate into a new sheet each time, never into a sheet of the user\'s, and stores nothing about the patient', async () => {
    // A workbook in which the user already has a sheet called "Patient estimate".
    const first = await open();
    const start = parseState(await serializeWorkbook(first.page));
    await first.close();
    (start.sheets[0] as { name: string }).name = 'Patient estimate';
    const pane = await open({ state: JSON.stringify(start) });
    const { page } = pane;
    await page.evaluate(() => (window as unknown as { __fakeExcel: { userEdit(s: string, a: string, v: unknown[][]): void } }).__fakeExcel.userEdit('Patient estimate', 'A1', [['my own notes']]));
    await page.getByRole('button', { name: 'Load the sample' }).click();
    await page.getByRole('tab', { name: 'Patient' }).click();
    await page.getByRole('button', { name: 'Write estimate sheet' }).click();
    await page.getByText('Estimate written to the sheet "Patient estimate (2)", set to print on one page. No sheet of yours was changed.').waitFor();
    await page.getByRole('button', { name: 'Write estimate sheet' }).click();
    await page.getByText(/Estimate written to the sheet "Patient estimate \(3\)"/).waitFor();

    const state = parseState(await serializeWorkbook(page));
    const user = sheet(state, 'Patient estimate');
    expect(user && cell(user, 0, 0)?.v).toBe('my own notes');
    const est = sheet(state, 'Patient estimate (2)');
    if (!est) throw new Error('no estimate sheet');
    const column = (c: number): unknown[] => Object.entries(est.cells).filter(([k]) => k.endsWith(`,${c}`)).sort((a, b) => Number(a[0].split(',')[0]) - Number(b[0].split(',')[0])).map(([, v]) => v.v);
    const labels = column(0).map(String);
    expect(labels[0]).toBe('Patient cost estimate');
    expect(labels.join(' ')).toContain('An estimate, not a bill');
    const at = (label: string): unknown => cell(est, labels.indexOf(label), 1)?.v;
    expect(at('First infusion of the year')).toBe(449.22);
    expect(at('Year 1 total')).toBe(2008.96);
    expect(labels.join(' ')).toMatch(/Sources.*CMS Medicare Part B payment limits 2026Q1/);
    // Nothing about the patient is kept: no document setting and no cell names a patient.
    const everything = JSON.stringify(state);
    expect(everything).not.toMatch(/date of birth"|member id"|patientName|dateOfBirth|memberId/i);
    expect(Object.keys(state.settings).filter((k) => /patient|estimate/i.test(k))).toEqual([]);
  });
});

