import { generateKeyPairSync } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';

/*
 * A Clerk production instance that exists only here: its Frontend API host (which a publishable key
 * encodes), its session-token key pair, and session tokens shaped like the ones Clerk's Frontend API
 * issues, which @clerk/nextjs verifies with CLERK_JWT_KEY and no network call. deploy:check's Clerk
 * pass and the Clerk-mode e2e project sign in with them.
 */

/** The Frontend API host of the placeholder instance: Clerk's script is fetched from it, and session tokens name it as their issuer. */
export const CLERK_FRONTEND_HOST = 'clerk.headshot.example.com';

/**
 * A production (`pk_live_`) publishable key for that host, as `sst deploy` bakes the real one into the build.
 * A development (`pk_test_`) key would build Clerk's development mode, with its dev-browser handshake, which no deployment runs.
 */
export const CLERK_PUBLISHABLE_KEY = `pk_live_${Buffer.from(`${CLERK_FRONTEND_HOST}$`).toString('base64')}`;

/** Session cookies are the same for every user of the instance: Clerk's `__session` (the token) and `__client_uat` (when the client last changed). */
export const CLERK_SESSION_COOKIE = '__session';
export const CLERK_CLIENT_UAT_COOKIE = '__client_uat';

export interface ClerkKeys {
  /** PEM (SPKI), what Clerk's dashboard shows as the JWT public key: CLERK_JWT_KEY. */
  publicKey: string;
  /** PEM (PKCS#8), which only the stand-in instance has. */
  privateKey: string;
}

/** A fresh RS256 key pair, the algorithm of Clerk's session tokens. */
export function generateClerkKeys(): ClerkKeys {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKey, privateKey };
}

export interface ClerkSessionClaims {
  /** The Clerk user id (`user_…`): the app keys every record by it. */
  userId: string;
  /** The site's origin: Clerk's `azp`, which the middleware's authorizedParties must contain. */
  origin: string;
  /** Seconds the token is valid for; Clerk's own last one minute and are refreshed by its script. */
  lifetimeSeconds?: number;
}

/** A session token as Clerk's Frontend API issues it: RS256, `kid` of the instance, `sid`, `sub`, `azp`, `iss` of the Frontend API, one-minute life by default. */
export async function mintSessionToken(keys: ClerkKeys, claims: ClerkSessionClaims): Promise<{ token: string; issuedAt: number }> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ sid: `sess_${claims.userId.replace(/^user_/, '')}`, azp: claims.origin, v: 2, fva: [0, -1] })
    .setProtectedHeader({ alg: 'RS256', kid: 'ins_headshotdeploycheck', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(`https://${CLERK_FRONTEND_HOST}`)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt - 10)
    .setExpirationTime(issuedAt + (claims.lifetimeSeconds ?? 60))
    .sign(await importPKCS8(keys.privateKey, 'RS256'));
  return { token, issuedAt };
}

/** The cookies of a browser signed in to the instance: the token, and the client's last change no later than the token. */
export async function clerkSessionCookies(keys: ClerkKeys, claims: ClerkSessionClaims): Promise<Record<string, string>> {
  const { token, issuedAt } = await mintSessionToken(keys, claims);
  return { [CLERK_SESSION_COOKIE]: token, [CLERK_CLIENT_UAT_COOKIE]: String(issuedAt) };
}
