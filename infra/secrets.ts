import { liveTokenKeyOf } from '../lib/realtime/live-token-key';
import { webhookSecretKeyOf } from '../lib/webhooks/secret-key';
import type { FunctionSpec, SecretVariable } from './function-specs';

/* Set once per stage: `npx sst secret set ClerkSecretKey sk_live_… --stage prod`. */
export const secrets = {
  ClerkSecretKey: new sst.Secret('ClerkSecretKey'),
  ClerkPublishableKey: new sst.Secret('ClerkPublishableKey'),
  /** The PEM public key from Clerk's dashboard (API keys → JWT public key): sessions verify with no call to Clerk. */
  ClerkJwtKey: new sst.Secret('ClerkJwtKey'),
  /**
   * The signing secret of the endpoint in Clerk's dashboard (Webhooks → the /webhooks/clerk endpoint), whsec_…:
   * a user deleted in Clerk is deleted here too. Empty by default, so stages deployed before it keep
   * deploying; until it is set, the route answers 404 and a user deleted in Clerk keeps their data here.
   */
  ClerkWebhookSigningSecret: new sst.Secret('ClerkWebhookSigningSecret', ''),
  /**
   * The private key (RSA 2048, PEM) that owners' media cookies are signed with; its public half is the
   * distribution's key group (infra/media-cdn.ts). Once per stage:
   * `npx sst secret set MediaSigningKey "$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048)" --stage prod`.
   */
  MediaSigningKey: new sst.Secret('MediaSigningKey'),
};

/** The values of the secret variables a function's spec names. */
export function secretEnvironment(spec: Pick<FunctionSpec, 'secrets'>): Record<string, $util.Input<string>> {
  const values: Record<SecretVariable, () => $util.Input<string>> = {
    CLERK_SECRET_KEY: () => secrets.ClerkSecretKey.value,
    // The live authorizer's key, derived from the sign-in secret as the site derives it: the function holds this key and no sign-in secret.
    LIVE_TOKEN_KEY: () => $util.secret(secrets.ClerkSecretKey.value.apply((secret) => liveTokenKeyOf(secret).toString('base64url'))),
    // The key webhook signing secrets are encrypted with, derived the same way: deliver-webhook decrypts them and holds no sign-in secret.
    WEBHOOK_SECRET_KEY: () => $util.secret(secrets.ClerkSecretKey.value.apply((secret) => webhookSecretKeyOf(secret).toString('base64url'))),
  };
  return Object.fromEntries(spec.secrets.map((name) => [name, values[name]()]));
}
