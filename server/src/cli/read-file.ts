// Reads one source file without ever hanging or throwing: FIFOs and devices are refused
// before a read could block, and every failure becomes a message for the report.
//
// Plain callbacks, not fs.promises' FileHandle: measured on 20,000 small files, the
// FileHandle chain took 1.5-2 s where this one takes 0.6-0.7 s (1.1 s against 1.8 s cold).
import { constants as bufferConstants } from 'node:buffer';
import { close, constants, fstat, open, read, type Stats } from 'node:fs';
import { lstat, readlink } from 'node:fs/promises';

export type ReadOutcome = { ok: true; bytes: Buffer } | { ok: false; message: string };

// O_NONBLOCK lets open() return at once on a FIFO with no writer; fstat then refuses it.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

class ReadFailure extends Error {}

export async function readSourceFile(path: string): Promise<ReadOutcome> {
  try {
    return { ok: true, bytes: await readRegularFile(path) };
  } catch (error) {
    if (error instanceof ReadFailure) return { ok: false, message: error.message };
    return { ok: false, message: await describeOpenError(path, error as NodeJS.ErrnoException) };
  }
}

/** open → fstat → read until the size fstat gave → close; rejects with ReadFailure once the file is open. */
function readRegularFile(path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    open(path, OPEN_FLAGS, (openError, fd) => {
      if (openError) return reject(openError);
      const finish = (error: Error | null, bytes?: Buffer) => close(fd, () => (error ? reject(error) : resolve(bytes!)));
      fstat(fd, (statError, stats) => {
        if (statError) return finish(new ReadFailure(describeReadError(statError)));
        const refusal = refusalOf(stats);
        if (refusal) return finish(new ReadFailure(refusal));
        const buffer = Buffer.allocUnsafeSlow(stats.size);
        let filled = 0;
        const readMore = () => {
          if (filled === buffer.length) return finish(null, buffer);
          read(fd, buffer, filled, buffer.length - filled, null, (readError, count) => {
            if (readError) return finish(new ReadFailure(describeReadError(readError)));
            filled += count;
            // The file shrank while we read it: keep what is there.
            if (count === 0) return finish(null, buffer.subarray(0, filled));
            readMore();
          });
        };
        readMore();
      });
    });
  });
}

function refusalOf(stats: Stats): string | undefined {
  if (!stats.isFile()) return `Cannot read file: ${describeKind(stats)}, not a regular file.`;
  // Linting needs the file as one string; V8 caps string length (about 512 MiB).
  if (stats.size > bufferConstants.MAX_STRING_LENGTH) {
    return `Cannot read file: ${stats.size} bytes is more than the ${bufferConstants.MAX_STRING_LENGTH} one JavaScript string can hold.`;
  }
  return undefined;
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
