import { expect, test } from 'vitest';
import { functionStatements, input, lambdaOf, resourcesOfType, TYPES } from './graph';
import { graphForThisFile } from './harness';

/*
 * X-Ray on every function of the graph, SST's own (the site's server, its image optimiser, the live
 * authorizer) included: active tracing, and the two writes it needs (docs/deploy.md#tracing).
 */

const graph = graphForThisFile({ stage: 'graph' });

const functionNames = () => resourcesOfType(graph, TYPES.sstFunction).map((fn) => fn.name);

test('the graph has the functions this file checks', () => {
  expect(graph.errors).toEqual([]);
  expect(functionNames()).toEqual(expect.arrayContaining(['ProcessImage', 'IndexFaces', 'StoreDeadLetter', 'Sweep', 'WebServerUseast1', 'WebImageOptimizer', 'RealtimeAuthorizerHandler']));
});

test('every function is traced actively', () => {
  const untraced = functionNames().filter((name) => input<{ mode?: string } | undefined>(lambdaOf(graph, name), 'tracingConfig')?.mode !== 'Active');
  expect(untraced).toEqual([]);
});

test('every function may send its segments and telemetry to X-Ray, and nothing else of X-Ray', () => {
  for (const name of functionNames()) {
    const xray = functionStatements(graph, name).filter((statement) => statement.Effect === 'Allow' && statement.Action.some((action) => action.startsWith('xray:')));
    expect(xray, name).toEqual([expect.objectContaining({ Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: ['*'] })]);
  }
});
