import { apiRoute } from '@/adapters/api-route';
import { API_OPERATIONS, getApiAnalysis, requestApiAnalysis } from '@/lib/api';

export const POST = apiRoute(API_OPERATIONS.requestAnalysis, ({ userId }, { params }) => requestApiAnalysis(userId, params.id));

export const GET = apiRoute(API_OPERATIONS.getAnalysis, ({ userId }, { params }) => getApiAnalysis(userId, params.id));
