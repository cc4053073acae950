/**
 * The scenario layer: the scenario file format, its defaults, validation, migration and resolution into
 * the engine's input. No I/O: callers parse the JSON and hand over the value.
 */
export { SCENARIO_FORMAT_VERSION, PAYER_TERM_KEYS, PAYER_SOURCE_KEYS, PAYER_COVERAGE_KEYS } from './types';
export type {
  Scenario,
  ScenarioCustomDrug,
  ScenarioDrug,
  ScenarioDrugSource,
  ScenarioPayer,
  ScenarioProgram,
  ScenarioFixedCost,
  ScenarioDrugDemand,
  ScenarioMarket,
  ScenarioMarketArea,
  PayerTerms,
  ValidationIssue,
} from './types';
export * from './defaults';
export {
  validateScenario,
  formatIssue,
  HCPCS_PATTERN,
  PAYER_ID_PATTERN,
  QUARTER_PATTERN,
  type ScenarioValidation,
} from './validate';
export {
  migrateScenario,
  migrateDocument,
  MIGRATIONS,
  MigrationChainError,
  type MigrationStep,
  type MigrationResult,
} from './migrate';
export { loadScenario, type ScenarioLoad } from './load';
export {
  resolveScenario,
  scenarioDefaultsApplied,
  ScenarioResolutionError,
  type AppliedDefault,
  type AppliedDefaultValue,
} from './resolve';
export { sampleScenario } from './sample';
export { sameScenario } from './equal';
export { scenarioWarnings } from './warnings';
export { defaultLaunchPlan, resolveLaunchPlan, REMS_PROGRAMS, TEMPLATE_LABEL, TEMPLATE_MONTHS, type ScenarioLaunchPlan, type ScenarioLaunchMember } from './launch-plan';
export { resolveMarket, resolveMarketAreas, applyAdoptedDemand } from './market';
