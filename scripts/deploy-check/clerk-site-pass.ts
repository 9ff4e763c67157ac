import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import PQueue from 'p-queue';
import { Webhook } from 'svix';
import { discovered } from '../../e2e/app-routes';
import { SITE_ENVIRONMENT_SECRETS } from '../../infra/site-build';
import { getDb } from '../../lib/db';
import { linkResolveLimit } from '../../lib/links/limits';
import { hashedSubject, subjectKeyOf } from '../../lib/rate-limit/subject';
import { VIEWER_ADDRESS_HEADER } from '../../lib/security/client-address';
import { ORIGIN_SECRET_HEADER, originSecretOf } from '../../lib/security/origin-secret';
import { CLERK_API_WAIT_MS } from '../../lib/auth/clerk-api';
import { callAction, findAction, type ActionRef } from '../../tests/support/server-actions';
import { startClerkApiStub, type ClerkApiStub } from './clerk-api-stub';
import { CLERK_PUBLISHABLE_KEY, clerkSessionCookies, generateClerkKeys, type ClerkKeys } from './clerk-instance';
import type { Report } from './report';
import { siteExpectations } from './site-answers';
import { deployedSiteEnvironment, splitCloudEnvironment } from './site-environment';
import { SITE_HOST, startSiteFunction, type SiteFunction, type SiteResponse } from './site-function';
import { SST_SERVER_ENTRY, wrapAsSstDeploys, wrapperDriftFromSst } from './site-sst-wrapper';

/*
 * The built site a second time, the way `sst deploy` configures it: Clerk's keys from the secrets
 * infra/web.ts maps (a production publishable key, as baked into the build), the origin secret, requests
 * with the headers CloudFront adds (and some sent around it, which must be refused), and every link in SST's encrypted resource.enc read by SST's own server-index.mjs wrapper, with no
 * SST_RESOURCE_<Name> variable left to fall back on. Sessions are Clerk session tokens signed by a key
 * pair made here, verified with CLERK_JWT_KEY and no network; Clerk's backend API is a stand-in
 * (CLERK_API_URL). Every page, route handler and server action of app/ is called: one without an
 * entry below fails, as in the authorization matrix, whose inventory this is.
 */

export interface ClerkPassInput {
  report: Report;
  root: string;
  actions: ActionRef[];
  /** The local pass's account: the Clerk session names the same user id, so the pages read its photo, analysis and faces. */
  user: { userId: string; email: string };
  readyImageId: string | null;
}

interface Pass {
  site: SiteFunction;
  clerk: ClerkApiStub;
  actions: ActionRef[];
  /** A signed-in browser's cookies, as "name=value". */
  cookies: string[];
  user: ClerkPassInput['user'];
  imageId: string;
  webhookSecret: string;
  /** Made once, when first needed: the checks run concurrently. */
  shareCode?: Promise<string>;
  albumCode?: Promise<string>;
  apiToken?: Promise<string>;
  expectStatus: ReturnType<typeof siteExpectations>['expectStatus'];
  report: Report;
}

type Check = (pass: Pass) => Promise<void>;

const UNKNOWN_ID = 'AAAAAAAAAAAAAAAA';
/** A webhook target on this machine, which only the local cloud lets webhooks reach. */
const LOOPBACK_HOOK = 'https://127.0.0.1/hooks';
const SETTINGS = 'page /settings';
/** next-safe-action's answer for an error that is not the user's (app/actions/safe-action.ts): never acceptable here. */
const GENERIC_FAILURE = 'Something went wrong on our side. Please try again.';

/** Every `<script>` of a page, and every script preload, carries the nonce of the page's own policy: under 'strict-dynamic' nothing else runs. */
function scriptsWithoutNonce(response: SiteResponse): string | null {
  const nonce = /'nonce-([^']+)'/.exec(response.headers['content-security-policy'] ?? '')?.[1];
  if (!nonce) return 'no nonce in its Content-Security-Policy';
  const html = response.body.toString('utf8');
  const tags = [...html.matchAll(/<script\b[^>]*>|<link\b[^>]*\bas="script"[^>]*>/g)].map((match) => match[0]);
  if (!tags.some((tag) => tag.includes('data-clerk-js-script'))) return "no Clerk script tag: ClerkProvider did not render Clerk's script";
  const refused = tags.filter((tag) => !tag.includes(`nonce="${nonce}"`));
  return refused.length === 0 ? null : `${refused.length} script tag${refused.length === 1 ? '' : 's'} without the response's nonce, which the policy refuses: ${refused.map((tag) => tag.slice(0, 160)).join(' ')}`;
}

