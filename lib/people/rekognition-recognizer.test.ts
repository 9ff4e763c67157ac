import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateCollectionCommand,
  DeleteCollectionCommand,
  DescribeCollectionCommand,
  DeleteFacesCommand,
  DetectFacesCommand,
  IndexFacesCommand,
  InvalidParameterException,
  ListFacesCommand,
  ProvisionedThroughputExceededException,
  RekognitionClient,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  SearchFacesByImageCommand,
  SearchFacesCommand,
  type DeleteFacesCommandOutput,
  type DetectFacesCommandOutput,
  type IndexFacesCommandOutput,
  type SearchFacesByImageCommandOutput,
  type SearchFacesCommandOutput,
} from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { NoFaceError, type FaceMatch } from './recognizer';
import { collectionIdOf, createRekognitionRecognizer, REKOGNITION_SAME_PERSON_MIN_SIMILARITY, type StoredFace } from './rekognition-recognizer';
import { BoxSchema } from '../faces/schemas';

const fixtureIn = (folder: string, name: string): unknown => JSON.parse(readFileSync(path.join(import.meta.dirname, folder, name), 'utf8'));
const fixture = (name: string) => fixtureIn('__fixtures__', name);
const indexed = (name: string) => fixture(name) as IndexFacesCommandOutput;
const searched = (name: string) => fixture(name) as SearchFacesCommandOutput;
const searchedByImage = (name: string) => fixture(name) as SearchFacesByImageCommandOutput;
const deleted = (name: string) => fixture(name) as DeleteFacesCommandOutput;
// DetectFaces answers live with the profile check, which is built on them; here they only say whether a query photo shows a face.
const detected = (name: string) => fixtureIn('../profile-check/__fixtures__', name) as DetectFacesCommandOutput;

/** A recorded error, rebuilt as the SDK's own exception class, as the client would throw it. */
const RecordedErrorSchema = z.object({
  name: z.enum(['ResourceNotFoundException', 'ResourceAlreadyExistsException', 'InvalidParameterException', 'ProvisionedThroughputExceededException']),
  message: z.string(),
  Code: z.string(),
  Logref: z.string(),
  $metadata: z.object({ httpStatusCode: z.number(), requestId: z.string(), attempts: z.number(), totalRetryDelay: z.number() }),
});
function recordedError(name: string): Error {
  const { name: type, message, ...rest } = RecordedErrorSchema.parse(fixture(name));
  const options = { message, Message: message, ...rest };
  switch (type) {
    case 'ResourceNotFoundException':
      return new ResourceNotFoundException(options);
    case 'ResourceAlreadyExistsException':
      return new ResourceAlreadyExistsException(options);
    case 'InvalidParameterException':
      return new InvalidParameterException(options);
    case 'ProvisionedThroughputExceededException':
      return new ProvisionedThroughputExceededException(options);
  }
}

const PREFIX = 'headshot-test-';
const USER_A = 'usr_A3fH6jT1wZ5yE0uS';
const USER_B = 'usr_B7kQ2mX9pL4vN8cR';
/** The collection cache lives for the process, so tests that count CreateCollection take a user of their own. */
let nextUser = 0;
const freshUser = () => `usr_fresh${(nextUser += 1)}`;

const rekognition = mockClient(RekognitionClient);
const table = new Map<string, StoredFace[]>();
const facesOfImage = vi.fn(async (userId: string, imageId: string) => table.get(`${userId}/${imageId}`) ?? []);
const recognizer = createRekognitionRecognizer({ client: rekognition as unknown as RekognitionClient, collectionPrefix: PREFIX, facesOfImage });

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
const stored = { jpeg, width: 1600, height: 1067, location: { bucket: 'media', key: 'analysis/u/Kq3vX8mN2pL7rT5w/input.jpg' } };

