/** Resident memory and CPU time of another process, from /proc (Linux). */
import { readFileSync } from 'node:fs';

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM...), or undefined where /proc is missing. */
export function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples a process's resident memory every `everyMs` until stopped. peak() is the largest
 * of the samples and the kernel's own high-water mark (VmHWM), which catches what falls
 * between samples.
 */
export function sampleRss(pid: number, everyMs = 100): { peak(): number; stop(): void } {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, statusBytes(pid, 'VmRSS') ?? 0, statusBytes(pid, 'VmHWM') ?? 0);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    peak() {
      sample();
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) the process has used so far, or undefined where /proc is missing. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
