import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { nanoid } from 'nanoid';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeopleManifestSchema, PhotosManifestSchema } from '@/lib/account/export-manifest';
import { listOwnExports } from '@/lib/account/list-exports';
import { requestExport } from '@/lib/account/request-export';
import { resources } from '@/lib/aws/resources';
import { completeImageProcessing, findAnalysis, findExport, findImage, insertImage, listPeople } from '@/lib/db';
import { requestProfileAnalysis } from '@/lib/profile-check/request-profile-analysis';
import { createLink } from '@/lib/links';
import { deleteObjects, exportArchiveKey, headObject, originalKey, readObject, variantKey, writeObject } from '@/lib/storage';
import { fixture, newUserId, uploadAsBrowser, waitForSettled } from './helpers';
import { UNROUTED_BUCKET } from './unrouted-bucket';

/*
 * "Export my data" through the local cloud: the request lands in the media bucket, the bridge runs
 * export-account, and the archive it streams to S3 is downloaded with its presigned link and opened
 * with the system's unzip, as the owner would.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Two hundred photos, as the issue asks, of about 460 KB each: 92 MB of originals. */
const MANY_PHOTOS = 200;
/**
 * Peak resident memory of a process that runs one export of MANY_PHOTOS originals. Measured: 213–231 MB,
 * of which 149 MB is Node, tsx and the SDKs (an empty library). It levels off there, since the upload
 * holds two 5 MiB parts at a time: 400 photos (184 MB) peaked at 228 MB. The same 200-photo export with
 * its whole archive held for one upload peaked at 349 MB.
 */
