import { z } from 'zod';
import { imageIdInput } from '../images/schemas';
import { MAX_PERSON_NAME_LENGTH } from './limits';

export const personIdInput = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'That person does not exist.');
export const faceIdInput = z.string().regex(/^[A-Za-z0-9_-]{1,64}\.\d{1,3}$/, 'That face does not exist.');

export const renamePersonInput = z.object({
  personId: personIdInput,
  name: z
    .string()
    .trim()
    .max(MAX_PERSON_NAME_LENGTH, `Names are limited to ${MAX_PERSON_NAME_LENGTH} characters.`)
    .refine((name) => !/[\u0000-\u001f]/.test(name), 'The name contains control characters.'),
});

export const mergePeopleInput = z
  .object({ personId: personIdInput, intoPersonId: personIdInput })
  .refine(({ personId, intoPersonId }) => personId !== intoPersonId, 'Choose another person to merge with.');

export const hidePersonInput = z.object({ personId: personIdInput, hidden: z.boolean() });

export const faceRefInput = z
  .object({ imageId: imageIdInput, faceId: faceIdInput })
  .refine(({ imageId, faceId }) => faceId.startsWith(`${imageId}.`), 'That face does not exist.');

/** A person as the owner's pages show them. */
export interface PersonSummary {
  personId: string;
  name: string | null;
  hidden: boolean;
  photoCount: number;
  coverUrl: string | null;
}

/** A face on one of the owner's photos, for the photo page's clickable boxes and a person's page. */
export interface FaceView {
  imageId: string;
  faceId: string;
  box: { left: number; top: number; width: number; height: number };
  personId: string | null;
  personName: string | null;
  thumbnailUrl: string;
}
