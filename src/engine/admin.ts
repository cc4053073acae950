/**
 * Drug administration codes and their fees: DOMAIN.md 2.3 (rule).
 * National non-facility amount = total non-facility RVU x conversion factor, rounded to cents as CMS
 * publishes it (CMS PFS relative value files PPRRVU25_JAN and PPRRVU2026 July, non-QP).
 * Code choice (CPT time rules): SC/IM -> 96372 (therapeutic) or 96401 (complex); IV of 15 minutes or less ->
 * push, 96374 or 96409; IV over 15 minutes -> initial hour 96365 / 96413 plus one additional-hour code
 * (96366 / 96415) for each full or partial hour running more than 30 minutes past the previous hour.
 * Complex = monoclonal antibodies and other complex biologics (Noridian article 10529; CMS CR 13468).
 */
import { Dec, dec, roundCents } from './decimal';
import { fail } from './errors';
import type { Complexity, FeeSchedule, Route } from './reference';

export interface AdminLine {
  readonly code: string;
  readonly units: number;
}

/** `additionalHours = minutes <= 90 ? 0 : ceil((minutes - 90) / 60)`: 120 -> 1, 150 -> 1, 151 -> 2, 210 -> 2. */
export function additionalHours(minutes: number): number {
  return minutes <= 90 ? 0 : Math.ceil((minutes - 90) / 60);
}

/** The administration codes for one administration of one drug. */
export function adminCodes(route: Route, complexity: Complexity, minutes: number): AdminLine[] {
  if (!Number.isFinite(minutes) || minutes < 0) {
    fail({ code: 'invalid_amount', argument: 'minutes', problem: `must be a number of minutes of at least 0, not ${minutes}` });
  }
  const complex = complexity === 'complex';
  if (route === 'SC') return [{ code: complex ? '96401' : '96372', units: 1 }];
  if (minutes <= 15) return [{ code: complex ? '96409' : '96374', units: 1 }];
  const lines: AdminLine[] = [{ code: complex ? '96413' : '96365', units: 1 }];
  const extra = additionalHours(minutes);
  if (extra > 0) lines.push({ code: complex ? '96415' : '96366', units: extra });
  return lines;
}

/** Codes as Excel shows them: "96413, 96415" (a code billed twice is listed twice). */
export function formatAdminCodes(lines: readonly AdminLine[]): string {
  return lines.flatMap((l) => new Array<string>(l.units).fill(l.code)).join(', ');
}

/** Fee amounts by code for one fee schedule, each RVU x CF rounded to cents. */
export class FeeTable {
  readonly year: number;
  readonly conversionFactor: Dec;
  private readonly amounts = new Map<string, Dec>();

  constructor(readonly schedule: FeeSchedule) {
    this.year = schedule.year;
    this.conversionFactor = dec(schedule.conversionFactor);
    for (const [code, rvu] of Object.entries(schedule.rvu)) {
      this.amounts.set(code, roundCents(dec(rvu).times(this.conversionFactor)));
    }
  }

  /** National non-facility amount of a code. */
  amount(code: string): Dec {
    const a = this.amounts.get(code);
    if (a === undefined) fail({ code: 'missing_fact', drug: `CPT ${code}`, fact: `the ${this.year} fee schedule amount` });
    return a;
  }

  rvu(code: string): Dec | undefined {
    const r = this.schedule.rvu[code];
    return r === undefined ? undefined : dec(r);
  }
}
