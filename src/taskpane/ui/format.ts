/** How figures read on screen (en-US, as the CMS files and the board workbook write them). */

const money0 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const money2 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** "$1,234.56"; negative as "-$1,234.56". */
export function money(n: number): string {
  return money2.format(n);
}

/** "$50,435" (program totals, where cents are noise). */
export function moneyRounded(n: number): string {
  return money0.format(n);
}

/** "$1.2M", "$850K", "-$40K": axis labels. */
export function moneyShort(n: number): string {
  const a = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e3) return `${sign}$${(a / 1e3).toFixed(a >= 1e4 ? 0 : 1)}K`;
  return `${sign}$${a.toFixed(0)}`;
}

/** 0.27 -> "27%"; 0.1234 -> "12.3%". */
export function percent(fraction: number): string {
  const p = fraction * 100;
  const digits = Number.isInteger(Math.round(p * 10) / 10) ? 0 : 1;
  return `${p.toFixed(digits)}%`;
}

export function num(n: number): string {
  return number.format(n);
}

/** "month 7" or "not within the horizon". */
export function monthText(m: number | null): string {
  return m === null ? 'not within the horizon' : `month ${m}`;
}
