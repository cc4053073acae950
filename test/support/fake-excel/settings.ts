/**
 * One settings store, behind both settings APIs, as in Excel:
 *
 * - `context.workbook.settings` (Excel.SettingCollection, ExcelApi 1.4): "key-value pair setting objects
 *   that are part of the workbook. The scope is limited to per file and add-in (task-pane or content)
 *   combination" (https://learn.microsoft.com/javascript/api/excel/excel.settingcollection). Reads and writes
 *   reach the document at each sync.
 * - `Office.context.document.settings` (Office.Settings): "saved per add-in and per document"
 *   (https://learn.microsoft.com/javascript/api/office/office.settings), the same store. The add-in works on
 *   an in-memory copy loaded when it starts; `saveAsync` "persists the in-memory copy of the settings property
 *   bag in the document", the whole copy, so a key another API wrote since the copy was taken goes back to
 *   what the copy holds; `refreshAsync` "reads all settings persisted in the document and refreshes the
 *   ... add-in's copy of those settings held in memory".
 *
 * Values are kept as JSON would carry them.
 */
import { ClientObject, bytesOf } from './core';
import type { FakeExcel, RequestContext } from './excel';

const stored = (v: unknown): unknown => JSON.parse(JSON.stringify(v ?? null)) as unknown;

export class SettingProxy extends ClientObject {
  constructor(
    ctx: RequestContext,
    private readonly settingKey: string,
    nullable: boolean | null,
  ) {
    super(ctx);
    if (nullable !== null) this.checkExists(nullable, `setting ${settingKey}`);
  }
  protected typeName(): string {
    return 'Setting';
  }
  protected exists(): boolean {
    return Object.hasOwn(this.ctx.host.state.settings, this.settingKey);
  }
  protected readProperty(name: string): unknown {
    if (name === 'key') return this.settingKey;
    if (name === 'value') return structuredClone(this.ctx.host.state.settings[this.settingKey]);
    return undefined;
  }
  protected override defaultLoad(): string[] {
    return ['key', 'value'];
  }
  /** Fills the cache from the current state (used when the collection loads its items). */
  cacheAll(): void {
    this.fill([]);
  }
  get key(): string {
    return this.get('key');
  }
  get value(): unknown {
    return this.get('value');
  }
  set value(v: unknown) {
    const value = stored(v);
    this.ctx.enqueue('setting.value', () => {
      this.ctx.host.state.settings[this.settingKey] = value;
    }, bytesOf(v));
  }
  delete(): void {
    this.ctx.enqueue('setting.delete', () => {
      delete this.ctx.host.state.settings[this.settingKey];
    });
  }
}

export class SettingCollectionProxy extends ClientObject {
  private itemList: SettingProxy[] = [];
  protected typeName(): string {
    return 'SettingCollection';
  }
  protected exists(): boolean {
    return true;
  }
  protected readProperty(): unknown {
    return undefined;
  }
  override load(): this {
    this.ctx.enqueue('load', () => {
      this.itemList = Object.keys(this.ctx.host.state.settings).map((k) => {
        const s = new SettingProxy(this.ctx, k, null);
        s.cacheAll();
        return s;
      });
      this.cache.set('items', true);
    });
    return this;
  }
  get items(): SettingProxy[] {
    this.get('items');
    return this.itemList;
  }
  add(settingKey: string, value: unknown): SettingProxy {
    const saved = stored(value);
    this.ctx.enqueue('settings.add', () => {
      this.ctx.host.state.settings[settingKey] = saved;
    }, bytesOf(value));
    return new SettingProxy(this.ctx, settingKey, null);
  }
  getItem(settingKey: string): SettingProxy {
    return new SettingProxy(this.ctx, settingKey, false);
  }
  getItemOrNullObject(settingKey: string): SettingProxy {
    return new SettingProxy(this.ctx, settingKey, true);
  }
}


export interface AsyncResult<T> {
  status: 'succeeded' | 'failed';
  value?: T;
  error?: { code: number; name: string; message: string };
}

/** Office.Settings over the host's one store: an in-memory copy taken when the add-in starts. */
export class DocumentSettings {
  private copy: Map<string, unknown>;

  constructor(private readonly host: FakeExcel) {
    this.copy = new Map(Object.entries(structuredClone(host.state.settings)));
  }

  get(name: string): unknown {
    return this.copy.has(name) ? structuredClone(this.copy.get(name)) : null;
  }
  set(name: string, value: unknown): void {
    this.copy.set(name, stored(value));
  }
  remove(name: string): void {
    this.copy.delete(name);
  }
  /** Writes the whole in-memory copy into the document (asynchronously, as Office does). */
  saveAsync(options?: unknown, callback?: (result: AsyncResult<void>) => void): void {
    const cb = typeof options === 'function' ? (options as typeof callback) : callback;
    const snapshot = Object.fromEntries(this.copy);
    setTimeout(() => {
      this.host.state.settings = structuredClone(snapshot);
      this.host.settingsSaves += 1;
      cb?.({ status: 'succeeded' });
    }, 0);
  }
  /** Replaces the in-memory copy with what the document holds now. */
  refreshAsync(callback?: (result: AsyncResult<DocumentSettings>) => void): void {
    setTimeout(() => {
      this.copy = new Map(Object.entries(structuredClone(this.host.state.settings)));
      callback?.({ status: 'succeeded', value: this });
    }, 0);
  }
  addHandlerAsync(): void {
    /* settingsChanged fires only when coauthoring in Excel on the web: never here. */
  }
}
