import { getImage } from '../images';
import { getProfileAnalysis, requestProfileAnalysis, type ProfileAnalysis } from '../profile-check';

/* The LinkedIn check over the API: ask for it, then read its score, checklist and crops. */

/** Asks for the check of one of the owner's ready images; null when they have no such image. */
export async function requestApiAnalysis(userId: string, id: string): Promise<ProfileAnalysis | null> {
  if (!(await getImage(userId, id, { variants: 'thumbnail' }))) return null;
  await requestProfileAnalysis(userId, id);
  return getProfileAnalysis(userId, id);
}

/** The check of one of the owner's images as it stands; null when none was asked for. */
export function getApiAnalysis(userId: string, id: string): Promise<ProfileAnalysis | null> {
  return getProfileAnalysis(userId, id);
}
