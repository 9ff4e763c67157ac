import path from 'node:path';
import { shownPath } from './data-dir';

/** What `npm run dev` prints once everything serves: where each part is, the data folder it really uses included. */
export function devBanner(parts: { app: string; dataDir: string; env: Record<string, string>; functions: string }): string {
  const folder = (sub: string) => shownPath(path.join(parts.dataDir, sub));
  return `
  headshot local cloud
  ─ app       ${parts.app}
  ─ data      ${shownPath(parts.dataDir)}   (${process.env.DATA_DIR ? 'from DATA_DIR' : 'the default; set DATA_DIR to use another folder'})
  ─ S3        ${parts.env.AWS_ENDPOINT_URL_S3}   (buckets under ${folder('s3')})
  ─ DynamoDB  ${parts.env.AWS_ENDPOINT_URL_DYNAMODB}   (table under ${folder('dynamodb')})
  ─ live      ${parts.env.AWS_ENDPOINT_URL_IOT_DATA_PLANE}   (MQTT over WebSocket at /mqtt, standing in for AWS IoT)
  ─ functions ${parts.functions}   (reload when functions/ or lib/ change)
`;
}
