import { describe, expect, it } from 'vitest';
import { serviceName } from './service-name';

describe('serviceName', () => {
  it("is the function's own name from infra, so each function reports as itself", () => {
    expect(serviceName({ POWERTOOLS_SERVICE_NAME: 'process-image', AWS_LAMBDA_FUNCTION_NAME: 'headshot-prod-ProcessImageFunction' })).toBe('process-image');
  });

  it("falls back to Lambda's function name, then to the app's name", () => {
    expect(serviceName({ AWS_LAMBDA_FUNCTION_NAME: 'headshot-prod-ProcessImageFunction' })).toBe('headshot-prod-ProcessImageFunction');
    expect(serviceName({})).toBe('headshot');
  });
});
