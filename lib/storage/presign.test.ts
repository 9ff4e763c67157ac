import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { presignGetObject } from './presign';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const CLIENTS = {
  'the emulator (by path)': () => new S3Client({ region: 'us-east-1', credentials, endpoint: 'http://127.0.0.1:4568', forcePathStyle: true }),
  'AWS (virtual host)': () => new S3Client({ region: 'eu-west-1', credentials }),
  // As lib/aws/clients.ts makes it, under a Lambda role's session credentials.
  'AWS, as this app configures it, with a session token': () =>
    new S3Client({ region: 'us-east-2', credentials: { ...credentials, sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE' }, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }),
};
const KEYS = ['users/usr_abc/images/V1StGXR8_Z5jdHi6/w640.webp', "odd keys/a b+c/ü (1)!'*~.jpg"];
const signingDate = new Date('2026-12-07T04:50:00Z');

describe('presignGetObject', () => {
  for (const [where, makeClient] of Object.entries(CLIENTS)) {
    it(`gives the very URL getSignedUrl gives, on ${where}`, async () => {
      const client = makeClient();
      for (const key of KEYS) {
        for (const contentDisposition of [undefined, 'attachment; filename="portrait (1).jpg"']) {
          const expected = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'media-bucket', Key: key, ResponseContentDisposition: contentDisposition }), { expiresIn: 1200, signingDate });
          expect(await presignGetObject(client, { bucket: 'media-bucket', key, contentDisposition, expiresIn: 1200, signingDate })).toBe(expected);
        }
      }
    });
  }
});