/** A page a signed-in visitor gets (its scripts with the nonce), and an anonymous one is sent to sign in from, when private. */
function page(url: (pass: Pass) => string, status: number, access: 'public' | 'private'): Check {
  return async (pass) => {
    const target = url(pass);
    const signedIn = await pass.site.request(target, { cookies: pass.cookies });
    pass.expectStatus(`Clerk: GET ${target} signed in`, signedIn, status, status === 200 ? scriptsWithoutNonce : undefined);
    if (access === 'public') return;
    pass.expectStatus(`Clerk: GET ${target} signed out`, await pass.site.request(target), 307, (response) =>
      new URL(response.headers.location ?? '/', `https://${SITE_HOST}`).pathname === '/sign-in' ? null : `redirected to ${response.headers.location}, not to /sign-in`,
    );
  };
}

/**
 * A server action called with the Clerk session: it must answer, and never with the generic failure;
 * `expect` checks what it returned (a sentence when it is wrong).
 */
function action(file: string, name: string, args: (pass: Pass) => unknown[], expect: (result: ActionOutcome, pass: Pass) => string | null = () => null, params: (pass: Pass) => Record<string, string> = () => ({})): Check {
  return async (pass) => {
    const what = `Clerk: server action ${name}`;
    const called = await callAction(pass.site, findAction(pass.actions, `app/actions/${file}`, name), args(pass), pass.cookies, params(pass));
    const result = (called.result ?? {}) as ActionOutcome;
    if (called.response.status >= 500) return pass.report.fail(what, `answered ${called.response.status}`);
    if (result.serverError === GENERIC_FAILURE) return pass.report.fail(what, `failed on the server: ${GENERIC_FAILURE}`);
    const problem = expect(result, pass);
    if (problem) return pass.report.fail(what, problem);
    const redirected = called.response.status >= 300 && called.response.status < 400;
    pass.report.pass(what, result.serverError ?? (result.validationErrors ? 'refused its input' : redirected ? `redirect ${called.response.status}` : 'answered'));
  };
}
interface ActionOutcome {
  data?: unknown;
  serverError?: string;
  validationErrors?: unknown;
}
/** Refused with a sentence, from the action (serverError) or from its input's schema (validationErrors). */
const refusedWith = (sentence: RegExp) => (result: ActionOutcome) =>
  sentence.test(result.serverError ?? JSON.stringify(result.validationErrors ?? '')) ? null : `answered ${JSON.stringify(result).slice(0, 200)}, not ${sentence}`;
const returnsData = (check: (data: unknown, pass: Pass) => boolean) => (result: ActionOutcome, pass: Pass) =>
  result.data !== undefined && check(result.data, pass) ? null : `answered ${JSON.stringify(result).slice(0, 200)}`;
const image = (pass: Pass) => ({ id: pass.imageId });

