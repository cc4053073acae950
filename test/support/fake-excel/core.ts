/**
 * The core of the fake Excel API: request contexts' queued operations, client objects (load, sync, the
 * PropertyNotLoaded rule), errors as Office.js raises them, and the payload limits.
 *
 * Limits (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins):
 * "Excel on the web has a payload size limit for requests and responses of 5MB. RichAPI.Error will be
 * triggered if that limit is exceeded." Both are counted in bytes of UTF-8 JSON: a request is what the
 * batch's operations send (values, formulas, names...), a response what its loads bring back. A request
 * over the limit is refused whole, before anything in it runs; a response over the limit fails the sync.
 * The same page: "A range is limited to five million cells for get operations."
 */
import { type Box, type SheetState, boxAddress, quoteSheet } from './workbook';
import type { RequestContext } from './excel';

/** Excel on the web's limit on one request and on one response, bytes (5 MB). */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** Cells one get operation may read. */
export const GET_CELLS_LIMIT = 5_000_000;

export class HostError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation: string };
  constructor(
    readonly code: string,
    message: string,
    location = '',
  ) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, errorLocation: location };
  }
}

export interface SyncRecord {
  readonly index: number;
  /** Requests in the batch, by kind ("range.values", "load", "tables.add", ...). */
  readonly requests: readonly string[];
  /** Size of the batch's written data as UTF-8 JSON, bytes (Excel on the web refuses over 5 MB). */
  readonly payloadBytes: number;
  /** Size of what the batch's loads brought back, bytes (the same limit). */
  readonly responseBytes: number;
  readonly ok: boolean;
}

/** One queued request: run at sync; returns the cells it changed, if any. */
export interface Op {
  readonly kind: string;
  readonly bytes: number;
  readonly run: () => { sheet: SheetState; box: Box } | void;
}

const encoder = new TextEncoder();

/** Bytes of a value as JSON in UTF-8 (what travels between the add-in and Excel). */
export function bytesOf(value: unknown): number {
  try {
    return encoder.encode(JSON.stringify(value ?? null)).length;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------------
// Client objects

/** Parses load arguments: "a, b", ["a", "b"], { select: "a,b" } or { a: true }. */
export function loadList(spec: unknown): string[] {
  if (spec === undefined || spec === null) return [];
  if (typeof spec === 'string') return spec.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (Array.isArray(spec)) return spec.flatMap((s) => loadList(s));
  if (typeof spec === 'object') {
    const o = spec as Record<string, unknown>;
    if (typeof o.select === 'string') return loadList(o.select);
    return Object.keys(o).filter((k) => k !== 'expand' && k !== 'top' && k !== 'skip');
  }
  return [];
}

export abstract class ClientObject {
  protected cache = new Map<string, unknown>();
  private nullState: boolean | null = null;

  constructor(readonly ctx: RequestContext) {}

  protected abstract readProperty(name: string): unknown;
  protected abstract exists(): boolean;
  protected abstract typeName(): string;

  /** Queues a check made when the object is created: getItem fails for a missing item, *OrNullObject does not. */
  protected checkExists(nullable: boolean, what: string): void {
    this.ctx.enqueue(nullable ? 'getItemOrNullObject' : 'getItem', () => {
      const ok = this.exists();
      if (nullable) this.nullState = !ok;
      else if (!ok) throw new HostError('ItemNotFound', `The requested resource doesn't exist. (${what})`);
      else this.nullState = false;
    });
  }

  get isNullObject(): boolean {
    if (this.nullState === null) {
      throw new HostError('PropertyNotLoaded', `isNullObject of ${this.typeName()} is not available before context.sync()`);
    }
    return this.nullState;
  }

  protected get<T>(name: string): T {
    if (!this.cache.has(name)) {
      throw new HostError(
        'PropertyNotLoaded',
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.cache.get(name) as T;
  }

  load(spec?: unknown): this {
    const names = loadList(spec);
    this.ctx.enqueue('load', () => {
      if (!this.exists()) return;
      this.nullState = false;
      this.fill(names);
    });
    return this;
  }

  /** Fills the cache from the current state: the named properties, else the default ones (also when a collection loads its items). */
  fill(names: readonly string[]): void {
    for (const n of names.length > 0 ? names : this.defaultLoad()) {
      const value = this.readProperty(n);
      this.ctx.host.countResponse(value);
      this.cache.set(n, value);
    }
  }

  protected defaultLoad(): string[] {
    return [];
  }

  set(props: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(props)) (this as unknown as Record<string, unknown>)[k] = v;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.cache);
  }

  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }
}

/** Accepts any property path and call, records what was set; for the cosmetic parts of the API. */
/** An argument as the recorder keeps it: a range as a reference ("=Sheet!A1:B2", followed by renames), another API object as "[object]". */
function recordedArgument(a: unknown): unknown {
  if (!(a instanceof ClientObject)) return a;
  const resolved = (a as { resolve?: () => { sheet: { name: string }; box: Box } | undefined }).resolve?.();
  return resolved ? `=${quoteSheet(resolved.sheet.name)}!${boxAddress(resolved.box)}` : '[object]';
}

export function recorder(ctx: RequestContext, store: () => Record<string, unknown> | undefined, path: string): unknown {
  const target = function () {
    return undefined;
  };
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      if (prop === 'load' || prop === 'track' || prop === 'untrack') {
        return () => recorder(ctx, store, path);
      }
      if (prop === 'isNullObject') return false;
      if (prop === 'toJSON') return () => ({});
      return recorder(ctx, store, path === '' ? prop : `${path}.${prop}`);
    },
    set(_t, prop, value: unknown) {
      if (typeof prop === 'symbol') return false;
      const p = path === '' ? prop : `${path}.${prop}`;
      ctx.enqueue(`set ${p}`, () => {
        const s = store();
        if (s) s[p] = value;
      }, bytesOf(value));
      return true;
    },
    apply(_t, _this, args: unknown[]) {
      const s = store;
      ctx.enqueue(`call ${path}`, () => {
        const st = s();
        if (st) st[`${path}()`] = args.map(recordedArgument);
      }, bytesOf(args.filter((a) => !(a instanceof ClientObject))));
      return recorder(ctx, store, `${path}()`);
    },
  });
}

