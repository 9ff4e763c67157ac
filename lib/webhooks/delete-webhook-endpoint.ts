import { deleteWebhookEndpoint as deleteEndpointItem, releaseWebhookEndpointSlot } from '../db';
import { UserError } from '../user-error';
import { deleteWebhookEndpointInput } from './schemas';

/** There is no such endpoint of the user's: the API answers 404, the settings page this sentence. */
export class NoSuchWebhookEndpoint extends UserError {
  override name = 'NoSuchWebhookEndpoint';
  constructor() {
    super('There is no such webhook endpoint: it was deleted already, or it is not yours.');
  }
}

/** Deletes one of the user's endpoints: deliveries still queued for it find it gone and are dropped. */
export async function deleteWebhookEndpoint(userId: string, input: { endpointId: string }): Promise<void> {
  const { endpointId } = deleteWebhookEndpointInput.parse(input);
  if (!(await deleteEndpointItem(userId, endpointId))) throw new NoSuchWebhookEndpoint();
  await releaseWebhookEndpointSlot(userId);
}
