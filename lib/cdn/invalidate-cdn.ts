import { CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { cloudFrontClient } from '../aws/clients';
import { cdnSettings } from '../config';
import type { JobRun, WorkResult } from '../jobs/job-kind';
import { log } from '../observability/log';
import { InvalidationRequestSchema } from './schemas';

/**
 * The invalidate-cdn job's work: one CreateInvalidation of the request's paths on the site's
 * distribution. The job's subject id is the CallerReference, so a run that called CloudFront and then
 * died is retried without a second invalidation (CloudFront answers with the first). Anything CloudFront
 * refuses (throttling, TooManyInvalidationsInProgress) is thrown, for the runner to retry. With no
 * distribution (`sst dev`), nothing is cached at any edge, and the job is done.
 */
export async function invalidateCdn(run: JobRun): Promise<WorkResult> {
  const { paths } = InvalidationRequestSchema.parse(JSON.parse(run.body.toString('utf8')));
  const { distributionId } = cdnSettings();
  if (!distributionId) {
    log.info('No CDN distribution: nothing to invalidate', { paths: paths.length });
    return { status: 'done' };
  }
  const { Invalidation } = await cloudFrontClient().send(
    new CreateInvalidationCommand({
      DistributionId: distributionId,
      InvalidationBatch: { CallerReference: run.subject.subjectId, Paths: { Quantity: paths.length, Items: paths } },
    }),
  );
  log.info('Invalidated paths at the CDN', { invalidationId: Invalidation?.Id, paths: paths.length });
  return { status: 'done' };
}
