import { z } from 'zod';

/**
 * What a user's topic carries: that something of theirs changed, never the data itself. The browser
 * reloads what it shows from the server, where every read is checked, so a message can be small,
 * may arrive twice, and one missed while offline costs nothing once the page reloads on reconnect.
 */
export const LiveEventSchema = z.object({
  /** The job kind (process-image, analyze-profile, index-faces, export-account, …), or what else changed. */
  topic: z.string().min(1).max(40),
  subjectId: z.string().min(1).max(64),
  /** The stage it reached: running, thumbnail, done, failed, gone, … */
  state: z.string().min(1).max(20),
});
export type LiveEvent = z.infer<typeof LiveEventSchema>;

/** What a browser needs to open its connection. */
export const LiveConnectionSchema = z.object({
  url: z.url(),
  /** Sent as the MQTT password; the authorizer checks it. */
  token: z.string().min(1),
  topic: z.string().min(1),
  /** Client ids must start with this: the authorizer lets a connection use its owner's ids only. */
  clientIdPrefix: z.string().min(1),
  /** When the token stops being accepted (ms since the epoch): a reconnect after that asks for a new one. */
  expiresAt: z.number(),
});
export type LiveConnection = z.infer<typeof LiveConnectionSchema>;
