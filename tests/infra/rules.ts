import type { InfraGraph } from './harness';
import { originSecretInjection } from '../../infra/site-build';
import { findResource, functionLinks, grantsByComponent, input, plain, policyStatements, resourcesOfType, state, TYPES } from './graph';
import type { GraphResource } from './mocks';

/*
 * The properties the deployed graph must have, as checks that return what is wrong (an empty list
 * when nothing is). Tests assert on the list, so a broken config shows up as a readable violation.
 */

export interface FunctionSpec {
  /** Exactly the links the function's code receives. */
  links: string[];
  /** Exactly the actions granted, by component ("Uploads", "Table", "ProcessImageQueue", "*" for unscoped). */
  grants: Record<string, string[]>;
  /** Components whose grants SST manages itself (e.g. the site's own assets bucket). */
  ignore?: string[];
}

export interface InfraSpec {
  /** Every SST Function in the graph, by component name. */
  functions: Record<string, FunctionSpec>;
  maxReceiveCount: number;
  visibilityTimeoutMultiplier: number;
  /** The function that must drain every dead-letter queue. */
  deadLetterConsumer: string;
  /** Functions that must run on a schedule, with their schedule expression. */
  scheduled: Record<string, string>;
  /** Functions that must have alarms on their errors and throttles. */
  alarmed: string[];
  /** Whether every distribution must be guarded by a web ACL (WAF on), or none may be. */
  waf: boolean;
}

/** Where CloudFront's web ACLs, metrics and so their alarms live, whatever the app's region. */
const CLOUDFRONT_REGION = 'us-east-1';

function bucketsArePrivate(graph: InfraGraph): string[] {
  const violations: string[] = [];
  const blocks = resourcesOfType(graph, TYPES.publicAccessBlock);
  const policies = resourcesOfType(graph, TYPES.bucketPolicy);
  for (const bucket of resourcesOfType(graph, TYPES.bucket)) {
    const name = state<string>(bucket, 'bucket');
    const block = blocks.find((candidate) => input(candidate, 'bucket') === name);
    const flags = ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets'];
    if (!block) violations.push(`bucket ${bucket.name} has no public access block`);
    else for (const flag of flags) if (input(block, flag) !== true) violations.push(`bucket ${bucket.name}: ${flag} is not set`);
    for (const policy of policies.filter((candidate) => input(candidate, 'bucket') === name)) {
      for (const statement of policyStatements(input<string>(policy, 'policy'))) {
        const principals = Object.values(statement.Principal ?? {}).flat();
        if (statement.Effect === 'Allow' && principals.includes('*')) violations.push(`bucket ${bucket.name}: its policy allows anyone (${statement.Action.join(', ')})`);
      }
    }
  }
  return violations;
}

function queueByArn(graph: InfraGraph, arn: string): GraphResource | undefined {
  return resourcesOfType(graph, TYPES.queue).find((queue) => state(queue, 'arn') === arn);
}

/** Queues that bucket notifications deliver to: the event pipeline. */
function notifiedQueues(graph: InfraGraph): { notification: GraphResource; queue: GraphResource | undefined; arn: string }[] {
  return resourcesOfType(graph, TYPES.notification).flatMap((notification) =>
    (input<{ queueArn: string }[]>(notification, 'queues') ?? []).map(({ queueArn }) => ({ notification, queue: queueByArn(graph, queueArn), arn: queueArn })),
  );
}

function notificationsGoToQueues(graph: InfraGraph): string[] {
  const violations: string[] = [];
  for (const notification of resourcesOfType(graph, TYPES.notification)) {
    for (const target of ['lambdaFunctions', 'topics'] as const) {
      const direct = input<unknown[]>(notification, target) ?? [];
      if (direct.length > 0) violations.push(`${notification.name} sends events to ${target} directly instead of through a queue`);
    }
  }
  for (const { notification, queue, arn } of notifiedQueues(graph)) {
    if (!queue) violations.push(`${notification.name} sends events to ${arn}, which is not in the graph`);
  }
  return violations;
}

