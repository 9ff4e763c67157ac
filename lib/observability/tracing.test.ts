import { afterEach, describe, expect, it } from 'vitest';
import { tracingSettings } from '../config';
import { continueTrace, currentTrace, parseTraceHeader, traceMetadata } from './tracing';

const ROOT = '1-6751a2b3-0123456789abcdef01234567';
const HEADER = `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`;

afterEach(() => {
  delete process.env._X_AMZN_TRACE_ID;
});

describe('trace headers', () => {
  it("reads Lambda's header, and hands on Root, Parent and Sampled only", () => {
    expect(parseTraceHeader(`${HEADER};Lineage=a87bd80c:0`)).toEqual({ root: ROOT, parent: '53995c3f42cd8ad8', sampled: true });
    expect(parseTraceHeader(`Root=${ROOT};Parent=53995c3f42cd8ad8`)).toEqual({ root: ROOT, parent: '53995c3f42cd8ad8', sampled: false });
  });

  it('ignores anything else a trigger object could carry', () => {
    for (const header of [undefined, '', 'hello', `Root=${ROOT}`, `Root=1-xyz;Parent=53995c3f42cd8ad8;Sampled=1`, `Root=${ROOT};Parent=53995c3f;Sampled=1`, `${HEADER}`.replace('Sampled=1', 'Sampled=yes'), `${HEADER};${'x'.repeat(300)}`]) {
      expect(parseTraceHeader(header), String(header)).toBeUndefined();
    }
  });
});

describe('where tracing is off (here, as under the local cloud)', () => {
  it('is off outside a Lambda execution environment, and on in one unless turned off', () => {
    expect(tracingSettings().enabled).toBe(false);
    expect(tracingSettings({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x' }).enabled).toBe(true);
    expect(tracingSettings({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', POWERTOOLS_TRACE_ENABLED: 'false' }).enabled).toBe(false);
    expect(() => tracingSettings({ POWERTOOLS_TRACE_ENABLED: 'no' })).toThrow(/tracing settings/);
  });

  it('hands on nothing when there is no trace', () => {
    expect(currentTrace()).toBeUndefined();
    expect(traceMetadata()).toEqual({});
  });

  it("hands on the invocation's trace, as the site's request does", () => {
    process.env._X_AMZN_TRACE_ID = `${HEADER};Lineage=a87bd80c:0`;
    expect(traceMetadata()).toEqual({ trace: HEADER });
  });

  it('hands on the trace a job run carried, unchanged, and only within that run', async () => {
    process.env._X_AMZN_TRACE_ID = `Root=1-6751a2b4-aaaaaaaaaaaaaaaaaaaaaaaa;Parent=1111111111111111;Sampled=0`;
    const within = await continueTrace(HEADER, { kind: 'process-image', subjectId: 'img' }, async () => traceMetadata());
    expect(within).toEqual({ trace: HEADER });
    expect(traceMetadata().trace).toContain('Root=1-6751a2b4-');
    // A malformed trigger trace runs the work in the invocation's own trace.
    expect(await continueTrace('garbage', { kind: 'process-image' }, async () => traceMetadata().trace)).toContain('Root=1-6751a2b4-');
  });
});
