import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SITE_HOST, type SiteFunction, type SiteResponse } from '../../scripts/deploy-check/site-function';

/*
 * Server actions called the way a browser calls them: a POST to a page with the action's id in the
 * Next-Action header and the arguments as JSON. The ids come from the build's own manifest.
 */

const ManifestSchema = z.object({
  node: z.record(
    z.string(),
    z.object({ filename: z.string().optional(), exportedName: z.string().optional(), workers: z.record(z.string(), z.unknown()) }),
  ),
});

export interface ActionRef {
  id: string;
  filename: string;
  exportedName: string;
  /** The pages whose bundles hold the action ("app/(app)/images/[id]/page"); Next serves it only from those. */
  pages: string[];
}

/** Every server action of the build, from .next/server/server-reference-manifest.json. */
export async function readServerActions(buildDir: string): Promise<ActionRef[]> {
  const manifest = ManifestSchema.parse(JSON.parse(await readFile(path.join(buildDir, '.next', 'server', 'server-reference-manifest.json'), 'utf8')));
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    filename: entry.filename ?? '',
    exportedName: entry.exportedName ?? '',
    pages: Object.keys(entry.workers),
  }));
}

export function findAction(actions: ActionRef[], filename: string, exportedName: string): ActionRef {
  const action = actions.find((candidate) => candidate.filename === filename && candidate.exportedName === exportedName);
  if (!action) throw new Error(`The build has no server action ${exportedName} from ${filename}`);
  return action;
}

export interface ActionCall {
  response: SiteResponse;
  /** What next-safe-action returned: { data } or { serverError } or { validationErrors }, when the response carried it. */
  result: unknown;
}

/**
 * A URL of one of the action's pages, with its dynamic segments filled from `params` (an optional
 * catch-all is left empty); the first page matching `prefer` when given.
 */
export function actionPageUrl(action: ActionRef, params: Record<string, string>, prefer?: RegExp): string {
  const pages = prefer ? [...action.pages.filter((page) => prefer.test(page)), ...action.pages] : action.pages;
  for (const page of pages) {
    const segments = page
      .split('/')
      .slice(1, -1)
      .filter((segment) => !/^\(.*\)$/.test(segment) && !/^\[\[\.\.\..*\]\]$/.test(segment));
    const filled = segments.map((segment) => (/^\[(\w+)\]$/.test(segment) ? params[segment.slice(1, -1)] : segment));
    if (filled.every((segment) => segment !== undefined)) return `/${filled.join('/')}`;
  }
  throw new Error(`No page of ${action.exportedName} can be addressed with ${JSON.stringify(params)}`);
}

export async function callAction(site: SiteFunction, action: ActionRef, args: unknown[], cookies: string[], params: Record<string, string> = {}): Promise<ActionCall> {
  const response = await site.request(actionPageUrl(action, params), {
    method: 'POST',
    cookies,
    headers: {
      'next-action': action.id,
      'content-type': 'text/plain;charset=UTF-8',
      accept: 'text/x-component',
      origin: `https://${SITE_HOST}`,
    },
    body: JSON.stringify(args),
  });
  return { response, result: actionResult(response.body.toString('utf8')) };
}

/** The React Flight payload is one "id:json" row per line; the action's return value is the row after the header row. */
export function actionResult(payload: string): unknown {
  for (const line of payload.split('\n')) {
    const match = /^1:(\{.*\})$/.exec(line);
    if (match) return JSON.parse(match[1]!);
  }
  return null;
}
