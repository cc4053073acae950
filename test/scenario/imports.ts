/** One import point for the scenario tests: the public API, as other layers see it. */
export * from '../../src/scenario';
export type { ReferenceData } from '../../src/engine/reference';
