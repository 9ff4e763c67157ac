/**
 * Parses a command line; on a usage error prints the problem with the usage and returns null, for
 * the caller to exit with status 2 (the convention for usage errors).
 */
export function parseOrExplain<T>(parse: () => T, usage: string): T | null {
  try {
    return parse();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return null;
  }
}
