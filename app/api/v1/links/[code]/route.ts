import { apiRoute } from '@/adapters/api-route';
import { API_OPERATIONS, revokeApiShareLink } from '@/lib/api';

export const DELETE = apiRoute(API_OPERATIONS.revokeShareLink, ({ userId }, { params }) => revokeApiShareLink(userId, params.code));
