import { apiRoute } from '@/adapters/api-route';
import { API_OPERATIONS, createApiUpload } from '@/lib/api';

export const POST = apiRoute(API_OPERATIONS.createUpload, ({ userId }, { body }) => createApiUpload(userId, body));
