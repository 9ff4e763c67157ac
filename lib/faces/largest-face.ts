import type { Box } from './schemas';

/** The face a photo is about: the biggest, which in a portrait is the subject, and in a query photo the person looked for. */
export function largestFace<T extends { box: Pick<Box, 'width' | 'height'> }>(faces: T[]): T | undefined {
  return [...faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
}
