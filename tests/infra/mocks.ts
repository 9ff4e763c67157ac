import type { runtime } from '@pulumi/pulumi';

/*
 * Pulumi mocks that stand in for AWS: every resource registration is recorded, and each resource
 * gets the computed attributes (ARN, URL, physical name) that the SST components read back from it.
 */

export const FAKE_ACCOUNT = '123456789012';
export const FAKE_REGION = 'us-east-1';

export interface GraphResource {
  /** Pulumi type token, e.g. "aws:sqs/queue:Queue" or "sst:aws:Function". */
  type: string;
  /** Logical name, e.g. "ProcessImageFunction". */
  name: string;
  /** false for SST components (their inputs are not sent to the engine). */
  custom: boolean;
  /** The id the engine gave it, as other resources' inputs refer to it (a distribution's, in its monitoring subscription). */
  id: string;
  inputs: Record<string, unknown>;
  state: Record<string, unknown>;
}

export interface Invoke {
  token: string;
  inputs: Record<string, unknown>;
}

function physicalName(name: string, inputs: Record<string, unknown>): string {
  return typeof inputs.name === 'string' ? inputs.name : `headshot-test-${name}`;
}

function computedState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const physical = physicalName(name, inputs);
  switch (type) {
    case 'aws:s3/bucket:Bucket': {
      const bucket = typeof inputs.bucket === 'string' ? inputs.bucket : physical.toLowerCase();
      return { bucket, arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com`, bucketRegionalDomainName: `${bucket}.s3.${FAKE_REGION}.amazonaws.com` };
    }
    case 'aws:sqs/queue:Queue':
      return {
        name: physical,
        arn: `arn:aws:sqs:${FAKE_REGION}:${FAKE_ACCOUNT}:${physical}`,
        url: `https://sqs.${FAKE_REGION}.amazonaws.com/${FAKE_ACCOUNT}/${physical}`,
      };
    case 'aws:lambda/function:Function': {
      const arn = `arn:aws:lambda:${FAKE_REGION}:${FAKE_ACCOUNT}:function:${physical}`;
      return {
        name: physical,
        arn,
        qualifiedArn: `${arn}:$LATEST`,
        version: '$LATEST',
        invokeArn: `arn:aws:apigateway:${FAKE_REGION}:lambda:path/2015-03-31/functions/${arn}/invocations`,
      };
    }
    case 'aws:lambda/functionUrl:FunctionUrl':
      return { functionUrl: `https://${name.toLowerCase()}.lambda-url.${FAKE_REGION}.on.aws/`, urlId: `${name}-url` };
    case 'aws:dynamodb/table:Table':
      return { name: physical, arn: `arn:aws:dynamodb:${FAKE_REGION}:${FAKE_ACCOUNT}:table/${physical}`, streamArn: '' };
    case 'aws:iam/role:Role':
      return { name: physical, arn: `arn:aws:iam::${FAKE_ACCOUNT}:role/${physical}` };
    case 'aws:sns/topic:Topic':
      return { name: physical, arn: `arn:aws:sns:${typeof inputs.region === 'string' ? inputs.region : FAKE_REGION}:${FAKE_ACCOUNT}:${physical}` };
    case 'aws:wafv2/webAcl:WebAcl':
      return { arn: `arn:aws:wafv2:${String(inputs.region ?? FAKE_REGION)}:${FAKE_ACCOUNT}:global/webacl/${physical}/${name}-id`, capacity: 0 };
    case 'aws:cloudfront/distribution:Distribution':
      return { arn: `arn:aws:cloudfront::${FAKE_ACCOUNT}:distribution/${name}`, domainName: `${name.toLowerCase()}.cloudfront.net`, hostedZoneId: 'Z2FDTNDATAQYW2' };
    default: {
      const service = type.split(':')[1]?.split('/')[0] ?? 'unknown';
      return { name: physical, arn: `arn:aws:${service}:${FAKE_REGION}:${FAKE_ACCOUNT}:${physical}` };
    }
  }
}

interface PolicyStatementInput {
  effect?: string;
  actions?: string[];
  resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

/** The IAM JSON that aws.iam.getPolicyDocument would render for these statements. */
function policyJson(statements: PolicyStatementInput[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((statement) => ({
      Effect: statement.effect ?? 'Allow',
      Action: statement.actions ?? [],
      Resource: statement.resources ?? [],
      ...(statement.principals ? { Principal: Object.fromEntries(statement.principals.map((p) => [p.type, p.identifiers])) } : {}),
      ...(statement.conditions
        ? { Condition: Object.fromEntries(statement.conditions.map((c) => [c.test, { [c.variable]: c.values }])) }
        : {}),
    })),
  });
}

function invokeResult(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (token) {
    case 'aws:index/getRegion:getRegion':
      return { id: FAKE_REGION, name: FAKE_REGION, region: FAKE_REGION, description: 'US East (N. Virginia)' };
    case 'aws:index/getCallerIdentity:getCallerIdentity':
      return { id: FAKE_ACCOUNT, accountId: FAKE_ACCOUNT, arn: `arn:aws:iam::${FAKE_ACCOUNT}:user/test`, userId: 'AIDATEST' };
    case 'aws:index/getPartition:getPartition':
      return { id: 'aws', partition: 'aws', dnsSuffix: 'amazonaws.com', reverseDnsPrefix: 'com.amazonaws' };
    case 'aws:iam/getPolicyDocument:getPolicyDocument': {
      const statements = (inputs.statements ?? []) as PolicyStatementInput[];
      return { id: 'policy', json: policyJson(statements), statements };
    }
    case 'aws:iot/getEndpoint:getEndpoint':
      return { id: 'iot', endpointAddress: `abc123example-ats.iot.${FAKE_REGION}.amazonaws.com`, endpointType: inputs.endpointType };
    case 'aws:cloudfront/getCachePolicy:getCachePolicy':
    case 'aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy':
    case 'aws:cloudfront/getResponseHeadersPolicy:getResponseHeadersPolicy':
      return { id: `${String(inputs.name)}-id` };
    default:
      throw new Error(`The graph mocks do not know the invoke "${token}"; add it to tests/infra/mocks.ts`);
  }
}

export function createMocks(resources: GraphResource[], invokes: Invoke[]): runtime.Mocks {
  return {
    newResource(args) {
      const inputs = args.inputs as Record<string, unknown>;
      const state = { ...inputs, ...(args.custom ? computedState(args.type, args.name, inputs) : {}) };
      const id = args.type === 'aws:sqs/queue:Queue' ? String(state.url) : `${args.name}-id`;
      resources.push({ type: args.type, name: args.name, custom: args.custom ?? true, id, inputs, state });
      return { id, state };
    },
    call(args) {
      const inputs = args.inputs as Record<string, unknown>;
      invokes.push({ token: args.token, inputs });
      return invokeResult(args.token, inputs);
    },
  };
}
