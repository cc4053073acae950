/**
 * Sources and assumptions: the data vintage, every default the scenario relies on (label and source from
 * src/scenario/defaults.ts, cited publicly), the rules with their legal and CMS sources, and how the workbook
 * computes, including what it cannot restate as formulas.
 */
import { PAYER_DEFAULT_SOURCES } from '../../engine/payers';
import { DEMAND_AREA_NAMES } from '../../engine/demand';
import { DEMAND_AREA_DEFAULTS, DEMAND_SOURCE_LABEL, demandDefaultLabel } from '../../data/demand';
import type { AppliedDefaultValue } from '../../scenario/resolve';
import { SheetBuilder } from '../sheet-builder';
import { type BoardContext, NAME_PREFIX, PROGRAM_KEYS, SHEET } from './context';
import { isCustomDrugFact } from './labels';
import { type PrintText, printSetup } from './print';

/**
 * Public citations, verified against the public documents: the statute (42 USC 1395w-3a, "Use of average
 * sales price payment methodology"), CMS's pages and files, CMS contractors' articles, CRS and KFF. A rule
 * that is this workbook's own convention says so.
 */
const CMS_ASP = 'CMS, Medicare Part B Drug Average Sales Price: quarterly payment limit (ASP pricing) files, cms.gov/medicare/payment/part-b-drugs/asp-pricing-files';
const CMS_PFS = 'CMS, PFS Relative Value Files (national RVUs and conversion factor), cms.gov/medicare/payment/fee-schedules/physician/pfs-relative-value-files';
const RULES: readonly (readonly [string, string, string])[] = [
  ['Payment limit', 'The CMS payment limit is the Medicare allowed amount per billing unit and already includes the add-on (106% of ASP, or the biosimilar rule); it is never multiplied by 1.06 again.', `42 USC 1395w-3a(b)(1) (106 percent of the average sales price); ${CMS_ASP}`],
  ['ASP', 'Derived: payment limit / 1.06; a biosimilar: payment limit - 8% (or 6%) of the reference product\'s ASP.', '42 USC 1395w-3a(b)(8) (biosimilars: 6% of the reference product\'s ASP); Inflation Reduction Act of 2022 (P.L. 117-169) section 11403 (8% for qualifying biosimilars)'],
  ['Billing units', 'Units administered = dose / billing unit, rounded up to a whole unit.', 'CMS HCPCS code descriptors (the billing unit); CGS Medicare, units of service guidance (2023)'],
  ['Vials and waste', 'Single-dose vials covering the dose with the least total amount (then the fewest vials); discarded units billed on the JW line, JZ when none.', 'CMS, Discarded Drugs: JW and JZ modifier policy, cms.gov/medicare/payment/part-b-drugs/discarded-drugs; CY2023 Physician Fee Schedule final rule, 87 FR 69710-69734'],
  ['Administration codes', 'SC/IM 96372 or 96401; IV of 15 minutes or less: push 96374 or 96409; longer: initial hour 96365 or 96413 plus an additional hour (96366 or 96415) for each hour or part running more than 30 minutes past the previous one. Monoclonal antibodies and complex biologics are complex.', 'AMA CPT time rules (96365-96417); Noridian JF article 10529, "Clarification on Payment for Monoclonal, Complex Biological, and Rheumatological Therapies"; CMS CR 13468; CMS Pub. 100-04, chapter 12, section 30.5'],
  ['Fee amounts', 'National non-facility amount = total RVU x conversion factor, rounded to cents as CMS publishes it.', CMS_PFS],
  ['Medicare claim', 'Drug coinsurance from the CMS file (20% where silent), administration 20%; sequestration 2% of the Medicare-paid portion (through FY2032); collected = paid + patient share x collection rate.', `${CMS_ASP} (coinsurance column); Inflation Reduction Act of 2022 section 11101 (inflation-adjusted coinsurance); Congressional Research Service R45106, "Medicare and Budget Sequestration" (2% through FY2032)`],
  ['Rounding', 'Each claim line (drug, JW, each administration code) is units x rate rounded to cents, as a claim is; everything derived keeps full precision; figures are rounded only on screen.', 'this workbook\'s convention (CMS publishes rates in dollars and cents)'],
  ['Margin and recovery', 'Margin = net revenue - drug cost; net cost recovery = drug-line net revenue / drug cost; underwater when below 100%.', 'this workbook\'s definitions'],
  ['Payer mix', 'Weights sum to 100%; a mix-weighted figure = sum of weight x figure.', 'this workbook\'s definition'],
  ['Regimens', 'Doses counted on a 52-week (364-day) year; a month is 364 / 12 days, so twelve months hold a year of doses.', 'FDA prescribing information (each product\'s dosing schedule); the 52-week year is this workbook\'s convention'],
  ['Working capital', 'Receivables (net revenue not yet collected) - payables (drug not yet paid for) + drug inventory on hand: the month\'s drug cost x the days on hand (Inputs) / (364 / 12), at cost. The stock is a balance; cash flows pay for drug on the distributor\'s terms.', 'this workbook\'s definition; days on hand: a default on Inputs (an assumption)'],
];

