import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { observabilitySettings } from '../config';

/**
 * CloudWatch metrics in Embedded Metric Format: printed as JSON log lines, which CloudWatch turns
 * into metrics with no API call on the request path. Under the local cloud they are just log lines.
 */
const { metricsNamespace, serviceName } = observabilitySettings();
export const metrics = new Metrics({ namespace: metricsNamespace, serviceName });

export const METRIC = {
  imagesProcessed: 'ImagesProcessed',
  processingMs: 'ProcessingMs',
  failures: 'Failures',
  facesAnalyzed: 'FacesAnalyzed',
  facesIndexed: 'FacesIndexed',
  faceIndexMs: 'FaceIndexMs',
  deadLetters: 'DeadLetters',
  jobsSwept: 'JobsSwept',
} as const;

export function countMetric(name: (typeof METRIC)[keyof typeof METRIC], value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

export function timeMetric(name: (typeof METRIC)[keyof typeof METRIC], milliseconds: number): void {
  metrics.addMetric(name, MetricUnit.Milliseconds, milliseconds);
}

/** Wraps a handler so that what it recorded is flushed once per invocation, even when it throws. */
export function withMetrics<Args extends unknown[], Result>(handler: (...args: Args) => Promise<Result>): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await handler(...args);
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