async function collect(batches: AsyncIterable<FaceMatch[]>): Promise<FaceMatch[][]> {
  const all: FaceMatch[][] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

beforeEach(() => {
  rekognition.reset();
  table.clear();
  facesOfImage.mockClear();
  // B's table, as lib/db would have it after indexing three photos.
  table.set(`${USER_B}/Kq3vX8mN2pL7rT5w`, [{ faceId: 'Kq3vX8mN2pL7rT5w.0', providerFaceId: '3f0b8c5e-2d71-4a9c-9e44-6b1d2a7f8c31' }]);
  table.set(`${USER_B}/Hd9sF4gJ1kZ6bY0c`, [{ faceId: 'Hd9sF4gJ1kZ6bY0c.0', providerFaceId: 'c2a97f13-8e54-4b0d-a6c1-7d3e9f205b84' }]);
  table.set(`${USER_B}/Pm5nB8vC3xQ2wE7r`, [{ faceId: 'Pm5nB8vC3xQ2wE7r.1', providerFaceId: 'a58c0e2d-6b19-4f73-91d4-3c7e8b6f0a25' }]);
  // A's photo, whose face the foreign fixture pretends B's collection returned.
  table.set(`${USER_A}/Za1Ys2Xt3Wu4Vv5U`, [{ faceId: 'Za1Ys2Xt3Wu4Vv5U.0', providerFaceId: 'f3b02c7e-91d6-4a58-b0e4-6c2d8a17f59e' }]);
});

describe('index', () => {
  it('indexes the photo from S3 into the owner’s collection, under its image id, and maps every face record', async () => {
    rekognition.on(IndexFacesCommand).resolves(indexed('index-faces-group.json'));
    const faces = await recognizer.index({ userId: USER_B, imageId: 'Kq3vX8mN2pL7rT5w' }, stored);

    expect(rekognition.commandCalls(IndexFacesCommand)[0]!.args[0].input).toEqual({
      CollectionId: `${PREFIX}${USER_B}`,
      Image: { S3Object: { Bucket: 'media', Name: 'analysis/u/Kq3vX8mN2pL7rT5w/input.jpg' } },
      ExternalImageId: 'Kq3vX8mN2pL7rT5w',
      MaxFaces: 100,
      QualityFilter: 'LOW',
      DetectionAttributes: ['DEFAULT'],
    });
    expect(recognizer.name).toBe('rekognition');
    expect(faces.map((face) => face.providerFaceId)).toEqual([
      '3f0b8c5e-2d71-4a9c-9e44-6b1d2a7f8c31',
      'b7e41d09-5c3a-4f26-8d1e-2a9f0c64e5b8',
      '61d5a2f4-0e8b-4c7d-b39a-f5e2c18d7a06',
    ]);
    expect(faces[0]).toEqual({
      box: { left: 0.4102385, top: 0.1873016, width: expect.closeTo(0.1784209, 6), height: expect.closeTo(0.2719348, 6) },
      confidence: expect.closeTo(0.9999872, 6),
      providerFaceId: '3f0b8c5e-2d71-4a9c-9e44-6b1d2a7f8c31',
    });
    for (const face of faces) expect(() => BoxSchema.parse(face.box)).not.toThrow();
  });

  it('keeps a face cut by the frame inside it, keeps the small background face, and leaves out the unindexed blur', async () => {
    rekognition.on(IndexFacesCommand).resolves(indexed('index-faces-group.json'));
    const [, edge, small, ...rest] = await recognizer.index({ userId: USER_B, imageId: 'Kq3vX8mN2pL7rT5w' }, stored);
    expect(edge!.box.left).toBe(0);
    expect(edge!.box.width).toBeCloseTo(0.1141078 - 0.0213154, 6);
    expect(small!.box.width).toBeCloseTo(0.0312447, 6);
    expect(small!.confidence).toBeCloseTo(0.9841127, 6);
    expect(rest).toEqual([]);
  });

  it('sends the bytes when the photo is not stored, and answers a photo without faces with none', async () => {
    rekognition.on(IndexFacesCommand).resolves(indexed('index-faces-none.json'));
    const faces = await recognizer.index({ userId: USER_B, imageId: 'Hd9sF4gJ1kZ6bY0c' }, { jpeg, width: 800, height: 600 });
    expect(faces).toEqual([]);
    expect(rekognition.commandCalls(IndexFacesCommand)[0]!.args[0].input.Image).toEqual({ Bytes: jpeg });
  });

  it('creates the owner’s collection once per process, and takes one that already exists as it is', async () => {
    const user = freshUser();
    rekognition.on(IndexFacesCommand).resolves(indexed('index-faces-none.json'));
    rekognition.on(CreateCollectionCommand).rejects(recordedError('rekognition-error-collection-exists.json'));
    await recognizer.index({ userId: user, imageId: 'img1' }, stored);
    await recognizer.index({ userId: user, imageId: 'img2' }, stored);
    const creates = rekognition.commandCalls(CreateCollectionCommand);
    expect(creates.map((call) => call.args[0].input)).toEqual([{ CollectionId: `${PREFIX}${user}` }]);
    expect(rekognition.commandCalls(IndexFacesCommand)).toHaveLength(2);
  });

  it('forgets the faces an earlier run indexed for the image before indexing it again', async () => {
    const user = freshUser();
    table.set(`${user}/Kq3vX8mN2pL7rT5w`, [
      { faceId: 'Kq3vX8mN2pL7rT5w.0', providerFaceId: 'e90c4a7b-3d25-4f16-a8b1-0c7d2e95f364' },
      { faceId: 'Kq3vX8mN2pL7rT5w.1', providerFaceId: '47f2d8c1-b0a6-4e39-9c52-8d1e3f7a60b9' },
      { faceId: 'Kq3vX8mN2pL7rT5w.2' },
    ]);
    rekognition.on(DeleteFacesCommand).resolves(deleted('delete-faces-deleted.json'));
    rekognition.on(IndexFacesCommand).resolves(indexed('index-faces-group.json'));
    await recognizer.index({ userId: user, imageId: 'Kq3vX8mN2pL7rT5w' }, stored);

    expect(facesOfImage).toHaveBeenCalledWith(user, 'Kq3vX8mN2pL7rT5w');
    expect(rekognition.calls().map((call) => call.args[0].constructor.name)).toEqual(['CreateCollectionCommand', 'DeleteFacesCommand', 'IndexFacesCommand']);
    expect(rekognition.commandCalls(DeleteFacesCommand)[0]!.args[0].input).toEqual({
      CollectionId: `${PREFIX}${user}`,
      FaceIds: ['e90c4a7b-3d25-4f16-a8b1-0c7d2e95f364', '47f2d8c1-b0a6-4e39-9c52-8d1e3f7a60b9'],
    });
  });

  it('deletes nothing for a photo indexed the first time', async () => {
    rekognition.on(IndexFacesCommand).resolves(indexed('index-faces-group.json'));
    await recognizer.index({ userId: USER_B, imageId: 'never-indexed' }, stored);
    expect(rekognition.commandCalls(DeleteFacesCommand)).toHaveLength(0);
  });

  it('creates the collection again when it was deleted behind this process’s back, on the retry', async () => {
    const user = freshUser();
    rekognition.on(IndexFacesCommand).rejectsOnce(recordedError('rekognition-error-collection-not-found.json')).resolves(indexed('index-faces-none.json'));
    await expect(recognizer.index({ userId: user, imageId: 'img1' }, stored)).rejects.toThrow(/disappeared/);
    await recognizer.index({ userId: user, imageId: 'img1' }, stored);
    expect(rekognition.commandCalls(CreateCollectionCommand)).toHaveLength(2);
  });

  it('lets any other Rekognition error through, so the job is retried', async () => {
    rekognition.on(IndexFacesCommand).rejects(recordedError('rekognition-error-throughput.json'));
    await expect(recognizer.index({ userId: USER_B, imageId: 'Kq3vX8mN2pL7rT5w' }, stored)).rejects.toThrow(ProvisionedThroughputExceededException);
  });
});

describe('isolation between users', () => {
  it('searches name the searching user’s collection only, and read only that user’s table', async () => {
    rekognition.on(SearchFacesCommand).resolves(searched('search-faces-foreign-image.json'));
    rekognition.on(SearchFacesByImageCommand).resolves(searchedByImage('search-faces-by-image-match.json'));
    await collect(recognizer.searchByFace(USER_B, { imageId: 'Kq3vX8mN2pL7rT5w', faceId: 'Kq3vX8mN2pL7rT5w.0', providerFaceId: '3f0b8c5e-2d71-4a9c-9e44-6b1d2a7f8c31' }));
    await collect(recognizer.searchByPhoto(USER_B, stored));
    await recognizer.forget(USER_B, [{ imageId: 'Hd9sF4gJ1kZ6bY0c', faceId: 'Hd9sF4gJ1kZ6bY0c.0', providerFaceId: 'c2a97f13-8e54-4b0d-a6c1-7d3e9f205b84' }]);

    const named = rekognition.calls().map((call) => (call.args[0].input as { CollectionId?: string }).CollectionId);
    expect(new Set(named)).toEqual(new Set([`${PREFIX}${USER_B}`]));
    expect(new Set(facesOfImage.mock.calls.map(([userId]) => userId))).toEqual(new Set([USER_B]));
  });

  it('never returns a match the searching user’s table does not hold, and deletes nothing it cannot place', async () => {
    // The first match names A's photo: B's table has no face of it, so it is not B's face and never comes out.
    rekognition.on(SearchFacesCommand).resolves(searched('search-faces-foreign-image.json'));
    const batches = await collect(recognizer.searchByFace(USER_B, { imageId: 'Kq3vX8mN2pL7rT5w', faceId: 'Kq3vX8mN2pL7rT5w.0', providerFaceId: '3f0b8c5e-2d71-4a9c-9e44-6b1d2a7f8c31' }));
    expect(batches).toEqual([[{ imageId: 'Hd9sF4gJ1kZ6bY0c', faceId: 'Hd9sF4gJ1kZ6bY0c.0', similarity: expect.closeTo(0.9688315, 6) }]]);
    expect(batches.flat().some((match) => match.imageId === 'Za1Ys2Xt3Wu4Vv5U')).toBe(false);
    // An image the table holds no face of may still be being indexed: its faces are skipped, not deleted.
    expect(rekognition.commandCalls(DeleteFacesCommand)).toHaveLength(0);
  });

  it('drops a face the table does not hold for an image it knows, and deletes it from the collection', async () => {
    rekognition.on(SearchFacesCommand).resolves(searched('search-faces-matches.json'));
    rekognition.on(DeleteFacesCommand).resolves(deleted('delete-faces-not-found.json'));
    const [batch] = await collect(recognizer.searchByFace(USER_B, { imageId: 'Kq3vX8mN2pL7rT5w', faceId: 'Kq3vX8mN2pL7rT5w.0', providerFaceId: '3f0b8c5e-2d71-4a9c-9e44-6b1d2a7f8c31' }));
    expect(batch!.map((match) => match.faceId)).toEqual(['Hd9sF4gJ1kZ6bY0c.0', 'Pm5nB8vC3xQ2wE7r.1']);
    expect(rekognition.commandCalls(DeleteFacesCommand).map((call) => call.args[0].input)).toEqual([
      { CollectionId: `${PREFIX}${USER_B}`, FaceIds: ['0d6e3b8a-f172-4c95-8a40-5e9c2b71d3f6'] },
    ]);
  });
});

describe('searchByFace', () => {
  const face = { imageId: 'Kq3vX8mN2pL7rT5w', faceId: 'Kq3vX8mN2pL7rT5w.0', providerFaceId: '3f0b8c5e-2d71-4a9c-9e44-6b1d2a7f8c31' };

  it('asks for every match at the same-person threshold, and answers with the table’s faces, best first, in one batch', async () => {
    rekognition.on(SearchFacesCommand).resolves(searched('search-faces-matches.json'));
    const batches = await collect(recognizer.searchByFace(USER_B, face));

    expect(rekognition.commandCalls(SearchFacesCommand)[0]!.args[0].input).toEqual({
      CollectionId: `${PREFIX}${USER_B}`,
      FaceId: '3f0b8c5e-2d71-4a9c-9e44-6b1d2a7f8c31',
      FaceMatchThreshold: 90,
      MaxFaces: 4096,
    });
    expect(batches).toEqual([
      [
        { imageId: 'Hd9sF4gJ1kZ6bY0c', faceId: 'Hd9sF4gJ1kZ6bY0c.0', similarity: expect.closeTo(0.9998163, 6) },
        { imageId: 'Pm5nB8vC3xQ2wE7r', faceId: 'Pm5nB8vC3xQ2wE7r.1', similarity: expect.closeTo(0.9302716, 6) },
      ],
    ]);
    expect(recognizer.samePersonMinSimilarity).toBe(REKOGNITION_SAME_PERSON_MIN_SIMILARITY);
    for (const match of batches.flat()) expect(match.similarity).toBeGreaterThanOrEqual(recognizer.samePersonMinSimilarity);
  });

  it('reads each matched image’s faces once, whatever the number of its matches', async () => {
    rekognition.on(SearchFacesCommand).resolves(searched('search-faces-matches.json'));
    await collect(recognizer.searchByFace(USER_B, face));
    expect(facesOfImage.mock.calls).toEqual([
      [USER_B, 'Hd9sF4gJ1kZ6bY0c'],
      [USER_B, 'Pm5nB8vC3xQ2wE7r'],
    ]);
  });

  it('finds nothing for a user without a collection yet', async () => {
    rekognition.on(SearchFacesCommand).rejects(recordedError('rekognition-error-collection-not-found.json'));
    expect(await collect(recognizer.searchByFace(USER_B, face))).toEqual([]);
  });

  it('refuses a face that Rekognition did not index', () => {
    expect(() => recognizer.searchByFace(USER_B, { imageId: 'Kq3vX8mN2pL7rT5w', faceId: 'Kq3vX8mN2pL7rT5w.0', descriptor: 'AAEC' })).toThrow(/no Rekognition face id/);
    expect(rekognition.calls()).toHaveLength(0);
  });

  it('lets any other Rekognition error through', async () => {
    rekognition.on(SearchFacesCommand).rejects(recordedError('rekognition-error-throughput.json'));
    await expect(collect(recognizer.searchByFace(USER_B, face))).rejects.toThrow('Provisioned rate exceeded');
  });
});

describe('searchByPhoto', () => {
  it('searches the owner’s collection with the stored photo and answers with matches', async () => {
    rekognition.on(SearchFacesByImageCommand).resolves(searchedByImage('search-faces-by-image-match.json'));
    const batches = await collect(recognizer.searchByPhoto(USER_B, stored));

    expect(rekognition.commandCalls(SearchFacesByImageCommand)[0]!.args[0].input).toEqual({
      CollectionId: `${PREFIX}${USER_B}`,
      Image: { S3Object: { Bucket: 'media', Name: 'analysis/u/Kq3vX8mN2pL7rT5w/input.jpg' } },
      FaceMatchThreshold: 90,
      MaxFaces: 4096,
    });
    expect(batches).toEqual([
      [
        { imageId: 'Kq3vX8mN2pL7rT5w', faceId: 'Kq3vX8mN2pL7rT5w.0', similarity: expect.closeTo(0.9876204, 6) },
        { imageId: 'Hd9sF4gJ1kZ6bY0c', faceId: 'Hd9sF4gJ1kZ6bY0c.0', similarity: expect.closeTo(0.9513387, 6) },
      ],
    ]);
  });

  it('answers a photo without a face with NoFaceError, in words for the user', async () => {
    rekognition.on(SearchFacesByImageCommand).rejects(recordedError('rekognition-error-no-face.json'));
    const search = collect(recognizer.searchByPhoto(USER_B, { jpeg, width: 800, height: 600 }));
    await expect(search).rejects.toThrow(NoFaceError);
    await expect(search).rejects.toThrow('No face was found in that photo. Try one where the face is clearly visible.');
  });

  it('lets any other invalid-parameter error through as it is', async () => {
    rekognition.on(SearchFacesByImageCommand).rejects(recordedError('rekognition-error-invalid-parameter.json'));
    const search = collect(recognizer.searchByPhoto(USER_B, stored));
    await expect(search).rejects.toThrow(InvalidParameterException);
    await expect(search).rejects.not.toThrow(NoFaceError);
  });

  it('finds nothing for a user without a collection, but still says when the photo shows no face', async () => {
    rekognition.on(SearchFacesByImageCommand).rejects(recordedError('rekognition-error-collection-not-found.json'));
    rekognition.on(DetectFacesCommand).resolvesOnce(detected('detect-faces-portrait.json')).resolvesOnce(detected('detect-faces-none.json'));
    expect(await collect(recognizer.searchByPhoto(USER_B, stored))).toEqual([]);
    await expect(collect(recognizer.searchByPhoto(USER_B, stored))).rejects.toThrow(NoFaceError);
    expect(rekognition.commandCalls(DetectFacesCommand)[0]!.args[0].input).toEqual({ Image: { S3Object: { Bucket: 'media', Name: 'analysis/u/Kq3vX8mN2pL7rT5w/input.jpg' } } });
  });
});

describe('forget', () => {
  it('deletes the faces Rekognition indexed, at most 4096 to a call', async () => {
    const faces = Array.from({ length: 5000 }, (_, n) => ({ imageId: `img${n}`, faceId: `img${n}.0`, providerFaceId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` }));
    rekognition.on(DeleteFacesCommand).resolves(deleted('delete-faces-deleted.json'));
    await recognizer.forget(USER_B, [...faces, { imageId: 'local', faceId: 'local.0', descriptor: 'AAEC' }]);
    const calls = rekognition.commandCalls(DeleteFacesCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.FaceIds!.length)).toEqual([4096, 904]);
    expect(calls.every((input) => input.CollectionId === `${PREFIX}${USER_B}`)).toBe(true);
    expect(calls.flatMap((input) => input.FaceIds)).toEqual(faces.map((face) => face.providerFaceId));
  });

  it('takes a missing collection, or faces already gone, as forgotten', async () => {
    const face = { imageId: 'Hd9sF4gJ1kZ6bY0c', faceId: 'Hd9sF4gJ1kZ6bY0c.0', providerFaceId: '0d6e3b8a-f172-4c95-8a40-5e9c2b71d3f6' };
    rekognition.on(DeleteFacesCommand).rejectsOnce(recordedError('rekognition-error-collection-not-found.json')).resolves(deleted('delete-faces-not-found.json'));
    await expect(recognizer.forget(USER_B, [face])).resolves.toBeUndefined();
    await expect(recognizer.forget(USER_B, [face])).resolves.toBeUndefined();
  });

  it('calls nothing when no face has a Rekognition id', async () => {
    await recognizer.forget(USER_B, [{ imageId: 'local', faceId: 'local.0', descriptor: 'AAEC' }]);
    expect(rekognition.calls()).toHaveLength(0);
  });
});

describe('forgetUser', () => {
  it('deletes the user’s collection, and a later index creates it again', async () => {
    const user = freshUser();
    rekognition.on(IndexFacesCommand).resolves(indexed('index-faces-none.json'));
    rekognition.on(DeleteCollectionCommand).resolves({ StatusCode: 200 });
    await recognizer.index({ userId: user, imageId: 'img1' }, stored);
    expect(await recognizer.forgetUser(user)).toBe(true);
    await recognizer.index({ userId: user, imageId: 'img2' }, stored);
    expect(rekognition.commandCalls(DeleteCollectionCommand).map((call) => call.args[0].input)).toEqual([{ CollectionId: `${PREFIX}${user}` }]);
    expect(rekognition.commandCalls(CreateCollectionCommand)).toHaveLength(2);
  });

  it('takes a user who never had a collection as forgotten', async () => {
    rekognition.on(DeleteCollectionCommand).rejects(recordedError('rekognition-error-collection-not-found.json'));
    await expect(recognizer.forgetUser(USER_B)).resolves.toBe(false);
  });
});

describe('forgetPhoto', () => {
  it('deletes every face of the photo the collection holds, across pages, those the table never recorded included', async () => {
    const face = (FaceId: string, ExternalImageId: string) => ({ FaceId, ExternalImageId });
    rekognition
      .on(ListFacesCommand)
      .resolvesOnce({ Faces: [face('f1', 'img1'), face('f2', 'other')], NextToken: 'page2' })
      .resolvesOnce({ Faces: [face('f3', 'img1')] });
    rekognition.on(DeleteFacesCommand).resolves(deleted('delete-faces-deleted.json'));
    await recognizer.forgetPhoto({ userId: USER_A, imageId: 'img1' });
    expect(rekognition.commandCalls(ListFacesCommand).map((call) => call.args[0].input)).toEqual([
      { CollectionId: `${PREFIX}${USER_A}`, MaxResults: 4096 },
      { CollectionId: `${PREFIX}${USER_A}`, MaxResults: 4096, NextToken: 'page2' },
    ]);
    expect(rekognition.commandCalls(DeleteFacesCommand).map((call) => call.args[0].input)).toEqual([{ CollectionId: `${PREFIX}${USER_A}`, FaceIds: ['f1', 'f3'] }]);
  });

  it('takes a user without a collection as having nothing to forget', async () => {
    rekognition.on(ListFacesCommand).rejects(recordedError('rekognition-error-collection-not-found.json'));
    await recognizer.forgetPhoto({ userId: USER_B, imageId: 'img1' });
    expect(rekognition.commandCalls(DeleteFacesCommand)).toHaveLength(0);
  });
});

describe('countFaces', () => {
  it('reads the user’s own collection’s face count, and 0 when the collection is gone', async () => {
    rekognition.on(DescribeCollectionCommand, { CollectionId: `${PREFIX}${USER_A}` }).resolves({ FaceCount: 3, FaceModelVersion: '7.0', CollectionARN: 'arn', CreationTimestamp: new Date(0) });
    rekognition.on(DescribeCollectionCommand, { CollectionId: `${PREFIX}${USER_B}` }).rejects(recordedError('rekognition-error-collection-not-found.json'));
    expect(await recognizer.countFaces(USER_A)).toBe(3);
    expect(await recognizer.countFaces(USER_B)).toBe(0);
  });
});

describe('collectionIdOf', () => {
  it('is the prefix and the user id', () => {
    expect(collectionIdOf('headshot-production-', 'usr_B7kQ2mX9pL4vN8cR')).toBe('headshot-production-usr_B7kQ2mX9pL4vN8cR');
    expect(collectionIdOf('headshot-production-', 'user_2abc.DEF-9')).toBe('headshot-production-user_2abc.DEF-9');
  });

  it('rejects ids Rekognition would refuse, rather than rewriting them into someone else’s', () => {
    for (const userId of ['', 'usr/1', 'usr 1', 'usr:1', 'usé', 'usr\n1', 'x'.repeat(256 - PREFIX.length)]) {
      expect(() => collectionIdOf(PREFIX, userId), JSON.stringify(userId)).toThrow(/cannot name a Rekognition collection/);
    }
    expect(collectionIdOf(PREFIX, 'x'.repeat(255 - PREFIX.length))).toHaveLength(255);
  });

  it('refuses a prefix that could not start a collection id', () => {
    expect(() => createRekognitionRecognizer({ client: rekognition as unknown as RekognitionClient, collectionPrefix: 'headshot/prod-', facesOfImage })).toThrow();
  });
});
