import type { z } from 'zod';
import type { ApiTokenScope } from '../api-tokens/schemas';
import { ProfileAnalysisSchema } from '../profile-check/get-profile-analysis';
import { CreateUploadBodySchema, ImageDetailSchema, ImageFileQuerySchema, ImagePageSchema, ImagePathSchema, ListImagesQuerySchema, RedirectSchema, UploadSchema } from './images';
import { PeopleSearchResultSchema, PersonListSchema, SearchPeopleBodySchema } from './people';
import { CreateShareLinkBodySchema, ListShareLinksQuerySchema, ShareLinkPageSchema, ShareLinkPathSchema, ShareLinkSchema } from './links';
import type { ProblemType } from './problems';
import { CreatedWebhookEndpointSchema, CreateWebhookEndpointBodySchema, WebhookEndpointListSchema, WebhookEndpointPathSchema } from './webhooks';

/**
 * The API's contract, one entry per operation: the route handlers parse requests with these schemas
 * and check their answers against them, and the OpenAPI document is generated from the same entries,
 * so the document cannot say what the code does not do.
 */
export interface ApiOperation<Query extends z.ZodObject = z.ZodObject, Params extends z.ZodObject = z.ZodObject, Body extends z.ZodType = z.ZodType, Result extends z.ZodType = z.ZodType> {
  operationId: string;
  method: 'get' | 'post' | 'delete';
  /** Under /api/v1, with path parameters as OpenAPI writes them: `/images/{id}`. */
  path: `/${string}`;
  scope: ApiTokenScope;
  summary: string;
  query?: Query;
  params?: Params;
  body?: Body;
  /** A 302's schema is its Location, sent as the header, not a body. */
  success: { status: 200 | 201 | 202 | 204 | 302; description: string; schema?: Result };
  /** What else it may answer, beyond the token's problems (401, 403) and rate limiting (429), which every operation may. */
  problems: ProblemType[];
  /**
   * False for a POST whose answer holds a secret shown once (a webhook endpoint's signing secret): a
   * kept answer would store the secret in the table for a day, so it takes no Idempotency-Key.
   */
  idempotent?: false;
}

/** Whether an operation takes an Idempotency-Key: every POST whose answer may be kept. */
export function takesIdempotencyKey(operation: Pick<ApiOperation, 'method' | 'idempotent'>): boolean {
  return operation.method === 'post' && operation.idempotent !== false;
}

const operation = <Q extends z.ZodObject, P extends z.ZodObject, B extends z.ZodType, R extends z.ZodType>(op: ApiOperation<Q, P, B, R>) => op;

