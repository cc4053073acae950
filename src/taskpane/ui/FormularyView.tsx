/**
 * Formulary: find drugs in the catalog (brand, generic name, HCPCS code, therapeutic area) and add them,
 * biosimilars listed beside their reference product; then, per drug, the dose or the patient weight, new
 * patients a month and the ramp, the acquisition price (the default shown and labelled), distributor
 * availability and which payers need prior authorization; the drug's own payer mix and drug source by payer
 * (DOMAIN.md 5.1-5.2). A drug the catalog lacks is added with its facts (5.4) and labelled as the user's.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  SearchBox,
  Select,
  Subtitle2,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { ReferenceBook } from '../../engine/book';
import { roundUnitPrice } from '../../engine/decimal';
import type { CatalogDrug, Complexity, ReferenceData } from '../../engine/reference';
import { doseFor } from '../../engine/regimen';
import {
  DEFAULT_DRUG_DISCONTINUATION_RATE,
  DEFAULT_PATIENT_WEIGHT_KG,
  PRIOR_AUTH_EXEMPT_PAYER_IDS,
} from '../../scenario/defaults';
import { customFacts } from '../../scenario/resolve';
import type { Scenario, ScenarioDrug } from '../../scenario/types';
import { cannotAdd, drugName, searchCatalog } from '../model/catalog';
import { draftOf } from '../model/custom-drug';
import {
  addCustomDrug,
  addDrug,
  basePayerOf,
  priorAuthPayersOf,
  removeDrug,
  resetPriorAuth,
  setDistributorVerified,
  setDrugNumber,
  setComplexity,
  setCustomFacts,
  setPriorAuth,
} from '../model/edit';
import { FIELDS } from '../model/fields';
import { AddCustomDrug, CustomDrugForm, DrugPayerTerms } from './DrugTermsEditor';
import { NumberField } from './fields';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  results: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, maxHeight: '260px', overflowY: 'auto' },
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  biosimilar: { paddingLeft: tokens.spacingHorizontalXL },
  rowText: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' },
  sub: { color: tokens.colorNeutralForeground3 },
  added: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap', flexShrink: 0, maxWidth: '96px', textAlign: 'right' },
  header: { display: 'flex', flexDirection: 'column', minWidth: 0, alignItems: 'flex-start' },
  headerLine: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap', alignItems: 'center' },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalM },
  pair: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(130px, 1fr))', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, alignItems: 'start' },
  checks: { display: 'flex', flexDirection: 'column' },
  empty: { color: tokens.colorNeutralForeground3 },
});

export interface FormularyViewProps {
  readonly scenario: Scenario;
  readonly book: ReferenceBook;
  readonly referenceData: ReferenceData;
  readonly edit: (f: (s: Scenario) => Scenario) => void;
}

function catalogOf(ref: ReferenceData, code: string): CatalogDrug | undefined {
  return ref.catalog.find((d) => d.hcpcs === code);
}

/** A formulary drug's facts: the catalog's, or for a drug of the user's own the facts given (DOMAIN.md 5.4). */
function factsOf(ref: ReferenceData, drug: ScenarioDrug): CatalogDrug | undefined {
  return drug.custom === undefined ? catalogOf(ref, drug.hcpcs) : customFacts(drug.hcpcs, drug.custom, ref);
}

/** "Avsola (infliximab-axxq)", or the user's own name for a drug of theirs. */
function nameOf(drug: ScenarioDrug, facts: CatalogDrug | undefined): string {
  return drug.custom !== undefined ? drug.custom.name : facts ? drugName(facts) : drug.hcpcs;
}

