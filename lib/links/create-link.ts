import { hashPassword } from '../auth/password';
import { isAccountClosed } from '../account/is-account-closed';
import { deleteLinks, findImage, findLinkByCode, findLinkNameHold, insertLink, insertNamedLink, type LinkItem } from '../db';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { UserError } from '../user-error';
import { albumMembers } from './album-members';
import { ensureAlbumCard } from './album-card';
import { expiryTimes } from './expiry';
import { LINK_CREATE_LIMIT } from './limits';
import { newLinkCode } from './new-link-code';
import { createLinkInput, type Link } from './schemas';
import { ensureShareCard } from './share-card';
import { defaultShareVariant, shareableVariants } from './share-variants';
import { toLink } from './to-link';

/**
 * A fresh code collides with probability ~10^-15, so a second draw is already paranoia; five
 * failures in a row mean something else is wrong (a broken random source), and it is reported.
 */
const MAX_CODE_ATTEMPTS = 5;

export interface CreateLinkOptions {
  now?: number;
  /** Draws a code; tests inject collisions through it. */
  newCode?: () => string;
}

type NewLink = Omit<LinkItem, 'code' | 'views'>;

/**
 * Shares one of the owner's images, or an album of several, under a new short link. The owner is
 * the caller's own user id, never part of the input, so nobody can share an image that is not
 * theirs: another user's image is "not found" exactly like a missing one.
 */
export async function createLink(userId: string, input: unknown, options: CreateLinkOptions = {}): Promise<Link> {
  const { imageId, imageIds, expiry, variant: wanted, allowDownload, name, password } = createLinkInput.parse(input);
  const now = options.now ?? Date.now();

  await enforceRateLimit(LINK_CREATE_LIMIT, userId, (minutes) => `You have created a lot of links recently. Try again in ${inMinutes(minutes)}.`, now);

  const shown = imageIds ? await albumFields(userId, imageIds, wanted) : await photoFields(userId, imageId!, wanted);
  const link: NewLink = {
    userId,
    ...shown,
    allowDownload,
    expiry,
    ...expiryTimes(expiry, now),
    createdAt: now,
    ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }),
  };

  if (name !== undefined) return toLink(await keepIfOpen(userId, await insertUnderName(link, name, now)), now);

  const draw = options.newCode ?? newLinkCode;
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
    // A conditional put: it fails instead of overwriting when the code is already someone's link.
    const created: LinkItem | null = await insertLink({ ...link, code: draw() });
    if (!created) continue;
    return toLink(await keepIfOpen(userId, created), now);
  }
  throw new Error(`No free link code after ${MAX_CODE_ATTEMPTS} draws`);
}

type ShownFields = Pick<NewLink, 'imageId' | 'fileName' | 'variant' | 'watermarked' | 'width' | 'height' | 'webpKey' | 'jpegKey' | 'previewKey' | 'kind' | 'members' | 'memberImageIds' | 'revision'>;

async function photoFields(userId: string, imageId: string, wanted: string | undefined): Promise<ShownFields> {
  const image = await findImage(userId, imageId);
  if (!image) throw new UserError('That photo does not exist.');
  if (image.status !== 'ready') throw new UserError('This photo can be shared once it has been processed.');
  const variants = shareableVariants(image.variants ?? []);
  const variant = wanted === undefined ? defaultShareVariant(variants) : (variants.find((v) => v.name === wanted) ?? null);
  if (!variant) throw new UserError(wanted === undefined ? 'This photo has no size that can be shared.' : 'That size of the photo does not exist.');
  const previewKey = await ensureShareCard(userId, imageId, variant);
  return {
    imageId,
    fileName: image.fileName,
    variant: variant.name,
    watermarked: variant.watermarked,
    width: variant.width,
    height: variant.height,
    webpKey: variant.webpKey,
    jpegKey: variant.jpegKey,
    previewKey,
  };
}

/** An album's photos inline, and its first photo (its cover) in the fields a photo link has. */
async function albumFields(userId: string, imageIds: string[], wanted: string | undefined): Promise<ShownFields> {
  const { members, coverFileName } = await albumMembers(userId, imageIds, wanted);
  const cover = members[0]!;
  return {
    imageId: cover.imageId,
    fileName: coverFileName,
    variant: cover.variant,
    watermarked: members.every((member) => member.watermarked),
    width: cover.width,
    height: cover.height,
    webpKey: cover.webpKey,
    jpegKey: cover.jpegKey,
    previewKey: await ensureAlbumCard(userId, members),
    kind: 'album',
    members,
    memberImageIds: members.map((member) => member.imageId),
    revision: 0,
  };
}

/** Checked after the write: a closure before it is seen here, one after it finds the link in its passes. */
async function keepIfOpen(userId: string, created: LinkItem): Promise<LinkItem> {
  if (await isAccountClosed(userId)) {
    await deleteLinks([created.code]);
    throw new UserError('This account has been deleted.');
  }
  return created;
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The link under its custom name, if the name is free. The conditional put decides between racers;
 * the reads only choose the sentence. A hold is checked first: a name whose link was deleted has no
 * item left to block it.
 */
async function insertUnderName(link: NewLink, name: string, now: number): Promise<LinkItem> {
  const heldUntil = await findLinkNameHold(name, now);
  if (heldUntil !== null) throw new UserError(`That name belonged to a link that ended recently; it is free again on ${dateOf(heldUntil)}.`);
  const created = await insertNamedLink({ ...link, code: name }, now);
  if (created) return created;
  const holder = await findLinkByCode(name);
  const ended = holder && (holder.revokedAt !== undefined || (holder.validUntil !== undefined && holder.validUntil <= now));
  if (ended && holder.expiresAt !== undefined) throw new UserError(`That name belonged to a link that ended recently; it is free again on ${dateOf(holder.expiresAt * 1000)}.`);
  throw new UserError('That name is taken.');
}
