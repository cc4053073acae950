/**
 * The Results view's figures: the engine run on the scenario, rounded where they leave the engine
 * (engine/report.ts), sorted for reading. When the payer mix does not sum to 100% the per-payer figures are
 * still shown (they do not depend on the mix), but nothing mix-weighted and no projection.
 */
import type { ReferenceBook } from '../../engine/book';
import { dec, ZERO } from '../../engine/decimal';
import { DomainError } from '../../engine/errors';
import { SCENARIO_WEIGHT_TOLERANCE } from '../../engine/mix';
import { runModel } from '../../engine/model';
import { type ModelReport, modelReport } from '../../engine/report';
import type { ReferenceData } from '../../engine/reference';
import { scenarioRun } from './model-run';
import { formatIssue, resolveScenario, scenarioWarnings, validateScenario } from '../../scenario';
import type { Scenario } from '../../scenario/types';

/** The mix's sum in percent (exact decimal), and whether it is 100%. */
export function mixSum(s: Scenario): { readonly percent: number; readonly ok: boolean } {
  let sum = ZERO;
  for (const p of s.payers) sum = sum.plus(dec(p.weight));
  return { percent: sum.times(100).toDecimalPlaces(6).toNumber(), ok: sum.minus(1).abs().lte(SCENARIO_WEIGHT_TOLERANCE) };
}

export interface PayerFigure {
  readonly payerId: string;
  readonly margin: number;
  readonly netRevenue: number;
  readonly drugCost: number;
  /** "not applicable" where the payer's patients get the drug elsewhere (DOMAIN.md 5.1). */
  readonly recovery: number | 'not applicable' | null;
  readonly underwater: boolean;
}

export interface DrugFigures {
  readonly hcpcs: string;
  readonly label: string;
  readonly billingUnit: string;
  readonly dose: number;
  readonly adminCodes: string;
  readonly unitsAdministered: number;
  readonly jwUnits: number;
  readonly vials: number;
  readonly acquisitionPerUnit: number;
  readonly acquisitionIsDefault: boolean;
  readonly perPayer: readonly PayerFigure[];
  /** Mix-weighted; null while the mix is off. */
  readonly mix: { readonly margin: number; readonly recovery: number | 'not applicable' | null; readonly underwater: boolean } | null;
  readonly underwaterPayers: readonly string[];
  readonly marginPerChairHour: number | null;
  readonly distributorVerified: boolean;
}

export interface ProgramFigures {
  readonly breakEvenMonth: number | null;
  readonly paybackMonth: number | null;
  readonly npv: number;
  readonly peakWorkingCapital: number;
  readonly endingCash: number;
  readonly peakUtilization: number;
  readonly averageUtilization: number;
  readonly utilizationTarget: number;
  readonly monthsOverCapacity: readonly number[];
  readonly peakNursesNeeded: number;
  readonly planningMonths: number;
  readonly year1: { readonly netRevenue: number; readonly margin: number; readonly administrations: number; readonly net: number } | null;
  /** Cumulative cash at the end of each month from the start of planning. */
  readonly cumulativeCash: readonly { readonly month: number; readonly operatingMonth: number; readonly value: number }[];
}