/** A public citation for a default the scenario relies on, by its field (defaults.ts names the field). */
const DEFAULT_CITATIONS: Readonly<Record<string, string>> = {
  quarter: `${CMS_ASP}; the newest quarter loaded`,
  feeScheduleYear: CMS_PFS,
  'program.utilizationTarget': 'Advisory Board infusion center benchmarks: about 80% of chair hours scheduled, about 70% used',
  'program.planningMonths': 'assumption: about six months from decision to first infusion (contracts, distributor accounts, staff)',
  'program.horizonMonths': 'assumption: a three-year plan after launch',
  'program.distributorTermsDays': 'assumption: specialty distributor payment terms of about 30 days; enter your own',
  'program.priorAuthDelayDays': 'assumption: about two weeks to secure prior authorization before scheduling; KFF, "Medicare Advantage Insurers Made Nearly 50 Million Prior Authorization Determinations in 2023" (2025)',
  'payers[].<term>': 'commercial ASP + 15% and administration at 150% of Medicare: HCPro (2009), community oncology contract reports; uninsured patients pay about 6% (Crowe Horwath benchmark); Medicare Advantage: 6.4% of prior authorization requests denied in 2023, KFF (2025)',
};

/** The citation shown for a default: a public one, never this project's own documents. */
function citation(field: string, source: string): string {
  const known = DEFAULT_CITATIONS[field];
  if (known !== undefined) return known;
  return source
    .replace(/\s*\([^)]*\.(?:md|csv|ts)\b[^)]*\)/g, '')
    .replace(/(?:DOMAIN|DESIGN)\.md[^:;,.]*[:;,.]?\s*/g, '')
    .trim();
}

function show(v: AppliedDefaultValue): string {
  if (v === null) return '(derived)';
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.join(', ');
  return JSON.stringify(v);
}

