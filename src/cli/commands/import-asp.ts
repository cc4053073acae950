/**
 * `infusion-planner import-asp FILE [--scenario FILE] [--json]`: reads a CMS Medicare Part B payment limit
 * file (CSV or xlsx, recognised by content), and reports
 * - its quarter, read from the file's own "Effective ... through ..." line, its effective dates and rows;
 * - where it stands against the embedded newest quarter: newer (changes run from the embedded quarter to
 *   the file), older (the other way round, from the file to the embedded quarter, and it says so), a
 *   revision of the same quarter, or the same file (no change);
 * - codes added and removed between the two (counts and the first few), and the catalog codes repriced;
 * - for the scenario's formulary (default: the embedded sample) the quarter's impact (DOMAIN.md 2.10):
 *   old and new payment limit, change per administration and per year, the mix-weighted margin, and the
 *   drugs that become or stop being underwater.
 * Nothing is written: the embedded data changes only through `npm run data:update`.
 *
 * Exit codes: 0 a report; 1 a file that cannot be read or is not a payment limit file (the parser's message
 * names the file, the row and the problem), or a scenario that cannot be used; 2 bad arguments.
 */
import { referenceData } from '../../data';
import { ReferenceBook } from '../../engine/book';
import {
  type DrugImpact,
  type ImportComparison,
  type QuarterDiff,
  type QuarterImpact,
  type UnderwaterListing,
  compareImportedQuarter,
  quarterDiffReport,
  quarterImpactReport,
} from '../../engine/impact';
import type { Dec } from '../../engine/decimal';
import { money, unitPrice } from '../../engine/report';
import type { PaymentLimitQuarter, ReferenceData } from '../../engine/reference';
import { resolveScenario, type Scenario } from '../../scenario';
import { UsageError } from '../args';
import { type Command, CommandFailure } from '../command';
import { readPaymentLimitFile } from '../cms-file';
import { num1, usd } from '../format';
import { readScenarioFile } from '../scenario-file';

/** How many codes a list shows before "and N more". */
const LIST_LIMIT = 12;