function deadLetterTarget(queue: GraphResource): { deadLetterTargetArn: string; maxReceiveCount: number } | null {
  const redrive = input<string | undefined>(queue, 'redrivePolicy');
  return redrive ? (JSON.parse(redrive) as { deadLetterTargetArn: string; maxReceiveCount: number }) : null;
}

function queuesHaveDeadLetters(graph: InfraGraph, spec: InfraSpec): string[] {
  const violations: string[] = [];
  for (const { queue } of notifiedQueues(graph)) {
    if (!queue) continue;
    const redrive = deadLetterTarget(queue);
    if (!redrive) {
      violations.push(`queue ${queue.name} has no dead-letter queue`);
      continue;
    }
    if (redrive.maxReceiveCount !== spec.maxReceiveCount) violations.push(`queue ${queue.name} retries ${redrive.maxReceiveCount} times, not ${spec.maxReceiveCount}`);
    const deadLetters = queueByArn(graph, redrive.deadLetterTargetArn);
    if (!deadLetters) {
      violations.push(`queue ${queue.name}: dead-letter queue ${redrive.deadLetterTargetArn} is not in the graph`);
      continue;
    }
    const alarmed = resourcesOfType(graph, TYPES.alarm).some(
      (alarm) =>
        input(alarm, 'namespace') === 'AWS/SQS' &&
        input(alarm, 'metricName') === 'ApproximateNumberOfMessagesVisible' &&
        input<Record<string, string>>(alarm, 'dimensions')?.QueueName === state(deadLetters, 'name') &&
        input(alarm, 'comparisonOperator') === 'GreaterThanThreshold' &&
        input(alarm, 'threshold') === 0 &&
        (input<string[]>(alarm, 'alarmActions') ?? []).length > 0,
    );
    if (!alarmed) violations.push(`dead-letter queue ${deadLetters.name} has no alarm on depth > 0 with an action`);
  }
  return violations;
}

function consumersFitTheirQueues(graph: InfraGraph, spec: InfraSpec): string[] {
  const violations: string[] = [];
  for (const { queue } of notifiedQueues(graph)) {
    if (!queue) continue;
    const mappings = resourcesOfType(graph, TYPES.eventSourceMapping).filter((mapping) => input(mapping, 'eventSourceArn') === state(queue, 'arn'));
    if (mappings.length !== 1) {
      violations.push(`queue ${queue.name} has ${mappings.length} consumers, not 1`);
      continue;
    }
    const mapping = mappings[0]!;
    const fn = resourcesOfType(graph, TYPES.lambda).find((candidate) => state(candidate, 'arn') === input(mapping, 'functionName'));
    if (!fn) {
      violations.push(`queue ${queue.name} is consumed by ${String(input(mapping, 'functionName'))}, which is not in the graph`);
      continue;
    }
    const timeout = input<number>(fn, 'timeout');
    const visibility = input<number>(queue, 'visibilityTimeoutSeconds');
    if (visibility < spec.visibilityTimeoutMultiplier * timeout) {
      violations.push(`queue ${queue.name}: visibility timeout ${visibility}s is under ${spec.visibilityTimeoutMultiplier}× ${fn.name}'s ${timeout}s timeout`);
    }
    if (!(input<string[]>(mapping, 'functionResponseTypes') ?? []).includes('ReportBatchItemFailures')) {
      violations.push(`${mapping.name} does not enable partial batch responses`);
    }
  }
  return violations;
}

