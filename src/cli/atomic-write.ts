/**
 * Writing a file so that a failure never costs the file that was there (issue 16): the bytes go to a
 * temporary file beside the target (same folder, so the same file system), are flushed to disk (fsync),
 * and only then replace the target with a rename, which POSIX makes atomic and Windows (MoveFileEx with
 * MOVEFILE_REPLACE_EXISTING, what node uses) makes all or nothing. A full disk, a kill or an error part way
 * leaves the previous file as it was and no temporary file behind (a kill can leave the temporary file, but
 * never a damaged target).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';

/** The file operations used, so that a test can make one fail. */
export type FileOps = Pick<typeof fs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync' | 'statSync'>;

export function writeFileAtomic(target: string, bytes: Uint8Array, ops: FileOps = fs): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let mode = 0o666;
  try {
    mode = ops.statSync(target).mode & 0o777;
  } catch {
    // No previous file: the default mode (less the umask).
  }
  const fd = ops.openSync(temp, 'wx', mode);
  try {
    try {
      for (let written = 0; written < bytes.length; ) written += ops.writeSync(fd, bytes, written, bytes.length - written);
      ops.fsyncSync(fd);
    } finally {
      ops.closeSync(fd);
    }
    ops.renameSync(temp, target);
  } catch (error) {
    try {
      ops.unlinkSync(temp);
    } catch {
      // Already gone, or never made it past open: nothing to tidy.
    }
    throw error;
  }
  // Make the rename itself durable (best effort: not every platform can open a folder to fsync it).
  try {
    const dirFd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // Windows cannot fsync a folder; the rename is still all or nothing.
  }
}
