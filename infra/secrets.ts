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
};
