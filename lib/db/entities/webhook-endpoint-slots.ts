import { slotCounter } from './slot-counter';

/** How many webhook endpoints a user holds (see slotCounter). */
export const WebhookEndpointSlots = slotCounter('webhookEndpointSlots');
