// Processes of the end-to-end tests, read from /proc: no `ps` parsing, no names matched
// machine-wide. Everything a code-server starts (its VS Code server, the extension host, our
// language server) is in the process group of the code-server the test spawned, so stopping
// the group by its id stops them all.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ProcessInfo {
  pid: number;
  ppid: number;
  argv: string[];
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid, argv };
  } catch {
    return undefined; // gone meanwhile
  }
}

export function allProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProcess(Number(name));
    if (info) out.push(info);
  }
  return out;
}

/** The processes below `pid` (children, grandchildren, …). */
export function descendants(pid: number): ProcessInfo[] {
  const all = allProcesses();
  const found: ProcessInfo[] = [];
  let frontier = new Set([pid]);
  while (frontier.size > 0) {
    const next = new Set<number>();
    for (const info of all) {
      if (frontier.has(info.ppid)) {
        found.push(info);
        next.add(info.pid);
      }
    }
    frontier = next;
  }
  return found;
}

/** Our language servers (`node …/dist/server.js --node-ipc …`) started under a code-server. */
export function languageServers(codeServerPid: number): ProcessInfo[] {
  return descendants(codeServerPid).filter((info) => info.argv.some((arg) => /[\\/]dist[\\/]server\.js$/.test(arg)));
}

/** Is any process of the group led by `pgid` alive? */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signals a whole process group; false when the group was already gone. */
export function killGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
