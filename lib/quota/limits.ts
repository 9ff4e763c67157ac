import type { StorageAmount } from '../db';

/**
 * How much one account may keep: 5 GB of originals and 1,000 photos, whichever is reached first.
 * A person's headshot library (years of phone portraits and a few shoots, 3–5 MB a 12-MP JPEG) fits
 * several times over. What it bounds: without it, one free account could add 180 GB and 7,200 photos
 * to face indexing a day (300 uploads an hour of up to 25 MB, kept for ever); at the quota, an account
 * costs about $0.12 a month of originals in S3 Standard (about as much again in sizes and copies) and
 * has had at most 1,000 photos indexed at a time. Counted from the size each upload declares, which
 * S3 enforces through the signed Content-Length (lib/storage/presign.ts).
 */
export const STORAGE_QUOTA: StorageAmount = { bytes: 5 * 1024 ** 3, photos: 1_000 };
