/**
 * Issue 10/13: every text a user sees cites the public source behind a rule or default (CMS files and manuals,
 * the product's prescribing information, KFF, ...), never this project's own files (DOMAIN.md, DESIGN.md,
 * STYLE.md, the catalog's seed CSV, source paths such as src/engine/model.ts). Scanned: every cell (values,
 * formulas' string literals), name comment and chart of every sheet of the board plan (the PDF's cover is its
 * first sheet) for the sample, a varied scenario (every drug source, a custom drug), a market and a launch
 * plan; the command line's `model` and `calc` output and errors; the pane's results and patient estimate
 * sheet; and every string literal and JSX text of the pane, CLI and function sources the user can be shown.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ReferenceBook } from '../../src/engine/book';
import { main } from '../../src/cli/main';
import { defaultLaunchPlan, sampleScenario, type Scenario } from '../../src/scenario';
import { computeResults } from '../../src/taskpane/model/results';
import { computeEstimate, estimateContext, estimateSheet } from '../../src/taskpane/model/patient-estimate';
import { CUSTOM_FACTS } from '../../src/workbook/board/labels';
import { IN_FORM, SHEET } from '../../src/workbook/board/context';
import { marketScenario } from '../support/market-scenario';
import { boardFor, findRow, referenceData, sheetOf, variedScenario } from './fixture';

// A bare section number in brackets, "(5.1)", is DOMAIN.md's numbering too: a reader has nothing to look it up in.
const SELF_CITATION = /DOMAIN\.md|DESIGN\.md|STYLE\.md|\bsrc\/|\.ts\b|drug-catalog-seed|reference\/.*\.csv|\([25]\.\d\)/;

/** Every string inside `value` (objects and arrays walked), with where it was found. */
function strings(value: unknown, where: string, out: { where: string; text: string }[] = []): { where: string; text: string }[] {
  if (typeof value === 'string') out.push({ where, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${where}[${i}]`, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${where}.${k}`, out);
  return out;
}

function selfCitations(found: readonly { where: string; text: string }[]): string[] {
  return found.filter((f) => SELF_CITATION.test(f.text)).map((f) => `${f.where}: ${f.text}`);
}

const template = defaultLaunchPlan(sampleScenario, referenceData);
const scenarios: readonly [string, Scenario][] = [
  ['sample', sampleScenario],
  ['varied', variedScenario()],
  ['market', marketScenario(true)],
  ['launch plan template', { ...sampleScenario, launchPlan: template }],
  ['launch plan of its own', { ...sampleScenario, launchPlan: { ...template, template: false } }],
];

describe('no user-visible text cites our own files', () => {
  it('has a pattern that catches the self-citations the board used to carry', () => {
    for (const t of ['DOMAIN.md 2.8', 'Drug catalog (reference/drug-catalog-seed.csv)', 'Rules: src/engine/model.ts', 'DESIGN.md: quarter', '(timeline.ts)']) {
      expect(SELF_CITATION.test(t)).toBe(true);
    }
    expect(SELF_CITATION.test('CMS Medicare Claims Processing Manual ch. 17; the product\'s prescribing information')).toBe(false);
  });

  it.each(scenarios)('every sheet, cell, formula, name and chart of the board plan (%s)', (_name, scenario) => {
    const { plan } = boardFor(scenario);
    expect(plan.sheets.length).toBeGreaterThan(5);
    expect(selfCitations(strings(plan, 'plan'))).toEqual([]);
  });

  it('labels a custom drug\'s facts as the user\'s own, a catalog drug\'s as the catalog\'s (product label)', () => {
    const scenario = variedScenario();
    const { plan } = boardFor(scenario);
    const inputs = sheetOf(plan, SHEET.inputs);
    const rowsOf = (code: string): string[] => {
      const r = findRow(inputs, IN_FORM.hcpcs, code);
      return (inputs.rows[r] ?? []).map((c) => (typeof c?.value === 'string' ? c.value : ''));
    };
    // The custom drug J0202 (Lemtrada) of the varied scenario: its dose, minutes, complexity and route are what
    // the user entered, so no note calls them the catalog's.
    const custom = rowsOf('J0202').join(' | ');
    expect(custom).toContain(CUSTOM_FACTS);
    expect(custom).not.toMatch(/catalog/);
    // Its regimen row (the Volumes table) too.
    const volumes = strings(inputs.rows, 'inputs').filter((s) => s.text.startsWith('volume and ramp:'));
    expect(volumes.filter((s) => s.text.includes(`regimen: ${CUSTOM_FACTS}`))).toHaveLength(1);
    expect(volumes.filter((s) => s.text.includes('regimen: catalog (product label)'))).toHaveLength(scenario.drugs.length - 1);
    // The Sources sheet's defaults list no catalog dose, minutes or complexity for it (the user gave them), but
    // still its acquisition price, which is a default (the derived ASP).
    const sources = strings(sheetOf(plan, SHEET.sources).rows, 'sources').map((s) => s.text);
    const lemtrada = sources.filter((t) => t.startsWith('Lemtrada (alemtuzumab) (your drug): '));
    expect(lemtrada).toContain('Lemtrada (alemtuzumab) (your drug): acquisitionPerUnit');
    expect(lemtrada.filter((t) => /: (dose|infusionMinutes|chairExtraMinutes|complexity)$/.test(t))).toEqual([]);
    // A catalog drug left to the catalog's infusion time still lists it (Remicade's is given: 151 minutes).
    expect(sources.filter((t) => t.endsWith('): infusionMinutes')).length).toBeGreaterThan(10);
    expect(sources).not.toContain('Remicade (infliximab): infusionMinutes');
    // A catalog drug keeps the catalog's labels.
    const remicade = rowsOf('J1745').join(' | ');
    expect(remicade).toContain('route: catalog');
    expect(remicade).not.toContain(CUSTOM_FACTS);
  });

  async function cli(...argv: string[]): Promise<string> {
    const out: string[] = [];
    await main(argv, { out: (t) => out.push(t), err: (t) => out.push(t) });
    return out.join('\n');
  }

  it('the command line\'s model, calc and their errors', async () => {
    const texts = [
      await cli('model'),
      await cli('model', '--json'),
      await cli('model', '--help'),
      await cli('calc', '=INFUSION.MARGIN("J1745", 400, "MEDICARE")'),
      await cli('calc', '=INFUSION.MARGIN("J1745", 0.4, "MEDICARE")'),
      await cli('calc', '=INFUSION.MARGIN("Remicaid", 400, "MEDICARE")'),
      await cli('calc', '=INFUSION.PATIENTCOST("J1745", 400, "MEDICARE")'),
      await cli('calc', '=INFUSION.ADMINISTRATIONS("Rituxan", 2)'),
      await cli('calc', '--help'),
      await cli('board', '--help'),
    ];
    expect(texts.join('\n').length).toBeGreaterThan(1000);
    expect(selfCitations(texts.map((t, i) => ({ where: `cli ${i}`, text: t })))).toEqual([]);
  });

  it('the pane\'s results and the patient estimate sheet', () => {
    const book = new ReferenceBook(referenceData);
    for (const [name, scenario] of scenarios.slice(0, 2)) {
      const results = computeResults(scenario, book, referenceData);
      expect(selfCitations(strings(results, `results ${name}`))).toEqual([]);
    }
    const context = estimateContext(sampleScenario, book);
    for (const payerId of ['MEDICARE', 'MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL', 'SELF_PAY']) {
      const e = computeEstimate({ payerId, supplemental: 'none', hcpcs: 'Q5121', year: 1 }, context, book);
      if (!e.ok) throw new Error(e.message);
      const rows = estimateSheet(e, { quarter: '2026Q1', feeScheduleYear: 2026, preparedOn: '2026-12-04' });
      expect(selfCitations(strings([e, rows], `estimate ${payerId}`))).toEqual([]);
    }
  });

  it('every string literal and JSX text the pane, the command line and the functions can show', () => {
    const root = join(__dirname, '../../src');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f) && !f.endsWith('.d.ts')) files.push(p);
      }
    };
    for (const d of ['taskpane', 'cli', 'functions', 'workbook', 'scenario', 'engine', 'data', 'cms']) walk(join(root, d));
    expect(files.length).toBeGreaterThan(50);
    const found: { where: string; text: string }[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      const visit = (node: ts.Node): void => {
        // Module names are code, not text a user sees.
        if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isImportTypeNode(node)) return;
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) return;
        if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node) || ts.isJsxText(node)) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          found.push({ where: `${file.slice(root.length + 1)}:${line + 1}`, text: node.getText(source) });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found.length).toBeGreaterThan(1000);
    expect(selfCitations(found)).toEqual([]);
  });
});
