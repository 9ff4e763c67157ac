/* Set once per stage: `npx sst secret set ClerkSecretKey sk_live_… --stage prod`. */
export const secrets = {
  ClerkSecretKey: new sst.Secret('ClerkSecretKey'),
  ClerkPublishableKey: new sst.Secret('ClerkPublishableKey'),
};
