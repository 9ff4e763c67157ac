import { apiRoute } from '@/adapters/api-route';
import { API_OPERATIONS, createApiWebhookEndpoint, listApiWebhookEndpoints } from '@/lib/api';

export const POST = apiRoute(API_OPERATIONS.createWebhookEndpoint, ({ userId }, { body }) => createApiWebhookEndpoint(userId, body));

export const GET = apiRoute(API_OPERATIONS.listWebhookEndpoints, ({ userId }) => listApiWebhookEndpoints(userId));
