/* Clerk's keys. Set once per stage: `npx sst secret set ClerkSecretKey sk_live_… --stage prod`. */
export const clerkSecretKey = new sst.Secret('ClerkSecretKey');
export const clerkPublishableKey = new sst.Secret('ClerkPublishableKey');
