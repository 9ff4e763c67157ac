import { describe, expect, it } from 'vitest';
import { allows } from './realtime';

describe('the local broker reads IoT policies as IoT does', () => {
  const arn = (resource: string) => `arn:aws:iot:us-east-1:000000000000:${resource}`;
  const policy = [
    { Action: 'iot:Connect', Effect: 'Allow' as const, Resource: [arn('client/live-abc-*')] },
    { Action: ['iot:Subscribe'], Effect: 'Allow' as const, Resource: arn('topicfilter/headshot/local/users/u1') },
    { Action: 'iot:*', Effect: 'Deny' as const, Resource: arn('topicfilter/headshot/local/users/u1/secret') },
  ];

  it('allows what a statement names, with * and ? as wildcards', () => {
    expect(allows(policy, 'iot:Connect', 'client/live-abc-123')).toBe(true);
    expect(allows(policy, 'iot:Subscribe', 'topicfilter/headshot/local/users/u1')).toBe(true);
  });

  it('refuses what no statement names: another prefix, another topic, a wider filter, another action', () => {
    expect(allows(policy, 'iot:Connect', 'client/live-xyz-123')).toBe(false);
    expect(allows(policy, 'iot:Subscribe', 'topicfilter/headshot/local/users/u2')).toBe(false);
    expect(allows(policy, 'iot:Subscribe', 'topicfilter/headshot/local/users/#')).toBe(false);
    expect(allows(policy, 'iot:Publish', 'topic/headshot/local/users/u1')).toBe(false);
    expect(allows([], 'iot:Connect', 'client/anything')).toBe(false);
  });

  it('lets a Deny win over an Allow', () => {
    const both = [...policy, { Action: 'iot:Subscribe', Effect: 'Allow' as const, Resource: arn('topicfilter/*') }];
    expect(allows(both, 'iot:Subscribe', 'topicfilter/headshot/local/users/u1/secret')).toBe(false);
    expect(allows(both, 'iot:Subscribe', 'topicfilter/anything')).toBe(true);
  });

  it('treats regular-expression characters in a resource literally', () => {
    expect(allows([{ Action: 'iot:Connect', Effect: 'Allow', Resource: arn('client/a.b') }], 'iot:Connect', 'client/aXb')).toBe(false);
  });
});
