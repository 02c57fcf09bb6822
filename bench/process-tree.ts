import { readdirSync, readFileSync } from 'node:fs';

// Linux /proc readings shared by the service benchmarks and the lifecycle test: a server forks raster processes and
// runs worker threads, so its memory and its orphans are those of its whole process tree.

/** A process and all its descendants, parents first. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {} // the process ended while we read
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

/** Resident memory of one process in kB (0 once it has ended). */
export function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** A process's command line, program names without their directories. */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).map((a) => a.split('/').pop()).join(' ');
  } catch {
    return '';
  }
}

/** Resident memory in MB of a process and all its descendants. */
export function treeRssMb(pid: number): number {
  return Math.round(processTree(pid).reduce((kb, p) => kb + rssKb(p), 0) / 1024);
}
