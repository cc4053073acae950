/** Reading `--scenario FILE` for any command: the embedded sample when absent. */
import { readFileSync } from 'node:fs';
import type { ReferenceData } from '../engine/reference';
import { formatIssue, loadScenario, sampleScenario, type Scenario } from '../scenario';
import { CommandFailure } from './command';

export function readScenarioFile(file: string | undefined, ref: ReferenceData): { scenario: Scenario; source: string } {
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
  return { scenario: loaded.scenario, source: file };
}
