import { Entity, type EntityItem } from 'electrodb';
import { table } from '../table';

/** How long a link stays valid; "never" links stay valid until they are revoked or their image is deleted. */
export const LINK_EXPIRIES = ['1h', '1d', '7d', 'never'] as const;

/** A link shows one photo, or an album of several behind one code; links made before albums have no kind and are photos. */
export const LINK_KINDS = ['photo', 'album'] as const;

/**
 * A short link to one image. One item serves both access patterns (the public page reads it by
 * code, the owner lists it through gsi1), so creating, revoking and counting are each one write
 * and nothing needs a transaction. It carries what the public page shows, copied from the image
 * when the link is made, so resolving a code is a single GetItem that never reads the image record.
 */
export const Link = new Entity({
  model: { entity: 'link', version: '2', service: 'headshot' },
  attributes: {
    code: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true, readOnly: true },
    imageId: { type: 'string', required: true, readOnly: true },
    /** Shown to the owner on "My links"; never on the public page. */
    fileName: { type: 'string', required: true, readOnly: true },
    /** The variant name shared, e.g. w1280-public. Its WebP and JPEG copies are served. */
    variant: { type: 'string', required: true, readOnly: true },
    watermarked: { type: 'boolean', required: true, readOnly: true },
    width: { type: 'number', required: true, readOnly: true },
    height: { type: 'number', required: true, readOnly: true },
    webpKey: { type: 'string', required: true, readOnly: true },
    jpegKey: { type: 'string', required: true, readOnly: true },
    /** The 1200×630 card image for link unfurls, under the image's media prefix. An album's is drawn again when a photo of its collage leaves it. */
    previewKey: { type: 'string', required: true },
    allowDownload: { type: 'boolean', required: true, readOnly: true },
    expiry: { type: LINK_EXPIRIES, required: true, readOnly: true },
    /** Epoch ms after which the link answers 410; absent for links that never expire. */
    validUntil: { type: 'number', readOnly: true },
    /** Epoch ms when its owner revoked it: from then on it answers like an unknown code, and stays on "My links" as revoked. */
    revokedAt: { type: 'number' },
    /**
     * The table's TTL attribute, in epoch seconds: when DynamoDB may delete the item. Set some time
     * after validUntil, or after revokedAt, so that an ended link stays on its owner's list (and an
     * expired one keeps answering 410) for a while before it is gone.
     */
    expiresAt: { type: 'number' },
    /** The scrypt hash of the password visitors must give (lib/auth/password.ts); absent for an open link. */
    passwordHash: { type: 'string', readOnly: true },
    views: { type: 'number', required: true, default: 0 },
    /*
     * An album: the photo fields above describe its first photo as it was made (its cover), and the
     * photos themselves are `members`, inline, so the public page stays one GetItem (at most
     * ALBUM_MAX_PHOTOS of them, a few dozen kilobytes). A member keeps its number `n` for life: its
     * files live at /s/{code}/{n}/…, so removing one photo changes no other photo's paths.
     */
    kind: { type: LINK_KINDS, readOnly: true },
    members: {
      type: 'list',
      items: {
        type: 'map',
        properties: {
          n: { type: 'number', required: true },
          imageId: { type: 'string', required: true },
          variant: { type: 'string', required: true },
          watermarked: { type: 'boolean', required: true },
          width: { type: 'number', required: true },
          height: { type: 'number', required: true },
          webpKey: { type: 'string', required: true },
          jpegKey: { type: 'string', required: true },
        },
      },
    },
    /** The members' image ids, as a set the owner's listing can filter on (image → its albums). Never empty: an album left empty is deleted. */
    memberImageIds: { type: 'set', items: 'string' },
    /** Bumped by every change of `members`; a change is conditional on the revision it read, so two photos deleted at once both leave. */
    revision: { type: 'number' },
    createdAt: { type: 'number', required: true, readOnly: true, default: () => Date.now() },
  },
  indexes: {
    // The public page: one GetItem by code.
    byCode: {
      pk: { field: table.partitionKey, composite: ['code'], casing: 'none' },
      sk: { field: table.sortKey, composite: [], casing: 'none' },
    },
    // "My links": the owner's links, newest first.
    byOwner: {
      index: 'gsi1',
      pk: { field: table.globalIndexes.gsi1.partitionKey, composite: ['userId'], casing: 'none' },
      sk: { field: table.globalIndexes.gsi1.sortKey, composite: ['createdAt', 'code'], casing: 'none' },
    },
  },
});

export type LinkItem = EntityItem<typeof Link>;
export type LinkExpiry = (typeof LINK_EXPIRIES)[number];
export type AlbumMember = NonNullable<LinkItem['members']>[number];
