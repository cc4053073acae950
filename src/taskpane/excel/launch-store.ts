/**
 * Issue 14: where the pane keeps the scenario's launch plan. The Inputs sheet holds no plan (the board's Launch
 * plan sheet shows it), so the plan travels in the document's settings, through the one save path
 * (document-settings.ts), and is put back on the scenario read from the Inputs sheet. It holds the task force's
 * roles, optional staff names (validated: no digits, so no record numbers or dates) and the tasks: no patient data.
 */
import { validateScenario } from '../../scenario';
import type { ScenarioLaunchPlan } from '../../scenario/launch-plan';
import type { ReferenceData } from '../../engine/reference';
import type { Scenario } from '../../scenario/types';
import { saveDocumentSettings } from './document-settings';

const SETTING = 'InfusionPlanner.launchPlan';

function settings(): Office.Settings | null {
  return typeof Office === 'undefined' || !Office.context?.document?.settings ? null : Office.context.document.settings;
}

/** The plan kept in the document, or null. */
export function storedLaunchPlan(): ScenarioLaunchPlan | null {
  const value = settings()?.get(SETTING) as unknown;
  return value !== null && typeof value === 'object' ? (value as ScenarioLaunchPlan) : null;
}

/** Keeps the scenario's plan in the document (removes it when the scenario has none); saves only a change. */
export async function storeLaunchPlan(plan: ScenarioLaunchPlan | undefined): Promise<void> {
  const s = settings();
  if (s === null) return;
  const before = s.get(SETTING) as unknown;
  if (JSON.stringify(before ?? null) === JSON.stringify(plan ?? null)) return;
  await saveDocumentSettings((x) => {
    if (plan === undefined) x.remove(SETTING);
    else x.set(SETTING, plan);
  });
}

/**
 * The scenario read from the Inputs sheet with the document's plan put back (the plan sets the planning months);
 * unchanged when the scenario has a plan already, none is kept, or the plan no longer fits it (a drug or payer
 * it names was removed on the sheet: the plan stays in the document until the pane saves the scenario again).
 */
export function withStoredLaunchPlan(scenario: Scenario, ref: ReferenceData): Scenario {
  if (scenario.launchPlan !== undefined) return scenario;
  const plan = storedLaunchPlan();
  if (plan === null) return scenario;
  const { planningMonths: _pm, ...program } = scenario.program;
  void _pm;
  const next: Scenario = { ...scenario, program, launchPlan: plan };
  return validateScenario(next, ref).ok ? next : scenario;
}
