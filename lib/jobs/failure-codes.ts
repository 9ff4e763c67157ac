/** Why a subject ended failed without its own work saying so, as its record's failure code. */
export const FAILURE_CODE = {
  /** Given up after its retries: it has a dead letter, and its owner a Retry button. */
  deadLetter: 'dead-letter',
  /** Its trigger object never arrived (an upload the browser never finished). */
  neverArrived: 'never-arrived',
} as const;
