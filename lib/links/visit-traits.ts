import Bowser from 'bowser';

/*
 * What a view of a link is counted under, and all that is kept of the visitor: the host that sent
 * them, what kind of device and which browser family (read from the user agent by bowser, a
 * maintained parser), and the country CloudFront put on the request. Never the address or the user
 * agent itself.
 */

export const DEVICE_CLASSES = ['mobile', 'tablet', 'desktop', 'other'] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

/** The referrer of a view with none, or with one that is not a web address. */
export const DIRECT = 'direct';
/** The country of a view whose country nobody trustworthy said (locally, or a request not through CloudFront). */
export const UNKNOWN_COUNTRY = 'unknown';

export interface VisitTraits {
  referrer: string;
  device: DeviceClass;
  browser: string;
  country: string;
}

/** The host of a Referer header, lower case and without `www.`; `direct` for none or anything else. */
export function referrerHost(referer: string | null | undefined): string {
  if (!referer) return DIRECT;
  try {
    const url = new URL(referer);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return DIRECT;
    return url.hostname.replace(/^www\./, '').slice(0, 253) || DIRECT;
  } catch {
    return DIRECT;
  }
}

/** Device class and browser family from a user agent: `other` and `Other` when the parser does not know them. */
export function deviceAndBrowser(userAgent: string | null | undefined): { device: DeviceClass; browser: string } {
  if (!userAgent) return { device: 'other', browser: 'Other' };
  const parsed = Bowser.parse(userAgent.slice(0, 1000));
  const type = parsed.platform.type;
  const device: DeviceClass = type === 'mobile' || type === 'tablet' || type === 'desktop' ? type : 'other';
  return { device, browser: parsed.browser.name?.slice(0, 60) || 'Other' };
}

/** A country code as CloudFront writes it (ISO 3166-1 alpha-2), or `unknown`. */
export function countryOf(value: string | null | undefined): string {
  return value && /^[A-Z]{2}$/.test(value) ? value : UNKNOWN_COUNTRY;
}

export function visitTraits(visit: { userAgent: string | null; referer: string | null; country: string | null }): VisitTraits {
  return { referrer: referrerHost(visit.referer), ...deviceAndBrowser(visit.userAgent), country: countryOf(visit.country) };
}
