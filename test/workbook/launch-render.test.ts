/**
 * Issue 14: the Launch plan sheet drawn in Excel by the Office.js renderer (against the fake Excel): its cells, and
 * the Gantt grid's conditional formats added as custom rules over the live cells (range.conditionalFormats.add
 * ("Custom"), custom.rule.formula and custom.format.fill.color: Office.js ConditionalFormatCollection and
 * CustomConditionalFormat, learn.microsoft.com/javascript/api/excel/excel.customconditionalformat); and by the
 * exceljs renderer (worksheet.addConditionalFormatting: expression rules with a differential fill in the .xlsx).
 */
import JSZip from 'jszip';
import { referenceData } from '../../src/data';
import { renderXlsx } from '../../src/workbook/render-exceljs';
import { defaultLaunchPlan, sampleScenario, type Scenario } from '../../src/scenario';
import { LAUNCH_SHEET, LP } from '../../src/workbook/board/launch';
import { CONDITIONAL_LOOKS, cellAddress, formulaCells } from '../../src/workbook/plan';
import { type ExcelRun, renderBoardInExcel } from '../../src/workbook/render-officejs';
import { cellsOf, createFakeExcel, sheetNamed } from '../support/fake-excel/node';
import { boardFor, findRow, sheetOf } from './fixture';

const template = defaultLaunchPlan(sampleScenario, referenceData);
const scenario: Scenario = { ...sampleScenario, launchPlan: { ...template, tasks: template.tasks.map((t) => (t.kind === 'distributor' && t.drug === 'J1745' ? { ...t, status: 'late', endMonth: 8 } : t)) } };
const { plan } = boardFor(scenario);

describe('the Launch plan sheet in Excel (Office.js)', () => {
  it('writes every formula of the sheet and the grid\'s custom conditional formats', async () => {
    const fake = createFakeExcel({ sheets: ['Sheet1'] });
    await renderBoardInExcel(plan, { confirmReplace: () => true, run: fake.run as unknown as ExcelRun });
    const sheet = sheetOf(plan, LAUNCH_SHEET);
    const cells = cellsOf(fake.host, LAUNCH_SHEET);
    const mine = [...formulaCells(plan)].filter((f) => f.sheet === LAUNCH_SHEET);
    expect(mine.length).toBeGreaterThan(200);
    for (const f of mine) expect([f.address, cells.get(f.address)?.f]).toEqual([f.address, `=${f.cell.formula}`]);
    // The late task's month-1 cell: its status's initial while the month (the header above) lies in its months.
    const late = findRow(sheet, LP.name, 'Distributor account and availability: Remicade (infliximab)');
    const header = findRow(sheet, LP.name, 'Task') + 1;
    expect(cells.get(cellAddress(late, LP.grid0))?.f).toBe(`=IF(AND(L$${header}>=$F${late + 1},L$${header}<=$G${late + 1}),LEFT($I${late + 1},1),"")`);
    // Three custom rules over the grid (done, late, running; the fake keeps the last one set on a range).
    const grid = sheet.conditionalFormats.filter((cf) => cf.look === 'plan')[0]!.range;
    const bucket = sheetNamed(fake.host, LAUNCH_SHEET)?.props[`range ${grid}`] as Record<string, unknown>;
    expect(bucket['conditionalFormats.add()']).toEqual(['Custom']);
    expect(bucket['conditionalFormats.add().custom.rule.formula']).toMatch(/^=AND\(L\d+<>"",\$I\d+<>"Done",\$I\d+<>"Late"\)$/);
    expect(bucket['conditionalFormats.add().custom.format.fill.color']).toBe(CONDITIONAL_LOOKS.plan.fill);
  });
});

describe('the Launch plan sheet in the .xlsx (exceljs)', () => {
  it('writes the grid\'s three expression rules with their fills', async () => {
    const zip = await JSZip.loadAsync(await renderXlsx(plan));
    const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    const index = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]).indexOf(LAUNCH_SHEET) + 1;
    const xml = (await zip.file(`xl/worksheets/sheet${index}.xml`)?.async('string')) ?? '';
    const sheet = sheetOf(plan, LAUNCH_SHEET);
    const grid = sheet.conditionalFormats.filter((cf) => cf.look === 'plan')[0]!.range;
    const rules = [...xml.matchAll(new RegExp(`<conditionalFormatting sqref="${grid}">[\\s\\S]*?<formula>([^<]*)</formula>`, 'g'))].map((m) => m[1]);
    expect(rules.map((f) => f?.replace(/\d+/g, '#').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>'))).toEqual(['AND(L#<>"",$I#="Done")', 'AND(L#<>"",$I#="Late")', 'AND(L#<>"",$I#<>"Done",$I#<>"Late")']);
    const styles = (await zip.file('xl/styles.xml')?.async('string')) ?? '';
    for (const look of ['good', 'bad', 'plan'] as const) expect(styles).toContain(CONDITIONAL_LOOKS[look].fill.slice(1).toUpperCase());
  });
});
