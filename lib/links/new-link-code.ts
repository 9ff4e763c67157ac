import { customAlphabet } from 'nanoid';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * 12 base62 characters are 71 random bits (62^12 ≈ 3.2 × 10^21 codes). With a million live links,
 * one guess hits one with probability 3 × 10^-16; at the per-IP resolve limit, guessing stays
 * hopeless for any botnet. Short enough to type from a printout.
 */
export const LINK_CODE_LENGTH = 12;

export const LINK_CODE_PATTERN = new RegExp(`^[0-9A-Za-z]{${LINK_CODE_LENGTH}}$`);

/** A fresh unguessable code, from a CSPRNG (nanoid's customAlphabet). */
export const newLinkCode: () => string = customAlphabet(BASE62, LINK_CODE_LENGTH);
