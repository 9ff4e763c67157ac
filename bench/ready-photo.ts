import { readFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Uploads a fixture for a user through lib/ and waits until the local cloud has processed it: the
 * image id. Import only once the environment points at the bench's emulators.
 */
export async function readyPhoto(userId: string, fixture: string, contentType: string): Promise<string> {
  const { findImage } = await import('../lib/db');
  const { createUpload } = await import('../lib/images');
  const body = await readFile(path.join(root, 'fixtures', fixture));
  const upload = await createUpload(userId, { fileName: path.basename(fixture), contentType, bytes: body.length });
  const put = await fetch(upload.url, { method: 'PUT', body: new Uint8Array(body), headers: upload.headers });
  if (!put.ok) throw new Error(`The bench upload was refused: HTTP ${put.status}`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const image = await findImage(userId, upload.imageId);
    if (image?.status === 'ready') return upload.imageId;
    if (image?.status === 'failed' || Date.now() > deadline) throw new Error(`The bench photo did not process: ${image?.status ?? 'missing'}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
