import { describe, expect, it } from 'vitest';
import { imageKeyOf, statusChanges, subjectFromKey, withRunDiscard, type StatusChange } from './define-job-kind';
import type { JobKind } from './job-kind';

const subject = { userId: 'u1', subjectId: 's1' };

describe('statusChanges', () => {
  it('sets the record’s own words for running and queued, and failed with the reason and code', async () => {
    const changes: [typeof subject, StatusChange<'processing' | 'pending'>][] = [];
    const setStatus = statusChanges(
      async (who, change: StatusChange<'processing' | 'pending'>) => {
        changes.push([who, change]);
        return who.subjectId === 's1';
      },
      { running: 'processing', queued: 'pending' },
    );
    expect(await setStatus.running(subject)).toBe(true);
    expect(await setStatus.queued(subject)).toBe(true);
    expect(await setStatus.failed({ userId: 'u1', subjectId: 'gone' }, { reason: 'It broke.', code: 'crash' })).toBe(false);
    expect(changes).toEqual([
      [subject, { status: 'processing' }],
      [subject, { status: 'pending' }],
      [{ userId: 'u1', subjectId: 'gone' }, { status: 'failed', failureReason: 'It broke.', failureCode: 'crash' }],
    ]);
  });
});

describe('subjectFromKey', () => {
  const parseKey = subjectFromKey((key: string) => {
    const match = /^exports\/([^/]+)\/([^/]+)\.json$/.exec(key);
    return match ? { userId: match[1]!, exportId: match[2]! } : null;
  }, 'exportId');

  it('names the owner and, from the named field, the subject', () => {
    expect(parseKey('exports/u1/e7.json')).toEqual({ userId: 'u1', subjectId: 'e7' });
  });

  it('is null for a key the parser does not know', () => {
    expect(parseKey('uploads/u1/e7.jpg')).toBeNull();
  });
});

describe('imageKeyOf', () => {
  it('keys the image by its owner and the subject id', () => {
    expect(imageKeyOf(subject)).toEqual({ userId: 'u1', imageId: 's1' });
  });
});

describe('withRunDiscard', () => {
  it('discards what a run wrote, then what the kind discards anywhere, and keeps the rest of the kind', async () => {
    const order: string[] = [];
    const kind = { name: 'k', label: 'A kind', discard: async (who: typeof subject) => void order.push(`kind:${who.subjectId}`) } as unknown as JobKind;
    const run = withRunDiscard(kind, async (who) => void order.push(`run:${who.subjectId}`));
    await run.discard(subject);
    expect(order).toEqual(['run:s1', 'kind:s1']);
    expect(run).toMatchObject({ name: 'k', label: 'A kind' });
  });
});
