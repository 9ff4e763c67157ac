import { describe, expect, test } from 'vitest';
import { isProtectedStage, readInfraSettings, wafEnabled } from './settings';

describe('readInfraSettings', () => {
  test('defaults: Rekognition, originals kept, no domain, no alert mail', () => {
    expect(readInfraSettings({})).toStrictEqual({ faceAnalyzer: 'rekognition', uploadExpiryDays: null, domain: undefined, alertEmail: undefined, encryption: 's3', waf: undefined });
  });

  test('reads every choice from the deploy environment', () => {
    expect(
      readInfraSettings({ FACE_ANALYZER: 'local', UPLOAD_EXPIRY_DAYS: '30', HEADSHOT_DOMAIN: ' headshot.example.com ', ALERT_EMAIL: 'ops@example.com', ENCRYPTION: 'kms', WAF: 'off' }),
    ).toStrictEqual({ faceAnalyzer: 'local', uploadExpiryDays: 30, domain: 'headshot.example.com', alertEmail: 'ops@example.com', encryption: 'kms', waf: 'off' });
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
    [{ WAF: 'yes' }],
    [{ WAF: 'ON' }],
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

describe('wafEnabled', () => {
  test('unset: on for the production stages, off for the others', () => {
    expect(wafEnabled(readInfraSettings({}), 'prod')).toBe(true);
    expect(wafEnabled(readInfraSettings({}), 'production')).toBe(true);
    expect(wafEnabled(readInfraSettings({ WAF: '' }), 'prod')).toBe(true);
    expect(wafEnabled(readInfraSettings({}), 'dev')).toBe(false);
    expect(wafEnabled(readInfraSettings({}), 'pr-42')).toBe(false);
  });

  test('WAF=on and WAF=off win over the stage', () => {
    expect(wafEnabled(readInfraSettings({ WAF: 'off' }), 'prod')).toBe(false);
    expect(wafEnabled(readInfraSettings({ WAF: 'on' }), 'pr-42')).toBe(true);
  });
});
