/** `infusion-planner model [--scenario FILE] [--json]`: the full results, as JSON or a readable summary. */
import { accessRisk, accessRiskReport } from '../../engine/access';
import { ReferenceBook } from '../../engine/book';
import { runModel } from '../../engine/model';
import { modelReport } from '../../engine/report';
import { demand, demandReport } from '../../engine/demand';
import { formatDemand } from '../demand-table';
import { referenceData } from '../../data';
import { resolveScenario } from '../../scenario';
import type { Command } from '../command';
import { readScenarioFile } from '../scenario-file';
import { finiteJson } from '../format';
import { formatSummary } from '../summary-table';

export const model: Command = {
  name: 'model',
  summary: 'compute the model for a scenario and print a summary (or the full results as JSON)',
  usage: 'model [--scenario FILE] [--json]',
  options: {
    scenario: { kind: 'value', valueName: 'FILE', description: 'scenario JSON file (default: the embedded sample)' },
    json: { kind: 'flag', description: 'print the full results (per drug x payer, mix, projection, summary) as JSON' },
  },
  run(args, io) {
    const { scenario } = readScenarioFile(args.values['scenario'], referenceData, (line) => io.err(line));
    const book = new ReferenceBook(referenceData);
    const results = runModel(book, resolveScenario(scenario, referenceData));
    const report = modelReport(results);
    // Issue 14: the demand, when the scenario has a market.
    const market = results.input.market;
    const demandOut = market === undefined ? null : demandReport(demand(market));
    // DOMAIN.md 5.7: the patients' year-1 out-of-pocket and how many would pay more than the threshold without help.
    if (args.flags.has('json')) io.out(finiteJson({ ...report, accessRisk: accessRiskReport(accessRisk(book, results)), demand: demandOut }));
    else io.out(formatSummary(report) + (market === undefined || demandOut === null ? '' : `\n\n${formatDemand(demandOut, market.driveTimeMinutes, market.travelShare)}`));
    return 0;
  },
};
