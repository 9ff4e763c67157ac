import { listApiTokenItems } from '../db';
import type { ApiToken } from './schemas';
import { toApiToken } from './to-api-token';

/** The user's tokens, newest first; expired ones stay listed, as expired, for a while. */
export async function listApiTokens(userId: string, now = Date.now()): Promise<ApiToken[]> {
  const items = await listApiTokenItems(userId);
  return items.map((item) => toApiToken(item, now)).sort((a, b) => b.createdAt - a.createdAt);
}
