import { readFileSync } from 'node:fs';

/**
 * The most memory this process has held, in bytes: Linux's high-water mark of its own resident set
 * (VmHWM in /proc/self/status). Not getrusage's maxRSS, which Linux carries over from the process
 * this one was started from: a child of a parent holding 400 MB reads 404 MB there while it holds 39.
 * Elsewhere, where /proc is missing, maxRSS is what there is.
 */
export function peakResidentBytes(): number {
  let status: string | null = null;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    // Not Linux.
  }
  const kilobytes = status ? /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1] : undefined;
  return (kilobytes ? Number(kilobytes) : process.resourceUsage().maxRSS) * 1024;
}

/** The same, in whole megabytes (MiB), as the benches report it. */
export function peakResidentMb(): number {
  return Math.round(peakResidentBytes() / 1024 / 1024);
}
