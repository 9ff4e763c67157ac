import 'zod-openapi';
import { z } from 'zod';
import { pageOf, pageQuery } from './paging';
import { createLink, createLinkInput, linkCodeInput, LinkExpirySchema, LinkKindSchema, LinkStateSchema, listLinks, revokeLink, type Link } from '../links';

/* Share links as the API shows them: the owner's view of "My links", with ISO times. */

export const ShareLinkSchema = z
  .object({
    code: z.string().meta({ example: 'k3J9xQ2mPq7A' }),
    path: z.string().meta({ description: 'The public page, relative to the site: `/s/{code}`.' }),
    kind: LinkKindSchema.meta({ description: '`photo` for a link to one image, `album` for several behind one link.' }),
    imageId: z.string().meta({ description: "The image shown; an album's first image." }),
    imageIds: z.array(z.string()).meta({ description: "Every image shown, in order: the one image, or the album's (an image deleted leaves its albums)." }),
    size: z.string().meta({ description: 'The size shared, e.g. `w1280-public` (the watermarked copy).' }),
    watermarked: z.boolean(),
    allowDownload: z.boolean(),
    expiry: LinkExpirySchema,
    validUntil: z.iso.datetime().nullable(),
    state: LinkStateSchema,
    views: z.number().int(),
    createdAt: z.iso.datetime(),
    protected: z.boolean().meta({ description: 'Whether visitors must give the password set when the link was made.' }),
  })
  .meta({ id: 'ShareLink' });
export type ShareLink = z.infer<typeof ShareLinkSchema>;

export const ShareLinkPageSchema = pageOf(ShareLinkSchema, 'ShareLinkPage');
export const CreateShareLinkBodySchema = createLinkInput.meta({ id: 'ShareLinkRequest' });
export const ListShareLinksQuerySchema = pageQuery(50);
export const ShareLinkPathSchema = z.object({ code: z.string().meta({ description: 'The link code.' }) });

function toShareLink(link: Link): ShareLink {
  return {
    code: link.code,
    path: link.path,
    kind: link.kind,
    imageId: link.imageId,
    imageIds: link.imageIds,
    size: link.variant,
    watermarked: link.watermarked,
    allowDownload: link.allowDownload,
    expiry: link.expiry,
    validUntil: link.validUntil === null ? null : new Date(link.validUntil).toISOString(),
    state: link.state,
    views: link.views,
    createdAt: new Date(link.createdAt).toISOString(),
    protected: link.protected,
  };
}

export async function createApiShareLink(userId: string, body: z.infer<typeof CreateShareLinkBodySchema>): Promise<ShareLink> {
  return toShareLink(await createLink(userId, body));
}

export async function listApiShareLinks(userId: string, query: z.infer<typeof ListShareLinksQuerySchema>): Promise<z.infer<typeof ShareLinkPageSchema>> {
  const page = await listLinks(userId, { cursor: query.cursor ?? null, limit: query.limit });
  return { items: page.items.map(toShareLink), nextCursor: page.cursor };
}

/** Revokes one of the owner's links; null when they have no such link, or it was revoked already. */
export async function revokeApiShareLink(userId: string, code: string): Promise<true | null> {
  const parsed = linkCodeInput.safeParse(code);
  return parsed.success && (await revokeLink(userId, { code: parsed.data })) ? true : null;
}
