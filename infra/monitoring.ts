import { readInfraSettings } from './settings';
import { CLOUDFRONT_REGION } from './waf';

const settings = readInfraSettings(process.env);

/* Where alarms go. Subscribe more endpoints to it in the console, or set ALERT_EMAIL when deploying. */
export const alerts = new sst.aws.SnsTopic('Alerts');

/*
 * CloudFront publishes its metrics in us-east-1 only, an alarm can only watch metrics of its own
 * region, and it can only notify a topic of its own region: the distribution's alarms notify this one.
 */
export const edgeAlerts = new aws.sns.Topic('EdgeAlerts', { region: CLOUDFRONT_REGION });

if (settings.alertEmail) {
  new aws.sns.TopicSubscription('AlertsEmail', {
    topic: alerts.arn,
    protocol: 'email',
    endpoint: settings.alertEmail,
  });
  new aws.sns.TopicSubscription('EdgeAlertsEmail', {
    region: CLOUDFRONT_REGION,
    topic: edgeAlerts.arn,
    protocol: 'email',
    endpoint: settings.alertEmail,
  });
}

/**
 * Fires as soon as one message sits in a dead-letter queue: each is an upload that crashed or timed
 * out on every attempt, and `npm run redrive` is the way back.
 */
export function deadLetterAlarm(name: string, deadLetterQueue: sst.aws.Queue): aws.cloudwatch.MetricAlarm {
  return alarmAboveZero(`${name}DeadLetterAlarm`, `Messages in the ${name} dead-letter queue. Inspect them, fix the cause, then redrive.`, {
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: { QueueName: deadLetterQueue.nodes.queue.name },
    statistic: 'Maximum',
    period: 60,
  });
}

/** An alarm that fires, and notifies the Alerts topic, as soon as a metric is above zero, and clears when it is back. */
function alarmAboveZero(
  name: string,
  description: string,
  metric: Pick<aws.cloudwatch.MetricAlarmArgs, 'namespace' | 'metricName' | 'dimensions' | 'statistic' | 'period'>,
): aws.cloudwatch.MetricAlarm {
  return new aws.cloudwatch.MetricAlarm(name, {
    alarmDescription: description,
    ...metric,
    evaluationPeriods: 1,
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 0,
    treatMissingData: 'notBreaching',
    alarmActions: [alerts.arn],
    okActions: [alerts.arn],
  });
}

/**
 * Fires when a function fails or is throttled in a 5-minute window. A failed job run is retried and
 * alarms again only if it keeps failing, in the dead-letter queue's alarm; these catch the rest: a
 * crash loop, a timeout, a broken deploy, or a burst beyond the account's concurrency.
 */
export function functionAlarms(name: string, functionName: $util.Input<string>): aws.cloudwatch.MetricAlarm[] {
  return (['Errors', 'Throttles'] as const).map((metricName) =>
    alarmAboveZero(`${name}${metricName}Alarm`, `${metricName} of the ${name} function. Its logs (CloudWatch, one month) say why.`, {
      namespace: 'AWS/Lambda',
      metricName,
      dimensions: { FunctionName: functionName },
      statistic: 'Sum',
      period: 300,
    }),
  );
}

/** Above this share of responses in 5xx over five minutes, the distribution's alarm fires. */
export const EDGE_5XX_RATE_PERCENT = 5;
/** Fewer requests than this in the five minutes say nothing about a rate: one failed request of three is not an outage. */
export const EDGE_5XX_MIN_REQUESTS = 20;

/**
 * The distribution's own gauges: CloudFront's additional metrics (the cache hit rate, per-status error
 * rates, origin latency; about $2.40 a month as CloudWatch metrics), and an alarm on the share of
 * answers in 5xx, CloudFront's own (origin unreachable, timed out) as well as the site's 500s,
 * which the server function's Errors alarm does not see when OpenNext turns an exception into a page.
 */
export function distributionMonitoring(name: string, distributionId: $util.Input<string>): { metrics: aws.cloudfront.MonitoringSubscription; alarm: aws.cloudwatch.MetricAlarm } {
  const metrics = new aws.cloudfront.MonitoringSubscription(`${name}CdnMetrics`, {
    distributionId,
    monitoringSubscription: { realtimeMetricsSubscriptionConfig: { realtimeMetricsSubscriptionStatus: 'Enabled' } },
  });
  const metric = (metricName: string, stat: string) => ({
    metric: { namespace: 'AWS/CloudFront', metricName, dimensions: { DistributionId: distributionId, Region: 'Global' }, period: 300, stat },
  });
  const alarm = new aws.cloudwatch.MetricAlarm(`${name}Cdn5xxAlarm`, {
    region: CLOUDFRONT_REGION,
    alarmDescription: `More than ${EDGE_5XX_RATE_PERCENT}% of the ${name} distribution's answers were 5xx over five minutes (of at least ${EDGE_5XX_MIN_REQUESTS} requests). The server function's logs, and its Errors and Throttles alarms, say which.`,
    metricQueries: [
      { id: 'errors', ...metric('5xxErrorRate', 'Average'), returnData: false },
      { id: 'requests', ...metric('Requests', 'Sum'), returnData: false },
      { id: 'rate', label: '5xx error rate with enough requests', expression: `IF(requests >= ${EDGE_5XX_MIN_REQUESTS}, errors, 0)`, returnData: true },
    ],
    evaluationPeriods: 1,
    comparisonOperator: 'GreaterThanThreshold',
    threshold: EDGE_5XX_RATE_PERCENT,
    treatMissingData: 'notBreaching',
    alarmActions: [edgeAlerts.arn],
    okActions: [edgeAlerts.arn],
  });
  return { metrics, alarm };
}
