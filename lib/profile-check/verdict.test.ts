import { describe, expect, it } from 'vitest';
import { verdictOf } from './verdict';

const check = (status: 'pass' | 'warn' | 'fail') => ({ id: 'face-size', status, label: 'Face size', advice: '' }) as const;

describe('verdictOf', () => {
  it('is ready from 80 when nothing fails, warnings or not', () => {
    expect(verdictOf({ score: 80, checks: [check('pass'), check('warn')] })).toBe('ready');
  });

  it('is fixable, not ready, for a high score with a failed check', () => {
    expect(verdictOf({ score: 87, checks: [check('pass'), check('fail')] })).toBe('fixable');
  });

  it('is fixable from 55 and asks for another photo below it', () => {
    expect(verdictOf({ score: 55, checks: [] })).toBe('fixable');
    expect(verdictOf({ score: 54, checks: [] })).toBe('retake');
  });
});
