export { createWebhookEndpoint } from './create-webhook-endpoint';
export { listWebhookEndpoints } from './list-webhook-endpoints';
export { deleteWebhookEndpoint, NoSuchWebhookEndpoint } from './delete-webhook-endpoint';
export { emitWebhookEvent } from './emit-webhook-event';
export { WEBHOOKS_TOPIC } from './record-given-up-delivery';
export { MAX_WEBHOOK_ENDPOINTS, DISABLE_AFTER_FAILED_DELIVERIES } from './limits';
export * from './schemas';
