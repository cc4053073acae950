/**
 * The state the custom functions, the task pane and the command line share. The add-in runs in a shared
 * runtime (one JavaScript context for the functions and the task pane), so one store serves both: the
 * reference book in use (the embedded data plus any imported CMS quarter) and the scenario's payer profiles,
 * its own drugs (DOMAIN.md 5.4) and the drug sources it sets per drug (5.1).
 *
 * Tiny and synchronous. Every change bumps `version` (the functions' memo is keyed on it) and calls the
 * listeners; the task pane subscribes and asks Excel to recalculate, since Excel cannot know that a cell
 * such as =INFUSION.PAYMENTLIMIT("J1745") now has a new answer.
 */
import { referenceData as embeddedData } from '../data';
import { ReferenceBook } from '../engine/book';
import { type Dec, ONE, dec } from '../engine/decimal';
import { BUILTIN_PAYERS, builtinPayer } from '../engine/payers';
import type { CatalogDrug, PaymentLimitQuarter, ReferenceData } from '../engine/reference';
import type { DrugSourceTerms, PayerProfile } from '../engine/types';
import type { ScenarioFunctionTerms } from '../scenario/function-terms';

/**
 * What changed: a quarter was added, the scenario's terms (payers, own drugs, per-drug drug sources) were
 * replaced, or all reference data was reset.
 */
export type StoreChange = 'quarter' | 'payers' | 'reference';
export type StoreListener = (change: StoreChange) => void;

/** A payer id as the store keys it: trimmed, upper case. */
export function payerKey(id: string): string {
  return id.trim().toUpperCase();
}

export class FunctionStore {
  private data: ReferenceData;
  private current: ReferenceBook | null = null;
  private custom = new Map<string, PayerProfile>();
  /** The scenario's own drugs (DOMAIN.md 5.4), and the book the functions use with them (null = not built yet). */
  private ownDrugs: readonly CatalogDrug[] = [];
  private withOwnDrugs: ReferenceBook | null = null;
  /** DOMAIN.md 5.1: the scenario's drug source by HCPCS code, then payer id, where it overrides the payer's own. */
  private sources = new Map<string, ReadonlyMap<string, DrugSourceTerms>>();
  /** DOMAIN.md 5.1 and 5.6: the program's handling cost of a white-bagged administration, and (1 - prompt pay) x (1 - GPO); undefined when none. */
  private handling: Dec | undefined = undefined;
  private discountFactor: Dec | undefined = undefined;
  private readonly listeners = new Set<StoreListener>();
  private changes = 0;

  constructor(private readonly initial: ReferenceData) {
    this.data = initial;
  }

  /** Increases with every change. */
  get version(): number {
    return this.changes;
  }

  /** The reference book in use, built on first use (the newest quarter by id is the default quarter). */
  get book(): ReferenceBook {
    if (this.current === null) this.current = new ReferenceBook(this.data);
    return this.current;
  }

  /**
   * The book the INFUSION functions use: `book`, plus the scenario's own drugs as catalog entries (so that a
   * user's drug has its facts and vial sizes). The same object as `book` when the scenario adds no drug. The
   * task pane, the board and validation use `book`, where a user's drug is not a catalog drug.
   */
  get functionBook(): ReferenceBook {
    if (this.ownDrugs.length === 0) return this.book;
    if (this.withOwnDrugs === null) {
      const data = this.book.data;
      this.withOwnDrugs = new ReferenceBook({ ...data, catalog: [...data.catalog, ...this.ownDrugs] });
    }
    return this.withOwnDrugs;
  }

  /** Adds an imported CMS quarter (or replaces the quarter with the same id). */
  addQuarter(quarter: PaymentLimitQuarter): void {
    this.current = this.book.withQuarter(quarter);
    this.data = this.current.data;
    this.withOwnDrugs = null;
    this.changed('quarter');
  }

  /** Replaces all reference data (tests; a future data update without reloading the add-in). */
  setReferenceData(data: ReferenceData): void {
    this.data = data;
    this.current = null;
    this.withOwnDrugs = null;
    this.changed('reference');
  }

