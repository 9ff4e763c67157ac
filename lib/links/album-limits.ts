/**
 * The most photos one album link holds: a shoot's selects or a team's headshots, not a whole
 * library. It bounds the link's item (members are inline, about 300 bytes each), the public page,
 * and the paths one revoke asks the CDN to forget (3 a photo, so 304 at most: one invalidation).
 */
export const ALBUM_MAX_PHOTOS = 100;

/** How many photos the album's card shows side by side. */
export const ALBUM_CARD_PHOTOS = 4;
