import { describe, expect, it } from 'vitest';
import { selectAnalyzer } from './select-analyzer';

describe('selectAnalyzer', () => {
  it.each([
    [{}, 'local'],
    [{ FACE_ANALYZER: '' }, 'local'],
    [{ FACE_ANALYZER: 'local' }, 'local'],
    [{ FACE_ANALYZER: 'rekognition' }, 'rekognition'],
  ])('picks the adapter from %o', (env, name) => {
    expect(selectAnalyzer(env).name).toBe(name);
  });

  it('refuses an unknown analyzer by name', () => {
    expect(() => selectAnalyzer({ FACE_ANALYZER: 'opencv' })).toThrow(/FACE_ANALYZER.*"rekognition"\|"local"/);
  });
});