export function FormularyView(props: FormularyViewProps) {
  const styles = useStyles();
  const { scenario, book, referenceData, edit } = props;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<string[]>([]);
  const quarter = scenario.quarter ?? book.newestQuarter;
  const inFormulary = useMemo(() => new Set(scenario.drugs.map((d) => d.hcpcs)), [scenario.drugs]);
  const families = useMemo(() => searchCatalog(referenceData.catalog, query), [referenceData.catalog, query]);

  const add = (code: string): void => {
    edit((s) => addDrug(s, code));
    setOpen((o) => [...o, code]);
  };

  const resultRow = (drug: CatalogDrug, biosimilarOf: CatalogDrug | null) => {
    const why = cannotAdd(referenceData, quarter, drug, inFormulary);
    return (
      <li key={drug.hcpcs} className={biosimilarOf ? `${styles.row} ${styles.biosimilar}` : styles.row}>
        <span className={styles.rowText}>
          <Body1>{drugName(drug)}</Body1>
          <Caption1 className={styles.sub}>
            {drug.hcpcs} · {drug.area} · {drug.route}
            {biosimilarOf ? ` · biosimilar of ${biosimilarOf.brand}` : ''}
          </Caption1>
        </span>
        {why === null ? (
          <Button size="small" appearance="primary" onClick={() => add(drug.hcpcs)} aria-label={`Add ${drugName(drug)}, ${drug.hcpcs}`}>
            Add
          </Button>
        ) : (
          <Caption1 className={styles.added}>{why === 'In the formulary' ? 'Added' : why}</Caption1>
        )}
      </li>
    );
  };

  return (
    <div className={styles.section}>
      <section className={styles.section} aria-labelledby="catalog-heading">
        <Subtitle2 as="h2" id="catalog-heading">
          Drug catalog
        </Subtitle2>
        <SearchBox
          placeholder="Brand, generic, HCPCS or area"
          aria-label="Search the drug catalog by brand, generic name, HCPCS code or therapeutic area"
          value={query}
          onChange={(_e, data) => setQuery(data.value)}
        />
        <ul className={styles.results} aria-label="Catalog drugs">
          {families.length === 0 ? (
            <li className={styles.empty}>No catalog drug matches “{query}”.</li>
          ) : (
            families.flatMap((f) => [resultRow(f.reference, null), ...f.biosimilars.map((b) => resultRow(b, f.reference))])
          )}
        </ul>
      </section>

      <section className={styles.section} aria-labelledby="formulary-heading">
        <Subtitle2 as="h2" id="formulary-heading">
          Proposed formulary ({scenario.drugs.length} {scenario.drugs.length === 1 ? 'drug' : 'drugs'})
        </Subtitle2>
        {scenario.drugs.length === 0 ? <Text className={styles.empty}>No drugs yet: add them from the catalog above.</Text> : null}
        <Accordion multiple collapsible openItems={open} onToggle={(_e, data) => setOpen(data.openItems.map(String))}>
          {scenario.drugs.map((d) => {
            const facts = factsOf(referenceData, d);
            return (
              <AccordionItem value={d.hcpcs} key={d.hcpcs}>
                <AccordionHeader>
                  <span className={styles.header}>
                    <Body1>{nameOf(d, facts)}</Body1>
                    <span className={styles.headerLine}>
                      <Caption1 className={styles.sub}>{d.hcpcs}</Caption1>
                      {d.custom ? (
                        <Badge size="small" appearance="outline" color="brand">
                          your drug
                        </Badge>
                      ) : null}
                      {facts?.referenceHcpcs ? (
                        <Badge size="small" appearance="outline" color="informative">
                          biosimilar
                        </Badge>
                      ) : null}
                      {d.distributorVerified ? null : (
                        <Badge size="small" appearance="tint" color="warning">
                          supply not verified
                        </Badge>
                      )}
                    </span>
                  </span>
                </AccordionHeader>
                <AccordionPanel>
                  <DrugEditor drug={d} facts={facts} scenario={scenario} book={book} referenceData={referenceData} quarter={quarter} edit={edit} />
                </AccordionPanel>
              </AccordionItem>
            );
          })}
        </Accordion>
      </section>

      <AddCustomDrug
        scenario={scenario}
        book={book}
        referenceData={referenceData}
        quarter={quarter}
        onAdd={(code, custom) => {
          edit((s) => addCustomDrug(s, code, custom));
          setOpen((o) => [...o, code]);
        }}
      />
    </div>
  );
}

/** "Biosimilar of Remicade (J1745). 5 mg/kg weeks 0, 2, 6 then every 8 weeks; ..." */
function describeDrug(drug: ScenarioDrug, facts: CatalogDrug, book: ReferenceBook): string {
  if (drug.custom !== undefined) return 'Your drug: its facts are yours (below), its price the CMS payment limit.';
  if (facts.referenceHcpcs === null) return `Label: ${facts.labelNote}`;
  const ref = book.catalogDrug(facts.referenceHcpcs);
  return `Biosimilar of ${ref ? ref.brand : facts.referenceHcpcs} (${facts.referenceHcpcs}).${ref ? ` Label: ${ref.labelNote}` : ''}`;
}

