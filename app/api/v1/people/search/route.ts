import { apiRoute } from '@/adapters/api-route';
import { API_OPERATIONS, searchApiPeople } from '@/lib/api';

export const POST = apiRoute(API_OPERATIONS.searchPeople, ({ userId }, { body }) => searchApiPeople(userId, body));