export const API_OPERATIONS = {
  listImages: operation({
    operationId: 'listImages',
    method: 'get',
    path: '/images',
    scope: 'images:read',
    summary: 'Your images, newest first, a page at a time',
    query: ListImagesQuerySchema,
    success: { status: 200, description: 'A page of images.', schema: ImagePageSchema },
    problems: ['invalid-request'],
  }),
  getImage: operation({
    operationId: 'getImage',
    method: 'get',
    path: '/images/{id}',
    scope: 'images:read',
    summary: 'One image: its status, metadata and every size with a short-lived URL',
    params: ImagePathSchema,
    success: { status: 200, description: 'The image.', schema: ImageDetailSchema },
    problems: ['not-found'],
  }),
  getImageFile: operation({
    operationId: 'getImageFile',
    method: 'get',
    path: '/images/{id}/file',
    scope: 'images:read',
    summary: 'Redirects to one size of an image, in WebP or JPEG, at a short-lived URL',
    params: ImagePathSchema,
    query: ImageFileQuerySchema,
    success: { status: 302, description: 'The file is at `Location`.', schema: RedirectSchema },
    problems: ['invalid-request', 'not-found'],
  }),
  deleteImage: operation({
    operationId: 'deleteImage',
    method: 'delete',
    path: '/images/{id}',
    scope: 'images:write',
    summary: 'Deletes an image and everything made from it: sizes, analysis, faces, share links',
    params: ImagePathSchema,
    success: { status: 204, description: 'Deleted.' },
    problems: ['not-found'],
  }),
  createUpload: operation({
    operationId: 'createUpload',
    method: 'post',
    path: '/uploads',
    scope: 'images:write',
    summary: 'Starts an upload: a new image id and a URL to PUT the file to',
    body: CreateUploadBodySchema,
    success: { status: 201, description: 'PUT the file to `upload.url` with `upload.headers`; processing starts when it arrives.', schema: UploadSchema },
    problems: ['invalid-request', 'quota-exceeded'],
  }),
  createShareLink: operation({
    operationId: 'createShareLink',
    method: 'post',
    path: '/links',
    scope: 'links',
    summary: 'Shares one size of an image, or an album of up to 100 images, at a short public link',
    body: CreateShareLinkBodySchema,
    success: { status: 201, description: 'The link; its page is at `path`.', schema: ShareLinkSchema },
    problems: ['invalid-request'],
  }),
  listShareLinks: operation({
    operationId: 'listShareLinks',
    method: 'get',
    path: '/links',
    scope: 'links',
    summary: 'Your share links, newest first; ended ones stay listed for a while',
    query: ListShareLinksQuerySchema,
    success: { status: 200, description: 'A page of links.', schema: ShareLinkPageSchema },
    problems: ['invalid-request'],
  }),
  revokeShareLink: operation({
    operationId: 'revokeShareLink',
    method: 'delete',
    path: '/links/{code}',
    scope: 'links',
    summary: 'Revokes a share link: its page and files stop at once',
    params: ShareLinkPathSchema,
    success: { status: 204, description: 'Revoked.' },
    problems: ['not-found'],
  }),
  requestAnalysis: operation({
    operationId: 'requestAnalysis',
    method: 'post',
    path: '/images/{id}/analysis',
    scope: 'analysis',
    summary: 'Runs the LinkedIn profile-photo check on a ready image (again, if it ran before)',
    params: ImagePathSchema,
    success: { status: 202, description: 'Asked for; GET it until `status` is ready or failed.', schema: ProfileAnalysisSchema },
    problems: ['invalid-request', 'not-found'],
  }),
  getAnalysis: operation({
    operationId: 'getAnalysis',
    method: 'get',
    path: '/images/{id}/analysis',
    scope: 'analysis',
    summary: 'The LinkedIn check of an image: score, checklist, faces and crops',
    params: ImagePathSchema,
    success: { status: 200, description: 'The check as it stands.', schema: ProfileAnalysisSchema },
    problems: ['not-found'],
  }),
  listPeople: operation({
    operationId: 'listPeople',
    method: 'get',
    path: '/people',
    scope: 'images:read',
    summary: 'The people found in your photos, most photos first',
    success: { status: 200, description: 'Everyone you have not hidden.', schema: PersonListSchema },
    problems: [],
  }),
  searchPeople: operation({
    operationId: 'searchPeople',
    method: 'post',
    path: '/people/search',
    scope: 'images:read',
    summary: 'Your photos that show the person of one face on one of your photos',
    body: SearchPeopleBodySchema,
    success: { status: 200, description: 'The matching photos, best first.', schema: PeopleSearchResultSchema },
    problems: ['invalid-request', 'not-found'],
  }),
  // Webhooks (docs/webhooks.md).
  createWebhookEndpoint: operation({
    operationId: 'createWebhookEndpoint',
    method: 'post',
    path: '/webhooks',
    scope: 'webhooks',
    summary: 'Adds an HTTPS endpoint that is sent the events it asks for, signed (Standard Webhooks)',
    body: CreateWebhookEndpointBodySchema,
    success: { status: 201, description: 'The endpoint, and its signing secret, shown this once.', schema: CreatedWebhookEndpointSchema },
    problems: ['invalid-request'],
    idempotent: false,
  }),
  listWebhookEndpoints: operation({
    operationId: 'listWebhookEndpoints',
    method: 'get',
    path: '/webhooks',
    scope: 'webhooks',
    summary: 'Your webhook endpoints, newest first, with how their deliveries go',
    success: { status: 200, description: 'Every endpoint (at most 5).', schema: WebhookEndpointListSchema },
    problems: [],
  }),
  deleteWebhookEndpoint: operation({
    operationId: 'deleteWebhookEndpoint',
    method: 'delete',
    path: '/webhooks/{id}',
    scope: 'webhooks',
    summary: 'Deletes a webhook endpoint: nothing more is sent to it',
    params: WebhookEndpointPathSchema,
    success: { status: 204, description: 'Deleted.' },
    problems: ['not-found'],
  }),
};
