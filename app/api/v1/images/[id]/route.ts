import { apiRoute } from '@/adapters/api-route';
import { API_OPERATIONS, getApiImage } from '@/lib/api';

export const GET = apiRoute(API_OPERATIONS.getImage, ({ userId }, { params }) => getApiImage(userId, params.id));
