import { hashPassword } from '../auth/password';
import { isAccountClosed } from '../account/is-account-closed';
import { deleteLinks, findImage, findLinkByCode, findLinkNameHold, insertLink, insertNamedLink, type LinkItem } from '../db';
import { enforceRateLimit, inMinutes } from '../rate-limit';
import { UserError } from '../user-error';
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

/**
 * Shares one of the owner's images under a new short link. The owner is the caller's own user id,
 * never part of the input, so nobody can share an image that is not theirs: another user's image
 * is "not found" exactly like a missing one.
 */
export async function createLink(userId: string, input: unknown, options: CreateLinkOptions = {}): Promise<Link> {
  const { imageId, expiry, variant: wanted, allowDownload, name, password } = createLinkInput.parse(input);
  const now = options.now ?? Date.now();

  await enforceRateLimit(LINK_CREATE_LIMIT, userId, (minutes) => `You have created a lot of links recently. Try again in ${inMinutes(minutes)}.`, now);

  const image = await findImage(userId, imageId);
  if (!image) throw new UserError('That photo does not exist.');
  if (image.status !== 'ready') throw new UserError('This photo can be shared once it has been processed.');
  const variants = shareableVariants(image.variants ?? []);
  const variant = wanted === undefined ? defaultShareVariant(variants) : (variants.find((v) => v.name === wanted) ?? null);
  if (!variant) throw new UserError(wanted === undefined ? 'This photo has no size that can be shared.' : 'That size of the photo does not exist.');

  const previewKey = await ensureShareCard(userId, imageId, variant);
  const link = {
    userId,
    imageId,
    fileName: image.fileName,
    variant: variant.name,
    watermarked: variant.watermarked,
    width: variant.width,
    height: variant.height,
    webpKey: variant.webpKey,
    jpegKey: variant.jpegKey,
    previewKey,
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
async function insertUnderName(link: Omit<LinkItem, 'code' | 'views'>, name: string, now: number): Promise<LinkItem> {
  const heldUntil = await findLinkNameHold(name, now);
  if (heldUntil !== null) throw new UserError(`That name belonged to a link that ended recently; it is free again on ${dateOf(heldUntil)}.`);
  const created = await insertNamedLink({ ...link, code: name }, now);
  if (created) return created;
  const holder = await findLinkByCode(name);
  const ended = holder && (holder.revokedAt !== undefined || (holder.validUntil !== undefined && holder.validUntil <= now));
  if (ended && holder.expiresAt !== undefined) throw new UserError(`That name belonged to a link that ended recently; it is free again on ${dateOf(holder.expiresAt * 1000)}.`);
  throw new UserError('That name is taken.');
}
