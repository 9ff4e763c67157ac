import { releaseStorage, takeImageQuota } from '../db';

/**
 * Gives back what a photo held of its owner's quota, once its original is gone for good (deleted,
 * cancelled, refused, never arrived). The record gives its share up in one conditional write first,
 * so however many of those paths run, and however often, the owner gets it back once. A crash between
 * the two writes keeps the room counted (the safe side), never counts it twice.
 */
export async function releaseQuota(image: { userId: string; imageId: string }): Promise<void> {
  const bytes = await takeImageQuota(image);
  if (bytes !== null) await releaseStorage(image.userId, { bytes, photos: 1 });
}

/** Gives back a reservation whose photo was never recorded (its upload URL was never issued). */
export async function releaseReservation(userId: string, bytes: number): Promise<void> {
  await releaseStorage(userId, { bytes, photos: 1 });
}
