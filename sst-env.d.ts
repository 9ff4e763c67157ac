/* Types for the resources that sst.config.ts links. `sst dev` / `sst deploy` regenerate this file. */
import 'sst';
declare module 'sst' {
  export interface Resource {
    Uploads: { name: string; type: 'sst.aws.Bucket' };
    Media: { name: string; type: 'sst.aws.Bucket' };
    Table: { name: string; type: 'sst.aws.Dynamo' };
    DescribeFaces: { name: string; type: 'sst.aws.Function' };
    Realtime: { endpoint: string; authorizer: string; type: 'sst.aws.Realtime' };
    ClerkSecretKey: { value: string; type: 'sst.sst.Secret' };
    ClerkPublishableKey: { value: string; type: 'sst.sst.Secret' };
    ClerkJwtKey: { value: string; type: 'sst.sst.Secret' };
    ClerkWebhookSigningSecret: { value: string; type: 'sst.sst.Secret' };
    MediaSigningKey: { value: string; type: 'sst.sst.Secret' };
  }
}
export {};
