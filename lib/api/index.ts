export { API_OPERATIONS, type ApiOperation } from './operations';
export { openApiDocument } from './openapi-document';
export { problem, PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type Problem, type ProblemType } from './problems';
export { createApiUpload, deleteApiImage, getApiImage, listApiImages, locateApiImageFile } from './images';
export { createApiShareLink, listApiShareLinks, revokeApiShareLink } from './links';
export { getApiAnalysis, requestApiAnalysis } from './analysis';
export { createApiWebhookEndpoint, deleteApiWebhookEndpoint, listApiWebhookEndpoints } from './webhooks';
