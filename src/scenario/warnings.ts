/**
 * DOMAIN.md 5.5: what a valid scenario should still be warned about, naming the field, before going on: a
 * dose between 10% and 50% or above 300% of the label's maintenance dose (under 10% is refused by
 * validation), and an acquisition price per unit above 3x the payment limit (likely per vial or package).
 */
import { dec } from '../engine/decimal';
import { checkAcquisitionPrice } from '../engine/dose-check';
import type { ReferenceData } from '../engine/reference';
import { DEFAULT_WEIGHT_KG } from '../engine/regimen';
import { findCatalogDrug, findQuarter, newestQuarter } from './lookup';
import type { Scenario, ValidationIssue } from './types';
import { doseFinding } from './validate';

export function scenarioWarnings(scenario: Scenario, ref: ReferenceData): ValidationIssue[] {
  const warnings: ValidationIssue[] = [];
  const quarterId = scenario.quarter ?? newestQuarter(ref);
  const quarter = quarterId === undefined ? undefined : findQuarter(ref, quarterId);
  scenario.drugs.forEach((drug, i) => {
    const path = `drugs[${i}]`;
    if (drug.dose !== undefined) {
      const weight = drug.weightKg ?? scenario.patientWeightKg ?? DEFAULT_WEIGHT_KG;
      const finding = doseFinding(ref, quarterId, drug.hcpcs, drug.dose, weight, `${path}.dose`);
      if (finding?.level === 'warn') warnings.push({ path: finding.field, message: finding.problem });
    }
    if (drug.acquisitionPerUnit !== undefined && quarter !== undefined) {
      const code = findCatalogDrug(ref, drug.hcpcs)?.hcpcs;
      const row = quarter.rows.find((r) => r.hcpcs === code);
      const limit = row?.paymentLimit === null || row === undefined ? null : dec(row.paymentLimit);
      const finding = checkAcquisitionPrice(dec(drug.acquisitionPerUnit), limit, row?.dosage ?? 'unit', `${path}.acquisitionPerUnit`);
      if (finding !== null) warnings.push({ path: finding.field, message: finding.problem });
    }
  });
  return warnings;
}
