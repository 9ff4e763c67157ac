import type { Context } from 'aws-lambda';
import { withTracing } from '../lib/observability/tracing';
import { authorizeLiveConnection } from '../lib/realtime';

/** AWS IoT's custom authorizer for live updates (sst.aws.Realtime); the local broker calls it too. */
export const handler = withTracing(async (event: unknown, context: Pick<Context, 'invokedFunctionArn'>) => authorizeLiveConnection(event, context.invokedFunctionArn));
