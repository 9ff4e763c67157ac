import { nanoid } from 'nanoid';
import { isAccountClosed } from '../account/is-account-closed';
import { insertWebhookEndpoint, releaseWebhookEndpointSlot, reserveWebhookEndpointSlot } from '../db';
import { UserError } from '../user-error';
import { MAX_WEBHOOK_ENDPOINTS } from './limits';
import { createWebhookEndpointInput, type CreateWebhookEndpointInput, type WebhookEndpoint } from './schemas';
import { encryptSigningSecret, mintSigningSecret } from './signing-secret';
import { checkTarget, WebhookTargetRefused } from './target-policy';
import { toWebhookEndpoint } from './to-webhook-endpoint';

/**
 * Adds an endpoint for the user. Its URL passes the same checks as every delivery (an owner hears
 * at once that an address is refused, not after five failed deliveries). The answer holds the
 * signing secret, which is shown this once; the record keeps it encrypted.
 */
export async function createWebhookEndpoint(userId: string, input: CreateWebhookEndpointInput, now = Date.now()): Promise<{ secret: string; endpoint: WebhookEndpoint }> {
  const { url, events } = createWebhookEndpointInput.parse(input);
  try {
    await checkTarget(url);
  } catch (error) {
    if (error instanceof WebhookTargetRefused) throw new UserError(error.message);
    throw error;
  }
  if (await isAccountClosed(userId)) throw new UserError('This account has been deleted.');
  if (!(await reserveWebhookEndpointSlot(userId, MAX_WEBHOOK_ENDPOINTS))) {
    throw new UserError(`You have ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints, the most an account can hold. Delete one you no longer use first.`);
  }
  const endpointId = `ep_${nanoid(16)}`;
  const secret = mintSigningSecret();
  const item = { userId, endpointId, url, events, encryptedSecret: encryptSigningSecret(secret, { userId, endpointId }), createdAt: now, consecutiveFailures: 0 };
  try {
    await insertWebhookEndpoint(item);
  } catch (error) {
    await releaseWebhookEndpointSlot(userId);
    throw error;
  }
  return { secret, endpoint: toWebhookEndpoint(item) };
}
