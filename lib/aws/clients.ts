import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { awsSettings } from '../config';
import { traceAwsClient } from '../observability/tracing';
import { resources } from './resources';

/*
 * AWS clients, built once per process. Endpoints come from the standard AWS_ENDPOINT_URL_<SERVICE>
 * variables, which the SDK reads itself: on AWS they are unset, under the
 * local cloud they point at the emulators. Where tracing is on, each call is an X-Ray subsegment.
 */

let s3: S3Client | undefined;
export function s3Client(): S3Client {
  s3 ??= traceAwsClient(createS3Client());
  return s3;
}

function createS3Client(): S3Client {
  const onEmulator = awsSettings().s3OnEmulator;
  const client = new S3Client({
    // The emulator serves buckets by path, not by virtual host.
    forcePathStyle: onEmulator,
    // The emulator stores aws-chunked stream bodies verbatim, corrupting them; plain bodies work on both.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  if (onEmulator) {
    /*
     * The SDK addresses bucket-level operations as "/bucket/" while the S3 emulator computes the
     * signature over "/bucket", so ListObjectsV2 and DeleteObjects would fail with SignatureDoesNotMatch.
     * Dropping the slash before signing makes both sides agree; AWS never sees this middleware.
     */
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { path?: unknown };
        if (typeof request.path === 'string' && /^\/[^/]+\/$/.test(request.path)) request.path = request.path.slice(0, -1);
        return next(args);
      },
      { step: 'build', name: 'emulatorBucketPath' },
    );
  }
  return client;
}

let documents: DynamoDBDocumentClient | undefined;
export function documentClient(): DynamoDBDocumentClient {
  documents ??= DynamoDBDocumentClient.from(traceAwsClient(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documents;
}

let rekognition: RekognitionClient | undefined;
export function rekognitionClient(): RekognitionClient {
  rekognition ??= traceAwsClient(new RekognitionClient({}));
  return rekognition;
}

let lambda: LambdaClient | undefined;
export function lambdaClient(): LambdaClient {
  // Under the local cloud AWS_ENDPOINT_URL_LAMBDA points at its Invoke API (local/invoke-server.ts).
  lambda ??= traceAwsClient(new LambdaClient({}));
  return lambda;
}

let iotData: IoTDataPlaneClient | undefined;
/** Publishes live updates: to the account's IoT endpoint on AWS (which SST links), to the local broker under the local cloud. */
export function iotDataClient(): IoTDataPlaneClient {
  iotData ??= traceAwsClient(new IoTDataPlaneClient(awsSettings().iotDataOnEmulator ? {} : { endpoint: `https://${resources.realtime.endpoint}` }));
  return iotData;
}

let cloudFront: CloudFrontClient | undefined;
/** Invalidates the site's CDN: CloudFront's API is global, and under the local cloud AWS_ENDPOINT_URL_CLOUDFRONT points at its stand-in. */
export function cloudFrontClient(): CloudFrontClient {
  cloudFront ??= traceAwsClient(new CloudFrontClient({}));
  return cloudFront;
}