export type Results =
  | {
      readonly ok: true;
      readonly quarter: string;
      readonly feeScheduleYear: number;
      readonly payers: readonly { readonly id: string; readonly name: string; readonly weight: number }[];
      readonly mixOk: boolean;
      readonly mixPercent: number;
      /** Sorted: mix-weighted margin, highest first (worst payer margin while the mix is off). */
      readonly drugs: readonly DrugFigures[];
      readonly program: ProgramFigures | null;
      /** DOMAIN.md 5.5: doubtful doses and prices, "drugs[2].dose: ..."; the figures are computed anyway. */
      readonly warnings: readonly string[];
      /** DOMAIN.md 5.6: drugs still priced at the ASP default. */
      readonly atAspDefault: number;
      /** Issue 14: the launch plan's readiness (engine/launch.ts); null without a plan. */
      readonly launch: ModelReport['launch'];
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Runs the model for the scenario. Never throws: a scenario the engine cannot run gives its problems. */
export function computeResults(scenario: Scenario, book: ReferenceBook, ref: ReferenceData): Results {
  const mix = mixSum(scenario);
  // Everything but the mix must be valid; the mix may be off while the user is typing weights.
  const validation = validateScenario(scenario, ref);
  if (!validation.ok) {
    const problems = validation.errors.filter((e) => !(e.path === 'payers' && e.message.startsWith('weights sum')));
    if (problems.length > 0) return { ok: false, problems: problems.map(formatIssue) };
  }
  try {
    const input = resolveScenario(scenario, ref);
    // With the mix off, run on even weights for the per-payer figures and drop everything mix-weighted.
    const evenWeights = input.payers.map(() => 1 / input.payers.length);
    const adjusted = mix.ok ? {} : { weights: evenWeights.map((w, i) => (i === 0 ? 1 - (evenWeights.length - 1) * w : w)) };
    // At the scenario's own mix, the run the Inputs sheet's read already made, if any (model-run.ts).
    const report = modelReport(mix.ok && ref === book.data ? scenarioRun(book, scenario) : runModel(book, input, adjusted));
    const drugs: DrugFigures[] = report.drugs.map((d) => {
      const first = d.perPayer[0];
      return {
        hcpcs: d.hcpcs,
        label: d.label,
        billingUnit: d.billingUnit,
        dose: d.dose,
        adminCodes: d.adminCodes,
        unitsAdministered: first?.unitsAdministered ?? 0,
        jwUnits: first?.jwUnits ?? 0,
        vials: first?.vialCount ?? 0,
        acquisitionPerUnit: first?.acquisitionPerUnit ?? 0,
        acquisitionIsDefault: first?.acquisitionIsDefault ?? true,
        perPayer: d.perPayer.map((p) => ({
          payerId: p.payer,
          margin: p.margin,
          netRevenue: p.netRevenue,
          drugCost: p.drugCost,
          recovery: p.recovery,
          underwater: p.underwater,
        })),
        mix: mix.ok ? { margin: d.mix.margin, recovery: d.mix.recovery, underwater: d.mix.underwater } : null,
        underwaterPayers: d.underwaterPayers,
        marginPerChairHour: mix.ok ? d.marginPerChairHour : null,
        distributorVerified: d.distributorVerified,
      };
    });
    const worst = (d: DrugFigures): number => Math.min(...d.perPayer.map((p) => p.margin));
    drugs.sort((a, b) => (a.mix && b.mix ? b.mix.margin - a.mix.margin : worst(b) - worst(a)));
    const s = report.summary;
    const year1 = s.years[0];
    const program: ProgramFigures | null = mix.ok
      ? {
          breakEvenMonth: s.breakEvenMonth,
          paybackMonth: s.paybackMonth,
          npv: s.npv,
          peakWorkingCapital: s.peakWorkingCapital,
          endingCash: s.endingCash,
          peakUtilization: s.peakUtilization,
          averageUtilization: s.averageUtilization,
          utilizationTarget: input.program.utilizationTarget,
          monthsOverCapacity: s.monthsOverCapacity,
          peakNursesNeeded: s.peakNursesNeeded,
          planningMonths: input.program.planningMonths,
          year1: year1 ? { netRevenue: year1.netRevenue, margin: year1.margin, administrations: year1.administrations, net: year1.net } : null,
          cumulativeCash: report.months.map((m) => ({ month: m.month, operatingMonth: m.operatingMonth, value: m.cumulativeCash })),
        }
      : null;
    return {
      ok: true,
      quarter: report.quarter,
      feeScheduleYear: report.feeScheduleYear,
      payers: scenario.payers.map((p) => ({ id: p.id, name: p.name, weight: p.weight })),
      mixOk: mix.ok,
      mixPercent: mix.percent,
      drugs,
      program,
      warnings: scenarioWarnings(scenario, ref).map(formatIssue),
      atAspDefault: drugs.filter((d) => d.acquisitionIsDefault).length,
      launch: report.launch,
    };
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, problems: [e.message] };
    return { ok: false, problems: [e instanceof Error ? e.message : String(e)] };
  }
}
