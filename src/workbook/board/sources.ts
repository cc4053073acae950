/**
 * Sources and assumptions: the data vintage, every default the scenario relies on (label and source from
 * src/scenario/defaults.ts), the rules with their legal and CMS sources (DOMAIN.md), and how the workbook
 * computes, including what it cannot restate as formulas.
 */
import { PAYER_DEFAULT_SOURCES } from '../../engine/payers';
import type { AppliedDefaultValue } from '../../scenario/resolve';
import { SheetBuilder } from '../sheet-builder';
import { type BoardContext, NAME_PREFIX, PROGRAM_KEYS, SHEET } from './context';
import { type PrintText, printSetup } from './print';

const RULES: readonly (readonly [string, string, string])[] = [
  ['Payment limit', 'The CMS payment limit is the Medicare allowed amount per billing unit and already includes the add-on (106% of ASP, or the biosimilar rule); it is never multiplied by 1.06 again.', '42 USC 1395w-3a(b)(1); CMS Medicare Part B Payment Limit File (DOMAIN.md 2.1)'],
  ['ASP', 'Derived: payment limit / 1.06; a biosimilar: payment limit - 8% (or 6%) of the reference product\'s ASP.', '42 USC 1395w-3a(b)(8); Inflation Reduction Act section 11403 (8% add-on)'],
  ['Billing units', 'Units administered = dose / billing unit, rounded up to a whole unit.', 'CGS Medicare units-of-service guidance, 2023 (DOMAIN.md 2.4)'],
  ['Vials and waste', 'Single-dose vials covering the dose with the least total amount (then the fewest vials); discarded units billed on the JW line, JZ when none.', 'CMS discarded drugs policy (JW/JZ); Noridian JZ guidance (DOMAIN.md 2.4)'],
  ['Administration codes', 'SC/IM 96372 or 96401; IV of 15 minutes or less: push 96374 or 96409; longer: initial hour 96365 or 96413 plus an additional hour (96366 or 96415) for each hour or part running more than 30 minutes past the previous one. Monoclonal antibodies and complex biologics are complex.', 'CPT time rules; Noridian article 10529; CMS CR 13468 (DOMAIN.md 2.3)'],
  ['Fee amounts', 'National non-facility amount = total RVU x conversion factor, rounded to cents as CMS publishes it.', 'CMS Physician Fee Schedule relative value files (DOMAIN.md 2.3)'],
  ['Medicare claim', 'Drug coinsurance from the CMS file (20% where silent), administration 20%; sequestration 2% of the Medicare-paid portion (through FY2032); collected = paid + patient share x collection rate.', 'DOMAIN.md 2.5; CMS sequestration letter (2013); CRS R45106; Inflation Reduction Act section 11101 (inflation-adjusted coinsurance)'],
  ['Rounding', 'Each claim line (drug, JW, each administration code) is units x rate rounded to cents, as a claim is; everything derived keeps full precision; figures are rounded only on screen.', 'DOMAIN.md 3'],
  ['Margin and recovery', 'Margin = net revenue - drug cost; net cost recovery = drug-line net revenue / drug cost; underwater when below 100%.', 'DOMAIN.md 2.7'],
  ['Payer mix', 'Weights sum to 100%; a mix-weighted figure = sum of weight x figure.', 'DOMAIN.md 2.7'],
  ['Regimens', 'Doses counted on a 52-week (364-day) year; a month is 364 / 12 days, so twelve months hold a year of doses.', 'DOMAIN.md 2.8'],
];

function show(v: AppliedDefaultValue): string {
  if (v === null) return '(derived)';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.join(', ');
  return JSON.stringify(v);
}