const signedUsd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const limit3 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const signed3 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3, signDisplay: 'exceptZero' });
const pct = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** A plain text table; `align` has one letter per column, `l` or `r`. */
function table(header: readonly string[], rows: readonly (readonly string[])[], align: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (align[i] === 'r' ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function codeList(codes: readonly string[]): string {
  if (codes.length === 0) return '';
  const shown = codes.slice(0, LIST_LIMIT).join(', ');
  return codes.length > LIST_LIMIT ? ` (${shown}, and ${codes.length - LIST_LIMIT} more)` : ` (${shown})`;
}

function period(q: PaymentLimitQuarter): string {
  return `${q.effective} (${q.effectiveFrom} to ${q.effectiveTo})`;
}

/** The sentence that says which way the comparison runs. */
function direction(c: ImportComparison): string {
  const file = c.imported.quarter;
  const embedded = c.baseline.quarter;
  switch (c.direction) {
    case 'identical':
      return `This file is the embedded quarter ${embedded}: the same effective period and the same ${c.baseline.rows.length} rows. No change.`;
    case 'newer':
      return `This file is newer than the embedded quarter ${embedded}: changes run from ${embedded} (embedded) to ${file} (this file).`;
    case 'older':
      return `This file is older than the embedded quarter ${embedded}, so the comparison runs the other way round: from ${file} (this file) to ${embedded} (embedded).`;
    case 'revision':
      return `This file is another version of ${embedded} than the embedded one (different rows): changes run from the embedded ${embedded} to this file.`;
  }
}

function codeLines(diff: QuarterDiff, catalogSize: number): string[] {
  const report = quarterDiffReport(diff);
  const lines = [
    `Codes ${diff.from} -> ${diff.to}: ${diff.rowsFrom} -> ${diff.rowsTo} rows; ${diff.added.length} added${codeList(diff.added)}; ` +
      `${diff.removed.length} removed${codeList(diff.removed)}; ${diff.priceChanged} payment limits changed.`,
  ];
  if (report.watched.length === 0) {
    lines.push(`Catalog: none of the ${catalogSize} catalog codes changed price.`);
    return lines;
  }
  lines.push(`Catalog codes priced differently (${report.watched.length} of ${catalogSize}):`);
  lines.push(
    table(
      ['Code', `Limit ${diff.from}`, `Limit ${diff.to}`, 'Change'],
      report.watched.map((w) => [
        w.hcpcs,
        w.from === null ? 'not priced' : limit3.format(w.from),
        w.to === null ? 'not priced' : limit3.format(w.to),
        w.percent === null ? '' : `${pct.format(w.percent)}%`,
      ]),
      'lrrr',
    ),
  );
  return lines;
}

const dollars = (d: Dec): string => usd.format(money(d));
const signedDollars = (d: Dec): string => signedUsd.format(money(d));

/** The payers (and the mix) for which the drug is underwater in the new quarter; blank when not priced there. */
function underwaterCell(d: DrugImpact): string {
  const side = d.new;
  if (side === null) return '';
  const payers = side.perPayer.filter((p) => p.underwater).map((p) => p.payerId);
  if (side.mix.underwater) payers.push('mix');
  return payers.length === 0 ? '-' : payers.join(', ');
}

function impactRows(impact: QuarterImpact): string[][] {
  return impact.drugs.map((d) => {
    const name = `${d.hcpcs} ${d.label}`;
    const limitOld = d.old === null ? 'not priced' : limit3.format(unitPrice(d.old.paymentLimit));
    const limitNew = d.new === null ? 'not priced' : limit3.format(unitPrice(d.new.paymentLimit));
    const units = String((d.new ?? d.old)?.unitsBilled ?? '');
    const admins = num1.format(d.administrationsPerYear.toDecimalPlaces(1).toNumber());
    if (d.change === null) return [name, limitOld, limitNew, '', units, '', admins, '', d.new === null ? '' : dollars(d.new.mix.margin), '', '', underwaterCell(d)];
    const c = d.change;
    return [
      name,
      limitOld,
      limitNew,
      signed3.format(unitPrice(c.paymentLimitPerUnit)),
      units,
      signedDollars(c.perAdministration),
      admins,
      signedDollars(c.perYear),
      dollars((d.new as NonNullable<DrugImpact['new']>).mix.margin),
      signedDollars(c.mixMarginPerAdministration),
      signedDollars(c.mixMarginPerYear),
      underwaterCell(d),
    ];
  });
}

function listing(items: readonly UnderwaterListing[]): string {
  if (items.length === 0) return 'none';
  return items.map((u) => `${u.hcpcs} ${u.label} (${[...u.payers, ...(u.mix ? ['mix'] : [])].join(', ')})`).join('; ');
}

function impactLines(impact: QuarterImpact, scenarioName: string, source: string): string[] {
  const { from, to } = impact;
  const header = [
    'Drug', `Limit ${from}`, `Limit ${to}`, 'Per unit', 'Units', 'Per admin', 'Admins/yr', 'Per year',
    `Margin ${to}`, 'Margin chg', 'Margin chg/yr', `Underwater ${to}`,
  ];
  const lines = [
    `Impact on "${scenarioName}" (${source}), ${from} -> ${to}, fee schedule CY${impact.feeScheduleYear}:`,
    table(header, impactRows(impact), 'lrrrrrrrrrrl'),
    `Total, drugs priced in both: ${signedDollars(impact.totals.perYear)} a year in Medicare's allowed drug lines; ` +
      `${signedDollars(impact.totals.mixMarginPerYear)} a year in payer-mix margin.`,
    `Become underwater in ${to}: ${listing(impact.becameUnderwater)}`,
    `Stop being underwater in ${to}: ${listing(impact.stoppedUnderwater)}`,
  ];
  if (impact.unpriced.length > 0) {
    lines.push(`Not priced: ${impact.unpriced.map((u) => `${u.hcpcs} ${u.label} in ${u.quarter} (${u.reason})`).join('; ')}`);
  }
  lines.push(
    '',
    'Per unit: change in payment limit. Units: units billed to Medicare (administered + JW). Per admin: the change',
    "in payment limit x units billed, i.e. in Medicare's allowed drug line. Admins/yr: the projection's last 12",
    "months for the scenario's patients. Per year: per admin x admins/yr. Margin: net revenue - drug cost of one",
    "administration, weighted by the scenario's payer mix; Margin chg: its change per administration and a year.",
  );
  return lines;
}

/**
 * The scenario, checked against the embedded data (the formulary as it is priced today; a drug the new file
 * no longer prices is then reported, not refused), else against the data with the file added (a scenario
 * that names the imported quarter); when neither accepts it, the first refusal.
 */
function readScenario(file: string | undefined, withFile: ReferenceData): { scenario: Scenario; source: string; ref: ReferenceData } {
  try {
    return { ...readScenarioFile(file, referenceData), ref: referenceData };
  } catch (first) {
    if (!(first instanceof CommandFailure)) throw first;
    try {
      return { ...readScenarioFile(file, withFile), ref: withFile };
    } catch {
      throw first;
    }
  }
}

export const importAsp: Command = {
  name: 'import-asp',
  summary: "read a CMS payment limit file (CSV or xlsx): its quarter, rows, codes added and removed, and the quarter's impact on a formulary",
  usage: 'import-asp FILE [--scenario FILE] [--json]',
  options: {
    scenario: { kind: 'value', valueName: 'FILE', description: 'scenario JSON file whose formulary to assess (default: the embedded sample)' },
    json: { kind: 'flag', description: 'print the comparison (quarter, code changes, impact) as JSON' },
  },
  async run(args, io) {
    if (args.positionals.length !== 1) {
      throw new UsageError(args.positionals.length === 0 ? 'needs the FILE to import (a CMS payment limit file, CSV or xlsx)' : `takes one FILE, got ${args.positionals.length}`);
    }
    const file = args.positionals[0] as string;
    const imported = await readPaymentLimitFile(file);
    const embedded = new ReferenceBook(referenceData);
    const { scenario, source, ref } = readScenario(args.values['scenario'], embedded.withQuarter(imported).data);
    const comparison = compareImportedQuarter(embedded, imported, resolveScenario(scenario, ref));

    if (args.flags.has('json')) {
      io.out(
        JSON.stringify(
          {
            file: imported.source,
            quarter: imported.quarter,
            effective: imported.effective,
            effectiveFrom: imported.effectiveFrom,
            effectiveTo: imported.effectiveTo,
            rows: imported.rows.length,
            embeddedQuarter: comparison.baseline.quarter,
            direction: comparison.direction,
            codes: quarterDiffReport(comparison.diff),
            impact: comparison.impact === null ? null : quarterImpactReport(comparison.impact),
          },
          null,
          2,
        ),
      );
      return 0;
    }

    const lines = [
      `CMS payment limit file "${imported.source}"`,
      `Quarter:   ${imported.quarter}, ${period(imported)}`,
      `Rows:      ${imported.rows.length}`,
      `Embedded:  ${comparison.baseline.quarter}, ${period(comparison.baseline)}, ${comparison.baseline.rows.length} rows`,
      '',
      direction(comparison),
    ];
    if (comparison.impact !== null) {
      lines.push('', ...codeLines(comparison.diff, embedded.catalog.size), '', ...impactLines(comparison.impact, scenario.name, source));
    }
    io.out(lines.join('\n'));
    return 0;
  },
};
