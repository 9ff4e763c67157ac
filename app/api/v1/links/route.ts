import { apiRoute } from '@/adapters/api-route';
import { API_OPERATIONS, createApiShareLink, listApiShareLinks } from '@/lib/api';

export const POST = apiRoute(API_OPERATIONS.createShareLink, ({ userId }, { body }) => createApiShareLink(userId, body));

export const GET = apiRoute(API_OPERATIONS.listShareLinks, ({ userId }, { query }) => listApiShareLinks(userId, query));
