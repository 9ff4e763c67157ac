import { describe, expect, it } from 'vitest';
import { LINK_CODE_LENGTH, LINK_CODE_PATTERN, newLinkCode } from './new-link-code';

describe('link codes', () => {
  it('are base62, at least 10 characters, and do not repeat', () => {
    expect(LINK_CODE_LENGTH).toBeGreaterThanOrEqual(10);
    const codes = Array.from({ length: 5000 }, newLinkCode);
    for (const code of codes) expect(code).toMatch(LINK_CODE_PATTERN);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character class of base62 turns up, so the alphabet really is the full 62.
    const all = codes.join('');
    expect(all).toMatch(/[0-9]/);
    expect(all).toMatch(/[A-Z]/);
    expect(all).toMatch(/[a-z]/);
    expect(all).not.toMatch(/[-_]/);
  });
});
