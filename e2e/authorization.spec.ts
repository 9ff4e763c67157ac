import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { localCloudEnv } from '../local/env';
import { freePort } from '../local/ports';
import { startChild } from '../local/processes';
import { actionPageUrl, actionResult, readServerActions, type ActionRef } from '../tests/support/server-actions';
import { discovered } from './app-routes';
import { CLERK_BASE, clerkCookieHeader, clerkModeReady } from './clerk-mode';
import { connectE2eCloud } from './cloud';
import { createAccount, FIXTURES } from './helpers';
import { E2E_AUTH_SECRET, E2E_PASSWORD_HASH_LOG2_COST, E2E_PORTS } from './ports';

connectE2eCloud();

/*
 * The authorization matrix. Every page, route handler and server action is found in app/, and each
 * must have an entry below: a new one without an entry fails this test. Each is called as an anonymous
 * visitor and as a signed-in intruder aiming at a victim's real records (photo, link, analysis, dead
 * letter, settings, password). Private ones must refuse both; public ones must reveal nothing of the
 * victim beyond what a share link shows by design. Afterwards the victim's records must be exactly as
 * they were. Then the victim's account is closed (as a deletion starts, before it has removed anything)
 * and everything is called again with the victim's own session: a closed account reads nothing and
 * writes nothing, on pages and routes as in actions.
 *
 * Every walk runs twice, at once: on the suite's server (local accounts) and on the same build in Clerk
 * mode (e2e/clerk-mode.ts), where the callers hold Clerk session tokens, the victim's naming their user id.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const BASE = `http://localhost:${E2E_PORTS.app}`;

type Caller = 'anonymous' | 'intruder' | 'closed';
type Mode = 'local' | 'clerk';
const BASES: Record<Mode, string> = { local: BASE, clerk: CLERK_BASE };

// ---- The victim, and callers ----------------------------------------------------------------------

interface Victim {
  userId: string;
  email: string;
  password: string;
  imageId: string;
  fileName: string;
  failedImageId: string;
  code: string;
  /** A link with a password, which nobody in these walks has. */
  protectedCode: string;
  /** An album of the victim's photo, downloads allowed: its files at /s/{albumCode}/1/…. */
  albumCode: string;
  /** The same album behind a password, which nobody in these walks has. */
  protectedAlbumCode: string;
  deadLetterId: string;
  faceId: string;
  personId: string;
  tokenId: string;
  /** Bearer tokens for the API's routes: the victim's in every state a token can be refused in, and another user's. */
  tokens: { valid: string; revoked: string; expired: string; imagesReadOnly: string; linksOnly: string; stranger: string };
  endpointId: string;
}

async function makeVictim(): Promise<Victim> {
  const { signUp } = await import('../lib/auth');
  const { createUpload, updateWatermarkSettings } = await import('../lib/images');
  const { findImage, findAnalysis } = await import('../lib/db');
  const { createLink } = await import('../lib/links');
  const { requestProfileAnalysis } = await import('../lib/profile-check/request-profile-analysis');
  const { storeDeadLetters, listDeadLetters } = await import('../lib/jobs');
  const { resources } = await import('../lib/aws/resources');
  const { sqsEvent } = await import('../tests/integration/sqs-event');

  const email = `victim-${Date.now()}@example.com`;
  const password = 'victim passphrase 1';
  const { userId } = await signUp({ email, password }, { address: `matrix-${email}` });
  await updateWatermarkSettings(userId, { enabled: true, text: '© Victim', position: 'bottom-right', opacity: 0.5 });

  const fileName = 'victim-portrait-4815.png';
  const body = readFileSync(path.join(FIXTURES, 'faces/astronaut.png'));
  const upload = await createUpload(userId, { fileName, contentType: 'image/png', bytes: body.length });
  expect((await fetch(upload.url, { method: 'PUT', body: new Uint8Array(body), headers: upload.headers })).ok).toBe(true);
  await expect.poll(async () => (await findImage(userId, upload.imageId))?.status, { timeout: 30_000 }).toBe('ready');
  await requestProfileAnalysis(userId, upload.imageId);
  await expect.poll(async () => (await findAnalysis({ userId, imageId: upload.imageId }))?.status, { timeout: 30_000 }).toBe('ready');
  const { code } = await createLink(userId, { imageId: upload.imageId });
  const { code: protectedCode } = await createLink(userId, { imageId: upload.imageId, allowDownload: true, password: 'victim link password' });
  const { code: albumCode } = await createLink(userId, { imageIds: [upload.imageId], allowDownload: true });
  const { code: protectedAlbumCode } = await createLink(userId, { imageIds: [upload.imageId], allowDownload: true, password: 'victim album password' });

  // The photo's face, in a person of its own (seen once, it would not be one yet).
  const { insertPerson, listFacesOfImage, setFacePerson, updatePerson } = await import('../lib/db');
  await expect.poll(async () => (await findImage(userId, upload.imageId))?.faceIndex?.status, { timeout: 60_000 }).toBe('done');
  const [face] = await listFacesOfImage(userId, upload.imageId);
  const personId = `victimperson${Date.now()}`;
  await insertPerson({ userId, personId, faceCount: 1, coverFaceId: face!.faceId, coverImageId: upload.imageId });
  await updatePerson({ userId, personId }, { name: 'Victim Person' });
  await setFacePerson(face!, { personId });

  // A photo whose processing was given up on: a dead letter with a Retry button.
  const failed = await createUpload(userId, { fileName: 'victim-failed.png', contentType: 'image/png', bytes: body.length });
  await storeDeadLetters(sqsEvent({ bucket: resources.uploadsBucket, key: `uploads/${userId}/${failed.imageId}/original`, eTag: '', size: 0 }, 1));
  const [letter] = await listDeadLetters(userId);
  const { createApiToken, revokeApiToken } = await import('../lib/api-tokens');
  const { apiToken, token: imagesReadOnly } = await createApiToken(userId, { name: 'victim token', scopes: ['images:read'] });
  const allScopes = ['images:read', 'images:write', 'analysis', 'links', 'webhooks'] as const;
  const { token: valid } = await createApiToken(userId, { name: 'victim full token', scopes: [...allScopes], expiresInDays: null });
  const { token: linksOnly } = await createApiToken(userId, { name: 'victim links token', scopes: ['links'] });
  const { token: expired } = await createApiToken(userId, { name: 'victim expired token', scopes: [...allScopes], expiresInDays: 7 }, Date.now() - 8 * 24 * 60 * 60 * 1000);
  const { token: revoked, apiToken: toRevoke } = await createApiToken(userId, { name: 'victim revoked token', scopes: [...allScopes] });
  await revokeApiToken(userId, { tokenId: toRevoke.tokenId });
  const { token: stranger } = await createApiToken(`usr_stranger${Date.now()}`, { name: 'stranger token', scopes: [...allScopes] });
  // A public address needs no DNS; account.deleted only, so the walks send nothing to it.
  const { createWebhookEndpoint } = await import('../lib/webhooks');
  const { endpoint } = await createWebhookEndpoint(userId, { url: 'https://93.184.215.14/victim-hook', events: ['account.deleted'] });
  return {
    userId,
    email,
    password,
    imageId: upload.imageId,
    fileName,
    failedImageId: failed.imageId,
    code,
    protectedCode,
    albumCode,
    protectedAlbumCode,
    deadLetterId: letter!.deadLetterId,
    faceId: face!.faceId,
    personId,
    tokenId: apiToken.tokenId,
    tokens: { valid, revoked, expired, imagesReadOnly, linksOnly, stranger },
    endpointId: endpoint.endpointId,
  };
}

