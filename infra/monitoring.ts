import { readInfraSettings } from './settings';

const settings = readInfraSettings(process.env);

/* Where alarms go. Subscribe more endpoints to it in the console, or set ALERT_EMAIL when deploying. */
export const alerts = new sst.aws.SnsTopic('Alerts');

if (settings.alertEmail) {
  new aws.sns.TopicSubscription('AlertsEmail', {
    topic: alerts.arn,
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
