// Directory listings kept in the --cache file, so that a warm run stats a directory instead of
// listing it: ten MediaWiki copies hold 9,000 directories and 218,000 entries, and listing them
// was a third of a warm run. A listing is reused only while the directory's inode and ctime are
// those it was read with (adding, removing or renaming an entry moves ctime, and nothing can set
// ctime back). A listing whose ctime was too recent when it was read is not kept: a change in the
// same tick of the file system's clock would not move it (git's "racy" entries).
import { readdirSync, statSync } from 'node:fs';
import { CONFIG_FILE_NAME } from '../core/config';
import { PHP_FILE, type DirectoryEntry, type DirectoryLister } from '../node/files';

/**
 * Inode, ctime in ms, whether only what a walk without include needs was kept (subdirectories,
 * .gitignore, .phpsocketlintrc.json and *.php), and the entries as one string: a type letter and the name each, joined
 * by "/" (the one character no name holds).
 */
export type DirectoryRecord = [ino: number, ctimeMs: number, phpOnly: boolean, listing: string];

/** Coarser than any file system's timestamps (FAT keeps two seconds). */
const RACY_MS = 2000;

const DIRECTORY = 'd';
const LINK = 'l';
const OTHER = 'f';

class ListedEntry implements DirectoryEntry {
  constructor(
    readonly name: string,
    private readonly type: string,
  ) {}

  isDirectory(): boolean {
    return this.type === DIRECTORY;
  }

  isSymbolicLink(): boolean {
    return this.type === LINK;
  }
}

export function isDirectoryRecord(record: unknown): record is DirectoryRecord {
  return (
    Array.isArray(record) &&
    record.length === 4 &&
    typeof record[0] === 'number' &&
    typeof record[1] === 'number' &&
    typeof record[2] === 'boolean' &&
    typeof record[3] === 'string'
  );
}

export class CachedDirectoryLister implements DirectoryLister {
  constructor(
    /** The cache's records (a getter: a distrusted cache replaces them). */
    private readonly records: () => Record<string, DirectoryRecord>,
    /** A record that is no record: the cache is distrusted (and its records dropped). */
    private readonly malformed: () => void,
    /** A record was added or dropped: the cache file is behind. */
    private readonly changed: () => void,
  ) {}

  list(directory: string, phpOnly: boolean): readonly DirectoryEntry[] {
    const record = this.records()[directory];
    const stats = statOf(directory);
    if (record !== undefined && stats !== undefined) {
      if (!isDirectoryRecord(record)) this.malformed();
      else if (record[0] === stats.ino && record[1] === stats.ctimeMs && (phpOnly || !record[2])) return decode(record[3]);
    }
    const listedAt = Date.now();
    // Throws as readdir does: the walk reports the directory as unreadable.
    const entries = readdirSync(directory, { withFileTypes: true });
    const records = this.records();
    if (stats === undefined || stats.ctimeMs > listedAt - RACY_MS) {
      if (records[directory] !== undefined) {
        delete records[directory];
        this.changed();
      }
    } else {
      records[directory] = [stats.ino, stats.ctimeMs, phpOnly, encode(phpOnly ? entries.filter(isNeededWithoutInclude) : entries)];
      this.changed();
    }
    return entries;
  }
}

function isNeededWithoutInclude(entry: DirectoryEntry): boolean {
  return entry.isDirectory() || entry.name === '.gitignore' || entry.name === CONFIG_FILE_NAME || PHP_FILE.test(entry.name);
}

function statOf(directory: string): { ino: number; ctimeMs: number } | undefined {
  try {
    const stats = statSync(directory, { throwIfNoEntry: false });
    return stats?.isDirectory() ? stats : undefined;
  } catch {
    return undefined;
  }
}

function encode(entries: readonly DirectoryEntry[]): string {
  return entries.map((entry) => (entry.isDirectory() ? DIRECTORY : entry.isSymbolicLink() ? LINK : OTHER) + entry.name).join('/');
}

function decode(listing: string): DirectoryEntry[] {
  if (listing === '') return [];
  return listing.split('/').map((item) => new ListedEntry(item.slice(1), item[0]!));
}