const CHECKS: Record<string, Check> = {
  'route GET /': async (pass) => {
    pass.expectStatus('Clerk: GET / signed out', await pass.site.request('/'), 200);
    pass.expectStatus('Clerk: GET / signed in', await pass.site.request('/', { cookies: pass.cookies }), 307, (response) =>
      response.headers.location?.endsWith('/dashboard') ? null : `redirected to ${response.headers.location}, not to /dashboard`,
    );
  },
  'page /sign-in/[[...sign-in]]': page(() => '/sign-in', 200, 'public'),
  'page /sign-up/[[...sign-up]]': page(() => '/sign-up', 200, 'public'),
  'page /account-deleted': page(() => '/account-deleted', 200, 'public'),
  'page /docs/api': page(() => '/docs/api', 200, 'public'),
  'page /dashboard': page(() => '/dashboard', 200, 'private'),
  'page /links': page(() => '/links', 200, 'private'),
  'page /links/[code]': page(() => `/links/${UNKNOWN_ID}`, 404, 'private'),
  'page /people': page(() => '/people', 200, 'private'),
  'page /people/[personId]': page(() => `/people/${UNKNOWN_ID}`, 404, 'private'),
  'page /images/[id]': page((pass) => `/images/${pass.imageId}`, 200, 'private'),
  'page /images/[id]/analysis': page((pass) => `/images/${pass.imageId}/analysis`, 200, 'private'),
  [SETTINGS]: checkSettings,
  // The streamed search itself is the local pass's; here the route answers a Clerk session, for a face the photo does not have.
  'route POST /people/search': async (pass) => {
    const body = JSON.stringify({ face: { imageId: pass.imageId, faceId: UNKNOWN_ID } });
    const search = await pass.site.request('/people/search', { method: 'POST', cookies: pass.cookies, headers: { 'content-type': 'application/json', origin: `https://${SITE_HOST}` }, body });
    pass.expectStatus('Clerk: POST /people/search (a face the photo does not have)', search, 400, (response) =>
      typeof (JSON.parse(response.body.toString('utf8')) as { error?: unknown }).error === 'string' ? null : `answered ${response.body.toString('utf8').slice(0, 200)} without a sentence`,
    );
  },
  'route GET /s/[code]': async (pass) => void pass.expectStatus('Clerk: GET /s/{code}', await pass.site.request(`/s/${await shareCode(pass)}`), 200),
  'route GET /s/[code]/[file]': async (pass) => void pass.expectStatus('Clerk: GET /s/{code}/photo.webp', await pass.site.request(`/s/${await shareCode(pass)}/photo.webp`), 200),
  'route GET /s/[code]/[file]/[name]': async (pass) => void pass.expectStatus('Clerk: GET /s/{album}/1/photo.webp', await pass.site.request(`/s/${await albumCode(pass)}/1/photo.webp`), 200),
  'route GET /s/[code]/album.zip': async (pass) => void pass.expectStatus('Clerk: GET /s/{album}/album.zip', await pass.site.request(`/s/${await albumCode(pass)}/album.zip`), 200),
  // A link without a password has no form to post to.
  'route POST /s/[code]': async (pass) => void pass.expectStatus('Clerk: POST /s/{code} (no password to give)', await pass.site.request(`/s/${await shareCode(pass)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'password=' }), 404),
  // The public API beside Clerk's middleware: a bearer token of the user's opens it, the Clerk session alone does not.
  'route GET /api/v1/images': async (pass) => {
    pass.expectStatus('Clerk: GET /api/v1/images with the session only', await pass.site.request('/api/v1/images', { cookies: pass.cookies }), 401);
    pass.expectStatus('Clerk: GET /api/v1/images with an API token', await api(pass, '/api/v1/images'), 200, (response) =>
      response.body.toString('utf8').includes(pass.imageId) ? null : "answered without the user's photo",
    );
  },
  'route GET /api/v1/images/[id]': async (pass) => void pass.expectStatus('Clerk: GET /api/v1/images/{id} with an API token', await api(pass, `/api/v1/images/${pass.imageId}`), 200),
  'route DELETE /api/v1/images/[id]': async (pass) => void pass.expectStatus('Clerk: DELETE /api/v1/images/{unknown id}', await api(pass, `/api/v1/images/${UNKNOWN_ID}`, { method: 'DELETE' }), 404),
  'route GET /api/v1/images/[id]/file': async (pass) =>
    void pass.expectStatus('Clerk: GET /api/v1/images/{id}/file', await api(pass, `/api/v1/images/${pass.imageId}/file?size=w640&format=jpeg`), 302, (response) =>
      response.headers.location?.startsWith('http') ? null : `sent to ${response.headers.location}`,
    ),
  'route GET /api/v1/images/[id]/analysis': async (pass) => void pass.expectStatus('Clerk: GET /api/v1/images/{id}/analysis', await api(pass, `/api/v1/images/${pass.imageId}/analysis`), 200),
  'route POST /api/v1/images/[id]/analysis': async (pass) =>
    void pass.expectStatus('Clerk: POST /api/v1/images/{unknown id}/analysis', await api(pass, `/api/v1/images/${UNKNOWN_ID}/analysis`, { method: 'POST' }), 404),
  'route POST /api/v1/uploads': async (pass) =>
    void pass.expectStatus('Clerk: POST /api/v1/uploads', await api(pass, '/api/v1/uploads', { method: 'POST', body: { fileName: 'api.png', contentType: 'image/png', bytes: 100 } }), 201),
  'route GET /api/v1/links': async (pass) => void pass.expectStatus('Clerk: GET /api/v1/links', await api(pass, '/api/v1/links'), 200),
  'route POST /api/v1/links': async (pass) => void pass.expectStatus('Clerk: POST /api/v1/links', await api(pass, '/api/v1/links', { method: 'POST', body: { imageId: pass.imageId } }), 201),
  'route DELETE /api/v1/links/[code]': async (pass) => void pass.expectStatus('Clerk: DELETE /api/v1/links/{unknown code}', await api(pass, '/api/v1/links/AAAAAAAAAAAA', { method: 'DELETE' }), 404),
  'route GET /api/v1/people': async (pass) => void pass.expectStatus('Clerk: GET /api/v1/people', await api(pass, '/api/v1/people'), 200),
  'route POST /api/v1/people/search': async (pass) =>
    void pass.expectStatus('Clerk: POST /api/v1/people/search (an unknown photo)', await api(pass, '/api/v1/people/search', { method: 'POST', body: { imageId: UNKNOWN_ID } }), 404),
  'route GET /api/v1/webhooks': async (pass) => void pass.expectStatus('Clerk: GET /api/v1/webhooks', await api(pass, '/api/v1/webhooks'), 200),
  // As deployed, a webhook may not point at this machine: the SSRF rules refuse a loopback address.
  'route POST /api/v1/webhooks': async (pass) =>
    void pass.expectStatus('Clerk: POST /api/v1/webhooks to a loopback address', await api(pass, '/api/v1/webhooks', { method: 'POST', body: { url: LOOPBACK_HOOK, events: ['image.ready'] } }), 400),
  'route DELETE /api/v1/webhooks/[id]': async (pass) => void pass.expectStatus('Clerk: DELETE /api/v1/webhooks/{unknown id}', await api(pass, `/api/v1/webhooks/ep_${UNKNOWN_ID}`, { method: 'DELETE' }), 404),
  'route GET /api/v1/openapi.json': async (pass) => void pass.expectStatus('Clerk: GET /api/v1/openapi.json', await pass.site.request('/api/v1/openapi.json'), 200),
  // Signed with the webhook secret infra/web.ts gives the site: a forged call is refused, Clerk's own is taken.
  'route POST /webhooks/clerk': async (pass) => {
    const payload = JSON.stringify({ object: 'event', type: 'user.created', data: { id: 'user_deploycheckwebhook', object: 'user', email_addresses: [] } });
    const id = `msg_${randomBytes(8).toString('hex')}`;
    const sentAt = new Date();
    const signature = new Webhook(pass.webhookSecret).sign(id, sentAt, payload);
    const post = (signatureHeader: string) =>
      pass.site.request('/webhooks/clerk', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(Math.floor(sentAt.getTime() / 1000)), 'svix-signature': signatureHeader },
        body: payload,
      });
    pass.expectStatus('Clerk: POST /webhooks/clerk signed by Clerk', await post(signature), 200);
    pass.expectStatus('Clerk: POST /webhooks/clerk forged', await post('v1,Zm9yZ2Vk'), 400);
  },
  'action create-link.ts#createLinkAction': action('create-link.ts', 'createLinkAction', (pass) => [{ imageId: pass.imageId }], returnsData((data) => typeof (data as { code?: unknown }).code === 'string'), image),
  'action revoke-link.ts#revokeLinkAction': action('revoke-link.ts', 'revokeLinkAction', () => [{ code: 'AAAAAAAAAAAA' }], refusedWith(/already revoked/)),
  'action delete-image.ts#deleteImageAction': action('delete-image.ts', 'deleteImageAction', () => [{ imageId: UNKNOWN_ID }], refusedWith(/does not exist/), () => ({ id: UNKNOWN_ID })),
  'action delete-images.ts#deleteImagesAction': action('delete-images.ts', 'deleteImagesAction', () => [{ imageIds: [UNKNOWN_ID] }]),
  'action cancel-upload.ts#cancelUploadAction': action('cancel-upload.ts', 'cancelUploadAction', () => [{ imageId: UNKNOWN_ID }], refusedWith(/does not exist/)),
  'action request-analysis.ts#requestAnalysisAction': action('request-analysis.ts', 'requestAnalysisAction', () => [{ imageId: UNKNOWN_ID }], refusedWith(/does not exist/), () => ({ id: UNKNOWN_ID })),
  'action request-ready-photo.ts#requestReadyPhotoAction': action(
    'request-ready-photo.ts',
    'requestReadyPhotoAction',
    () => [{ imageId: UNKNOWN_ID, options: { background: { kind: 'blur' } } }],
    refusedWith(/does not exist/),
    () => ({ id: UNKNOWN_ID }),
  ),
  'action save-ready-photo.ts#saveReadyPhotoAction': action('save-ready-photo.ts', 'saveReadyPhotoAction', () => [{ imageId: UNKNOWN_ID }], refusedWith(/does not exist/), () => ({ id: UNKNOWN_ID })),
  'action find-faces.ts#findFacesAction': action('find-faces.ts', 'findFacesAction', () => [{ imageId: UNKNOWN_ID }], refusedWith(/does not exist/), () => ({ id: UNKNOWN_ID })),
  'action retry-dead-letter.ts#retryDeadLetterAction': action('retry-dead-letter.ts', 'retryDeadLetterAction', () => [{ deadLetterId: UNKNOWN_ID }], refusedWith(/already retried/)),
  'action people.ts#renamePersonAction': action('people.ts', 'renamePersonAction', () => [{ personId: UNKNOWN_ID, name: 'Nobody' }], refusedWith(/person does not exist/), () => ({ personId: UNKNOWN_ID })),
  'action people.ts#setPersonHiddenAction': action('people.ts', 'setPersonHiddenAction', () => [{ personId: UNKNOWN_ID, hidden: true }], refusedWith(/person does not exist/), () => ({ personId: UNKNOWN_ID })),
  'action people.ts#mergePeopleAction': action('people.ts', 'mergePeopleAction', () => [{ personId: UNKNOWN_ID, intoPersonId: 'BBBBBBBBBBBBBBBB' }], refusedWith(/person does not exist/), () => ({ personId: UNKNOWN_ID })),
  'action people.ts#removeFaceFromPersonAction': action(
    'people.ts',
    'removeFaceFromPersonAction',
    () => [{ imageId: UNKNOWN_ID, faceId: UNKNOWN_ID }],
    refusedWith(/does not exist/),
    () => ({ personId: UNKNOWN_ID, id: UNKNOWN_ID }),
  ),
  // The account's email comes from Clerk's API: a wrong one is refused with its sentence, so nothing is deleted.
  'action account.ts#deleteAccountAction': action('account.ts', 'deleteAccountAction', () => [{ email: 'someone-else@example.com' }], refusedWith(/not the email address/)),
  'action change-password.ts#changePasswordAction': action(
    'change-password.ts',
    'changePasswordAction',
    () => [{ currentPassword: 'deploy-check-password', newPassword: 'another deploy-check password' }],
    refusedWith(/managed by your sign-in provider/),
  ),
  'action api-tokens.ts#createApiTokenAction': action('api-tokens.ts', 'createApiTokenAction', () => [{ name: 'deploy-check', scopes: ['images:read'] }], returnsData((data) => /^hst_/.test((data as { token?: string }).token ?? ''))),
  'action api-tokens.ts#revokeApiTokenAction': action('api-tokens.ts', 'revokeApiTokenAction', () => [{ tokenId: UNKNOWN_ID }], refusedWith(/no such token/)),
  'action webhooks.ts#createWebhookEndpointAction': action('webhooks.ts', 'createWebhookEndpointAction', () => [{ url: LOOPBACK_HOOK, events: ['image.ready'] }], refusedWith(/a loopback address/)),
  'action webhooks.ts#deleteWebhookEndpointAction': action('webhooks.ts', 'deleteWebhookEndpointAction', () => [{ endpointId: `ep_${UNKNOWN_ID}` }], refusedWith(/no such webhook endpoint/)),
  'action export.ts#requestExportAction': action('export.ts', 'requestExportAction', () => [{}]),
  'action list-images.ts#listImagesAction': action('list-images.ts', 'listImagesAction', () => [{}], returnsData((data, pass) => JSON.stringify(data).includes(pass.imageId))),
  'action read-image-cards.ts#readImageCardsAction': action(
    'read-image-cards.ts',
    'readImageCardsAction',
    (pass) => [{ imageIds: [pass.imageId] }],
    returnsData((data) => Array.isArray(data) && (data as { image: unknown }[])[0]?.image != null),
  ),
  'action live-connection.ts#liveConnectionAction': action('live-connection.ts', 'liveConnectionAction', () => [], returnsData((data) => JSON.stringify(data).length > 2)),
  'action create-upload.ts#createUploadAction': action(
    'create-upload.ts',
    'createUploadAction',
    () => [{ fileName: 'clerk-mode.png', contentType: 'image/png', bytes: 10 }],
    returnsData((data) => typeof (data as { url?: unknown }).url === 'string'),
  ),
  'action rerender-watermarks.ts#rerenderWatermarksAction': action('rerender-watermarks.ts', 'rerenderWatermarksAction', () => [{}]),
  'action update-watermark.ts#updateWatermarkAction': action('update-watermark.ts', 'updateWatermarkAction', () => [{ enabled: true, text: '© deploy-check', position: 'bottom-right', opacity: 0.6 }]),
  // With Clerk, local accounts are closed: nobody gets in, or makes an account, through them.
  'action local-auth.ts#signInAction': action('local-auth.ts', 'signInAction', (pass) => [{ email: pass.user.email, password: 'deploy-check-password' }], refusedWith(/Local accounts are disabled/)),
  'action local-auth.ts#signUpAction': action('local-auth.ts', 'signUpAction', () => [{ email: 'newcomer@example.com', password: 'a newcomer passphrase' }], refusedWith(/Local accounts are disabled/)),
  'action local-auth.ts#signOutAction': action('local-auth.ts', 'signOutAction', () => []),
};

/** An API token of the user's, made through lib/ once for the API's routes. */
async function apiToken(pass: Pass): Promise<string> {
  const { createApiToken, API_TOKEN_SCOPES } = await import('../../lib/api-tokens');
  pass.apiToken ??= createApiToken(pass.user.userId, { name: 'deploy-check', scopes: [...API_TOKEN_SCOPES] }).then(({ token }) => token);
  return pass.apiToken;
}

/** A call to the public API with the user's token, as a script would make it. */
async function api(pass: Pass, target: string, request: { method?: string; body?: unknown } = {}): Promise<SiteResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${await apiToken(pass)}` };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  return pass.site.request(target, { method: request.method, headers, body: request.body === undefined ? undefined : JSON.stringify(request.body) });
}

/** A share link of the photo, made through lib/ once for the share routes. */
async function shareCode(pass: Pass): Promise<string> {
  const { createLink } = await import('../../lib/links');
  pass.shareCode ??= createLink(pass.user.userId, { imageId: pass.imageId }).then(({ code }) => code);
  return pass.shareCode;
}

async function albumCode(pass: Pass): Promise<string> {
  const { createLink } = await import('../../lib/links');
  pass.albumCode ??= createLink(pass.user.userId, { imageIds: [pass.imageId], allowDownload: true }).then(({ code }) => code);
  return pass.albumCode;
}

/** Settings reads the account's email from Clerk's API: shown when Clerk answers; when it is slow or down, the page still renders in bounded time and says so. */
async function checkSettings(pass: Pass): Promise<void> {
  await page(() => '/settings', 200, 'private')(pass);
  const shown = await pass.site.request('/settings', { cookies: pass.cookies });
  if (!shown.body.toString('utf8').includes(pass.user.email)) pass.report.fail('Clerk: GET /settings', "does not show the email Clerk's API has for the account");
  else pass.report.pass("Clerk: GET /settings shows the email from Clerk's API");
  for (const availability of ['slow', 'down'] as const) {
    pass.clerk.setAvailability(availability);
    const started = performance.now();
    const answer = await pass.site.request('/settings', { cookies: pass.cookies });
    const seconds = (performance.now() - started) / 1000;
    pass.expectStatus(`Clerk: GET /settings while Clerk's API is ${availability}`, answer, 200, (response) => {
      if (!response.body.toString('utf8').includes('could not be reached just now')) return 'renders without saying that Clerk could not be reached';
      return seconds * 1000 > CLERK_API_WAIT_MS + 5_000 ? `took ${seconds.toFixed(1)} s, more than the ${CLERK_API_WAIT_MS / 1000} s the page waits for Clerk` : null;
    });
  }
  pass.clerk.setAvailability('up');
}

/** CloudFront's own headers, forged by a caller that skips the distribution. */
const FORGED_CLOUDFRONT_HEADERS = { 'x-forwarded-for': '198.51.100.1', [VIEWER_ADDRESS_HEADER]: '198.51.100.1:443' };
const refusedAsDirect = (response: SiteResponse) =>
  /^text\/plain/.test(response.headers['content-type'] ?? '') && response.body.toString('utf8').startsWith('This server answers only requests made through the site’s own address.')
    ? null
    : `answered ${response.headers['content-type']}: ${response.body.toString('utf8').slice(0, 120)}`;
/** How long the check waits for a visit's count, which the site writes after answering. */
const COUNT_WAIT_MS = 10_000;

/** Hits counted for an address under the share links' per-address limit, in every window, read from the table as the site keys them. */
async function resolveHits(address: string, subjectKey: Buffer): Promise<number> {
  const { data } = await getDb().entities.rateLimitWindow.query.byWindow({ scope: linkResolveLimit().scope, subject: hashedSubject('address', address, subjectKey) }).go({ pages: 'all' });
  return data.reduce((sum, window) => sum + (window.hits ?? 0), 0);
}

/**
 * Only requests that came through the distribution are answered: one sent to the function URL
 * directly is refused before any page, share file, route or action runs, whatever CloudFront header
 * it forges. A visit through CloudFront counts against the viewer's address (its IPv6 /64), and a
 * forged X-Forwarded-For moves the count nowhere.
 */
async function checkOriginLock(pass: Pass, subjectKey: Buffer): Promise<void> {
  const code = await shareCode(pass);
  for (const target of ['/', '/sign-in', '/dashboard', `/s/${code}`, `/s/${code}/photo.webp`, '/api/v1/images', '/webhooks/clerk']) {
    const response = await pass.site.request(target, { direct: true, cookies: pass.cookies, headers: FORGED_CLOUDFRONT_HEADERS });
    pass.expectStatus(`Clerk: GET ${target} sent to the function URL directly, CloudFront's headers forged`, response, 403, refusedAsDirect);
  }
  const guessed = await pass.site.request('/', { direct: true, headers: { ...FORGED_CLOUDFRONT_HEADERS, [ORIGIN_SECRET_HEADER]: originSecretOf('a guess') } });
  pass.expectStatus('Clerk: GET / sent directly with a guessed origin secret', guessed, 403, refusedAsDirect);
  const action = await pass.site.request('/', { method: 'POST', direct: true, cookies: pass.cookies, headers: { 'next-action': 'deploy-check', 'content-type': 'text/plain;charset=UTF-8' }, body: '[]' });
  pass.expectStatus('Clerk: a server action posted to the function URL directly', action, 403, refusedAsDirect);

  // A fresh /64 each run: two of its addresses visit, each behind a different forged X-Forwarded-For.
  const network = `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
  const visits = [
    { viewer: `${network}::1`, forged: '192.0.2.1' },
    { viewer: `${network}:aaaa:bbbb:cccc:dddd`, forged: '192.0.2.2, 192.0.2.3' },
  ];
  for (const visit of visits) {
    const response = await pass.site.request(`/s/${code}`, { viewer: visit.viewer, headers: { 'x-forwarded-for': visit.forged } });
    pass.expectStatus(`Clerk: GET /s/{code} through CloudFront from ${visit.viewer}, X-Forwarded-For forged as ${visit.forged}`, response, 200);
  }
  const deadline = Date.now() + COUNT_WAIT_MS;
  while ((await resolveHits(visits[0]!.viewer, subjectKey)) < visits.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  const counted = await resolveHits(visits[0]!.viewer, subjectKey);
  const forged = await Promise.all(['192.0.2.1', '192.0.2.2', '192.0.2.3'].map(async (address) => [address, await resolveHits(address, subjectKey)] as const));
  const problem =
    counted !== visits.length
      ? `the viewers' /64 counts ${counted} visits, not ${visits.length}`
      : forged.filter(([, hits]) => hits > 0).map(([address, hits]) => `the forged ${address} counts ${hits}`).join('; ');
  if (problem) pass.report.fail('Clerk: per-address limit behind CloudFront', problem);
  else pass.report.pass('Clerk: per-address limit behind CloudFront', `both visits counted against ${network}::/64 from CloudFront-Viewer-Address; the forged X-Forwarded-For addresses count nothing`);
}

/** The Clerk-mode server function, started beside the local pass's so that its cold start overlaps the local checks. */
export interface ClerkSite {
  /** Null when it failed to load, with `loadError` saying why. */
  site: SiteFunction | null;
  loadError: string | null;
  clerk: ClerkApiStub;
  keys: ClerkKeys;
  webhookSecret: string;
  /** The key the site hashes rate-limit subjects with, so the check can read its counters. */
  subjectKey: Buffer;
  linkNames: string[];
  /** Writes what it printed beside the other logs, and stops it and the stand-in; safe to repeat. */
  stop(): Promise<void>;
}

export async function startClerkSite(input: { root: string; siteDir: string; node: string; cloudEnv: Record<string, string | undefined>; rekognitionEndpoint: string }): Promise<ClerkSite> {
  const secretKey = `sk_live_${randomBytes(24).toString('base64url')}`;
  const keys = generateClerkKeys();
  const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const clerk = await startClerkApiStub(input.root, { secretKey });
  // As infra/web.ts derives it for the distribution and the site.
  const originSecret = originSecretOf(secretKey);
  const secretValues: Record<keyof typeof SITE_ENVIRONMENT_SECRETS, string> = {
    CLERK_SECRET_KEY: secretKey,
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: CLERK_PUBLISHABLE_KEY,
    CLERK_JWT_KEY: keys.publicKey,
    CLERK_WEBHOOK_SIGNING_SECRET: webhookSecret,
  };
  // SST links the secrets too, beside the buckets, table and realtime endpoint; only resource.enc carries links.
  const links = {
    ...splitCloudEnvironment(input.cloudEnv).links,
    ...Object.fromEntries(Object.entries(SITE_ENVIRONMENT_SECRETS).map(([variable, secret]) => [secret, { type: 'sst.sst.Secret', value: secretValues[variable as keyof typeof secretValues] }])),
  };
  const sst = await wrapAsSstDeploys(input.siteDir, links);
  const environment = {
    ...deployedSiteEnvironment(input.cloudEnv, input.rekognitionEndpoint),
    ...sst,
    ...secretValues,
    CLOUDFRONT_ORIGIN_SECRET: originSecret,
    CLERK_API_URL: clerk.endpoint,
  };
  const loaded = await startSiteFunction(input.siteDir, environment, { entry: SST_SERVER_ENTRY, node: input.node, cloudFront: { originSecret } }).then(
    (site) => ({ site, loadError: null }),
    (error: Error) => ({ site: null, loadError: error.message }),
  );
  let stopped = false;
  return {
    ...loaded,
    clerk,
    keys,
    webhookSecret,
    subjectKey: subjectKeyOf(secretKey),
    linkNames: Object.keys(links),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (loaded.site) await writeFile(path.join(input.root, '.sst', 'deploy-check', 'server-function-clerk.log'), loaded.site.output()).catch(() => undefined);
      loaded.site?.stop();
      await clerk.stop();
    },
  };
}

