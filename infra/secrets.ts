/* Set once per stage: `npx sst secret set ClerkSecretKey sk_live_… --stage prod`. */
export const secrets = {
  ClerkSecretKey: new sst.Secret('ClerkSecretKey'),
  ClerkPublishableKey: new sst.Secret('ClerkPublishableKey'),
  /** The PEM public key from Clerk's dashboard (API keys → JWT public key): sessions verify with no call to Clerk. */
  ClerkJwtKey: new sst.Secret('ClerkJwtKey'),
};