/** Whatever fails every attempt must become a dead letter: each dead-letter queue is drained by the dead-letter function. */
function deadLettersHaveTheirConsumer(graph: InfraGraph, spec: InfraSpec): string[] {
  const violations: string[] = [];
  const consumer = findResource(graph, TYPES.lambda, `${spec.deadLetterConsumer}Function`);
  for (const { queue } of notifiedQueues(graph)) {
    const redrive = queue && deadLetterTarget(queue);
    const deadLetters = redrive && queueByArn(graph, redrive.deadLetterTargetArn);
    if (!deadLetters) continue;
    const mappings = resourcesOfType(graph, TYPES.eventSourceMapping).filter(
      (mapping) => input(mapping, 'eventSourceArn') === state(deadLetters, 'arn') && input(mapping, 'enabled') !== false,
    );
    if (mappings.length === 0) {
      violations.push(`dead-letter queue ${deadLetters.name} has no consumer: nothing turns its messages into dead letters`);
      continue;
    }
    for (const mapping of mappings) {
      if (!consumer || input(mapping, 'functionName') !== state(consumer, 'arn')) {
        violations.push(`dead-letter queue ${deadLetters.name} is consumed by ${String(input(mapping, 'functionName'))}, not ${spec.deadLetterConsumer}`);
      } else if (!(input<string[]>(mapping, 'functionResponseTypes') ?? []).includes('ReportBatchItemFailures')) {
        violations.push(`${mapping.name} does not enable partial batch responses`);
      }
    }
  }
  return violations;
}

/** Functions that must run on a schedule are the target of an enabled rule with that schedule. */
function schedulesExist(graph: InfraGraph, spec: InfraSpec): string[] {
  const violations: string[] = [];
  for (const [name, schedule] of Object.entries(spec.scheduled)) {
    const fn = findResource(graph, TYPES.lambda, `${name}Function`);
    const targets = resourcesOfType(graph, TYPES.eventTarget).filter((target) => fn && input(target, 'arn') === state(fn, 'arn'));
    const rules = resourcesOfType(graph, TYPES.eventRule).filter((rule) => targets.some((target) => input(target, 'rule') === state(rule, 'name')));
    const scheduled = rules.filter((rule) => input(rule, 'scheduleExpression') === schedule && input(rule, 'state') === 'ENABLED');
    if (scheduled.length === 0) violations.push(`function ${name} has no enabled schedule "${schedule}"`);
  }
  return violations;
}

/** Each function's errors and throttles raise an alarm with an action. */
function functionsAreAlarmed(graph: InfraGraph, spec: InfraSpec): string[] {
  const violations: string[] = [];
  const alarms = resourcesOfType(graph, TYPES.alarm);
  for (const name of spec.alarmed) {
    const fn = findResource(graph, TYPES.lambda, `${name}Function`);
    for (const metric of ['Errors', 'Throttles']) {
      const alarmed = alarms.some(
        (alarm) =>
          input(alarm, 'namespace') === 'AWS/Lambda' &&
          input(alarm, 'metricName') === metric &&
          fn !== undefined &&
          input<Record<string, string>>(alarm, 'dimensions')?.FunctionName === state(fn, 'name') &&
          input(alarm, 'threshold') === 0 &&
          (input<string[]>(alarm, 'alarmActions') ?? []).length > 0,
      );
      if (!alarmed) violations.push(`function ${name} has no alarm on its ${metric} with an action`);
    }
  }
  return violations;
}

/** A function's role must be assumable by Lambda alone, not by every principal of the account. */
function rolesTrustLambdaOnly(graph: InfraGraph, spec: InfraSpec): string[] {
  const violations: string[] = [];
  for (const name of Object.keys(spec.functions)) {
    const lambda = findResource(graph, TYPES.lambda, `${name}Function`);
    const role = lambda && resourcesOfType(graph, TYPES.role).find((candidate) => state(candidate, 'arn') === state(lambda, 'role'));
    if (!role) continue;
    for (const statement of policyStatements(input(role, 'assumeRolePolicy'))) {
      const principals = Object.entries(statement.Principal ?? {}).flatMap(([type, ids]) => [ids].flat().map((id) => `${type}:${id}`));
      const others = principals.filter((principal) => principal !== 'Service:lambda.amazonaws.com');
      if (statement.Effect === 'Allow' && others.length > 0) violations.push(`function ${name}'s role can also be assumed by ${others.join(', ')}`);
    }
  }
  return violations;
}

