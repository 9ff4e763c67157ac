import { apiRoute } from '@/adapters/api-route';
import { API_OPERATIONS, listApiPeople } from '@/lib/api';

export const GET = apiRoute(API_OPERATIONS.listPeople, ({ userId }) => listApiPeople(userId));
