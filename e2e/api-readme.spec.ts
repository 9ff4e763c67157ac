import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { connectE2eCloud } from './cloud';
import { FIXTURES } from './helpers';
import { E2E_PORTS } from './ports';

/*
 * The README's "Use the API" section, run as written: its shell blocks are read from README.md (not
 * copied here) and run with bash, one after another in one shell, against the suite's production
 * server with a real token. Each block's outcome is checked from what it printed and the files it
 * wrote, and against the table through lib/, so the walk-through cannot drift from the API.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const BASE = `http://localhost:${E2E_PORTS.app}`;
const SECTION = '## Use the API';
const STEP_MARK = '::readme step done::';

/** The shell blocks of the README's section, in order. */
function readmeApiBlocks(readme: string): string[] {
  const start = readme.indexOf(`\n${SECTION}\n`);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const end = readme.indexOf('\n## ', start + SECTION.length + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

test('the README’s curl walk-through runs as written: upload, PUT, poll until ready, a size as WebP, the LinkedIn check, a share link that opens signed out', async () => {
  test.setTimeout(180_000);
  const blocks = readmeApiBlocks(await readFile(path.join(ROOT, 'README.md'), 'utf8'));
  expect(blocks).toHaveLength(3);

  connectE2eCloud();
  const { signUp } = await import('../lib/auth');
  const { createApiToken } = await import('../lib/api-tokens');
  const { findImage } = await import('../lib/db');
  const email = `readme-${Date.now()}@example.com`;
  const { userId } = await signUp({ email, password: 'correct horse battery' }, { address: `e2e-${email}` });
  const { token } = await createApiToken(userId, { name: 'README walk-through', scopes: ['images:read', 'images:write', 'analysis', 'links'], expiresInDays: 7 });

  const dir = await mkdtemp(path.join(os.tmpdir(), 'headshot-readme-'));
  try {
    // The photo the README names, in the folder it runs in: a portrait wider than the w640 size it fetches.
    await copyFile(path.join(FIXTURES, 'portraits/jesper-closeup.jpg'), path.join(dir, 'portrait.jpg'));
    const script = blocks.map((block) => `${block}\nprintf '\\n%s\\n' '${STEP_MARK}'\n`).join('');
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: dir,
      env: { NODE_ENV: 'production', PATH: process.env.PATH, HOME: dir, HEADSHOT_URL: BASE, HEADSHOT_TOKEN: token },
      timeout: 150_000,
    });
    // The session as run, for whoever reads the report (and the closing note).
    await test.info().attach('curl session', { body: `$ HEADSHOT_URL=${BASE} HEADSHOT_TOKEN=hst_… bash\n${script}\n--- output ---\n${stdout}`, contentType: 'text/plain' });
    const [uploaded, fetched, shared, rest] = stdout.split(STEP_MARK).map((output) => output.trim());
    expect(rest).toBe('');

    // 1. The upload: an image of the token's owner, its file PUT (so it is no longer waiting for it).
    expect(uploaded).toBe('');
    const upload = JSON.parse(await readFile(path.join(dir, 'upload.json'), 'utf8')) as { id: string; upload: { method: string } };
    expect(upload.upload.method).toBe('PUT');
    const image = await findImage(userId, upload.id);
    expect(image?.fileName).toBe('portrait.jpg');

    // 2. Polled until ready; the sizes listed; w640 fetched through the redirect, a real WebP of that width.
    const [status, ...sizes] = fetched!.split('\n');
    expect(status).toBe('ready');
    expect(sizes).toContainEqual(expect.stringMatching(/^w640 webp 640x\d+$/));
    expect((await findImage(userId, upload.id))?.status).toBe('ready');
    const webp = await sharp(path.join(dir, 'portrait-w640.webp')).metadata();
    expect([webp.format, webp.width]).toEqual(['webp', 640]);

    // 3. The LinkedIn check, ready with a score; then a link that anyone, signed out, can open.
    const linkUrl = shared!.split('\n').at(-1)!;
    const analysis = JSON.parse(shared!.slice(0, shared!.lastIndexOf('\n'))) as { status: string; score: number; checks: string[] };
    expect(analysis.status).toBe('ready');
    expect(analysis.score).toBeGreaterThanOrEqual(0);
    expect(analysis.checks.length).toBeGreaterThan(0);
    expect(linkUrl).toMatch(new RegExp(`^${BASE}/s/[\\w-]+$`));
    const page = await fetch(linkUrl, { redirect: 'manual' });
    expect([page.status, await page.text()]).toEqual([200, expect.stringContaining('og:image')]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
