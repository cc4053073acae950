/**
 * Issue 14: where the pane keeps the scenario's launch plan. The Inputs sheet holds no plan (the board's Launch
 * plan sheet shows it), so the plan travels in the document's settings, through the one save path
 * (document-settings.ts, SETTING_KEYS.launchPlan), and is put back on the scenario read from the Inputs sheet. It holds the task force's
 * roles, optional staff names (validated: no digits, so no record numbers or dates) and the tasks: no patient data.
 */
import { validateScenario } from '../../scenario';
import type { ScenarioLaunchPlan } from '../../scenario/launch-plan';
import type { ReferenceData } from '../../engine/reference';
import type { Scenario } from '../../scenario/types';
import { SETTING_KEYS, type SettingsPort } from '../services';
import { officeDocumentSettings } from './document-settings';

const SETTING = SETTING_KEYS.launchPlan;

/** The document's settings through the one adapter (document-settings.ts); null outside Office (Node tests). */
function settings(): SettingsPort | null {
  return typeof Office === 'undefined' || !Office.context?.document?.settings ? null : officeDocumentSettings();
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
  if (JSON.stringify(s.get(SETTING) ?? null) === JSON.stringify(plan ?? null)) return;
  if (plan === undefined) s.remove(SETTING);
  else s.set(SETTING, plan);
  await s.save();
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