  /** Back to the data the store started with and no scenario terms (a fresh command line run, a test). */
  reset(): void {
    this.data = this.initial;
    this.current = null;
    this.custom = new Map();
    this.ownDrugs = [];
    this.withOwnDrugs = null;
    this.sources = new Map();
    this.handling = undefined;
    this.discountFactor = undefined;
    this.changed('reference');
  }

  /** The scenario's payer profiles; a profile with a built-in id overrides the built-in one. */
  setPayers(profiles: readonly PayerProfile[]): void {
    this.custom = new Map(profiles.map((p) => [payerKey(p.id), p]));
    this.changed('payers');
  }

  /**
   * Everything the functions take from the scenario, in one change: its payer profiles, its own drugs
   * (DOMAIN.md 5.4), the drug sources it sets per drug (5.1), its white-bag handling cost (5.1) and its
   * discounts on the ASP default (5.6). A drug of its own whose code is in the catalog is left out (the
   * scenario's validation refuses one).
   */
  setScenario(terms: ScenarioFunctionTerms): void {
    this.custom = new Map(terms.payers.map((p) => [payerKey(p.id), p]));
    this.ownDrugs = terms.customDrugs.filter((d) => this.book.catalogDrug(d.hcpcs.toUpperCase()) === undefined);
    this.withOwnDrugs = null;
    this.sources = new Map(
      Object.entries(terms.drugSources).map(([code, byPayer]) => [code.toUpperCase(), new Map(Object.entries(byPayer).map(([id, t]) => [payerKey(id), t]))]),
    );
    this.handling = terms.whiteBagHandlingCost > 0 ? dec(terms.whiteBagHandlingCost) : undefined;
    const factor = ONE.minus(dec(terms.promptPayDiscount)).times(ONE.minus(dec(terms.gpoDiscount)));
    this.discountFactor = factor.eq(ONE) ? undefined : factor;
    this.changed('payers');
  }

  /** DOMAIN.md 5.1: the scenario's handling cost of one white-bagged administration; undefined when none. */
  get whiteBagHandlingCost(): Dec | undefined {
    return this.handling;
  }

  /** DOMAIN.md 5.6: what the scenario's prompt-pay and GPO discounts leave of the ASP default; undefined when none. */
  get defaultAcquisitionFactor(): Dec | undefined {
    return this.discountFactor;
  }

  /** DOMAIN.md 5.1: the scenario's drug source for this drug and payer where it sets one; else undefined (the payer's own). */
  drugSource(code: string, payerId: string): DrugSourceTerms | undefined {
    if (this.sources.size === 0) return undefined;
    return this.sources.get(code)?.get(payerId);
  }

  /** The profile for an id (any case, spaces ignored): the scenario's first, then the built-in; or undefined. */
  payer(id: string): PayerProfile | undefined {
    const key = payerKey(id);
    return this.custom.get(key) ?? builtinPayer(key);
  }

  /** Whether the profile for this id comes from the scenario. */
  isScenarioPayer(id: string): boolean {
    return this.custom.has(payerKey(id));
  }

  /** Every profile in use: the built-ins (each replaced by the scenario's of the same id), then the others. */
  payers(): PayerProfile[] {
    const builtins = BUILTIN_PAYERS.map((p) => this.custom.get(p.id) ?? p);
    const others = [...this.custom.entries()].filter(([key]) => builtinPayer(key) === undefined).map(([, p]) => p);
    return [...builtins, ...others];
  }

  /** Calls `listener` after every change; returns the function that unsubscribes it. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private changed(change: StoreChange): void {
    this.changes++;
    const failures: unknown[] = [];
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (e) {
        // Every listener hears of the change even when one fails; the first failure is rethrown after.
        failures.push(e);
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}

/** Where the one store of a JavaScript context lives (see `store`). */
const STORE_KEY = Symbol.for('infusion-planner.function-store');

/**
 * The one store of this JavaScript context, over the embedded reference data. webpack bundles functions.js
 * and the task pane's script separately, each with its own copy of this module; the store is kept on the
 * global object under a registered symbol so that both copies share the instance functions.js creates (it
 * loads first).
 */
const contextGlobal = globalThis as unknown as Record<symbol, FunctionStore | undefined>;
export const store: FunctionStore = (contextGlobal[STORE_KEY] ??= new FunctionStore(embeddedData));
