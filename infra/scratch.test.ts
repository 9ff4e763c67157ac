import { test } from 'vitest';
import { runInfraGraph } from './graph/harness';
test('scratch', async () => {
  const g = await runInfraGraph();
  console.log('errors', g.errors);
  console.log(g.resources.map(r => `${r.type} ${r.name}`).join('\n'));
  console.log('builds', g.builds.map(b => b.functionID + ' ' + b.handler));
  console.log('invokes', [...new Set(g.invokes.map(i => i.token))]);
  console.log('outputs', g.outputs);
}, 120000);
