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
  return new aws.cloudwatch.MetricAlarm(`${name}DeadLetterAlarm`, {
    alarmDescription: `Messages in the ${name} dead-letter queue. Inspect them, fix the cause, then redrive.`,
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: { QueueName: deadLetterQueue.nodes.queue.name },
    statistic: 'Maximum',
    period: 60,
    evaluationPeriods: 1,
    comparisonOperator: 'GreaterThanThreshold',
    threshold: 0,
    treatMissingData: 'notBreaching',
    alarmActions: [alerts.arn],
    okActions: [alerts.arn],
  });
}
