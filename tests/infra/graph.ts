import type { InfraGraph } from './harness';
import type { GraphResource } from './mocks';

/* Queries over a recorded resource graph. Resources are found by their logical names, which SST derives from component names. */

const SECRET_SIGNATURE = '4dabf18193072939515e22adb298388d';

/** Pulumi hands secret inputs to mocks wrapped in a signature object; this returns the plain value. */
export function plain<T = unknown>(value: unknown): T {
  if (value && typeof value === 'object' && SECRET_SIGNATURE in value && 'value' in value) return plain(value.value);
  return value as T;
}

export function resourcesOfType(graph: InfraGraph, type: string): GraphResource[] {
  return graph.resources.filter((resource) => resource.type === type);
}

export function findResource(graph: InfraGraph, type: string, name: string): GraphResource | undefined {
  return graph.resources.find((resource) => resource.type === type && resource.name === name);
}

export function getResource(graph: InfraGraph, type: string, name: string): GraphResource {
  const resource = findResource(graph, type, name);
  if (!resource) throw new Error(`No ${type} named ${name} in the graph`);
  return resource;
}

export function input<T = unknown>(resource: GraphResource, key: string): T {
  return plain<T>(resource.inputs[key]);
}

export function state<T = unknown>(resource: GraphResource, key: string): T {
  return plain<T>(resource.state[key]);
}

export const TYPES = {
  bucket: 'aws:s3/bucket:Bucket',
  publicAccessBlock: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
  bucketPolicy: 'aws:s3/bucketPolicy:BucketPolicy',
  bucketCors: 'aws:s3/bucketCorsConfiguration:BucketCorsConfiguration',
  lifecycle: 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration',
  notification: 'aws:s3/bucketNotification:BucketNotification',
  queue: 'aws:sqs/queue:Queue',
  eventSourceMapping: 'aws:lambda/eventSourceMapping:EventSourceMapping',
  lambda: 'aws:lambda/function:Function',
  role: 'aws:iam/role:Role',
  table: 'aws:dynamodb/table:Table',
  alarm: 'aws:cloudwatch/metricAlarm:MetricAlarm',
  eventRule: 'aws:cloudwatch/eventRule:EventRule',
  bucketEncryption: 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
  kmsKey: 'aws:kms/key:Key',
  eventTarget: 'aws:cloudwatch/eventTarget:EventTarget',
  secret: 'sst:sst:Secret',
  sstFunction: 'sst:aws:Function',
  functionUrl: 'aws:lambda/functionUrl:FunctionUrl',
  distribution: 'aws:cloudfront/distribution:Distribution',
  cloudFrontFunction: 'aws:cloudfront/function:Function',
  webAcl: 'aws:wafv2/webAcl:WebAcl',
  monitoringSubscription: 'aws:cloudfront/monitoringSubscription:MonitoringSubscription',
  topic: 'aws:sns/topic:Topic',
} as const;

export interface PolicyStatement {
  Effect: string;
  Action: string[];
  Resource: string[];
  Principal?: Record<string, string[]>;
  Condition?: unknown;
}

/** Statements of a policy given as JSON text or as an object (assumeRolePolicyForPrincipal returns one). */
export function policyStatements(policy: string | { Statement: PolicyStatement[] }): PolicyStatement[] {
  const document = typeof policy === 'string' ? (JSON.parse(policy) as { Statement: PolicyStatement[] }) : policy;
  return document.Statement.map((statement) => ({
    ...statement,
    Action: [statement.Action].flat(),
    Resource: [statement.Resource ?? []].flat(),
  }));
}

/** The Lambda function an SST Function component named `name` created (SST names it `${name}Function`). */
export function lambdaOf(graph: InfraGraph, name: string): GraphResource {
  return getResource(graph, TYPES.lambda, `${name}Function`);
}

/** The inline policy statements of an SST Function's role. */
export function functionStatements(graph: InfraGraph, name: string): PolicyStatement[] {
  const roleArn = state<string>(lambdaOf(graph, name), 'role');
  const role = resourcesOfType(graph, TYPES.role).find((candidate) => state(candidate, 'arn') === roleArn);
  if (!role) throw new Error(`No role ${roleArn} for ${name}`);
  const policies = input<{ name: string; policy: string }[]>(role, 'inlinePolicies') ?? [];
  return policies.flatMap((policy) => policyStatements(plain<string>(policy.policy)));
}

/** The link names an SST Function's code receives (what `Resource.X` can resolve), from its build request. */
export function functionLinks(graph: InfraGraph, name: string): string[] {
  const build = graph.builds.find((candidate) => candidate.functionID === name);
  if (!build) throw new Error(`No build request for ${name}`);
  return Object.keys(build.links).sort();
}

/**
 * Names each ARN in the graph after the SST component that owns it ("Uploads", "Table",
 * "ProcessImageQueue"), so permissions can be read as "which actions on which component".
 */
export function arnLabels(graph: InfraGraph): Map<string, string> {
  const suffixes: Record<string, string> = { [TYPES.bucket]: 'Bucket', [TYPES.table]: 'Table', [TYPES.queue]: 'Queue', 'aws:sns/topic:Topic': 'Topic', [TYPES.kmsKey]: 'Key', [TYPES.lambda]: 'Function' };
  const labels = new Map<string, string>();
  for (const resource of graph.resources) {
    const suffix = suffixes[resource.type];
    if (!suffix || !resource.name.endsWith(suffix)) continue;
    labels.set(state<string>(resource, 'arn'), resource.name.slice(0, -suffix.length));
  }
  return labels;
}

/** Maps a policy resource to its component label; object paths and index paths count as the resource itself. */
export function labelOf(labels: Map<string, string>, resourceArn: string): string {
  if (resourceArn === '*') return '*';
  const base = resourceArn.replace(/\/index\/\*$/, '').replace(/\/\*$/, '');
  return labels.get(base) ?? resourceArn;
}

/** Actions granted to a function, grouped by the component they apply to (actions sorted, deduplicated). */
export function grantsByComponent(graph: InfraGraph, name: string): Record<string, string[]> {
  const labels = arnLabels(graph);
  const grants: Record<string, Set<string>> = {};
  for (const statement of functionStatements(graph, name)) {
    if (statement.Effect !== 'Allow') continue;
    for (const resource of statement.Resource) {
      const label = labelOf(labels, resource);
      grants[label] ??= new Set();
      for (const action of statement.Action) grants[label].add(action);
    }
  }
  return Object.fromEntries(Object.entries(grants).map(([label, actions]) => [label, [...actions].sort()]));
}

/** Whether an IAM resource pattern matches a resource: `*` stands for any characters, `?` for one, and nothing else is special. */
export function iamResourceMatches(pattern: string, resource: string): boolean {
  const expression = pattern.split('*').map((part) => part.split('?').map((literal) => literal.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('.')).join('.*');
  return new RegExp(`^${expression}$`).test(resource);
}