const MEMORY_CAP_BYTES = 300 * 1024 * 1024;
/** Writing the photos, the export, the download and the unzip on the emulators took 15–48 s, as busy as the machine was. */
const MANY_PHOTOS_TIMEOUT_MS = 60_000;

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'headshot-export-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function waitForFaces(userId: string, imageId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await findImage(userId, imageId))?.faceIndex?.status;
    if (state === 'done' || state === 'failed') return state;
    if (Date.now() > deadline) throw new Error(`faces of ${imageId} still ${state ?? 'not asked for'}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForAnalysis(userId: string, imageId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await findAnalysis({ userId, imageId }))?.status;
    if (status === 'ready' || status === 'failed') return status;
    if (Date.now() > deadline) throw new Error(`analysis of ${imageId} still ${status ?? 'missing'}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForExport(userId: string, exportId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const item = await findExport(userId, exportId);
    if (item?.status === 'ready' || item?.status === 'failed') return item;
    if (Date.now() > deadline) throw new Error(`export ${exportId} still ${item?.status ?? 'missing'}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The owner's newest ready export as the Settings page links it, under /media/ (which the media
 * stand-in serves, checked in e2e/media-cdn.spec.ts), and its archive's bytes from the bucket.
 */
async function downloadLatestExport(userId: string, exportId: string): Promise<{ file: string; bytes: Buffer; downloadName: string }> {
  const view = (await listOwnExports(userId)).find((item) => item.exportId === exportId);
  expect(view).toMatchObject({ status: 'ready', expired: false, downloadUrl: `/media/${userId}/exports/${exportId}/headshot-export.zip` });
  const bytes = (await readObject(resources.mediaBucket, exportArchiveKey(userId, exportId)))!.body;
  const file = path.join(workDir, `${exportId}.zip`);
  await writeFile(file, bytes);
  return { file, bytes, downloadName: view!.downloadName };
}

/** The entry names, as Info-ZIP's unzip lists them. */
async function listEntries(file: string): Promise<string[]> {
  const { stdout } = await run('unzip', ['-Z1', file], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.split('\n').filter(Boolean);
}

async function entry(file: string, name: string): Promise<Buffer> {
  const { stdout } = await run('unzip', ['-p', file, name], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Runs one export in a process of its own (export-memory-child.ts) and answers what it printed. */
async function exportInChildProcess(userId: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/export-memory-child.ts', userId], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the export process exited with ${code}: ${stderr.slice(-2000)}`);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { outcome: string; exportId: string; ms: number; maxRssBytes: number };
}

const asJpeg = (image: ReturnType<typeof sharp>) => image.jpeg({ quality: 92 }).toBuffer();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe('export my data', () => {
  it('puts every original, byte for byte, and the records of photos, links, analyses and people into one archive a standard unzip opens', async () => {
    const owner = newUserId();
    const stranger = newUserId();
    const astronaut = await fixture('faces/astronaut.png');
    const uploads = new Map<string, { body: Buffer; fileName: string }>();
    // One photo at a time, faces included: the astronaut's two faces then make one person, as in people.test.ts.
    const upload = async (userId: string, body: Buffer, fileName: string, contentType: string) => {
      const { imageId } = await uploadAsBrowser(userId, body, fileName, contentType);
      expect((await waitForSettled(userId, imageId)).status).toBe('ready');
      expect(await waitForFaces(userId, imageId)).toBe('done');
      if (userId === owner) uploads.set(imageId, { body, fileName });
      return imageId;
    };
    const portrait = await upload(owner, await asJpeg(sharp(astronaut)), 'portrait.jpg', 'image/jpeg');
    const mirrored = await upload(owner, await asJpeg(sharp(astronaut).flop()), 'mirrored.jpg', 'image/jpeg');
    const coffee = await upload(owner, await fixture('nofaces/coffee.png'), '../Café crème?.png', 'image/png');
    const lost = await upload(owner, await fixture('orientation/orientation_6.jpg'), 'lost.jpg', 'image/jpeg');
    const strangers = await upload(stranger, await fixture('orientation/orientation_1.jpg'), 'theirs.jpg', 'image/jpeg');
    await requestProfileAnalysis(owner, portrait);
    expect(await waitForAnalysis(owner, portrait)).toBe('ready');
    const link = await createLink(owner, { imageId: portrait, expiry: '7d' });
    // An original gone from the bucket, whatever the reason: the export says so instead of failing.
    await deleteObjects(resources.uploadsBucket, [originalKey(owner, lost)]);
    const [person] = await listPeople(owner);
    expect(person?.faceCount).toBe(2);

    const started = performance.now();
    const { exportId } = await requestExport(owner);
    // Asking again while it is queued or running answers the same export.
    expect(await requestExport(owner)).toEqual({ exportId });
    const done = await waitForExport(owner, exportId);
    const elapsedMs = Math.round(performance.now() - started);
    expect(done).toMatchObject({ status: 'ready', photosDone: 4, photosTotal: 4 });
    expect(done.availableUntil! - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(done.expiresAt).toBe(Math.floor((done.availableUntil! + 24 * 3600 * 1000) / 1000));

    const { file, bytes, downloadName } = await downloadLatestExport(owner, exportId);
    expect(bytes.length).toBe(done.bytes);
    expect(downloadName).toMatch(/^headshot-export-\d{4}-\d{2}-\d{2}\.zip$/);
    // Every entry's CRC checks out.
    await run('unzip', ['-tq', file]);

    const names = await listEntries(file);
    const originals = names.filter((name) => name.startsWith('originals/'));
    expect(originals.sort()).toEqual([`originals/${coffee}-Café crème_.png`, `originals/${mirrored}-mirrored.jpg`, `originals/${portrait}-portrait.jpg`].sort());
    for (const name of originals) {
      const imageId = name.slice('originals/'.length, 'originals/'.length + 16);
      expect((await entry(file, name)).equals(uploads.get(imageId)!.body), name).toBe(true);
    }

    const [photosJson, peopleJson, readme] = await Promise.all(['photos.json', 'people.json', 'README.txt'].map(async (name) => (await entry(file, name)).toString()));
    const photos = PhotosManifestSchema.parse(JSON.parse(photosJson!));
    const people = PeopleManifestSchema.parse(JSON.parse(peopleJson!));
    expect(photos.photos.map((photo) => photo.imageId).sort()).toEqual([...uploads.keys()].sort());
    const byId = new Map(photos.photos.map((photo) => [photo.imageId, photo]));
    expect(byId.get(lost)!.original).toEqual({ status: 'missing', note: expect.any(String) });
    expect(byId.get(coffee)).toMatchObject({ fileName: '../Café crème?.png', original: { status: 'included', bytes: uploads.get(coffee)!.body.length } });
    const shot = byId.get(portrait)!;
    expect(shot.variants.length).toBeGreaterThan(0);
    expect(shot.analysis).toMatchObject({ status: 'ready', analyzer: 'local', report: { faces: [expect.anything()] }, crop: { status: 'ok' } });
    expect(shot.links).toEqual([expect.objectContaining({ code: link.code, path: `/s/${link.code}`, expiry: '7d', views: 0, state: 'active' })]);
    expect(shot.faceIndex).toMatchObject({ status: 'done', faces: 1 });

    expect(people.people).toEqual([expect.objectContaining({ personId: person!.personId, faceCount: 2, hidden: false })]);
    const faces = people.people[0]!.faces;
    expect(faces.map((face) => face.imageId).sort()).toEqual([portrait, mirrored].sort());
    for (const face of faces) expect(names).toContain(face.thumbnail);
    expect(readme).toMatch(/3 of 4 photos/);

    // Nothing names where things are stored (every key holds the owner's id), or anyone else.
    const text = [photosJson, peopleJson, readme].join('\n');
    for (const secret of [resources.uploadsBucket, resources.mediaBucket, 'uploads/', owner]) expect(text).not.toContain(secret);
    for (const theirs of [stranger, strangers]) {
      expect(bytes.includes(theirs)).toBe(false);
      expect(names.join('\n')).not.toContain(theirs);
    }

    // The same library exported in a process of its own, for its peak memory.
    const alone = await exportInChildProcess(owner);
    expect(alone.outcome).toBe('done');
    console.info(`fixture library: 4 photos, archive ${done.bytes} bytes (${mb(done.bytes!)}), requested → ready ${elapsedMs} ms; alone: ${alone.ms} ms, peak RSS ${mb(alone.maxRssBytes)}`);
  });

  it(`streams a ${MANY_PHOTOS}-photo export within ${MEMORY_CAP_BYTES / 1024 / 1024} MB`, async () => {
    const owner = newUserId();
    // Distinct originals, made fast: one noisy JPEG (noise does not compress), each copy with its own comment segment.
    const base = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .jpeg({ quality: 95 })
      .toBuffer();
    const originals = new Map<string, Buffer>();
    const ids = Array.from({ length: MANY_PHOTOS }, () => nanoid(16));
    for (const [n, imageId] of ids.entries()) {
      const comment = Buffer.from(`photo ${n} of ${MANY_PHOTOS}`);
      const segment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, comment.length + 2]), comment]);
      originals.set(imageId, Buffer.concat([base.subarray(0, 2), segment, base.subarray(2)]));
    }
    // Straight into the table and the bucket the bridge does not watch: processing is not what is measured.
    const write = async (imageId: string) => {
      const body = originals.get(imageId)!;
      await writeObject(UNROUTED_BUCKET, originalKey(owner, imageId), body, 'image/jpeg');
      await insertImage({ userId: owner, imageId, fileName: `IMG_${imageId}.jpg`, declaredType: 'image/jpeg', declaredBytes: body.length, originalKey: originalKey(owner, imageId) });
      const variant = { name: 'w800', key: variantKey(owner, imageId, 'w800.jpeg'), format: 'jpeg' as const, width: 800, height: 600, bytes: body.length, watermarked: false };
      await completeImageProcessing({ userId: owner, imageId }, { status: 'ready', details: { format: 'jpeg', width: 800, height: 600, bytes: body.length }, variants: [variant] });
    };
    const setupStarted = performance.now();
    for (let start = 0; start < ids.length; start += 20) await Promise.all(ids.slice(start, start + 20).map(write));
    const setupMs = Math.round(performance.now() - setupStarted);
    const total = [...originals.values()].reduce((sum, body) => sum + body.length, 0);

    // The export's process reads originals from that bucket; everything else is as in the function.
    const alone = await exportInChildProcess(owner, { SST_RESOURCE_Uploads: JSON.stringify({ name: UNROUTED_BUCKET, type: 'sst.aws.Bucket' }) });
    expect(alone.outcome).toBe('done');
    const done = (await findExport(owner, alone.exportId))!;
    expect(done).toMatchObject({ status: 'ready', photosDone: MANY_PHOTOS, photosTotal: MANY_PHOTOS });
    console.info(`${MANY_PHOTOS} photos (${mb(total)} of originals, written in ${setupMs} ms): archive ${mb(done.bytes!)} in ${alone.ms} ms, peak RSS ${mb(alone.maxRssBytes)}`);
    expect(alone.maxRssBytes).toBeLessThan(MEMORY_CAP_BYTES);

    const { file } = await downloadLatestExport(owner, alone.exportId);
    const out = path.join(workDir, 'many');
    await run('unzip', ['-q', file, '-d', out]);
    const names = (await listEntries(file)).filter((name) => name.startsWith('originals/'));
    expect(names).toHaveLength(MANY_PHOTOS);
    for (const name of names) {
      const imageId = name.slice('originals/'.length, 'originals/'.length + 16);
      expect((await readFile(path.join(out, name))).equals(originals.get(imageId)!), name).toBe(true);
    }
    expect(await headObject(resources.mediaBucket, exportArchiveKey(owner, alone.exportId))).toMatchObject({ bytes: done.bytes });
  }, MANY_PHOTOS_TIMEOUT_MS);
});
