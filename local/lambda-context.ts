import { randomUUID } from 'node:crypto';

/** The account and region the local cloud pretends to be, in every ARN it makes up. */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';

/**
 * The parts of Lambda's context object the handlers read: the live authorizer builds its policy's ARNs
 * from its own, and a job's run stops renewing its lease when the invocation's time is up.
 */
export function lambdaContext(functionName: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  return {
    functionName,
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${functionName}`,
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}
