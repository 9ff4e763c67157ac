/**
 * An error whose message is written for the person using the app. Server actions show these
 * messages as they are; any other error is logged and shown as a generic failure.
 */
export class UserError extends Error {
  override name = 'UserError';
}
