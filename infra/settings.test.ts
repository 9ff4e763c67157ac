import { describe, expect, test } from 'vitest';
import { isProtectedStage, readInfraSettings } from './settings';

describe('readInfraSettings', () => {
  test('defaults: Rekognition, originals kept, no domain, no alert mail', () => {
    expect(readInfraSettings({})).toEqual({ faceAnalyzer: 'rekognition', uploadExpiryDays: null, domain: undefined, alertEmail: undefined, encryption: 's3' });
  });

  test('reads every choice from the deploy environment', () => {
    expect(
      readInfraSettings({ FACE_ANALYZER: 'local', UPLOAD_EXPIRY_DAYS: '30', HEADSHOT_DOMAIN: ' headshot.example.com ', ALERT_EMAIL: 'ops@example.com', ENCRYPTION: 'kms' }),
    ).toEqual({ faceAnalyzer: 'local', uploadExpiryDays: 30, domain: 'headshot.example.com', alertEmail: 'ops@example.com', encryption: 'kms' });
  });

  test('0 days and empty values mean "off"', () => {
    expect(readInfraSettings({ UPLOAD_EXPIRY_DAYS: '0', FACE_ANALYZER: '', HEADSHOT_DOMAIN: '' })).toMatchObject({
      uploadExpiryDays: null,
      faceAnalyzer: 'rekognition',
      domain: undefined,
    });
  });

  test.each([
    [{ FACE_ANALYZER: 'azure' }],
    [{ UPLOAD_EXPIRY_DAYS: '-1' }],
    [{ UPLOAD_EXPIRY_DAYS: '1.5' }],
    [{ ALERT_EMAIL: 'not-an-address' }],
    [{ ENCRYPTION: 'rot13' }],
  ])('refuses %o instead of deploying something else', (env) => {
    expect(() => readInfraSettings(env)).toThrow();
  });
});

test('only production stages are protected', () => {
  expect(isProtectedStage('prod')).toBe(true);
  expect(isProtectedStage('production')).toBe(true);
  expect(isProtectedStage('dev')).toBe(false);
  expect(isProtectedStage('pr-42')).toBe(false);
});
