import net from 'node:net';

/** A port the local cloud wants, with the variable that moves it. */
export interface PortClaim {
  port: number;
  what: string;
  variable: string;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Fails with a message that names the port and how to choose another, before anything starts. */
export async function assertPortsFree(claims: PortClaim[]): Promise<void> {
  for (const claim of claims) {
    if (claim.port === 0) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(claim.port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (!free) {
      throw new PortInUseError(
        `Port ${claim.port} (${claim.what}) is already in use. Stop what is using it, or set ${claim.variable} to another port.`,
      );
    }
  }
}

/** A loopback port nothing listens on now, for a server that starts next (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function portFromEnv(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${variable} must be a port number, not "${value}".`);
  return port;
}

/** For the command-line entry points: a taken port ends the process with the message, not a stack trace. */
export async function claimPortsOrExit(claims: PortClaim[]): Promise<void> {
  try {
    await assertPortsFree(claims);
  } catch (error) {
    if (!(error instanceof PortInUseError)) throw error;
    console.error(`\n✖ ${error.message}\n`);
    process.exit(1);
  }
}

/** The ports of the app and the emulators, from the environment, with the variables that move them. */
export function appAndEmulatorPorts() {
  const ports = {
    app: portFromEnv('PORT', 3000),
    s3: portFromEnv('S3_PORT', 4568),
    dynamo: portFromEnv('DYNAMODB_PORT', 4567),
    realtime: portFromEnv('REALTIME_PORT', 4570),
  };
  const claims: PortClaim[] = [
    { port: ports.app, what: 'the Next.js app', variable: 'PORT' },
    { port: ports.s3, what: 'the S3 emulator', variable: 'S3_PORT' },
    { port: ports.dynamo, what: 'the DynamoDB emulator', variable: 'DYNAMODB_PORT' },
    { port: ports.realtime, what: 'the live-updates broker', variable: 'REALTIME_PORT' },
  ];
  return { ports, claims };
}
