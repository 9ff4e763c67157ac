import { z } from 'zod';
import { cursorInput, LINK_EXPIRIES, LINK_KINDS } from '../db';
import { imageIdInput, VariantSchema } from '../images/schemas';
import { LINK_NAME_PATTERN } from '../db';
import { ALBUM_MAX_PHOTOS } from './album-limits';
import { RESERVED_LINK_NAMES } from './link-name';
import { LINK_CODE_PATTERN } from './new-link-code';

/** What stands after /s/: a drawn code, or a custom name, which is the link's code from then on. */
export const linkCodeInput = z.string().refine((code) => LINK_CODE_PATTERN.test(code) || LINK_NAME_PATTERN.test(code), 'Not a link code.');

/** A custom name asked for on the share form or the API; each refusal says what to change. */
export const linkNameInput = z
  .string()
  .min(3, 'A custom name has at least 3 characters.')
  .max(40, 'A custom name has at most 40 characters.')
  .regex(LINK_NAME_PATTERN, 'A custom name may use only lower-case letters a–z, digits and hyphens.')
  .refine((name) => !RESERVED_LINK_NAMES.has(name), 'That name is reserved; choose another.');

export const LINK_PASSWORD_MAX_LENGTH = 128;

/** A password a link's visitors must give; stored only as a hash (lib/auth/password.ts). */
export const linkPasswordInput = z
  .string()
  .min(4, 'A link password has at least 4 characters.')
  .max(LINK_PASSWORD_MAX_LENGTH, `A link password has at most ${LINK_PASSWORD_MAX_LENGTH} characters.`);

/** A password given on a protected link's page: an empty or overlong one is a wrong guess, not an error. */
export const unlockLinkInput = z.object({ code: linkCodeInput, password: z.string() });

export const LinkExpirySchema = z.enum(LINK_EXPIRIES);
export type LinkExpiry = z.infer<typeof LinkExpirySchema>;

export const LinkKindSchema = z.enum(LINK_KINDS);
export type LinkKind = z.infer<typeof LinkKindSchema>;

export const createLinkInput = z
  .object({
    /** One photo: the link shows it alone. */
    imageId: imageIdInput.optional().meta({ description: 'The image to share. Give this or `imageIds`.' }),
    /** Several photos, in order: the link is an album of them (docs/sharing.md#albums). */
    imageIds: z
      .array(imageIdInput)
      .min(1, 'An album needs at least one photo.')
      .max(ALBUM_MAX_PHOTOS, `An album holds at most ${ALBUM_MAX_PHOTOS} photos.`)
      .optional()
      .meta({ description: `Up to ${ALBUM_MAX_PHOTOS} of your images, in order: the link is an album of them. Give this or \`imageId\`.` }),
    expiry: LinkExpirySchema.default('7d'),
    /** A variant name of the image, e.g. w1280-public; the watermarked public copy when left out. */
    variant: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, 'Not a variant name.')
      .optional(),
    allowDownload: z.boolean().default(false),
    /** A custom name: the link then lives at /s/{name} instead of a drawn code. */
    name: linkNameInput.optional(),
    /** Visitors must give it before they see anything of the photo. */
    password: linkPasswordInput.optional(),
  })
  .refine((input) => (input.imageId === undefined) !== (input.imageIds === undefined), {
    message: 'Give either imageId (one photo) or imageIds (an album of several), not both.',
    path: ['imageIds'],
  });
export type CreateLinkInput = z.input<typeof createLinkInput>;

export const revokeLinkInput = z.object({ code: linkCodeInput });

export const listLinksInput = z.object({
  cursor: cursorInput,
  limit: z.number().int().min(1).max(100).default(50),
});

/** Where a link stands for its owner: revoked and expired links stay listed for a while (GONE_RETENTION_MS). */
export const LinkStateSchema = z.enum(['active', 'expired', 'revoked']);
export type LinkState = z.infer<typeof LinkStateSchema>;

/** A link as its owner sees it on "My links" and right after creating it. */
export const LinkSchema = z.object({
  code: z.string(),
  /** The public path, /s/{code}; pages make it absolute with their own origin. */
  path: z.string(),
  kind: LinkKindSchema,
  /** The photo shown; an album's first photo. */
  imageId: z.string(),
  /** Every photo shown, in order: the one photo, or the album's. */
  imageIds: z.array(z.string()),
  fileName: z.string(),
  variant: z.string(),
  watermarked: z.boolean(),
  allowDownload: z.boolean(),
  expiry: LinkExpirySchema,
  /** Epoch ms, or null for a link that never expires. */
  validUntil: z.number().nullable(),
  /** Epoch ms, or null for a link not revoked. */
  revokedAt: z.number().nullable(),
  state: LinkStateSchema,
  /** Epoch ms when an ended link leaves "My links"; null while it works. */
  listedUntil: z.number().nullable(),
  views: z.number(),
  createdAt: z.number(),
  /** Whether visitors must give a password. */
  protected: z.boolean(),
});
export type Link = z.infer<typeof LinkSchema>;

/** A choice on the share form: one variant name, standing for its WebP and its JPEG together. */
export const ShareOptionSchema = VariantSchema.pick({ name: true, width: true, height: true, watermarked: true }).extend({ label: z.string() });
export type ShareOption = z.infer<typeof ShareOptionSchema>;

export const ShareOptionsSchema = z.object({
  imageId: z.string(),
  variants: z.array(ShareOptionSchema),
  /** The variant preselected: the watermarked copy when there is one. Null until the image is processed. */
  defaultVariant: z.string().nullable(),
});
export type ShareOptions = z.infer<typeof ShareOptionsSchema>;

/** One photo of an album as its public page needs it: its number in the album, never its image id. */
export const SharedAlbumPhotoSchema = z.object({
  n: z.number().int().positive(),
  width: z.number(),
  height: z.number(),
  webpKey: z.string(),
  jpegKey: z.string(),
});
export type SharedAlbumPhoto = z.infer<typeof SharedAlbumPhotoSchema>;

/** What the public page needs of an active link: no owner, no image id, no file name. */
export const SharedLinkSchema = z.object({
  code: z.string(),
  width: z.number(),
  height: z.number(),
  watermarked: z.boolean(),
  allowDownload: z.boolean(),
  validUntil: z.number().nullable(),
  webpKey: z.string(),
  jpegKey: z.string(),
  previewKey: z.string(),
  /** Whether a visitor needs the link's access cookie (lib/links/link-access.ts) to see it. */
  protected: z.boolean(),
  /** An album's photos, in order; absent for a link to one photo. */
  photos: z.array(SharedAlbumPhotoSchema).optional(),
});
export type SharedLink = z.infer<typeof SharedLinkSchema>;

/**
 * What a view of a link is counted against, taken from the item the page already read, so counting a
 * view reads nothing again: its owner's counters, its TTL, and the owner's link.viewed event. Never
 * shown to a visitor.
 */
export interface LinkCounter {
  code: string;
  userId: string;
  imageId: string;
  /** The link item's TTL (epoch seconds), which its counters never outlive. */
  expiresAt?: number;
}

/** The outcome of looking a code up. Unknown and revoked codes are the same answer. */
export type LinkResolution = { state: 'active'; link: SharedLink; locked: boolean; counter: LinkCounter } | { state: 'expired' } | { state: 'not-found' };
