import { z } from 'zod';

/*
 * The parts of AWS's event shapes that the handlers rely on. Parsing them, rather than trusting the
 * types, turns a malformed message into a clear log line instead of a crash deep in the pipeline.
 */

export const S3EventRecordSchema = z.object({
  eventSource: z.literal('aws:s3'),
  eventName: z.string(),
  eventTime: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({
      /** URL-encoded the way AWS encodes it: spaces as "+", everything else percent-encoded. */
      key: z.string(),
      size: z.number().optional(),
      eTag: z.string().optional(),
      sequencer: z.string().optional(),
    }),
  }),
});
export type S3EventRecord = z.infer<typeof S3EventRecordSchema>;

export const S3EventSchema = z.object({ Records: z.array(S3EventRecordSchema) });

/** What S3 sends once when a notification is configured; there is nothing to do for it. */
export const S3TestEventSchema = z.object({ Event: z.literal('s3:TestEvent') });

export const SqsRecordSchema = z.object({
  messageId: z.string(),
  body: z.string(),
  attributes: z.object({ ApproximateReceiveCount: z.coerce.number().int().positive() }).loose(),
});
export type SqsRecord = z.infer<typeof SqsRecordSchema>;

export const SqsEventSchema = z.object({ Records: z.array(SqsRecordSchema) });

/** An object-created notification, decoded. */
export interface StoredObject {
  bucket: string;
  key: string;
  eTag: string;
  size: number;
  /**
   * Where this write stands among the key's writes: S3's sequencer, right-padded with zeros to a fixed
   * width as S3 says to compare them, so that a later write's is greater as text. Absent when the
   * event carried none.
   */
  sequencer?: string;
}
