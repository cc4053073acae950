/**
 * The Office and Excel namespaces over a fake host, as office.js defines them for an Excel add-in: what
 * browser.ts installs on the page and node.ts hands to jest.
 */
import { HostError } from './core';
import { type FakeExcel, RequestContext } from './excel';
import { DocumentSettings } from './settings';

/** Office, Excel and OfficeExtension for a host; Office.context.document.settings over its one settings store. */
export function officeNamespaces(host: FakeExcel): { Office: Record<string, unknown>; Excel: Record<string, unknown>; OfficeExtension: Record<string, unknown>; documentSettings: DocumentSettings } {
  const documentSettings = new DocumentSettings(host);
  const readyInfo = { host: 'Excel', platform: 'OfficeOnline' };
  const ready = new Promise<typeof readyInfo>((resolve) => setTimeout(() => resolve(readyInfo), 0));

  const Office = {
    onReady(callback?: (info: typeof readyInfo) => void): Promise<typeof readyInfo> {
      return ready.then((info) => {
        callback?.(info);
        return info;
      });
    },
    HostType: { Excel: 'Excel', Word: 'Word', PowerPoint: 'PowerPoint', Outlook: 'Outlook', OneNote: 'OneNote', Project: 'Project', Access: 'Access' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac', iOS: 'iOS', Android: 'Android', Universal: 'Universal' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    context: {
      document: { settings: documentSettings, url: 'https://fake.example/Book1.xlsx' },
      requirements: { isSetSupported: (): boolean => true },
      host: 'Excel',
      platform: 'OfficeOnline',
      displayLanguage: 'en-US',
      contentLanguage: 'en-US',
      diagnostics: { host: 'Excel', platform: 'OfficeOnline', version: '16.0.fake' },
    },
    actions: { associate: (): void => undefined },
    addin: {
      showAsTaskpane: async (): Promise<void> => undefined,
      hide: async (): Promise<void> => undefined,
      setStartupBehavior: async (): Promise<void> => undefined,
      getStartupBehavior: async (): Promise<string> => 'None',
      onVisibilityModeChanged: async (): Promise<() => Promise<void>> => async () => undefined,
    },
    ribbon: { requestUpdate: async (): Promise<void> => undefined },
  };


  /** Enum objects: `Excel.ChartType.columnClustered` is "ColumnClustered", as in Office.js. */
  function enumProxy(): Record<string, string> {
    return new Proxy({} as Record<string, string>, {
      get: (_t, p) => (typeof p === 'string' ? p.charAt(0).toUpperCase() + p.slice(1) : undefined),
    });
  }

  const excelFixed: Record<string, unknown> = {
    RequestContext: function FakeRequestContext() {
      return new RequestContext(host);
    },
    async run<T>(first: unknown, second?: (context: RequestContext) => Promise<T>): Promise<T> {
      // Excel.run(batch), or Excel.run(object, batch) to reuse the object's context.
      const batch = (typeof first === 'function' ? first : second) as (context: RequestContext) => Promise<T>;
      const given = typeof first === 'object' && first !== null ? (first as { context?: unknown }).context ?? first : null;
      const context = given instanceof RequestContext ? given : new RequestContext(host);
      const result = await batch(context);
      // Excel.run sends what is still queued when the batch ends.
      await context.sync();
      return result;
    },
    CalculationType: { recalculate: 'Recalculate', full: 'Full', fullRebuild: 'FullRebuild' },
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    ErrorCodes: enumProxy(),
    EventSource: { local: 'Local', remote: 'Remote' },
    EventTriggerSource: { unknown: 'Unknown', thisLocalAddin: 'ThisLocalAddin' },
  };

  const Excel = new Proxy(excelFixed, {
    get: (t, p) => {
      if (typeof p !== 'string') return undefined;
      if (p in t) return t[p];
      return enumProxy();
    },
  });

  const OfficeExtension = {
    Error: HostError,
    ErrorCodes: enumProxy(),
    config: { extendedErrorLogging: false },
  };


  return { Office, Excel, OfficeExtension, documentSettings };
}
