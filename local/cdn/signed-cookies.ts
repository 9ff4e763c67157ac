import { createVerify, type KeyObject } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/*
 * CloudFront's check of a signed cookie, as a behaviour with trusted key groups makes it on every
 * request, for the local cloud's stand-in of the media behaviour (media-origin.ts). It is CloudFront's
 * rule, not the app's: the app only signs (lib/media-access), with the SDK's signer, and this accepts
 * exactly what CloudFront accepts:
 *   - the key pair id must be one of the trusted key group's public keys;
 *   - the signature is RSA over the policy's bytes (SHA-1, or SHA-256 when CloudFront-Hash-Algorithm says
 *     so), in CloudFront's URL-safe base64 (+ → -, = → _, / → ~);
 *   - a custom policy (CloudFront-Policy) has one statement: its Resource, with * and ? wildcards, must
 *     match the URL asked for; DateLessThan is required and must be in the future; DateGreaterThan, when
 *     given, in the past; IpAddress, when given, must hold the viewer's address;
 *   - a canned policy (CloudFront-Expires) is the URL asked for until that time.
 * A refusal carries CloudFront's own error code and message, which it sends in a 403's XML body.
 */

export interface Refusal {
  code: 'MissingKey' | 'InvalidKey' | 'MalformedPolicy' | 'AccessDenied';
  message: string;
}

const REFUSALS = {
  missingKey: { code: 'MissingKey', message: 'Missing Key-Pair-Id query parameter or cookie value' },
  unknownKey: { code: 'InvalidKey', message: 'Unknown Key' },
  malformed: { code: 'MalformedPolicy', message: 'Malformed Policy' },
  denied: { code: 'AccessDenied', message: 'Access denied' },
} as const satisfies Record<string, Refusal>;

const EpochTime = z.object({ 'AWS:EpochTime': z.number().int().nonnegative() }).strict();
const PolicySchema = z
  .object({
    Statement: z
      .array(
        z
          .object({
            Resource: z.string().min(1),
            Condition: z
              .object({
                DateLessThan: EpochTime,
                DateGreaterThan: EpochTime.optional(),
                IpAddress: z.object({ 'AWS:SourceIp': z.string() }).strict().optional(),
              })
              .strict(),
          })
          .strict(),
      )
      .length(1),
  })
  .strict();

/** CloudFront's URL-safe base64 back to bytes; null when it is not base64 at all. */
function cloudFrontBase64(value: string): Buffer | null {
  const standard = value.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/');
  return /^[A-Za-z0-9+/]+={0,2}$/.test(standard) ? Buffer.from(standard, 'base64') : null;
}

/** A policy Resource as a pattern: * is any run of characters, ? is one, everything else is itself. */
function resourcePattern(resource: string): RegExp {
  const escaped = resource.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 's');
}

/** Whether the viewer's address is in the policy's CIDR range; an address of the other family, or a range that does not parse, is not. */
function holdsAddress(cidr: string, address: string): boolean {
  try {
    const range = ipaddr.parseCIDR(cidr);
    const viewer = ipaddr.process(address);
    return viewer.kind() === range[0].kind() && (viewer as ipaddr.IPv4).match(range as [ipaddr.IPv4, number]);
  } catch {
    return false;
  }
}

export interface SignedRequest {
  /** The URL the viewer asked for, scheme, host, path and query as sent. */
  url: string;
  cookies: Record<string, string | undefined>;
  /** The viewer's address, for an IpAddress condition. */
  viewerAddress: string;
  now: number;
}

/** Null when CloudFront would serve the request, else its refusal. `trustedKeys` are the key group's public keys by id. */
export function checkSignedCookies(request: SignedRequest, trustedKeys: ReadonlyMap<string, KeyObject>): Refusal | null {
  const { cookies } = request;
  const keyPairId = cookies['CloudFront-Key-Pair-Id'];
  if (!keyPairId) return REFUSALS.missingKey;
  const publicKey = trustedKeys.get(keyPairId);
  if (!publicKey) return REFUSALS.unknownKey;

  const encodedPolicy = cookies['CloudFront-Policy'];
  const expires = cookies['CloudFront-Expires'];
  let policyBytes: Buffer | null;
  if (encodedPolicy) policyBytes = cloudFrontBase64(encodedPolicy);
  else if (expires && /^\d{1,12}$/.test(expires)) {
    policyBytes = Buffer.from(JSON.stringify({ Statement: [{ Resource: request.url, Condition: { DateLessThan: { 'AWS:EpochTime': Number(expires) } } }] }));
  } else return REFUSALS.malformed;
  if (!policyBytes) return REFUSALS.malformed;

  const algorithm = cookies['CloudFront-Hash-Algorithm'] ?? 'SHA1';
  if (algorithm !== 'SHA1' && algorithm !== 'SHA256') return REFUSALS.malformed;
  const signature = cloudFrontBase64(cookies['CloudFront-Signature'] ?? '');
  if (!signature || !createVerify(`RSA-${algorithm}`).update(policyBytes).verify(publicKey, signature)) return REFUSALS.denied;

  let parsed: unknown;
  try {
    parsed = JSON.parse(policyBytes.toString('utf8'));
  } catch {
    return REFUSALS.malformed;
  }
  const policy = PolicySchema.safeParse(parsed);
  if (!policy.success) return REFUSALS.malformed;
  const [{ Resource, Condition }] = policy.data.Statement as [z.infer<typeof PolicySchema>['Statement'][number]];
  const nowSeconds = request.now / 1000;
  if (nowSeconds >= Condition.DateLessThan['AWS:EpochTime']) return REFUSALS.denied;
  if (Condition.DateGreaterThan && nowSeconds < Condition.DateGreaterThan['AWS:EpochTime']) return REFUSALS.denied;
  if (Condition.IpAddress && !holdsAddress(Condition.IpAddress['AWS:SourceIp'], request.viewerAddress)) return REFUSALS.denied;
  if (!resourcePattern(Resource).test(request.url)) return REFUSALS.denied;
  return null;
}

/** The body CloudFront sends with a refusal. */
export function refusalXml(refusal: Refusal): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${refusal.code}</Code><Message>${refusal.message}</Message></Error>`;
}