/** Calls at once against the server function: its calls mostly wait on the emulators. */
const CONCURRENT_CALLS = 4;

export async function checkSiteInClerkMode(started: Promise<ClerkSite>, input: ClerkPassInput): Promise<void> {
  const { report, root } = input;
  report.step('Site in Clerk mode, as `sst deploy` configures it (production publishable key, SST server-index.mjs with resource.enc, Clerk session tokens)');
  const missing = discovered().filter((entry) => !(entry in CHECKS));
  const gone = Object.keys(CHECKS).filter((entry) => !discovered().includes(entry));
  if (missing.length > 0) report.fail('Clerk pass inventory', `no entry in scripts/deploy-check/clerk-site-pass.ts for ${missing.join(', ')}`);
  if (gone.length > 0) report.fail('Clerk pass inventory', `entries for what app/ no longer has: ${gone.join(', ')}`);
  // Without the local pass's photo the pages of a photo fail too; everything else is still called.
  if (!input.readyImageId) report.fail('Clerk pass', 'no processed photo from the local pass to read');

  const drift = await wrapperDriftFromSst(path.join(root, '.sst', 'platform'));
  if (drift === 'not-installed') report.pass("SST's server-index.mjs as reproduced", 'SST is not installed here (`sst install`), so it was not compared with its source');
  else if (drift.length > 0) report.fail("SST's server-index.mjs", `SST's installed source no longer has these lines of the reproduced wrapper: ${drift.join(' | ')}`);
  else report.pass("SST's server-index.mjs as reproduced", "every line found in SST's installed source");

  const clerkSite = await started.catch((error: Error) => error);
  if (clerkSite instanceof Error) return report.fail('site server function in Clerk mode', clerkSite.message);
  const { site, clerk } = clerkSite;
  try {
    if (!site) return report.fail('site server function in Clerk mode', clerkSite.loadError ?? 'did not load');
    report.pass('server function loads through SST’s server-index.mjs', `${clerkSite.linkNames.length} links in resource.enc, none as variables`);
    clerk.addUser(input.user.userId, input.user.email);
    const cookies = Object.entries(await clerkSessionCookies(clerkSite.keys, { userId: input.user.userId, origin: `https://${SITE_HOST}`, lifetimeSeconds: 600 })).map(([name, value]) => `${name}=${value}`);
    const pass: Pass = { site, clerk, actions: input.actions, cookies, user: input.user, imageId: input.readyImageId ?? UNKNOWN_ID, webhookSecret: clerkSite.webhookSecret, expectStatus: siteExpectations(report).expectStatus, report };
    const run = (entry: string, check: Check) => check(pass).catch((error: Error) => report.fail(`Clerk: ${entry}`, error.message));
    // Settings makes Clerk's API slow and down: alone, after everything else that reads it.
    const queue = new PQueue({ concurrency: CONCURRENT_CALLS });
    await Promise.all(Object.entries(CHECKS).filter(([entry]) => entry !== SETTINGS).map(([entry, check]) => queue.add(() => run(entry, check))));
    await run(SETTINGS, CHECKS[SETTINGS]!);
    await checkOriginLock(pass, clerkSite.subjectKey).catch((error: Error) => report.fail('Clerk: the origin locked to CloudFront', error.message));
    if (!clerk.calls.some((call) => call === `GET /v1/users/${input.user.userId}`)) report.fail("Clerk's API", 'the site never read the account from CLERK_API_URL');
  } finally {
    await clerkSite.stop();
  }
}
