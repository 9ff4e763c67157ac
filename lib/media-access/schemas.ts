import { z } from 'zod';
import { isMediaUserId } from '../storage/media-paths';

/** Who gets media access, and on which origin: the user from the session, the origin the site answers on. */
export const mediaAccessInput = z.object({
  userId: z.string().refine(isMediaUserId, 'a user id that can name a media path'),
  /** The site's origin as the browser reaches it (https://…, or http://localhost:… under the local cloud), without a trailing slash. */
  siteOrigin: z.url().transform((origin) => new URL(origin).origin),
  /** Whether the cookies may travel over plain http (the local cloud only). */
  secure: z.boolean(),
  now: z.number().int().nonnegative(),
});
export type MediaAccessInput = z.input<typeof mediaAccessInput>;

/** The CloudFront key pair media cookies are signed with: its public key's id in the distribution's key group, and the private key (PEM). */
export interface MediaSigner {
  keyPairId: string;
  privateKey: string;
}

/** A cookie to set on the response, in the shape Next's `response.cookies.set` takes. */
export interface MediaCookie {
  name: string;
  value: string;
  path: string;
  maxAge: number;
  httpOnly: true;
  secure: boolean;
  sameSite: 'lax';
}
