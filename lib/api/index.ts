export { API_OPERATIONS, type ApiOperation } from './operations';
export { openApiDocument } from './openapi-document';
export { ApiProblem, problem, PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type Problem, type ProblemType } from './problems';
export { createApiUpload, deleteApiImage, getApiImage, listApiImages, locateApiImageFile } from './images';
export { createApiShareLink, listApiShareLinks, revokeApiShareLink } from './links';
export { getApiAnalysis, requestApiAnalysis } from './analysis';
export { listApiPeople, searchApiPeople } from './people';
export { claimIdempotencyKey, idempotencyKeyOf, IDEMPOTENCY_WINDOW_SECONDS, REPLAYED_HEADER, type KeptAnswer } from './idempotency';
export { API_TOKEN_RATE_LIMIT, apiRateLimitSubject, meterApiRequest, rateLimitHeaders } from './rate-limit';
