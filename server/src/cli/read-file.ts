// Reads one source file without ever hanging or throwing: FIFOs and devices are refused
// before a read could block, and every failure becomes a message for the report.
import { constants, type Stats } from 'node:fs';
import { lstat, open, readlink } from 'node:fs/promises';

export type ReadOutcome = { ok: true; bytes: Buffer } | { ok: false; message: string };

// O_NONBLOCK lets open() return at once on a FIFO with no writer; fstat then refuses it.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export async function readSourceFile(path: string): Promise<ReadOutcome> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, message: await describeOpenError(path, error as NodeJS.ErrnoException) };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { ok: false, message: `Cannot read file: ${describeKind(stats)}, not a regular file.` };
    return { ok: true, bytes: await handle.readFile() };
  } catch (error) {
    return { ok: false, message: describeReadError(error as NodeJS.ErrnoException) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

async function describeOpenError(path: string, error: NodeJS.ErrnoException): Promise<string> {
  if (error.code === 'ENOENT') {
    const target = await readlink(path).catch(() => undefined);
    if (target !== undefined) return `Cannot read file: dangling symbolic link (its target "${target}" does not exist).`;
    return 'Cannot read file: it does not exist (it was deleted while linting?).';
  }
  if (error.code === 'ELOOP') return 'Cannot read file: symbolic link loop (ELOOP).';
  if (error.code === 'EACCES' || error.code === 'EPERM') return `Cannot read file: permission denied (${error.code}).`;
  if (error.code === 'EISDIR') return 'Cannot read file: it is a directory.';
  // lstat tells a symlink to something odd apart from the file itself.
  const isLink = await lstat(path).then((stats) => stats.isSymbolicLink(), () => false);
  return `Cannot read file${isLink ? ' (through a symbolic link)' : ''}: ${error.code ?? error.message}.`;
}

function describeReadError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ERR_FS_FILE_TOO_LARGE') return 'Cannot read file: larger than 2 GiB.';
  if (error.code === 'EISDIR') return 'Cannot read file: it is a directory.';
  return `Cannot read file: ${error.code ?? error.message}.`;
}

function describeKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a Unix socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'a special file';
}