/** The code of the CloudFront functions each distribution runs on its viewer requests, for every cache behaviour. */
function viewerRequestCode(graph: InfraGraph): string[] {
  const functions = resourcesOfType(graph, TYPES.cloudFrontFunction);
  return resourcesOfType(graph, TYPES.distribution).flatMap((distribution) => {
    type Behavior = { functionAssociations?: { eventType: string; functionArn: string }[] };
    const behaviors = [input<Behavior>(distribution, 'defaultCacheBehavior'), ...(input<Behavior[]>(distribution, 'orderedCacheBehaviors') ?? [])];
    return behaviors.flatMap((behavior) =>
      (plain<Behavior>(behavior).functionAssociations ?? [])
        .filter((association) => association.eventType === 'viewer-request')
        .flatMap((association) => functions.filter((fn) => state(fn, 'arn') === association.functionArn).map((fn) => input<string>(fn, 'code'))),
    );
  });
}

/**
 * A function URL anyone may call unsigned is locked only if its function refuses what did not come
 * through the distribution: it holds an origin secret (CLOUDFRONT_ORIGIN_SECRET), and a distribution
 * adds that very value to its viewer requests. A URL that takes signed calls only (AWS_IAM) is locked.
 */
function functionUrlsAreLocked(graph: InfraGraph): string[] {
  const violations: string[] = [];
  const sentSecrets = viewerRequestCode(graph);
  for (const url of resourcesOfType(graph, TYPES.functionUrl)) {
    if (input(url, 'authorizationType') === 'AWS_IAM') continue;
    const fn = resourcesOfType(graph, TYPES.lambda).find((candidate) => state(candidate, 'name') === input(url, 'functionName'));
    const secret = fn && plain<{ variables?: Record<string, string> } | undefined>(input(fn, 'environment'))?.variables?.CLOUDFRONT_ORIGIN_SECRET;
    if (!secret) violations.push(`function URL ${url.name} is public, and its function does not refuse requests that bypass CloudFront (no CLOUDFRONT_ORIGIN_SECRET)`);
    else if (!sentSecrets.some((code) => code.includes(originSecretInjection(plain<string>(secret))))) {
      violations.push(`function URL ${url.name} is public, and no distribution sends the origin secret its function checks`);
    }
  }
  return violations;
}

interface MetricQuery {
  metric?: { namespace: string; metricName: string; dimensions?: Record<string, string> };
}

/**
 * Every distribution has CloudFront's additional metrics (the cache hit rate among them) and an alarm
 * on its 5xx error rate. CloudFront's metrics exist in us-east-1 only, and an alarm notifies topics of
 * its own region: so the alarm and the topics it notifies must say us-east-1, not the app's region.
 */
function distributionsAreWatched(graph: InfraGraph): string[] {
  const violations: string[] = [];
  const subscriptions = resourcesOfType(graph, TYPES.monitoringSubscription);
  const topics = resourcesOfType(graph, TYPES.topic);
  for (const distribution of resourcesOfType(graph, TYPES.distribution)) {
    const metricsOn = subscriptions.some(
      (subscription) =>
        input(subscription, 'distributionId') === distribution.id &&
        input<{ realtimeMetricsSubscriptionConfig?: { realtimeMetricsSubscriptionStatus?: string } }>(subscription, 'monitoringSubscription')?.realtimeMetricsSubscriptionConfig?.realtimeMetricsSubscriptionStatus === 'Enabled',
    );
    if (!metricsOn) violations.push(`distribution ${distribution.name} has no additional metrics: no cache hit rate`);
    const alarms = resourcesOfType(graph, TYPES.alarm).filter((alarm) =>
      [{ metric: { namespace: input<string>(alarm, 'namespace'), metricName: input<string>(alarm, 'metricName'), dimensions: input<Record<string, string>>(alarm, 'dimensions') } }, ...(input<MetricQuery[]>(alarm, 'metricQueries') ?? [])].some(
        ({ metric }) => metric?.namespace === 'AWS/CloudFront' && metric.metricName === '5xxErrorRate' && metric.dimensions?.DistributionId === distribution.id,
      ),
    );
    if (alarms.length === 0) violations.push(`distribution ${distribution.name} has no alarm on its 5xx error rate`);
    for (const alarm of alarms) {
      if (input(alarm, 'region') !== CLOUDFRONT_REGION) violations.push(`alarm ${alarm.name} is not in ${CLOUDFRONT_REGION}, where CloudFront's metrics are`);
      const actions = input<string[]>(alarm, 'alarmActions') ?? [];
      if (actions.length === 0) violations.push(`alarm ${alarm.name} notifies nobody`);
      for (const action of actions) {
        const topic = topics.find((candidate) => state(candidate, 'arn') === action);
        if (!topic || input(topic, 'region') !== CLOUDFRONT_REGION) violations.push(`alarm ${alarm.name} notifies ${action}, not a topic in ${CLOUDFRONT_REGION}`);
      }
    }
  }
  return violations;
}

