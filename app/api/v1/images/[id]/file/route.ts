import { apiRoute } from '@/adapters/api-route';
import { API_OPERATIONS, locateApiImageFile } from '@/lib/api';

export const GET = apiRoute(API_OPERATIONS.getImageFile, ({ userId }, { params, query }) => locateApiImageFile(userId, params.id, query));
