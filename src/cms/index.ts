/**
 * Parsers for CMS files as CMS publishes them (CSV and xlsx), with errors that name the file, the row and
 * the problem. Nothing here reads a file: callers pass the content (text, Uint8Array or ArrayBuffer) and the
 * file's name. The synchronous `...Csv` functions take CSV only; the async `...File` functions also take
 * xlsx workbooks (exceljs is loaded only then).
 */
export { CmsFileError, CMS_FILE_LABEL, type CmsErrorKind, type CmsFileKind, type CmsFileLocation } from './errors';
export { CsvSyntaxError, isBlankRow, parseCsv } from './csv';
export { decodeText, readCsvSheet, readSheets, type CmsFileInput, type Sheet } from './input';
export { detectCmsFileKind, recogniseSheet, type Recognised } from './detect';
export { type EffectivePeriod } from './table';
export { parsePaymentLimitCsv, parsePaymentLimitFile, paymentLimitsFromSheets } from './payment-limit';
export { parseCrosswalkCsv, parseCrosswalkFile, crosswalkFromSheets, type Crosswalk } from './crosswalk';
export { parsePfsRvuCsv, parsePfsRvuFile, feeScheduleFromSheets, type ParsedFeeSchedule } from './pfs-rvu';
export { parseCatalogSeed, parseWeightTiers, maxDoseFromNote } from './catalog-seed';