/** With WAF on, every distribution is guarded by a CloudFront-scoped web ACL (in us-east-1, as CloudFront requires); with it off, none is deployed. */
function distributionsHaveTheirWebAcl(graph: InfraGraph, spec: InfraSpec): string[] {
  const violations: string[] = [];
  const acls = resourcesOfType(graph, TYPES.webAcl);
  for (const distribution of resourcesOfType(graph, TYPES.distribution)) {
    const arn = input<string | undefined>(distribution, 'webAclId');
    if (!spec.waf) {
      if (arn) violations.push(`distribution ${distribution.name} has a web ACL with WAF off`);
      continue;
    }
    const acl = acls.find((candidate) => state(candidate, 'arn') === arn);
    if (!acl) violations.push(`distribution ${distribution.name} has no web ACL`);
    else if (input(acl, 'scope') !== 'CLOUDFRONT' || input(acl, 'region') !== CLOUDFRONT_REGION) {
      violations.push(`web ACL ${acl.name} is not a CloudFront one in ${CLOUDFRONT_REGION}: scope ${String(input(acl, 'scope'))}, region ${String(input(acl, 'region'))}`);
    }
  }
  if (!spec.waf) for (const acl of acls) violations.push(`web ACL ${acl.name} is deployed with WAF off`);
  return violations;
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
}

function functionsHaveOnlyTheirAccess(graph: InfraGraph, spec: InfraSpec): string[] {
  const violations: string[] = [];
  const present = resourcesOfType(graph, TYPES.sstFunction).map((fn) => fn.name);
  for (const name of present) if (!spec.functions[name]) violations.push(`function ${name} is not in the access spec`);
  for (const [name, expected] of Object.entries(spec.functions)) {
    if (!findResource(graph, TYPES.sstFunction, name)) {
      violations.push(`function ${name} is missing`);
      continue;
    }
    const links = functionLinks(graph, name);
    if (!same(links, expected.links)) violations.push(`function ${name} is linked to [${links.join(', ')}], expected [${[...expected.links].sort().join(', ')}]`);
    const grants = grantsByComponent(graph, name);
    const ignored = new Set(expected.ignore ?? []);
    for (const component of new Set([...Object.keys(grants), ...Object.keys(expected.grants)])) {
      if (ignored.has(component)) continue;
      const actual = grants[component] ?? [];
      const wanted = expected.grants[component] ?? [];
      if (!same(actual, wanted)) violations.push(`function ${name} may [${actual.join(', ')}] on ${component}, expected [${[...wanted].sort().join(', ')}]`);
    }
  }
  return violations;
}

/** Every violation of the rules in the graph; empty when the graph is right. */
export function findViolations(graph: InfraGraph, spec: InfraSpec): string[] {
  return [
    ...graph.errors.map((error) => `the program failed: ${error}`),
    ...bucketsArePrivate(graph),
    ...notificationsGoToQueues(graph),
    ...queuesHaveDeadLetters(graph, spec),
    ...consumersFitTheirQueues(graph, spec),
    ...deadLettersHaveTheirConsumer(graph, spec),
    ...schedulesExist(graph, spec),
    ...functionsAreAlarmed(graph, spec),
    ...functionsHaveOnlyTheirAccess(graph, spec),
    ...rolesTrustLambdaOnly(graph, spec),
    ...functionUrlsAreLocked(graph),
    ...distributionsAreWatched(graph),
    ...distributionsHaveTheirWebAcl(graph, spec),
  ];
}

