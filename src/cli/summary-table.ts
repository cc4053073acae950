/**
 * The formulary summary printed by `model` and `board`: per drug, margin per administration by payer, the
 * mix-weighted margin, administrations and margin in the last full year of the horizon, underwater payers;
 * then the program's break-even, payback, NPV, peak working capital and capacity use.
 */
import type { ModelReport } from '../engine/report';
import { num1, pct, usd, usd0 } from './format';
import { formatReadiness } from './launch-summary';


/** A plain-text table; columns from `rightFrom` on are right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], rightFrom: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i >= rightFrom ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatSummary(r: ModelReport): string {
  const lastYear = r.summary.years[r.summary.years.length - 1];
  const y = lastYear ? lastYear.year : 1;
  const header = ['Drug', 'Dose', ...r.payers.map((p) => p.id), 'Mix', `Admins yr ${y}`, `Margin yr ${y}`, 'Underwater with'];
  const rows = r.drugs.map((d) => {
    const year = d.years.find((x) => x.year === y);
    return [
      `${d.hcpcs} ${d.label}`,
      `${d.dose} ${d.billingUnit.replace(/^[\d.]+\s*/, '').toLowerCase()}`,
      ...d.perPayer.map((p) => usd.format(p.margin)),
      usd.format(d.mix.margin),
      year ? num1.format(year.administrations) : '',
      year ? usd0.format(year.margin) : '',
      d.underwaterPayers.length === 0 ? '-' : d.underwaterPayers.join(', '),
    ];
  });
  const s = r.summary;
  const program = [
    `Break-even month:      ${s.breakEvenMonth === null ? 'not within the horizon' : `operating month ${s.breakEvenMonth}`}`,
    `Payback month:         ${s.paybackMonth === null ? 'not within the horizon' : `operating month ${s.paybackMonth}`}`,
    `NPV:                   ${usd0.format(s.npv)}`,
    `Peak working capital:  ${usd0.format(s.peakWorkingCapital)}`,
    `Chair use:             peak ${pct.format(s.peakUtilization)}, average ${pct.format(s.averageUtilization)} of open chair hours` +
      (s.monthsOverCapacity.length > 0 ? `; over capacity in operating months ${s.monthsOverCapacity.join(', ')}` : '; never over capacity'),
    `Nurses needed (peak):  ${num1.format(s.peakNursesNeeded)}`,
    ...s.years.map((yr) => `Year ${yr.year}:  ${num1.format(yr.administrations)} administrations, net revenue ${usd0.format(yr.netRevenue)}, drug cost ${usd0.format(yr.drugCost)}, margin ${usd0.format(yr.margin)}, net after fixed costs ${usd0.format(yr.net)}`),
  ];
  const mix = r.payers.map((p) => `${p.id} ${pct.format(p.weight)}`).join(', ');
  return [
    `${r.practiceName}: ${r.name}`,
    `Payment limits ${r.quarter}, fee schedule CY${r.feeScheduleYear}; payer mix ${mix}`,
    '',
    'Margin per administration, by payer (net revenue - drug cost):',
    table(header, rows, 2),
    '',
    ...program,
    ...formatReadiness(r.launch),
  ].join('\n');
}