/** Everything of the victim's, read back: it must not change while the intruder tries. */
async function snapshot(victim: Victim) {
  const { findImage, findAnalysis, findLinkByCode, findSettings, listDeadLettersByOwner, listImagesByOwner, findUserByEmail, findPerson, listFacesOfImage, findAccountClosure, listExports, listApiTokenItems, listWebhookEndpointItems } =
    await import('../lib/db');
  return {
    images: (await listImagesByOwner(victim.userId, { limit: 100 })).items,
    image: await findImage(victim.userId, victim.imageId),
    analysis: await findAnalysis({ userId: victim.userId, imageId: victim.imageId }),
    link: await findLinkByCode(victim.code),
    protectedLink: await findLinkByCode(victim.protectedCode),
    album: await findLinkByCode(victim.albumCode),
    protectedAlbum: await findLinkByCode(victim.protectedAlbumCode),
    settings: await findSettings(victim.userId),
    deadLetters: await listDeadLettersByOwner(victim.userId),
    passwordHash: (await findUserByEmail(victim.email))?.passwordHash,
    person: await findPerson({ userId: victim.userId, personId: victim.personId }),
    faces: await listFacesOfImage(victim.userId, victim.imageId),
    closure: await findAccountClosure(victim.userId),
    exports: await listExports(victim.userId),
    apiTokens: await listApiTokenItems(victim.userId),
    webhookEndpoints: await listWebhookEndpointItems(victim.userId),
  };
}

/** The victim's own sessions, local and Clerk's, then their account closed: they still verify, and must open nothing. */
async function closedContexts(victim: Victim): Promise<Record<Mode, APIRequestContext>> {
  const { startSession, SESSION_COOKIE } = await import('../lib/auth');
  const { closeAccount } = await import('../lib/db');
  const { token } = await startSession({ userId: victim.userId, email: victim.email });
  const clerkCookie = await clerkCookieHeader(victim.userId);
  await closeAccount(victim.userId, Date.now());
  return {
    local: await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { cookie: `${SESSION_COOKIE}=${token}` }, maxRedirects: 0 }),
    clerk: await playwrightRequest.newContext({ baseURL: CLERK_BASE, extraHTTPHeaders: { cookie: clerkCookie }, maxRedirects: 0 }),
  };
}

/** Another signed-up user, on each server: a local account, and a Clerk user of its own. */
async function intruderContexts(): Promise<Record<Mode, APIRequestContext>> {
  const { signUp, startSession, SESSION_COOKIE } = await import('../lib/auth');
  const email = `intruder-${Date.now()}@example.com`;
  const { token } = await startSession(await signUp({ email, password: 'intruder passphrase' }, { address: `matrix-${email}` }));
  return {
    local: await playwrightRequest.newContext({ baseURL: BASE, extraHTTPHeaders: { cookie: `${SESSION_COOKIE}=${token}` }, maxRedirects: 0 }),
    clerk: await playwrightRequest.newContext({ baseURL: CLERK_BASE, extraHTTPHeaders: { cookie: await clerkCookieHeader(`user_intruder${Date.now()}`) }, maxRedirects: 0 }),
  };
}

function anonymousContexts(): Promise<APIRequestContext[]> {
  return Promise.all([BASE, CLERK_BASE].map((baseURL) => playwrightRequest.newContext({ baseURL, maxRedirects: 0 })));
}

// ---- Calls and verdicts ---------------------------------------------------------------------------

interface Answer {
  status: number;
  location: string;
  body: string;
  result: { data?: unknown; serverError?: string; validationErrors?: unknown } | null;
}

async function get(http: APIRequestContext, url: string): Promise<Answer> {
  const response = await http.get(url, { maxRedirects: 0 });
  return { status: response.status(), location: response.headers().location ?? '', body: await response.text().catch(() => ''), result: null };
}