export function writeSources(ctx: BoardContext, text: PrintText, vintage: string): SheetBuilder {
  const { input, results, book, applied: appliedAll, generatedAt } = ctx.src;
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
    ['Vial sizes', 'billing units per single-dose vial', 'CMS ASP NDC-HCPCS crosswalk (billing units per package), with the FDA labels\' vial sizes'],
    ['Workbook', `built ${generatedAt.toISOString().slice(0, 10)}`, vintage],
  ];
  for (const row of rows) {
    s.values(r, 0, row, 'text');
    r++;
  }

  section('Defaults this scenario relies on', ['Field', 'Value used', 'Label', 'Source']);
  // A custom drug's dose, minutes and complexity are the facts the user entered, not the catalog's defaults.
  const applied = appliedAll === null ? null : appliedAll.filter((a) => !isCustomDrugFact(ctx.src, a.path));
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
      s.value(r, 3, citation(a.default.field, a.default.source), 'paragraph');
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

  // Issue 14: the demand defaults of the Market sheet and their public sources.
  if (input.market !== undefined) {
    // Each demand default on its own row: the figure, its source in full (with the arithmetic where composed)
    // and its label; where no public figure exists there is no default: the row says so and gives no value.
    section('Demand defaults (Market sheet) and their sources', ['Area: default', 'Source', 'Default', 'Label']);
    const pct = (f: number): string => `${Number((f * 100).toFixed(4))}%`;
    const figure = (f: number | null): string => (f === null ? 'no public figure' : pct(f));
    for (const d of DEMAND_AREA_DEFAULTS) {
      const name = DEMAND_AREA_NAMES[d.id];
      const rows: readonly [string, string, string, string][] = [
        [`${name}: prevalence by age band (18-49, 50-64, 65+)`, d.prevalenceSource, d.prevalence.map(pct).join(' / '), DEMAND_SOURCE_LABEL],
        [`${name}: share of the diagnosed on an infused therapy`, d.infusedShareSource, figure(d.infusedShare), demandDefaultLabel(d.infusedShare)],
        [`${name}: new starts and switches a year (share of those on one)`, d.startsSource, figure(d.startsPerYear), demandDefaultLabel(d.startsPerYear)],
      ];
      for (const [what, source, value, label] of rows) {
        s.value(r, 0, what, 'kpiLabel');
        s.value(r, 1, source, 'paragraph');
        s.value(r, 2, value, 'paragraph');
        s.value(r, 3, label, 'paragraph');
        r++;
      }
    }
    s.value(r, 0, 'Capture share', 'kpiLabel');
    s.value(r, 1, 'Patients who now travel beyond the drive time come to the practice; the rest split evenly between the practice and the competing sites (a fair share). Referral backlog: captured once, not a month; the referrals a month it implies are backlog / wait (Little\'s law).', 'paragraph');
    s.value(r, 2, 'this workbook\'s assumptions; drive time 60 minutes by default', 'paragraph');
    s.value(r, 3, 'default: assumption', 'paragraph');
    r++;
  }

  section('Sensitivity ranges (defaults)', ['Case', 'What changes', 'Label', 'Source']);
  for (const c of ctx.cases.slice(1)) {
    s.values(r, 0, [c.label, c.what, 'default: assumption', 'judgement; change them on the Sensitivity sheet'], 'text');
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
    ['Vial plan', 'The vial counts on Inputs are computed by the add-in from the dose and the vial sizes (least total amount, then fewest vials): a search that formulas cannot reasonably express. A check cell beside each plan says when the vials no longer cover the dose (after a dose or weight edit); change the counts by hand or rebuild. Everything downstream of the vials is formulas.'],
    ['Weight-tier doses', 'For a drug dosed by weight tiers (e.g. abatacept) the dose on Inputs is the catalog\'s tier for the weight given, as a value: enter a fixed dose if the weight changes.'],
    ['Layout', 'The planning months, the horizon, the number of loading-dose and vial-size columns and the list of drugs and payers shape the sheets: change them in the add-in and rebuild. The quarter and fee schedule year shown on Inputs describe the prices listed there.'],
    ['Projection', 'Administrations by month are the new patients of each earlier month times a per-patient kernel (doses in each month since start, with retention), as SUMPRODUCT over literal ranges (Cohorts). Maintenance doses per month are counted in closed form from the interval, so no per-dose columns are needed.'],
    ['Sensitivity', 'Each case is recomputed by formulas: the projection is linear in volume, acquisition cost and each payer\'s net revenue, so a case\'s NPV is a sum of per-drug terms (Sensitivity, calculation detail) rather than a second projection. A check cell compares the base case with the Projection.'],
    ['Charts', 'Margin per administration by drug, payer mix, cumulative cash with the break-even month marked, chair hours against chair hours available, and the tornado: native Excel charts over the live ranges, in the workbook the add-in builds and in the .xlsx the command line writes. A chart follows when an input changes.'],
    ['Working capital', `Receivables - payables + drug inventory on hand (${ctx.src.input.program.inventoryDaysOnHand ?? 0} days of drug use at cost, Inputs): the stock is a balance, counted in working capital; the cash flows pay for drug on the distributor's terms.`],
    ['Conclusion', 'The Summary\'s conclusion tests four thresholds the board sets on Inputs (Board criteria); they are defaults, judgement calls, not rules.'],
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
