import { getDb } from './client';
import type { UserItem } from './entities/user';
import { conditionalResult, conditionally } from './conditions';

/** Creates a local account; null when the email is taken. */
export async function insertUser(user: Pick<UserItem, 'userId' | 'email' | 'passwordHash'>): Promise<UserItem | null> {
  return conditionalResult(
    getDb()
      .entities.user.create(user)
      .go()
      .then(({ data }) => data),
  );
}

/** The local account for an email address, matched regardless of case (the key is lowercased); null when there is none. */
export async function findUserByEmail(email: string): Promise<UserItem | null> {
  const { data } = await getDb().entities.user.get({ email }).go();
  return data;
}

/** Replaces a local account's password hash; throws when there is no such account. Ending the other sessions is the caller's. */
export async function updatePasswordHash(email: string, passwordHash: string): Promise<void> {
  await getDb().entities.user.patch({ email }).set({ passwordHash }).go({ response: 'none' });
}

/** Deletes a local account, only if it is the given user's: an email may since belong to someone else. */
export async function deleteUserAccount(email: string, userId: string): Promise<void> {
  await conditionally(getDb().entities.user.delete({ email }).where(({ userId: owner }, { eq }) => eq(owner, userId)).go({ response: 'none' }));
}