async function callAction(http: APIRequestContext, action: ActionRef, args: unknown[], params: Record<string, string>, prefer?: RegExp): Promise<Answer> {
  const response = await http.post(actionPageUrl(action, params, prefer), {
    headers: { 'next-action': action.id, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: originOf(http) },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  const body = await response.text();
  return { status: response.status(), location: response.headers().location ?? '', body, result: actionResult(body) as Answer['result'] };
}

/** Nothing of the victim in an answer: not their ids, their email, their file name or their password's hash. */
function revealsNothing(answer: Answer, victim: Victim, allowed: string[] = []) {
  for (const secret of [victim.userId, victim.email, victim.fileName, victim.imageId, victim.failedImageId, victim.deadLetterId, victim.faceId, victim.personId, victim.endpointId, 'Victim Person'].filter((value) => !allowed.includes(value))) {
    expect(answer.body, `the answer names ${secret}`).not.toContain(secret);
  }
}

function sentTo(answer: Answer, pathname: string) {
  expect([303, 307]).toContain(answer.status);
  expect(new URL(answer.location, BASE).pathname).toBe(pathname);
}
function sentToSignIn(answer: Answer) {
  sentTo(answer, '/sign-in');
}
/** Refused before it runs: the proxy sends an anonymous call on a private page to sign in, and the action client says so elsewhere. */
function refusedAnonymous(answer: Answer) {
  if (answer.status === 303 || answer.status === 307) sentToSignIn(answer);
  else expect(answer.result?.serverError).toBe('You need to sign in.');
}
/** A closed account's call to an action is refused before it runs, with the sentence that says why. */
function refusedClosed(answer: Answer) {
  expect(answer.result?.serverError).toBe('This account has been deleted.');
}

type Check = (call: { as: Caller; mode: Mode; http: APIRequestContext; victim: Victim; actions: ActionRef[] }) => Promise<void>;

/** The origin a context calls, which a browser sends with every action. */
const origins = new WeakMap<APIRequestContext, string>();
function originOf(http: APIRequestContext): string {
  return origins.get(http) ?? BASE;
}

function action(file: string, name: string) {
  return (actions: ActionRef[]) => {
    const found = actions.find((candidate) => candidate.filename === `app/actions/${file}` && candidate.exportedName === name);
    if (!found) throw new Error(`The build has no server action ${name} from app/actions/${file}`);
    return found;
  };
}

/** A private page: anonymous visitors go to sign in, a closed account to the page that says it is being deleted; an intruder gets nothing of the victim's (but the id it asked for). */
function privatePage(url: (victim: Victim) => string, intruderStatus: number): Check {
  return async ({ as, http, victim }) => {
    const answer = await get(http, url(victim));
    if (as === 'anonymous') sentToSignIn(answer);
    else if (as === 'closed') sentTo(answer, '/account-deleted');
    else expect(answer.status).toBe(intruderStatus);
    revealsNothing(answer, victim, [victim.imageId, victim.personId].filter((id) => url(victim).includes(id)));
  };
}

/** A public page: it answers, and shows nothing of the victim. */
function publicPage(url: string): Check {
  return async ({ http, victim }) => {
    const answer = await get(http, url);
    expect(answer.status).toBeLessThan(400);
    revealsNothing(answer, victim);
  };
}

/** An action of signed-in users aimed at the victim: anonymous callers are refused, and so is the intruder, with a sentence. */
function privateAction(ref: ReturnType<typeof action>, args: (victim: Victim) => unknown[], intruderRefusal: RegExp, params: (victim: Victim) => Record<string, string> = () => ({})): Check {
  return async ({ as, http, victim, actions }) => {
    const answer = await callAction(http, ref(actions), args(victim), params(victim));
    if (as === 'anonymous') refusedAnonymous(answer);
    else if (as === 'closed') refusedClosed(answer);
    else expect(answer.result?.serverError ?? '').toMatch(intruderRefusal);
    revealsNothing(answer, victim, [victim.imageId, victim.deadLetterId, victim.faceId, victim.personId]);
  };
}

/** An action that only ever acts on the caller's own account: anonymous callers are refused; what the intruder does stays theirs. */
function ownAction(ref: ReturnType<typeof action>, args: (victim: Victim) => unknown[]): Check {
  return async ({ as, http, victim, actions }) => {
    const answer = await callAction(http, ref(actions), args(victim), {});
    if (as === 'anonymous') refusedAnonymous(answer);
    if (as === 'closed') refusedClosed(answer);
    revealsNothing(answer, victim);
  };
}

/**
 * A route of the public API, which takes a bearer token and nothing else: a session cookie, the
 * victim's own included, opens none of it. Whoever calls, no token is a 401; the anonymous walk also
 * sends the victim's revoked, expired and wrong-scope tokens (401, 401, 403), the intruder's walk
 * another user's token (a 404 or 400 for the victim's things, or their own empty answer: `own`), and
 * the closed account's walk the victim's own valid token (403). Every refusal is a problem document,
 * and no answer names anything of the victim's.
 */
function apiEndpoint(operationId: string, request: (victim: Victim) => { path: string; data?: unknown }, intruder: 'own' | 400 | 404): Check {
  return async ({ as, http, victim }) => {
    const { API_OPERATIONS } = await import('../lib/api/operations');
    const operation = API_OPERATIONS[operationId as keyof typeof API_OPERATIONS];
    const { path: url, data } = request(victim);
    const send = async (token?: string) => {
      const response = await http.fetch(`/api/v1${url}`, { method: operation.method.toUpperCase(), headers: token ? { authorization: `Bearer ${token}` } : {}, ...(data === undefined ? {} : { data }), maxRedirects: 0 });
      const answer: Answer = { status: response.status(), location: response.headers().location ?? '', body: await response.text(), result: null };
      revealsNothing(answer, victim);
      return { ...answer, contentType: response.headers()['content-type'] };
    };
    const refused = (answer: Awaited<ReturnType<typeof send>>, status: number, type: string) =>
      expect([answer.status, answer.contentType, answer.location, JSON.parse(answer.body).type]).toEqual([status, 'application/problem+json', '', `/api/v1/problems/${type}`]);
    refused(await send(), 401, 'missing-token');
    if (as === 'anonymous') {
      refused(await send(victim.tokens.revoked), 401, 'invalid-token');
      refused(await send(victim.tokens.expired), 401, 'expired-token');
      refused(await send(operation.scope === 'links' ? victim.tokens.imagesReadOnly : victim.tokens.linksOnly), 403, 'insufficient-scope');
    } else if (as === 'intruder') {
      const answer = await send(victim.tokens.stranger);
      if (intruder === 'own') expect(answer.status).toBeLessThan(300);
      else refused(answer, intruder, intruder === 404 ? 'not-found' : 'invalid-request');
    } else {
      refused(await send(victim.tokens.valid), 403, 'account-closed');
    }
  };
}

const LOCAL_ACCOUNTS_CLOSED = 'Local accounts are disabled on this site.';

const MATRIX: Record<string, Check> = {
  'route GET /': publicPage('/'),
  'page /sign-in/[[...sign-in]]': publicPage('/sign-in'),
  'page /sign-up/[[...sign-up]]': publicPage('/sign-up'),
  'page /account-deleted': publicPage('/account-deleted'),
  'page /docs/api': publicPage('/docs/api'),
  'page /dashboard': privatePage(() => '/dashboard', 200),
  'page /links': privatePage(() => '/links', 200),
  'page /links/[code]': privatePage((victim) => `/links/${victim.code}`, 404),
  'page /settings': privatePage(() => '/settings', 200),
  'page /images/[id]': privatePage((victim) => `/images/${victim.imageId}`, 404),
  'page /images/[id]/analysis': privatePage((victim) => `/images/${victim.imageId}/analysis`, 404),
  'page /people': privatePage(() => '/people', 200),
  'page /people/[personId]': privatePage((victim) => `/people/${victim.personId}`, 404),
  // A search for the victim's face: anonymous callers and the closed account are refused, the intruder is told there is no such face.
  'route POST /people/search': async ({ as, http, victim }) => {
    const response = await http.post('/people/search', {
      headers: { 'content-type': 'application/json', origin: originOf(http) },
      data: { face: { imageId: victim.imageId, faceId: victim.faceId } },
      maxRedirects: 0,
    });
    const answer = { status: response.status(), location: response.headers().location ?? '', body: await response.text(), result: null };
    if (as === 'anonymous') expect(answer.status).toBe(401);
    else if (as === 'closed') expect([answer.status, JSON.parse(answer.body)]).toEqual([403, { error: 'This account has been deleted.' }]);
    else expect([answer.status, JSON.parse(answer.body)]).toEqual([400, { error: 'That face does not exist.' }]);
    revealsNothing(answer, victim, [victim.imageId, victim.faceId]);
  },
  // Public by design: whoever has the code sees the shared photo, and nothing else of its owner.
  'route GET /s/[code]': async ({ http, victim }) => {
    for (const code of [victim.code, victim.albumCode]) {
      const answer = await get(http, `/s/${code}`);
      expect(answer.status).toBe(200);
      revealsNothing(answer, victim);
    }
    // A protected link or album without its cookie: the password form, naming none of its files.
    for (const code of [victim.protectedCode, victim.protectedAlbumCode]) {
      const locked = await get(http, `/s/${code}`);
      expect(locked.status).toBe(200);
      expect(locked.body).toContain('class="unlock"');
      expect(locked.body).not.toMatch(new RegExp(`/s/${code}/(photo|1/)`));
      revealsNothing(locked, victim);
    }
  },
  // The password form's POST: an empty password is a wrong one (and counts against no limit); a link with no password has no form.
  'route POST /s/[code]': async ({ http, victim }) => {
    const send = async (code: string) => {
      const response = await http.post(`/s/${code}`, { form: { password: '' }, maxRedirects: 0 });
      return { status: response.status(), location: response.headers().location ?? '', body: await response.text(), result: null, cookie: response.headers()['set-cookie'] };
    };
    const wrong = await send(victim.protectedCode);
    expect([wrong.status, wrong.cookie]).toEqual([401, undefined]);
    revealsNothing(wrong, victim);
    expect((await send(victim.code)).status).toBe(404);
  },
  // An album's photos, by number: only the album's own, and nothing of the owner in their headers.
  'route GET /s/[code]/[file]/[name]': async ({ http, victim }) => {
    for (const [url, status] of [[`/s/${victim.albumCode}/1/photo.webp`, 200], [`/s/${victim.albumCode}/1/download.jpg`, 200], [`/s/${victim.albumCode}/2/photo.jpg`, 404], [`/s/${victim.code}/1/photo.jpg`, 404]] as const) {
      const response = await http.get(url, { maxRedirects: 0 });
      expect(response.status(), url).toBe(status);
      expect(JSON.stringify(response.headers())).not.toContain(victim.fileName);
    }
    // A protected album's photos without its cookie: refused, and kept by no cache.
    for (const file of ['photo.webp', 'photo.jpg', 'download.jpg']) {
      const response = await http.get(`/s/${victim.protectedAlbumCode}/1/${file}`, { maxRedirects: 0 });
      expect([file, response.status(), response.headers()['cache-control']]).toEqual([file, 403, 'private, no-store']);
    }
  },
  'route GET /s/[code]/album.zip': async ({ http, victim }) => {
    const response = await http.get(`/s/${victim.albumCode}/album.zip`, { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    const body = (await response.body()).toString('latin1');
    for (const secret of [victim.fileName, victim.imageId, victim.userId]) expect(body).not.toContain(secret);
    expect((await http.get(`/s/${victim.code}/album.zip`, { maxRedirects: 0 })).status()).toBe(404);
    expect((await http.get(`/s/${victim.protectedAlbumCode}/album.zip`, { maxRedirects: 0 })).status()).toBe(403);
  },
  'route GET /s/[code]/[file]': async ({ http, victim }) => {
    for (const file of ['photo.webp', 'photo.jpg', 'card.jpg', 'download.jpg', 'original']) {
      const response = await http.get(`/s/${victim.code}/${file}`, { maxRedirects: 0 });
      expect(response.status()).toBe(file.startsWith('photo') || file === 'card.jpg' ? 200 : 404);
      expect(JSON.stringify(response.headers())).not.toContain(victim.fileName);
    }
    // A protected link's files without its cookie: refused, and kept by no cache; its card is the neutral one.
    for (const file of ['photo.webp', 'photo.jpg', 'download.jpg', 'card.jpg']) {
      const response = await http.get(`/s/${victim.protectedCode}/${file}`, { maxRedirects: 0 });
      expect([file, response.status(), response.headers()['cache-control']]).toEqual([file, file === 'card.jpg' ? 200 : 403, 'private, no-store']);
    }
  },
  // The public API (apiEndpoint): every route, under every way a token can be refused.
  'route GET /api/v1/images': apiEndpoint('listImages', () => ({ path: '/images' }), 'own'),
  'route GET /api/v1/images/[id]': apiEndpoint('getImage', (victim) => ({ path: `/images/${victim.imageId}` }), 404),
  'route GET /api/v1/images/[id]/file': apiEndpoint('getImageFile', (victim) => ({ path: `/images/${victim.imageId}/file?size=w640` }), 404),
  'route DELETE /api/v1/images/[id]': apiEndpoint('deleteImage', (victim) => ({ path: `/images/${victim.imageId}` }), 404),
  'route POST /api/v1/uploads': apiEndpoint('createUpload', () => ({ path: '/uploads', data: { fileName: 'intruder.png', contentType: 'image/png', bytes: 10 } }), 'own'),
  'route GET /api/v1/links': apiEndpoint('listShareLinks', () => ({ path: '/links' }), 'own'),
  'route POST /api/v1/links': async (call) => {
    await apiEndpoint('createShareLink', (victim) => ({ path: '/links', data: { imageId: victim.imageId } }), 400)(call);
    // An album naming the victim's photo.
    await apiEndpoint('createShareLink', (victim) => ({ path: '/links', data: { imageIds: [victim.imageId] } }), 400)(call);
  },
  'route DELETE /api/v1/links/[code]': apiEndpoint('revokeShareLink', (victim) => ({ path: `/links/${victim.code}` }), 404),
  'route GET /api/v1/images/[id]/analysis': apiEndpoint('getAnalysis', (victim) => ({ path: `/images/${victim.imageId}/analysis` }), 404),
  'route POST /api/v1/images/[id]/analysis': apiEndpoint('requestAnalysis', (victim) => ({ path: `/images/${victim.imageId}/analysis` }), 404),
  'route GET /api/v1/people': apiEndpoint('listPeople', () => ({ path: '/people' }), 'own'),
  'route POST /api/v1/people/search': apiEndpoint('searchPeople', (victim) => ({ path: '/people/search', data: { imageId: victim.imageId, faceId: victim.faceId } }), 404),
  'route GET /api/v1/webhooks': apiEndpoint('listWebhookEndpoints', () => ({ path: '/webhooks' }), 'own'),
  'route POST /api/v1/webhooks': apiEndpoint('createWebhookEndpoint', () => ({ path: '/webhooks', data: { url: 'https://93.184.215.14/intruder-hook', events: ['image.ready'] } }), 'own'),
  'route DELETE /api/v1/webhooks/[id]': apiEndpoint('deleteWebhookEndpoint', (victim) => ({ path: `/webhooks/${victim.endpointId}` }), 404),
  // Public by design: the API's description, the same for everyone.
  'route GET /api/v1/openapi.json': async ({ http, victim }) => {
    const answer = await get(http, '/api/v1/openapi.json');
    expect([answer.status, JSON.parse(answer.body).openapi]).toEqual([200, '3.1.0']);
    revealsNothing(answer, victim);
  },
  'action create-link.ts#createLinkAction': async (call) => {
    await privateAction(action('create-link.ts', 'createLinkAction'), (victim) => [{ imageId: victim.imageId }], /does not exist/, (victim) => ({ id: victim.imageId }))(call);
    // An album naming the victim's photo is refused as a whole.
    await privateAction(action('create-link.ts', 'createLinkAction'), (victim) => [{ imageIds: [victim.imageId] }], /does not exist/, (victim) => ({ id: victim.imageId }))(call);
  },
  'action delete-image.ts#deleteImageAction': privateAction(action('delete-image.ts', 'deleteImageAction'), (victim) => [{ imageId: victim.imageId }], /does not exist/, (victim) => ({ id: victim.imageId })),
  'action request-analysis.ts#requestAnalysisAction': privateAction(action('request-analysis.ts', 'requestAnalysisAction'), (victim) => [{ imageId: victim.imageId }], /does not exist/, (victim) => ({ id: victim.imageId })),
  'action retry-dead-letter.ts#retryDeadLetterAction': privateAction(action('retry-dead-letter.ts', 'retryDeadLetterAction'), (victim) => [{ deadLetterId: victim.deadLetterId }], /already retried/),
  'action revoke-link.ts#revokeLinkAction': privateAction(action('revoke-link.ts', 'revokeLinkAction'), (victim) => [{ code: victim.code }], /already revoked/),
  // With Clerk, passwords are Clerk's: the action refuses everyone.
  'action change-password.ts#changePasswordAction': async (call) => {
    const intruderRefusal = call.mode === 'clerk' ? /managed by your sign-in provider/ : /current password is not right/;
    await privateAction(action('change-password.ts', 'changePasswordAction'), (victim) => [{ currentPassword: victim.password, newPassword: 'taken over by the intruder' }], intruderRefusal)(call);
  },
  'action request-ready-photo.ts#requestReadyPhotoAction': privateAction(
    action('request-ready-photo.ts', 'requestReadyPhotoAction'),
    (victim) => [{ imageId: victim.imageId, options: { background: { kind: 'blur' } } }],
    /does not exist/,
    (victim) => ({ id: victim.imageId }),
  ),
  'action save-ready-photo.ts#saveReadyPhotoAction': privateAction(action('save-ready-photo.ts', 'saveReadyPhotoAction'), (victim) => [{ imageId: victim.imageId }], /does not exist/, (victim) => ({ id: victim.imageId })),
  'action find-faces.ts#findFacesAction': privateAction(action('find-faces.ts', 'findFacesAction'), (victim) => [{ imageId: victim.imageId }], /does not exist/, (victim) => ({ id: victim.imageId })),
  'action people.ts#renamePersonAction': privateAction(action('people.ts', 'renamePersonAction'), (victim) => [{ personId: victim.personId, name: 'Renamed by the intruder' }], /person does not exist/, (victim) => ({ personId: victim.personId })),
  'action people.ts#setPersonHiddenAction': privateAction(action('people.ts', 'setPersonHiddenAction'), (victim) => [{ personId: victim.personId, hidden: true }], /person does not exist/, (victim) => ({ personId: victim.personId })),
  'action people.ts#mergePeopleAction': privateAction(action('people.ts', 'mergePeopleAction'), (victim) => [{ personId: victim.personId, intoPersonId: 'intruderperson' }], /person does not exist/, (victim) => ({ personId: victim.personId })),
  'action people.ts#removeFaceFromPersonAction': privateAction(
    action('people.ts', 'removeFaceFromPersonAction'),
    (victim) => [{ imageId: victim.imageId, faceId: victim.faceId }],
    /face does not exist/,
    (victim) => ({ personId: victim.personId, id: victim.imageId }),
  ),
  // Deleting an account takes the account's own email: the victim's is refused, and the intruder's own account stays.
  'action account.ts#deleteAccountAction': privateAction(action('account.ts', 'deleteAccountAction'), (victim) => [{ email: victim.email }], /not the email address/),
  'action api-tokens.ts#createApiTokenAction': ownAction(action('api-tokens.ts', 'createApiTokenAction'), () => [{ name: 'intruder token', scopes: ['images:read'] }]),
  'action api-tokens.ts#revokeApiTokenAction': privateAction(action('api-tokens.ts', 'revokeApiTokenAction'), (victim) => [{ tokenId: victim.tokenId }], /no such token/),
  'action export.ts#requestExportAction': ownAction(action('export.ts', 'requestExportAction'), () => [{}]),
  'action webhooks.ts#createWebhookEndpointAction': ownAction(action('webhooks.ts', 'createWebhookEndpointAction'), () => [{ url: 'https://93.184.215.14/intruder-hook', events: ['image.ready'] }]),
  'action webhooks.ts#deleteWebhookEndpointAction': privateAction(action('webhooks.ts', 'deleteWebhookEndpointAction'), (victim) => [{ endpointId: victim.endpointId }], /no such webhook endpoint/),
  // Clerk's webhook: without a signing secret (local accounts) there is no such route; with one, an unsigned call is refused.
  'route POST /webhooks/clerk': async ({ http, victim }) => {
    const response = await http.post('/webhooks/clerk', {
      headers: { 'content-type': 'application/json', 'svix-id': 'msg_forged', 'svix-timestamp': String(Math.floor(Date.now() / 1000)), 'svix-signature': 'v1,Zm9yZ2Vk' },
      data: { type: 'user.deleted', data: { id: victim.userId, deleted: true, object: 'user' } },
      maxRedirects: 0,
    });
    expect([400, 404]).toContain(response.status());
    revealsNothing({ status: response.status(), location: '', body: await response.text(), result: null }, victim);
  },
  'action cancel-upload.ts#cancelUploadAction': privateAction(action('cancel-upload.ts', 'cancelUploadAction'), (victim) => [{ imageId: victim.imageId }], /does not exist/),
  // Ids are looked up under the caller's own account: the victim's photos are not the intruder's to delete (the snapshot proves them kept).
  'action delete-images.ts#deleteImagesAction': ownAction(action('delete-images.ts', 'deleteImagesAction'), (victim) => [{ imageIds: [victim.imageId, victim.failedImageId] }]),
  'action list-images.ts#listImagesAction': ownAction(action('list-images.ts', 'listImagesAction'), () => [{}]),
  // The victim's photo's card, read again: to the intruder it is gone, and the answer says nothing more.
  'action read-image-cards.ts#readImageCardsAction': async ({ as, http, victim, actions }) => {
    const answer = await callAction(http, action('read-image-cards.ts', 'readImageCardsAction')(actions), [{ imageIds: [victim.imageId] }], {});
    if (as === 'anonymous') refusedAnonymous(answer);
    else if (as === 'closed') refusedClosed(answer);
    else expect(answer.result?.data).toEqual([{ imageId: victim.imageId, image: null, readAt: expect.any(Number) }]);
    revealsNothing(answer, victim, [victim.imageId]);
  },
  // A live-updates token for the caller's own topic: the intruder's names the intruder, never the victim.
  'action live-connection.ts#liveConnectionAction': ownAction(action('live-connection.ts', 'liveConnectionAction'), () => []),
  'action create-upload.ts#createUploadAction': ownAction(action('create-upload.ts', 'createUploadAction'), () => [{ fileName: 'intruder.png', contentType: 'image/png', bytes: 10 }]),
  'action rerender-watermarks.ts#rerenderWatermarksAction': ownAction(action('rerender-watermarks.ts', 'rerenderWatermarksAction'), () => [{}]),
  'action update-watermark.ts#updateWatermarkAction': ownAction(action('update-watermark.ts', 'updateWatermarkAction'), () => [{ enabled: true, text: 'intruder', position: 'center', opacity: 1 }]),
  // Signing in, up and out are for everyone; none opens the victim's account or says whether it exists. With Clerk, local accounts are closed.
  'action local-auth.ts#signInAction': async ({ mode, http, victim, actions }) => {
    const answer = await callAction(http, action('local-auth.ts', 'signInAction')(actions), [{ email: victim.email, password: 'a wrong guess' }], {}, /sign-in/);
    expect(answer.result?.serverError).toBe(mode === 'clerk' ? LOCAL_ACCOUNTS_CLOSED : 'Wrong email or password.');
    revealsNothing(answer, victim, [victim.email]);
  },
  'action local-auth.ts#signUpAction': async ({ mode, http, victim, actions }) => {
    const answer = await callAction(http, action('local-auth.ts', 'signUpAction')(actions), [{ email: victim.email, password: 'another passphrase' }], {}, /sign-up/);
    expect(answer.result?.serverError ?? '').toMatch(mode === 'clerk' ? LOCAL_ACCOUNTS_CLOSED : /already exists|Too many attempts/);
    revealsNothing(answer, victim, [victim.email]);
  },
  'action local-auth.ts#signOutAction': async ({ http, victim, actions }) => {
    const answer = await callAction(http, action('local-auth.ts', 'signOutAction')(actions), [], {});
    expect(answer.status).toBeLessThan(400);
    revealsNothing(answer, victim);
  },
};

test("the benchmarks' baseline page is no route of the production build", async ({ request }) => {
  expect((await request.get('/bench/baseline')).status()).toBe(404);
});

test('every page, route and server action refuses anonymous visitors, intruders and the victim once their account is closed, and changes nothing of the victim', async () => {
  // A victim with a processed, analysed, shared photo and a person takes half a minute, then three walks of about ten seconds each.
  test.setTimeout(120_000);
  expect(discovered(), 'an entry in MATRIX for every page, route handler and server action in app/, and none for anything gone').toEqual(Object.keys(MATRIX).sort());

  const [victim] = await Promise.all([makeVictim(), clerkModeReady()]);
  const before = await snapshot(victim);
  const actions = await readServerActions(ROOT);
  let tried = 0;
  const walk = async (as: Caller, mode: Mode, http: APIRequestContext) => {
    origins.set(http, BASES[mode]);
    for (const [entry, check] of Object.entries(MATRIX)) {
      await test.step(`${entry} as ${as} (${mode})`, () => check({ as, mode, http, victim, actions }));
      tried += 1;
    }
  };
  // Both servers at once: each walk waits on its own server.
  const [anonymousLocal, anonymousClerk] = await anonymousContexts();
  await Promise.all([walk('anonymous', 'local', anonymousLocal!), walk('anonymous', 'clerk', anonymousClerk!)]);
  const intruder = await intruderContexts();
  await Promise.all([walk('intruder', 'local', intruder.local), walk('intruder', 'clerk', intruder.clerk)]);
  expect(await snapshot(victim)).toEqual(before);
  // The victim can still sign in with their own password.
  const { signIn } = await import('../lib/auth');
  expect(await signIn({ email: victim.email, password: victim.password }, { address: 'matrix-check' })).toMatchObject({ userId: victim.userId });

  // Closed, with everything still in place, as at the start of a deletion: the victim's own sessions, local and Clerk's, open nothing.
  const closed = await closedContexts(victim);
  const whenClosed = await snapshot(victim);
  await Promise.all([walk('closed', 'local', closed.local), walk('closed', 'clerk', closed.clerk)]);
  console.log(`authorization matrix: ${Object.keys(MATRIX).length} pages, routes and actions × 3 callers × 2 sign-ins = ${tried} calls`);
  expect(await snapshot(victim)).toEqual(whenClosed);
});

// ---- The origin as deployed, behind CloudFront ------------------------------------------------------

/*
 * On AWS the site answers only what came through its distribution, which adds a secret header, and
 * reads the client's address from CloudFront-Viewer-Address (docs/security.md, "The origin answers
 * CloudFront only"). The suite's servers have no CloudFront in front of them, so for these tests the
 * same build is started once more as infra/web.ts deploys it, with an origin secret, on the suite's
 * emulators, and called as CloudFront calls it and around it. A server of its own, rather than the
 * secret sent by the whole suite: a header Playwright added to every request would go to S3's presigned
 * PUTs too, and every other spec would stop testing the site as the local cloud runs it.
 */
test.describe('behind CloudFront, as deployed', () => {
  const ORIGIN_SECRET = 'e2e-origin-secret-that-only-the-distribution-and-the-site-hold';
  const REFUSED = /^This server answers only requests made through the site’s own address\./;
  let server: ChildProcess | undefined;
  let base = '';

  /** The headers CloudFront sends the origin for a viewer at `viewer` (CloudFront-Viewer-Address: address and source port). */
  const throughCloudFront = async (viewer: string) => {
    const { ORIGIN_SECRET_HEADER } = await import('../lib/security/origin-secret');
    return { [ORIGIN_SECRET_HEADER]: ORIGIN_SECRET, 'cloudfront-viewer-address': viewer };
  };
  const send = (target: string, init: RequestInit = {}) => fetch(`${base}${target}`, { redirect: 'manual', ...init });

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const port = await freePort();
    base = `http://localhost:${port}`;
    const realtime = `127.0.0.1:${E2E_PORTS.realtime}`;
    server = startChild('tsx', ['local/next-server.ts'], {
      ...localCloudEnv({ s3: `http://127.0.0.1:${E2E_PORTS.s3}`, dynamo: `http://127.0.0.1:${E2E_PORTS.dynamo}`, realtime: { endpoint: realtime, dataPlaneUrl: `http://${realtime}` } }),
      PORT: String(port),
      NODE_ENV: 'production',
      AUTH_SECRET: E2E_AUTH_SECRET,
      PASSWORD_HASH_LOG2_COST: E2E_PASSWORD_HASH_LOG2_COST,
      CLOUDFRONT_ORIGIN_SECRET: ORIGIN_SECRET,
    });
    const headers = await throughCloudFront('203.0.113.9:443');
    await expect.poll(() => send('/sign-in', { headers }).then((response) => response.status, () => 0), { timeout: 90_000, intervals: [250] }).toBe(200);
  });

  test.afterAll(async () => {
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  });

  test('a request that did not come through CloudFront is refused before any page, route or action runs, whatever CloudFront header it forges', async () => {
    const { SESSION_COOKIE } = await import('../lib/auth');
    const { newLinkCode } = await import('../lib/links');
    const { ORIGIN_SECRET_HEADER } = await import('../lib/security/origin-secret');
    const { token } = await createAccount();
    const cookie = `${SESSION_COOKIE}=${token}`;
    const code = newLinkCode();
    const forged = { cookie, 'x-forwarded-for': '198.51.100.1', 'cloudfront-viewer-address': '198.51.100.1:443' };
    const refused = async (response: Response, what: string) => {
      expect([response.status, response.headers.get('content-type')], what).toEqual([403, 'text/plain; charset=utf-8']);
      expect(await response.text(), what).toMatch(REFUSED);
    };
    for (const target of ['/', '/sign-in', '/dashboard', '/settings', `/s/${code}`, `/s/${code}/photo.webp`, '/api/v1/images', '/api/v1/openapi.json', '/webhooks/clerk']) {
      await refused(await send(target, { headers: forged }), `GET ${target} sent around CloudFront`);
    }
    await refused(await send('/dashboard', { headers: { ...forged, [ORIGIN_SECRET_HEADER]: `${ORIGIN_SECRET.slice(0, -1)}?` } }), 'a guessed origin secret');
    await refused(
      await send('/dashboard', { method: 'POST', headers: { ...forged, 'next-action': 'e2e-direct', 'content-type': 'text/plain;charset=UTF-8', origin: base }, body: '[]' }),
      'a server action posted around CloudFront',
    );
    await refused(await send('/api/v1/links', { method: 'POST', headers: { ...forged, 'content-type': 'application/json' }, body: '{}' }), 'an API call sent around CloudFront');

    // The same session, through CloudFront: the site answers as usual.
    const through = { cookie, ...(await throughCloudFront('203.0.113.10:51234')) };
    expect((await send('/dashboard', { headers: through })).status).toBe(200);
    expect((await send('/api/v1/images', { headers: through })).status).toBe(401);
    expect((await send(`/s/${code}`, { headers: through })).status).toBe(404);
  });

  test('forged X-Forwarded-For values change nothing: a per-address limit counts the viewer CloudFront saw (by its IPv6 /64), never a forged address', async () => {
    const { newLinkCode, linkResolveLimit } = await import('../lib/links');
    const { getDb } = await import('../lib/db');
    const { hashedSubject } = await import('../lib/rate-limit/subject');
    const hits = async (address: string) => {
      const { data } = await getDb().entities.rateLimitWindow.query.byWindow({ scope: linkResolveLimit().scope, subject: hashedSubject('address', address) }).go({ pages: 'all' });
      return data.reduce((sum, window) => sum + (window.hits ?? 0), 0);
    };
    // A fresh /64 and fresh forged addresses each run: two viewers of the /64 open links, each behind other X-Forwarded-For values.
    const network = `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
    const forgedAddress = () => `192.0.2.${1 + (randomBytes(1)[0]! % 250)}`;
    const forged = [forgedAddress(), forgedAddress(), forgedAddress()];
    const visits = [
      { viewer: `${network}::1:46532`, xForwardedFor: forged[0]! },
      { viewer: `[${network}:aaaa:bbbb:cccc:dddd]:443`, xForwardedFor: `${forged[1]}, ${forged[2]}` },
    ];
    for (const visit of visits) {
      const response = await send(`/s/${newLinkCode()}`, { headers: { ...(await throughCloudFront(visit.viewer)), 'x-forwarded-for': visit.xForwardedFor } });
      expect(response.status, `a link opened from ${visit.viewer}, X-Forwarded-For ${visit.xForwardedFor}`).toBe(404);
    }
    // Around CloudFront, claiming a forged address as the viewer too: refused, and counted against nobody.
    expect((await send(`/s/${newLinkCode()}`, { headers: { 'x-forwarded-for': forged[0]!, 'cloudfront-viewer-address': `${forged[0]}:443` } })).status).toBe(403);

    // Each visit is counted just after its answer.
    await expect.poll(() => hits(`${network}::1`), { timeout: 10_000 }).toBe(visits.length);
    expect(await hits(`${network}:ffff::1`), 'another address of the same /64').toBe(visits.length);
    for (const address of forged) expect(await hits(address), `the forged ${address}`).toBe(0);
  });
});

test("another user's media prefix is refused, with CloudFront's 403, on both servers", async () => {
  const { signUp, startSession, SESSION_COOKIE } = await import('../lib/auth');
  const { seedReadyPhotos } = await import('../tests/support/seed-ready-photos');
  await clerkModeReady();
  const victim = await signUp({ email: `media-victim-${Date.now()}@example.com`, password: 'victim passphrase' }, { address: 'matrix-media-victim' });
  const [imageId] = await seedReadyPhotos(victim.userId, 1);
  const victimFile = `/media/${victim.userId}/images/${imageId}/w256.webp`;
  const intruder = await signUp({ email: `media-intruder-${Date.now()}@example.com`, password: 'intruder passphrase' }, { address: 'matrix-media-intruder' });
  const sessions: Record<Mode, { cookie: string; userId: string }> = {
    local: { cookie: `${SESSION_COOKIE}=${(await startSession(intruder)).token}`, userId: intruder.userId },
    clerk: { cookie: await clerkCookieHeader(intruder.userId), userId: intruder.userId },
  };
  for (const mode of ['local', 'clerk'] as const) {
    // The intruder's own page hands them their media cookies, for their own prefix.
    const page = await fetch(`${BASES[mode]}/dashboard`, { headers: { cookie: sessions[mode].cookie }, redirect: 'manual' });
    const granted = page.headers.getSetCookie().map((line) => line.split(';')[0]!).filter((pair) => pair.startsWith('CloudFront-'));
    expect(granted, mode).toHaveLength(3);
    expect(page.headers.getSetCookie().filter((line) => line.startsWith('CloudFront-Policy=')).join(), mode).toContain(`Path=/media/${sessions[mode].userId}/`);
    const refused = await fetch(`${BASES[mode]}${victimFile}`, { headers: { cookie: [sessions[mode].cookie, ...granted].join('; ') } });
    expect({ mode, status: refused.status, body: await refused.text() }).toEqual({ mode, status: 403, body: expect.stringContaining('<Code>AccessDenied</Code>') });
    const anonymous = await fetch(`${BASES[mode]}${victimFile}`);
    expect({ mode, status: anonymous.status, body: await anonymous.text() }).toEqual({ mode, status: 403, body: expect.stringContaining('<Code>MissingKey</Code>') });
  }
});