export function writeSources(ctx: BoardContext, text: PrintText, vintage: string): SheetBuilder {
  const { input, results, book, applied, generatedAt } = ctx.src;
  const s = new SheetBuilder(SHEET.sources, 'board', printSetup(text, { fitToHeight: false }));
  s.tabColor = '#7F7F7F';
  s.value(0, 0, 'Sources and assumptions', 'title');
  s.value(1, 0, 'A rule is fixed by law or by CMS and reproduced exactly; a default is an assumption the board can change on the Inputs sheet.', 'subtitle');
  let r = 3;
  const section = (title: string, heads: readonly string[]): void => {
    r++;
    s.value(r, 0, title, 'section');
    r++;
    s.values(r, 0, heads, 'header');
    r++;
  };
  const q = book.quarterTable(results.quarter).quarter;
  const fees = book.feeTable(results.feeScheduleYear);
  section('Data vintage', ['What', 'Vintage', 'Source']);
  const rows: [string, string, string][] = [
    ['CMS payment limits', `${q.quarter}: ${q.effective}`, q.source],
    ['Physician fee schedule', `CY${fees.year}, conversion factor ${fees.conversionFactor.toString()}`, fees.schedule.source],
    ['Vial sizes', 'billing units per single-dose vial', 'drug catalog (reference/drug-catalog-seed.csv) and the CMS NDC-HCPCS crosswalk'],
    ['Workbook', `built ${generatedAt.toISOString().slice(0, 10)}`, vintage],
  ];
  for (const row of rows) {
    s.values(r, 0, row, 'text');
    r++;
  }

  section('Defaults this scenario relies on', ['Field', 'Value used', 'Label', 'Source']);
  if (applied === null) {
    s.value(r, 0, 'Not known: the workbook was built from an engine input, not from a scenario file. The Inputs sheet shows every value used.', 'note');
    r++;
  } else if (applied.length === 0) {
    s.value(r, 0, 'None: the scenario gives every field.', 'note');
    r++;
  } else {
    for (const a of applied) {
      const drug = /^drugs\[(\d+)\]/.exec(a.path);
      const name = drug ? `${input.drugs[Number(drug[1])]?.label ?? a.path}: ${a.path.slice(a.path.indexOf('.') + 1)}` : a.path;
      s.values(r, 0, [name, a.value === null ? a.default.display : show(a.value), a.default.label], 'text');
      s.value(r, 3, a.default.source, 'paragraph');
      r++;
    }
  }
  // DOMAIN.md 5.1-5.2: the public sources of the built-in payer defaults.
  section('Built-in payer defaults and their public sources', ['Default', 'Source', 'Label']);
  for (const d of PAYER_DEFAULT_SOURCES) {
    s.value(r, 0, d.backs, 'paragraph');
    s.value(r, 1, d.source, 'paragraph');
    s.value(r, 2, d.backs.includes('(a rule)') ? 'rule' : 'default: assumption', 'text');
    r++;
  }

  section('Sensitivity ranges (defaults)', ['Case', 'What changes', 'Label', 'Source']);
  for (const c of ctx.cases.slice(1)) {
    s.values(r, 0, [c.label, c.what, 'default: assumption', 'src/engine/sensitivity.ts (DEFAULT_DRIVERS, NAMED_SCENARIOS); change them on the Sensitivity sheet'], 'text');
    r++;
  }

  section('Rules and their sources', ['Rule', 'Statement', 'Source']);
  for (const [rule, statement, source] of RULES) {
    s.value(r, 0, rule, 'kpiLabel');
    s.value(r, 1, statement, 'paragraph');
    s.value(r, 2, source, 'paragraph');
    r++;
  }

  section('How this workbook computes', ['Topic', 'Note', '']);
  const notes: [string, string][] = [
    ['Formulas', 'Every computed figure is a native Excel formula over the Inputs sheet (directly or through other formula cells), using only functions that Excel and LibreOffice compute alike (ROUND, ROUNDUP, INT, MIN, MAX, SUM, SUMPRODUCT, SUMIF, COUNTIF, INDEX, MATCH, IF, AND, OR, POWER, ...). The workbook computes without the add-in.'],
    ['Vial plan', 'The vial counts on Inputs are computed by the add-in from the dose and the vial sizes (DOMAIN.md 2.4: least total amount, then fewest vials): a search that formulas cannot reasonably express. A check cell beside each plan says when the vials no longer cover the dose (after a dose or weight edit); change the counts by hand or rebuild. Everything downstream of the vials is formulas.'],
    ['Weight-tier doses', 'For a drug dosed by weight tiers (e.g. abatacept) the dose on Inputs is the catalog\'s tier for the weight given, as a value: enter a fixed dose if the weight changes.'],
    ['Layout', 'The planning months, the horizon, the number of loading-dose and vial-size columns and the list of drugs and payers shape the sheets: change them in the add-in and rebuild. The quarter and fee schedule year shown on Inputs describe the prices listed there.'],
    ['Projection', 'Administrations by month are the new patients of each earlier month times a per-patient kernel (doses in each month since start, with retention), as SUMPRODUCT over literal ranges (Cohorts). Maintenance doses per month are counted in closed form from the interval, so no per-dose columns are needed.'],
    ['Sensitivity', 'Each case is recomputed by formulas: the projection is linear in volume, acquisition cost and each payer\'s net revenue, so a case\'s NPV is a sum of per-drug terms (Sensitivity, calculation detail) rather than a second projection. A check cell compares the base case with the Projection.'],
    ['Charts', 'Margin by drug, payer mix, cumulative cash and the tornado are drawn as native Excel charts by the add-in. The .xlsx written by the command line has no charts (its writer cannot draw them).'],
    ['Names', `Workbook names start with ${NAME_PREFIX} (e.g. ${NAME_PREFIX}${'Chairs' satisfies (typeof PROGRAM_KEYS)[number]}), so they never collide with a user's own names; tables likewise.`],
    ['Ownership', 'The add-in marks the sheets it builds; rebuilding replaces only those, after asking, and never touches other sheets.'],
  ];
  for (const [topic, note] of notes) {
    s.value(r, 0, topic, 'kpiLabel');
    s.value(r, 1, note, 'paragraph');
    r++;
  }
  s.widths(0, [30, 60, 40, 80]);
  return s;
}
