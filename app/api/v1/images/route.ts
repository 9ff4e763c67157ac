import { apiRoute } from '@/adapters/api-route';
import { API_OPERATIONS, listApiImages } from '@/lib/api';

export const GET = apiRoute(API_OPERATIONS.listImages, ({ userId }, { query }) => listApiImages(userId, query));