function DrugEditor(props: {
  drug: ScenarioDrug;
  facts: CatalogDrug | undefined;
  scenario: Scenario;
  book: ReferenceBook;
  referenceData: ReferenceData;
  quarter: string;
  edit: (f: (s: Scenario) => Scenario) => void;
}) {
  const styles = useStyles();
  const { drug, facts, scenario, book, referenceData, quarter, edit } = props;
  const code = drug.hcpcs;
  const name = nameOf(drug, facts);
  // Where a default comes from: the catalog, or the facts the user gave for a drug of their own (DOMAIN.md 5.4).
  const factsLabel = drug.custom ? 'your drug' : 'catalog';
  let unitText = '';
  let measure = '';
  let aspText = 'the derived ASP';
  try {
    const unit = book.billingUnit(code, quarter);
    unitText = unit.text.toLowerCase();
    measure = unit.measure.toLowerCase();
    aspText = `$${roundUnitPrice(book.asp(code, quarter)).toFixed(3)} per ${unitText}`;
  } catch {
    // An unpriced code: the formulary view still shows it; Results names the problem.
  }
  const weightBased = facts !== undefined && facts.dose.kind !== 'fixed';
  const patientWeight = scenario.patientWeightKg ?? DEFAULT_PATIENT_WEIGHT_KG.value;
  const weight = drug.weightKg ?? patientWeight;
  let doseText = '';
  if (facts !== undefined && drug.dose === undefined) {
    try {
      const dose = doseFor(facts.dose, weight);
      doseText = facts.dose.kind === 'per_kg' ? `${dose.toString()} ${measure} (${facts.dose.perKg} ${measure}/kg at ${weight} kg)` : `${dose.toString()} ${measure} at ${weight} kg`;
    } catch (e) {
      doseText = e instanceof Error ? e.message : String(e);
    }
  }
  const needsWac = scenario.payers.some((p) => (p.drugRule ?? basePayerOf(p)?.drugRule)?.kind === 'wac_percent');
  const paList = priorAuthPayersOf(scenario, drug);
  const paDefault = drug.priorAuthPayers === undefined;

  return (
    <div className={styles.panel} role="group" aria-label={`${name} settings`}>
      {facts ? <Caption1 className={styles.sub}>{describeDrug(drug, facts, book)}</Caption1> : null}
      <div className={styles.pair}>
        {weightBased ? (
          <NumberField
            label="Patient weight"
            unit="kg"
            spec={FIELDS.weightKg}
            value={drug.weightKg}
            defaultInfo={{ display: `${patientWeight} kg`, label: scenario.patientWeightKg === undefined ? 'assumption' : "scenario's patient weight" }}
            hint={doseText === '' ? undefined : `Dose ${doseText}.`}
            onCommit={(v) => edit((s) => setDrugNumber(s, code, 'weightKg', v))}
          />
        ) : (
          <NumberField
            label="Dose"
            unit={measure}
            spec={FIELDS.dose}
            value={drug.dose}
            defaultInfo={facts && facts.dose.kind === 'fixed' ? { display: `${facts.dose.amount} ${measure}`, label: factsLabel } : undefined}
            onCommit={(v) => edit((s) => setDrugNumber(s, code, 'dose', v))}
          />
        )}
        <NumberField
          label="New patients / month"
          spec={FIELDS.newPatientsPerMonth}
          value={drug.newPatientsPerMonth}
          onCommit={(v) => edit((s) => setDrugNumber(s, code, 'newPatientsPerMonth', v ?? 0))}
        />
        <NumberField
          label="Ramp to target"
          unit="months"
          spec={FIELDS.rampMonths}
          value={drug.rampMonths}
          onCommit={(v) => edit((s) => setDrugNumber(s, code, 'rampMonths', v ?? 0))}
        />
        <NumberField
          label="Discontinuation / year"
          unit="%"
          spec={FIELDS.discontinuationRate}
          value={drug.discontinuationRate}
          defaultInfo={{ display: DEFAULT_DRUG_DISCONTINUATION_RATE.display, label: 'assumption' }}
          onCommit={(v) => edit((s) => setDrugNumber(s, code, 'discontinuationRate', v))}
        />
      </div>
      <NumberField
        label={`Acquisition price per ${unitText || 'billing unit'}`}
        unit="$"
        spec={FIELDS.acquisitionPerUnit}
        value={drug.acquisitionPerUnit}
        defaultInfo={{ display: aspText, label: 'assumption: derived ASP' }}
        hint="Your distributor contract price per billing unit."
        onCommit={(v) => edit((s) => setDrugNumber(s, code, 'acquisitionPerUnit', v))}
      />
      {needsWac ? (
        <NumberField
          label={`WAC per ${unitText || 'billing unit'}`}
          unit="$"
          spec={FIELDS.wacPerUnit}
          value={drug.wacPerUnit}
          hint="Needed because a payer pays a percent of WAC."
          onCommit={(v) => edit((s) => setDrugNumber(s, code, 'wacPerUnit', v))}
        />
      ) : null}
      <div className={styles.pair}>
        <NumberField
          label="Infusion time"
          unit="min"
          spec={FIELDS.infusionMinutes}
          value={drug.infusionMinutes}
          defaultInfo={facts ? { display: `${facts.infusionMinutes} min`, label: factsLabel } : undefined}
          onCommit={(v) => edit((s) => setDrugNumber(s, code, 'infusionMinutes', v))}
        />
        <NumberField
          label="Chair prep and observation"
          unit="min"
          spec={FIELDS.chairExtraMinutes}
          value={drug.chairExtraMinutes}
          defaultInfo={facts ? { display: `${facts.chairExtraMinutes} min`, label: factsLabel } : undefined}
          onCommit={(v) => edit((s) => setDrugNumber(s, code, 'chairExtraMinutes', v))}
        />
      </div>
      <Field
        label={
          <span className={styles.headerLine}>
            Administration coding
            {drug.complexity === undefined ? (
              <Badge appearance="tint" color="warning" size="small">
                default: {factsLabel}
              </Badge>
            ) : null}
          </span>
        }
        hint="Complex (96401-96417) or therapeutic (96365-96374); contractors differ."
      >
        <Select
          value={drug.complexity ?? ''}
          onChange={(_e, data) => edit((s) => setComplexity(s, code, data.value === '' ? undefined : (data.value as Complexity)))}
        >
          <option value="">{drug.custom ? 'Your drug' : 'Catalog'}: {facts?.complexity ?? 'unknown'}</option>
          <option value="complex">Complex</option>
          <option value="therapeutic">Therapeutic</option>
        </Select>
      </Field>
      <Switch
        checked={drug.distributorVerified}
        label={drug.distributorVerified ? 'Distributor availability verified' : 'Distributor availability not verified yet'}
        onChange={(_e, data) => edit((s) => setDistributorVerified(s, code, data.checked))}
      />
      <Field
        label={
          <span className={styles.headerLine}>
            Prior authorization required by
            {paDefault ? (
              <Badge appearance="tint" color="warning" size="small">
                default: every payer but {PRIOR_AUTH_EXEMPT_PAYER_IDS.join(', ')}
              </Badge>
            ) : null}
          </span>
        }
      >
        <div className={styles.checks} role="group" aria-label={`Payers requiring prior authorization for ${name}`}>
          {scenario.payers.map((p) => (
            <Checkbox
              key={p.id}
              label={p.name}
              checked={paList.includes(p.id)}
              onChange={(_e, data) => edit((s) => setPriorAuth(s, code, p.id, data.checked === true))}
            />
          ))}
          {paDefault ? null : (
            <Button size="small" appearance="transparent" onClick={() => edit((s) => resetPriorAuth(s, code))}>
              Back to the default
            </Button>
          )}
        </div>
      </Field>
      <DrugPayerTerms drug={drug} name={name} scenario={scenario} edit={edit} />
      {drug.custom !== undefined ? (
        <Accordion collapsible>
          <AccordionItem value="facts">
            <AccordionHeader size="small">Facts of your drug</AccordionHeader>
            <AccordionPanel>
              <CustomDrugForm
                scenario={scenario}
                book={book}
                referenceData={referenceData}
                quarter={quarter}
                editing={{ hcpcs: code, draft: draftOf(code, drug.custom) }}
                onSubmit={(_code, custom) => edit((s) => setCustomFacts(s, code, custom))}
              />
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      ) : null}
      <div>
        <Button appearance="secondary" onClick={() => edit((s) => removeDrug(s, code))} aria-label={`Remove ${name} from the formulary`}>
          Remove from formulary
        </Button>
      </div>
    </div>
  );
}
