import { randomUUID } from 'node:crypto';
import { AuthorizerAnswerSchema } from '../../local/realtime';
import { LiveConnectionSchema } from '../../lib/realtime/schemas';
import { callAction, findAction, type ActionRef } from '../../tests/support/server-actions';
import type { SiteFunction } from './site-function';
import { deploymentProblems, type FunctionHosts } from './function-hosts';
import { addHostSharpBinaries, addHostUsearchBinary } from './host-binaries';
import { AMAZON_LINUX_2023, describeBinary, shippedBinaries } from './native-binaries';
import type { Report } from './report';

/** Every native binary an artifact ships for Lambda's CPU needs no newer glibc or libstdc++ than Amazon Linux 2023 has; the figures are printed. */
export async function checkNativeBinaries(report: Report, what: string, dir: string, cpu: string): Promise<void> {
  const binaries = await shippedBinaries(dir, cpu);
  if (binaries.length === 0) return;
  const ceiling = `Amazon Linux 2023: GLIBC_${AMAZON_LINUX_2023.GLIBC}, GLIBCXX_${AMAZON_LINUX_2023.GLIBCXX}`;
  const over = binaries.filter((binary) => !binary.fits);
  if (over.length > 0) return report.fail(what, `ships native code that needs more than ${ceiling}, so it would not load on Lambda: ${over.map((binary) => `${binary.file} (${describeBinary(binary)})`).join(', ')}`);
  report.pass(`${what} native binaries load on Lambda (${ceiling})`, binaries.map(describeBinary).join('; '));
}

/**
 * A built function made ready to run on this machine: this machine's sharp and USearch binaries added
 * beside Lambda's, at exactly the versions it ships. Throws saying why when they cannot be.
 */
export async function addHostBinaries(dir: string, projectRoot: string): Promise<void> {
  await addHostSharpBinaries(dir, projectRoot);
  await addHostUsearchBinary(dir, projectRoot);
}

/** What the functions printed that would fail them on Lambda: an import they do not ship, a resource they are not linked to. */
export function reportDeploymentProblems(report: Report, hosts: FunctionHosts): void {
  for (const name of hosts.names()) {
    for (const problem of deploymentProblems(hosts.output(name))) report.fail(`function ${name}`, problem);
  }
}

/** AWS IoT's custom-authorizer event for an MQTT CONNECT, the password base64'd as IoT sends it. */
function connectEvent(password: string, clientId: string) {
  return {
    protocols: ['mqtt'],
    protocolData: { mqtt: { username: '', password: Buffer.from(password).toString('base64'), clientId } },
    connectionMetadata: { id: randomUUID() },
  };
}

/**
 * The live authorizer, through its built bundle, as IoT invokes it: with a token from the built
 * site's live-connection action it grants connecting as the user's client ids and subscribing to and
 * receiving the user's own topic, in its own region and account, and nothing else; a tampered token
 * is refused.
 */
export async function checkLiveAuthorizer(
  report: Report,
  check: { site: SiteFunction; actions: ActionRef[]; hosts: FunctionHosts; cookies: string[]; iotArn: (resource: string) => string },
): Promise<void> {
  const what = 'live authorizer bundle, invoked as IoT invokes it';
  const asked = await callAction(check.site, findAction(check.actions, 'app/actions/live-connection.ts', 'liveConnectionAction'), [], check.cookies);
  const connection = LiveConnectionSchema.safeParse((asked.result as { data?: unknown } | null)?.data);
  if (!connection.success) return report.fail('server action liveConnectionAction', `answered ${asked.response.status} without a connection`);
  const { token, topic, clientIdPrefix } = connection.data;
  const clientId = `${clientIdPrefix}deploy-check`;
  const answer = await check.hosts
    .invoke('live-authorizer', connectEvent(token, clientId))
    .then((result) => AuthorizerAnswerSchema.parse(result))
    .catch((error: Error) => error);
  if (answer instanceof Error) return report.fail(what, `failed on the built site's token: ${answer.message}`);
  if (!answer.isAuthenticated) return report.fail(what, "refused the token the built site's liveConnectionAction issued");
  const granted = answer.policyDocuments.flatMap((document) => document.Statement).map((statement) => `${statement.Action} ${[statement.Resource].flat().join(',')}`).sort();
  const expected = [`iot:Connect ${check.iotArn(`client/${clientIdPrefix}*`)}`, `iot:Receive ${check.iotArn(`topic/${topic}`)}`, `iot:Subscribe ${check.iotArn(`topicfilter/${topic}`)}`];
  if (JSON.stringify(granted) !== JSON.stringify(expected)) return report.fail(what, `granted ${JSON.stringify(granted)}, not the user's topic alone: ${JSON.stringify(expected)}`);
  report.pass(`${what}: accepts the built site's token`, `policy limited to ${topic}`);

  // The same token claiming another user: its signature no longer matches what it says.
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { sub: string };
  const tampered = [header, Buffer.from(JSON.stringify({ ...claims, sub: `${claims.sub}-other` })).toString('base64url'), signature].join('.');
  const refused = AuthorizerAnswerSchema.safeParse(await check.hosts.invoke('live-authorizer', connectEvent(tampered, clientId)).catch(() => null));
  if (!refused.success || refused.data.isAuthenticated) return report.fail(what, `did not refuse a tampered token: ${JSON.stringify(refused.success ? refused.data : refused.error.message)}`);
  report.pass(`${what}: refuses the token tampered to claim another user`);
}

/** The sweep bundle runs as its schedule runs it, and pages through the table's overdue jobs. */
export async function checkSweep(report: Report, hosts: FunctionHosts): Promise<void> {
  const event = { version: '0', id: 'deploy-check', 'detail-type': 'Scheduled Event', source: 'aws.events', time: new Date().toISOString(), detail: {} };
  const result = await hosts.invoke('sweep', event).catch((error: Error) => error);
  if (result && typeof (result as Record<string, unknown>).announced === 'number') return report.pass('sweep bundle runs on its schedule’s event', JSON.stringify(result));
  const problems = deploymentProblems(hosts.output('sweep'));
  report.fail('function sweep', problems.length > 0 ? problems.join('; ') : result instanceof Error ? result.message : `returned ${JSON.stringify(result)}`);
}
