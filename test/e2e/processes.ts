import * as fs from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

/** Every process on the machine we can read, from /proc (no pgrep: its patterns are regexes). */
export function listProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (cmdline) out.push({ pid: Number(entry), ppid, cmdline });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** Processes whose command line contains `text` (for example this run's scratch folder). */
export function processesMentioning(text: string): ProcessInfo[] {
  return listProcesses().filter((p) => p.cmdline.includes(text) && p.pid !== process.pid);
}

/** All descendants of `root` (children, their children, ...). */
export function descendantsOf(root: number): ProcessInfo[] {
  const all = listProcesses();
  const found: ProcessInfo[] = [];
  const parents = [root];
  while (parents.length) {
    const parent = parents.pop()!;
    for (const p of all) {
      if (p.ppid === parent) {
        found.push(p);
        parents.push(p.pid);
      }
    }
  }
  return found;
}

/** The extension's audit workers of this run: forked from the copy installed in `extensionsDir`. */
export function workerPids(extensionsDir: string): number[] {
  return processesMentioning(extensionsDir)
    .filter((p) => /\/dist\/(worker|subsetWorker)\.js\b/.test(p.cmdline))
    .map((p) => p.pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
