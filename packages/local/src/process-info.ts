import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What we need to know about a process we did not start (an orphan named by a pid file). */
export interface ProcessInfo {
  ppid: number;
  /** Full command line, arguments separated by spaces. */
  command: string;
}

/**
 * Describes a live process, or undefined when it is gone. A zombie counts as gone: in a
 * container without an init, an orphan we killed may never be reaped, yet it holds nothing.
 * Linux is read from /proc (minimal images lack `ps`); elsewhere (macOS) `ps` is always there.
 */
export function processInfo(pid: number): ProcessInfo | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return process.platform === 'linux' ? fromProc(pid) : fromPs(pid);
}

function fromProc(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z' || state === 'X') return undefined;
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { ppid: Number(ppid), command };
  } catch {
    return undefined;
  }
}

function fromPs(pid: number): ProcessInfo | undefined {
  try {
    const out = execFileSync('ps', ['-o', 'stat=,ppid=,command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    const match = /^(\S+)\s+(\d+)\s+(.*)$/s.exec(out);
    if (!match || match[1]!.startsWith('Z')) return undefined;
    return { ppid: Number(match[2]), command: match[3]! };
  } catch {
    return undefined; // ps exits 1 when the pid does not exist
  }
}

/** Polls until the process is gone; false if it is still there after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processInfo(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}
