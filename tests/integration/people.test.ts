import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { resources } from '@/lib/aws/resources';
import { faceLibraryVersion, findImage, listFacesOfImage, listPeople as listPersonItems } from '@/lib/db';
import { describeFacesInProcess } from '@/lib/faces/describe-faces';
import { searchPhotos, type SearchEvent } from '@/lib/people/search-photos';
import { selectRecognizer } from '@/lib/people/select-recognizer';
import { deleteImage } from '@/lib/images';
import { listImageFaces, listPeople, listPersonPhotos, mergePeople, removeFaceFromPerson, renamePerson, setPersonHidden } from '@/lib/people';
import { faceIndexObjectKey, headObject, listKeys, openObjectStream } from '@/lib/storage';
import { decodeFaceIndex } from '@/lib/people/face-index-file';
import { clearFaceLibraryCache } from '@/lib/people/face-library';
import { fixture, newUserId, uploadAsBrowser, waitFor, waitForSettled } from './helpers';

/*
 * Faces through the local cloud: an upload becomes ready, its face-index input lands in the media
 * bucket, the bridge runs index-faces (the built-in model), and faces are grouped into people.
 */

const recognizer = selectRecognizer(describeFacesInProcess);

async function waitForFaces(userId: string, imageId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const image = await findImage(userId, imageId);
    const state = image?.faceIndex?.status;
    if (state === 'done' || state === 'failed') return image!.faceIndex!;
    if (Date.now() > deadline) throw new Error(`faces of ${imageId} still ${state ?? 'not asked for'} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function uploadAndIndex(userId: string, body: Buffer, fileName: string) {
  const { imageId } = await uploadAsBrowser(userId, body, fileName, 'image/jpeg');
  expect((await waitForSettled(userId, imageId)).status).toBe('ready');
  expect((await waitForFaces(userId, imageId)).status).toBe('done');
  return imageId;
}

const asJpeg = (image: ReturnType<typeof sharp>) => image.jpeg({ quality: 92 }).toBuffer();

async function collect(events: AsyncGenerator<SearchEvent>): Promise<SearchEvent[]> {
  const all: SearchEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

const matchedPhotos = (events: SearchEvent[]) => {
  const best = new Map<string, number>();
  for (const event of events) if (event.type === 'matches') for (const photo of event.photos) best.set(photo.imageId, Math.max(photo.similarity, best.get(photo.imageId) ?? 0));
  return best;
};

describe('people', () => {
  it('groups the fixtures into one person per face seen twice, finds a person across photos, and forgets deleted photos', async () => {
    const userId = newUserId();
    const astronaut = await fixture('faces/astronaut.png');
    const group = await fixture('faces/group-sample1.jpg');
    const astronautId = await uploadAndIndex(userId, await asJpeg(sharp(astronaut)), 'astronaut.jpg');
    const mirroredId = await uploadAndIndex(userId, await asJpeg(sharp(astronaut).flop()), 'astronaut-mirrored.jpg');
    const groupId = await uploadAndIndex(userId, await asJpeg(sharp(group)), 'group.jpg');
    const brighterGroupId = await uploadAndIndex(userId, await asJpeg(sharp(group).modulate({ brightness: 1.3 })), 'group-brighter.jpg');

    expect((await findImage(userId, groupId))!.faceIndex).toMatchObject({ status: 'done', faces: 3 });
    // The runs stored the face index: one object, every face, at the library's version.
    const stored = await openObjectStream(resources.mediaBucket, faceIndexObjectKey(userId));
    const index = await decodeFaceIndex(stored!.body);
    expect(index.version).toBe(await faceLibraryVersion(userId));
    expect(index.faces.map((one) => one.imageId).sort()).toEqual([astronautId, mirroredId, groupId, groupId, groupId, brighterGroupId, brighterGroupId, brighterGroupId].sort());
    const people = await listPeople(userId);
    // The astronaut and the three people of the group photo, each seen in two photos.
    expect(people.map((person) => person.photoCount)).toEqual([2, 2, 2, 2]);
    for (const person of people) {
      const photos = (await listPersonPhotos(userId, person.personId)).items.map((photo) => photo.image.imageId).sort();
      expect([[astronautId, mirroredId].sort(), [groupId, brighterGroupId].sort()]).toContainEqual(photos);
    }

    // Clicking the astronaut's face finds the mirrored copy and nothing else.
    const [face] = await listImageFaces(userId, astronautId);
    const byFace = await collect(await searchPhotos(recognizer, userId, { face: { imageId: astronautId, faceId: face!.faceId } }));
    expect([...matchedPhotos(byFace).keys()]).toEqual([mirroredId]);
    expect(byFace.at(-1)).toEqual({ type: 'done', photos: 1 });

    // A query photo that is not kept: a crop of the astronaut finds both of their photos, best first.
    const query = await asJpeg(sharp(astronaut).extract({ left: 100, top: 0, width: 320, height: 320 }));
    const byPhoto = matchedPhotos(await collect(await searchPhotos(recognizer, userId, { photo: query })));
    expect([...byPhoto.keys()].sort()).toEqual([astronautId, mirroredId].sort());
    expect((await listKeys(resources.mediaBucket, '')).filter((key) => key.includes('query'))).toEqual([]);

    // Deleting a photo takes its faces out of searches and out of its person; the last photo takes the person.
    await deleteImage(userId, mirroredId);
    expect(await listFacesOfImage(userId, mirroredId)).toEqual([]);
    const afterOne = await collect(await searchPhotos(recognizer, userId, { face: { imageId: astronautId, faceId: face!.faceId } }));
    expect(matchedPhotos(afterOne).size).toBe(0);
    clearFaceLibraryCache();
    const afterOneCold = await collect(await searchPhotos(recognizer, userId, { face: { imageId: astronautId, faceId: face!.faceId } }));
    expect(matchedPhotos(afterOneCold).size).toBe(0);
    const astronautPerson = (await listPeople(userId)).find((person) => person.photoCount === 1);
    expect(astronautPerson).toBeDefined();
    await deleteImage(userId, astronautId);
    expect((await listPeople(userId)).map((person) => person.photoCount)).toEqual([2, 2, 2]);
    expect(await headObject(resources.mediaBucket, `face-thumbnails/${userId}/${astronautId}/${face!.faceId}.jpeg`)).toBeNull();
  });

  it('never returns one user’s faces to another', async () => {
    const owner = newUserId();
    const stranger = newUserId();
    const astronaut = await fixture('faces/astronaut.png');
    const ownersFirst = await uploadAndIndex(owner, await asJpeg(sharp(astronaut)), 'a.jpg');
    await uploadAndIndex(owner, await asJpeg(sharp(astronaut).flop()), 'b.jpg');
    const strangersOwn = await uploadAndIndex(stranger, await asJpeg(sharp(astronaut).resize(256)), 'c.jpg');

    // The same face, searched for by the stranger with a photo: only their own photo comes back.
    const byPhoto = matchedPhotos(await collect(await searchPhotos(recognizer, stranger, { photo: await asJpeg(sharp(astronaut)) })));
    expect([...byPhoto.keys()]).toEqual([strangersOwn]);
    // The owner's face, named by the stranger, is not theirs to search with.
    const [ownersFace] = await listImageFaces(owner, ownersFirst);
    await expect(searchPhotos(recognizer, stranger, { face: { imageId: ownersFirst, faceId: ownersFace!.faceId } })).rejects.toThrow(/does not exist/);
    expect(await listImageFaces(stranger, ownersFirst)).toEqual([]);
    expect(await listPeople(stranger)).toEqual([]);
    expect(await listPersonItems(owner)).toHaveLength(1);
  });

  it('says so when a query photo shows no face, and when a photo has none', async () => {
    const userId = newUserId();
    const coffeeId = await uploadAndIndex(userId, await asJpeg(sharp(await fixture('nofaces/coffee.png'))), 'coffee.jpg');
    expect((await findImage(userId, coffeeId))!.faceIndex).toMatchObject({ status: 'done', faces: 0 });
    const events = await collect(await searchPhotos(recognizer, userId, { photo: await fixture('nofaces/chelsea.png') }));
    expect(events).toEqual([{ type: 'error', message: expect.stringMatching(/no face was found/i) }]);
    await expect(searchPhotos(recognizer, userId, { photo: Buffer.from('not an image') })).rejects.toThrow();
  });

  it('lets the owner name, hide, merge and correct people', async () => {
    const userId = newUserId();
    const astronaut = await fixture('faces/astronaut.png');
    const first = await uploadAndIndex(userId, await asJpeg(sharp(astronaut)), 'a.jpg');
    await uploadAndIndex(userId, await asJpeg(sharp(astronaut).modulate({ brightness: 0.7 })), 'b.jpg');
    await uploadAndIndex(userId, await asJpeg(sharp(astronaut).flop()), 'c.jpg');
    const [person] = await listPeople(userId);
    expect(person).toMatchObject({ photoCount: 3, name: null });

    await renamePerson(userId, { personId: person!.personId, name: '  Eileen Collins ' });
    expect((await listPeople(userId))[0]!.name).toBe('Eileen Collins');
    await expect(renamePerson(newUserId(), { personId: person!.personId, name: 'x' })).rejects.toThrow(/does not exist/);

    await setPersonHidden(userId, { personId: person!.personId, hidden: true });
    expect(await listPeople(userId)).toEqual([]);
    expect((await listPeople(userId, { hidden: true })).map((p) => p.personId)).toEqual([person!.personId]);
    await setPersonHidden(userId, { personId: person!.personId, hidden: false });

    // A wrongly grouped face comes out, and stays out when the photo is indexed again.
    const [face] = await listImageFaces(userId, first);
    await removeFaceFromPerson(userId, { imageId: first, faceId: face!.faceId });
    expect((await listPeople(userId))[0]!.photoCount).toBe(2);
    expect((await listImageFaces(userId, first))[0]!.personId).toBeNull();

    // Merging moves every face and keeps the name.
    const other = await uploadAndIndex(userId, await asJpeg(sharp(await fixture('faces/group-sample1.jpg'))), 'g.jpg');
    await uploadAndIndex(userId, await asJpeg(sharp(await fixture('faces/group-sample1.jpg')).flop()), 'g2.jpg');
    const before = await listPeople(userId);
    const stranger = before.find((p) => p.personId !== person!.personId)!;
    const versionBeforeMerge = await faceLibraryVersion(userId);
    await mergePeople(userId, { personId: stranger.personId, intoPersonId: person!.personId });
    // The face index holds descriptors, not people: a merge leaves it as current as it was.
    expect(await faceLibraryVersion(userId)).toBe(versionBeforeMerge);
    const after = await listPeople(userId);
    expect(after.find((p) => p.personId === person!.personId)).toMatchObject({ name: 'Eileen Collins', photoCount: 4 });
    expect(after.find((p) => p.personId === stranger.personId)).toBeUndefined();
    expect(other).toBeTruthy();
    await expect(mergePeople(userId, { personId: person!.personId, intoPersonId: person!.personId })).rejects.toThrow(/another person/);
  });

  it('finds every match in a large library, best first, from a cold process and a warm one', async () => {
    const { putFaces, touchFaceLibrary } = await import('@/lib/db');
    const { encodeDescriptor } = await import('@/lib/faces/descriptors');
    const { clearFaceLibraryCache } = await import('@/lib/people/face-library');
    const userId = newUserId();
    // 1,500 faces: everyone different, but for one person in the first and the last hundred.
    const vector = (seed: number) => {
      let state = seed;
      const uniform = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 || 1e-9;
      return Array.from({ length: 64 }, () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
    };
    const person = vector(1);
    const faces = Array.from({ length: 1500 }, (_, n) => {
      const imageId = `img${String(n).padStart(13, '0')}`;
      const same = n < 100 || n >= 1400;
      const descriptor = same ? person.map((value, i) => value + 0.1 * Math.sin(n + i)) : vector(n + 2);
      return { userId, imageId, faceId: `${imageId}.0`, personId: '', box: { left: 0, top: 0, width: 0.5, height: 0.5 }, confidence: 0.9, descriptor: encodeDescriptor(descriptor), thumbnailKey: 'unused' };
    });
    for (let start = 0; start < faces.length; start += 500) await putFaces(faces.slice(start, start + 500));
    await touchFaceLibrary(userId, faces.map((face) => face.imageId));

    for (const cache of ['cold', 'warm']) {
      if (cache === 'cold') clearFaceLibraryCache();
      const batches = [];
      for await (const batch of recognizer.searchByFace(userId, faces[0]!)) batches.push(batch);
      expect(batches.flat().map((match) => match.faceId).sort()).toEqual(faces.slice(1, 100).concat(faces.slice(1400)).map((face) => face.faceId).sort());
      for (const batch of batches) expect(batch.map((match) => match.similarity)).toEqual([...batch.map((match) => match.similarity)].sort((a, b) => b - a));
    }
  });

  it('built-in recognizer: what a run that crashed wrote for a photo deleted meanwhile goes when its retry finds the job gone', async () => {
    const { putFaces } = await import('@/lib/db');
    const { encodeDescriptor } = await import('@/lib/faces/descriptors');
    const { faceIndexInputKey, faceThumbnailKey, writeObject } = await import('@/lib/storage');
    const userId = newUserId();
    const imageId = `crashed${Date.now()}`;
    const jpeg = await asJpeg(sharp(await fixture('faces/astronaut.png')).resize(256));
    // What the run wrote before it crashed, for a photo deleted (with its job) while it ran: the built-in model's descriptors are the face items.
    const thumbnailKey = faceThumbnailKey(userId, imageId, `${imageId}.0`);
    await writeObject(resources.mediaBucket, thumbnailKey, jpeg, 'image/jpeg');
    await putFaces([{ userId, imageId, faceId: `${imageId}.0`, personId: '', box: { left: 0.3, top: 0.2, width: 0.3, height: 0.4 }, confidence: 0.9, descriptor: encodeDescriptor(Array.from({ length: 64 }, (_, i) => Math.sin(i))), thumbnailKey }]);
    // Its retry: the input announced again, which nothing expects any more.
    const input = faceIndexInputKey(userId, imageId);
    await writeObject(resources.mediaBucket, input, jpeg, 'image/jpeg');
    const left = async () => ({ faces: await listFacesOfImage(userId, imageId), thumbnail: await headObject(resources.mediaBucket, thumbnailKey), input: await headObject(resources.mediaBucket, input) });
    await waitFor('the discard', left, (what) => what.faces.length === 0 && !what.thumbnail && !what.input, 20_000);
    expect(await recognizer.countFaces(userId)).toBe(0);
  });

  it('makes one person of two photos of a new person grouped at the same moment', async () => {
    const { putFaces, touchFaceLibrary } = await import('@/lib/db');
    const { groupNewFaces } = await import('@/lib/people/group-new-faces');
    const userId = newUserId();
    const astronaut = await fixture('faces/astronaut.png');
    const photos = [await asJpeg(sharp(astronaut)), await asJpeg(sharp(astronaut).flop())];
    // Both photos' faces are in the table before either is grouped, as when two index-faces runs overlap.
    const faces = await Promise.all(
      photos.map(async (jpeg, n) => {
        const { width = 0, height = 0 } = await sharp(jpeg).metadata();
        const [found] = await describeFacesInProcess({ jpeg, width, height });
        const imageId = `concurrent${n}${Date.now()}`;
        return { userId, imageId, faceId: `${imageId}.0`, personId: '', box: found!.box, confidence: found!.confidence, descriptor: found!.descriptor, thumbnailKey: 'unused' };
      }),
    );
    await putFaces(faces);
    await touchFaceLibrary(userId, faces.map((face) => face.imageId));
    await Promise.all(faces.map((face) => groupNewFaces(recognizer, userId, [{ ...face, createdAt: Date.now() }])));
    const people = await listPersonItems(userId);
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ faceCount: 2 });
  });
});
