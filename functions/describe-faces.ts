import { describeFacesInProcess } from '../lib/faces/describe-faces';
import { DescribeFacesEventSchema, type DescribeFacesResult } from '../lib/faces/describe-faces-event';
import { withMetrics } from '../lib/observability/metrics';
import { withTracing } from '../lib/observability/tracing';

/** Runs the built-in face model on a query photo for the site, which has none, and answers with its faces. */
export const handler = withTracing(withMetrics(async (event: unknown): Promise<DescribeFacesResult> => {
  const { jpegBase64, width, height } = DescribeFacesEventSchema.parse(event);
  return { faces: await describeFacesInProcess({ jpeg: Buffer.from(jpegBase64, 'base64'), width, height }) };
}));
