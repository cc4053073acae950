/** Reading `--scenario FILE` for any command: the embedded sample when absent. */
import { readFileSync } from 'node:fs';
import type { ReferenceData } from '../engine/reference';
import { formatIssue, loadScenario, sampleScenario, scenarioWarnings, type Scenario } from '../scenario';
import { CommandFailure } from './command';

/**
 * `warn`, when given, receives each warning of DOMAIN.md 5.5 ("warning: drugs[2].dose: ...") for a file that
 * loads; the command goes on.
 */
export function readScenarioFile(file: string | undefined, ref: ReferenceData, warn?: (line: string) => void): { scenario: Scenario; source: string } {
  if (file === undefined) return { scenario: sampleScenario, source: 'the embedded sample scenario' };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CommandFailure(`cannot read scenario file "${file}": ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let json: unknown;
  try {
    // A UTF-8 byte-order mark (Notepad writes one) is not part of the JSON.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CommandFailure(`scenario file "${file}" is not valid JSON: ${(e as Error).message}`);
  }
  const loaded = loadScenario(json, ref);
  if (!loaded.ok) {
    throw new CommandFailure(`scenario file "${file}" is not valid (${loaded.errors.length} problem${loaded.errors.length === 1 ? '' : 's'}):`, loaded.errors.map(formatIssue));
  }
  if (warn !== undefined) for (const w of scenarioWarnings(loaded.scenario, ref)) warn(`warning: ${formatIssue(w)}`);
  return { scenario: loaded.scenario, source: file };
}
