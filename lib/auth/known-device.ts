import { jwtVerify, SignJWT } from 'jose';
import { nanoid } from 'nanoid';
import { derivedKey } from '../config';

/*
 * A known device: a browser that has signed in to an account before carries a signed cookie that says
 * so. Its sign-ins are held to a failure count of its own instead of the account's, so strangers
 * failing at the account cannot keep its owner out. Only a right password earns one, and it names one
 * account: it is no help in guessing another's.
 */

export const DEVICE_COOKIE = 'headshot_device';
/** A year: a device stays known across sign-outs and months away; each sign-in renews it. */
export const DEVICE_TTL_SECONDS = 365 * 24 * 60 * 60;

const ISSUER = 'headshot-known-device';

export interface KnownDevice {
  userId: string;
  /** Random, one per sign-in: what the device's own failures are counted under. */
  deviceId: string;
}

let key: Uint8Array | undefined;
function deviceKey(): Uint8Array {
  key ??= new Uint8Array(derivedKey('known-devices'));
  return key;
}

/** The token of a device that has just signed in as `userId`. */
export async function signKnownDevice(userId: string): Promise<string> {
  return new SignJWT({ did: nanoid(24) }).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuer(ISSUER).setIssuedAt().setExpirationTime(`${DEVICE_TTL_SECONDS}s`).sign(deviceKey());
}

/** The device a cookie's token proves, if it is valid and was earned by `userId`; null otherwise. */
export async function knownDevice(token: string | undefined, userId: string): Promise<KnownDevice | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, deviceKey(), { issuer: ISSUER, algorithms: ['HS256'], subject: userId });
    return typeof payload.did === 'string' ? { userId, deviceId: payload.did } : null;
  } catch {
    return null;
  }
}

/** Cookie attributes: unreadable by scripts, sent to this site only; it outlives signing out on purpose. */
export function deviceCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/', maxAge: DEVICE_TTL_SECONDS };
}
