import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The README is the map and docs/ holds the pages (STYLE.md, rule 15): every relative link and image
 * in them must reach a file, and a link's #anchor a heading of that file, as GitHub renders it.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const README_MAX_LINES = 250;

/** The Markdown files whose links are checked, relative to the repository's root. */
function markdownFiles(): string[] {
  const docs = readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs.sort()];
}

/** The lines outside fenced code blocks, where links and headings mean something, with their 1-based numbers. */
function proseLines(markdown: string): { number: number; text: string }[] {
  const lines: { number: number; text: string }[] = [];
  let fence: string | null = null;
  markdown.split('\n').forEach((text, index) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
    } else if (marker) {
      fence = marker;
    } else {
      lines.push({ number: index + 1, text });
    }
  });
  return lines;
}

/** GitHub's slug of a heading's text (github-slugger's rule): lowercase, punctuation dropped but `-` and `_`, spaces → `-`. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The text a heading renders as: inline code, links and emphasis markers give way to their text. */
function headingText(source: string): string {
  return source
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*{1,3})(\S[^*]*?)\1/g, '$2')
    .replace(/<[^>]+>/g, '')
    .trim();
}

/** The anchors GitHub gives a file's headings; a repeated one gets `-1`, `-2`, … as github-slugger numbers it. */
function anchors(markdown: string): Set<string> {
  const occurrences = new Map<string, number>();
  const result = new Set<string>();
  for (const { text } of proseLines(markdown)) {
    const heading = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(text)?.[1];
    if (heading === undefined) continue;
    const base = slug(headingText(heading));
    let candidate = base;
    while (occurrences.has(candidate)) {
      const count = occurrences.get(base)! + 1;
      occurrences.set(base, count);
      candidate = `${base}-${count}`;
    }
    occurrences.set(candidate, 0);
    result.add(candidate);
  }
  return result;
}

interface Link {
  line: number;
  target: string;
}

/** Every inline link and image target, reference definition and HTML src/href, outside code. */
function links(markdown: string): Link[] {
  const found: Link[] = [];
  for (const { number, text } of proseLines(markdown)) {
    const line = text.replace(/(`+)[^`]*?\1/g, 'code');
    const targets = [
      ...[...line.matchAll(/\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)].map((match) => match[1]!),
      ...[...line.matchAll(/^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/g)].map((match) => match[1]!),
      ...[...line.matchAll(/<(?:a|img)\s[^>]*?\b(?:href|src)="([^"]+)"/g)].map((match) => match[1]!),
    ];
    for (const target of targets) found.push({ line: number, target: target.replace(/^<|>$/g, '') });
  }
  return found;
}

/** Why a link from `file` does not resolve, or null when it does. Absolute URLs and mailto are not checked. */
function brokenReason(file: string, target: string): string | null {
  if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('//')) return null;
  const [pathPart = '', anchor] = target.split('#', 2);
  const decoded = decodeURIComponent(pathPart);
  const resolved = decoded === '' ? path.join(ROOT, file) : decoded.startsWith('/') ? path.join(ROOT, decoded) : path.resolve(path.dirname(path.join(ROOT, file)), decoded);
  if (!existsSync(resolved)) return `no file ${path.relative(ROOT, resolved)}`;
  if (anchor === undefined || !resolved.endsWith('.md') || statSync(resolved).isDirectory()) return null;
  const known = anchors(readFileSync(resolved, 'utf8'));
  return known.has(anchor) ? null : `no heading #${anchor} in ${path.relative(ROOT, resolved)}`;
}

describe('slugs, as GitHub makes them', () => {
  it('lowercases, drops punctuation but - and _, and turns spaces into -', () => {
    expect(slug('Background jobs: nothing lost')).toBe('background-jobs-nothing-lost');
    expect(slug('The bridge: S3 → SQS → Lambda, failures included')).toBe('the-bridge-s3--sqs--lambda-failures-included');
    expect(slug('Why FACE_ANALYZER, and what-not?')).toBe('why-face_analyzer-and-what-not');
    expect(slug('Clerk’s user.deleted webhook')).toBe('clerks-userdeleted-webhook');
  });

  it('reads a heading as rendered, and numbers repeated ones -1, -2', () => {
    const markdown = ['# Live Lambda development: `npx sst dev`', '## Notes', '```sh', '# not a heading', '```', '## Notes', '### Notes', '## Notes-1'].join('\n');
    expect([...anchors(markdown)]).toEqual(['live-lambda-development-npx-sst-dev', 'notes', 'notes-1', 'notes-2', 'notes-1-1']);
  });

  it('finds links and images outside code, with their titles and angle brackets removed', () => {
    const markdown = ['[a](docs/a.md#x) ![b](b.png "title") `[c](not-a-link.md)`', '```', '[d](in-code.md)', '```', '[e]: <docs/e file.md>', '<img src="f.png" alt="">'].join('\n');
    expect(links(markdown).map((link) => link.target)).toEqual(['docs/a.md#x', 'b.png', 'docs/e file.md', 'f.png']);
  });
});

describe('the README and docs/ pages', () => {
  it(`README.md is at most ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
    // `wc -l` counts newlines: a file ending in one has a last, empty element here.
    const count = lines.at(-1) === '' ? lines.length - 1 : lines.length;
    expect(count).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it.each(markdownFiles())('every relative link and image in %s resolves', (file) => {
    const broken = links(readFileSync(path.join(ROOT, file), 'utf8')).flatMap(({ line, target }) => {
      const reason = brokenReason(file, target);
      return reason ? [`${file}:${line} → ${target}: ${reason}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it('every docs/ page is linked from the README', () => {
    const linked = new Set(links(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).map(({ target }) => target.split('#')[0]));
    const pages = markdownFiles().filter((file) => file.startsWith('docs/'));
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });
});
