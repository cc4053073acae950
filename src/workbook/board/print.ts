/** Print setup shared by the board's sheets: landscape, one page wide, practice in the header, date and data vintage in the footer. */
import type { PlanPrint } from '../plan';

export interface PrintText {
  readonly practice: string;
  /** The date the workbook was built, as printed, e.g. "2026-02-03". */
  readonly date: string;
  /** The data vintage, short, e.g. "CMS payment limits 2026Q1; fee schedule CY2026". */
  readonly vintage: string;
}

export function printSetup(text: PrintText, options: { fitToHeight: boolean; area?: string; titleRows?: string; titleColumns?: string; pagesWide?: number; breaks?: readonly number[] }): PlanPrint {
  return {
    landscape: true,
    fitToWidth: true,
    fitToHeight: options.fitToHeight,
    ...(options.area ? { area: options.area } : {}),
    ...(options.titleRows ? { titleRows: options.titleRows } : {}),
    ...(options.titleColumns ? { titleColumns: options.titleColumns } : {}),
    ...(options.pagesWide ? { pagesWide: options.pagesWide } : {}),
    ...(options.breaks && options.breaks.length > 0 ? { breaks: options.breaks } : {}),
    header: text.practice,
    footerLeft: `Built ${text.date}`,
    footerRight: `Data: ${text.vintage}`,
  };
}
