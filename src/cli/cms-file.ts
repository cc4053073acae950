/** Reading a CMS payment limit file named on the command line (`calc --asp`, `import-asp`). */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parsePaymentLimitFile } from '../cms';
import type { PaymentLimitQuarter } from '../engine/reference';
import { CommandFailure } from './command';

/** Parses a payment limit file (CSV or xlsx); a file the parser refuses throws CmsFileError, naming file, row and problem. */
export async function readPaymentLimitFile(file: string): Promise<PaymentLimitQuarter> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new CommandFailure(`cannot read CMS file "${file}": ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parsePaymentLimitFile(bytes, basename(file));
}
