import { Resource } from 'sst';

/**
 * The one place that reads SST's linked resources. On AWS they come from the function's
 * link data; under the local cloud from the SST_RESOURCE_<Name> variables that local/ sets.
 * Read lazily so that importing lib/ never requires a deployment.
 */
export const resources = {
  get uploadsBucket(): string {
    return Resource.Uploads.name;
  },
  get mediaBucket(): string {
    return Resource.Media.name;
  },
  /** A bucket by the name it is linked under, as the job-wiring table names a trigger's bucket. */
  bucket(link: 'Uploads' | 'Media'): string {
    return Resource[link].name;
  },
  get tableName(): string {
    return Resource.Table.name;
  },
  /** The app's name and stage, which every live-updates topic starts with (IoT is shared by every app in an account). */
  get app(): { name: string; stage: string } {
    return { name: Resource.App.name, stage: Resource.App.stage };
  },
  /** The live-updates broker: AWS IoT's data endpoint (host) and the custom authorizer's name. */
  get realtime(): { endpoint: string; authorizer: string } {
    return { endpoint: Resource.Realtime.endpoint, authorizer: Resource.Realtime.authorizer };
  },
  /** The private key (PEM) of the CloudFront key pair that media cookies are signed with (lib/media-access). */
  get mediaSigningKey(): string {
    return Resource.MediaSigningKey.value;
  },
  /** The function that runs the built-in face model for the site, which has no model of its own. */
  get describeFacesFunction(): string {
    return Resource.DescribeFaces.name;
  },
};
