import { apiRoute } from '@/adapters/api-route';
import { API_OPERATIONS, deleteApiImage, getApiImage } from '@/lib/api';

export const GET = apiRoute(API_OPERATIONS.getImage, ({ userId }, { params }) => getApiImage(userId, params.id));

export const DELETE = apiRoute(API_OPERATIONS.deleteImage, ({ userId }, { params }) => deleteApiImage(userId, params.id));
