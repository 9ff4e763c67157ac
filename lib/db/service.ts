import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Service } from 'electrodb';
import { AccountClosure } from './entities/account-closure';
import { Analysis } from './entities/analysis';
import { ApiToken, ApiTokenSlots } from './entities/api-token';
import { DeadLetter } from './entities/dead-letter';
import { DataExport } from './entities/export';
import { Face } from './entities/face';
import { FaceLibrary } from './entities/face-library';
import { IdempotencyRecord } from './entities/idempotency-record';
import { Image } from './entities/image';
import { Job } from './entities/job';
import { Link } from './entities/link';
import { LinkNameHold } from './entities/link-name-hold';
import { LinkDay } from './entities/link-day';
import { Person } from './entities/person';
import { RateLimitWindow } from './entities/rate-limit';
import { ReadyPhoto } from './entities/ready-photo';
import { Session } from './entities/session';
import { Settings } from './entities/settings';
import { StorageUsage } from './entities/storage-usage';
import { User } from './entities/user';
import { WatermarkRerender } from './entities/watermark-rerender';
import { WebhookDelivery } from './entities/webhook-delivery';
import { WebhookEndpoint } from './entities/webhook-endpoint';
import { WebhookEndpointSlots } from './entities/webhook-endpoint-slots';

/** Builds the one Service over the single table, for whichever client and table name the caller has. */
export function createService(client: DynamoDBDocumentClient, table: string) {
  return new Service(
    { user: User, image: Image, deadLetter: DeadLetter, settings: Settings, analysis: Analysis, link: Link, linkNameHold: LinkNameHold, linkDay: LinkDay, rateLimitWindow: RateLimitWindow, job: Job, session: Session, face: Face, person: Person, faceLibrary: FaceLibrary, accountClosure: AccountClosure, dataExport: DataExport, webhookDelivery: WebhookDelivery, readyPhoto: ReadyPhoto, watermarkRerender: WatermarkRerender, storageUsage: StorageUsage, apiToken: ApiToken, apiTokenSlots: ApiTokenSlots, idempotencyRecord: IdempotencyRecord, webhookEndpoint: WebhookEndpoint, webhookEndpointSlots: WebhookEndpointSlots },
    { client, table },
  );
}

export type Db = ReturnType<typeof createService>;
