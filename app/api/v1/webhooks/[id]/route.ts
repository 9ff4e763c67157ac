import { apiRoute } from '@/adapters/api-route';
import { API_OPERATIONS, deleteApiWebhookEndpoint } from '@/lib/api';

export const DELETE = apiRoute(API_OPERATIONS.deleteWebhookEndpoint, ({ userId }, { params }) => deleteApiWebhookEndpoint(userId, params.id));
