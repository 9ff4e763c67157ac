/** What deploy:check found so far: every check passes or fails by name, on one clock. */
export class Report {
  readonly failures: string[] = [];
  private readonly started = performance.now();

  /** Quiet: only collects the failures (for tests of the checks). */
  constructor(private readonly options: { quiet?: boolean } = {}) {}

  readonly pass = (what: string, detail = ''): void => {
    if (!this.options.quiet) console.log(`  ✓ ${what}${detail ? ` (${detail})` : ''}`);
  };

  /** A failure already reported (a function's problem seen as it loaded and again in its output) is reported once. */
  readonly fail = (what: string, why: string): void => {
    if (this.failures.includes(`${what}: ${why}`)) return;
    this.failures.push(`${what}: ${why}`);
    if (!this.options.quiet) console.log(`  ✖ ${what}: ${why}`);
  };

  readonly step = (title: string): void => {
    console.log(`\n${title} [${this.seconds()} s]`);
  };

  seconds(): string {
    return ((performance.now() - this.started) / 1000).toFixed(0);
  }
}
