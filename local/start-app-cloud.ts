import type { Invoke } from './bridge';
import { startLocalCloud, type LocalCloud } from './cloud';
import { dataDirFromEnv } from './data-dir';
import { appAndEmulatorPorts, claimPortsOrExit, portFromEnv } from './ports';

/**
 * What `npm run dev` and `npm start` both begin with: the app's, the emulators' and the local Lambda
 * endpoint's ports claimed (or a sentence and exit 1 when one is taken), and the local cloud started on
 * them for the app's origin. `invoke` runs the functions the bridge calls somewhere else than in this
 * process (dev's reloading runtime, on the Lambda port).
 */
export async function startAppCloud(options: { lambdaWhat: string; invoke?: (lambdaPort: number) => Invoke }): Promise<{ cloud: LocalCloud; ports: ReturnType<typeof appAndEmulatorPorts>['ports'] & { lambda: number }; dataDir: string }> {
  const { ports: appPorts, claims } = appAndEmulatorPorts();
  const ports = { ...appPorts, lambda: portFromEnv('LAMBDA_PORT', 4569) };
  await claimPortsOrExit([...claims, { port: ports.lambda, what: options.lambdaWhat, variable: 'LAMBDA_PORT' }]);
  const dataDir = dataDirFromEnv();
  const cloud = await startLocalCloud({
    dataDir,
    s3Port: ports.s3,
    dynamoPort: ports.dynamo,
    realtimePort: ports.realtime,
    appOrigins: [`http://localhost:${ports.app}`, `http://127.0.0.1:${ports.app}`],
    ...(options.invoke ? { invoke: options.invoke(ports.lambda) } : {}),
  });
  return { cloud, ports, dataDir };
}
