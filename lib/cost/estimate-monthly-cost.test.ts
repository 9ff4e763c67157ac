import { describe, expect, test } from 'vitest';
import { estimateMonthlyCost, gbSeconds } from './estimate-monthly-cost';

const line = (estimate: ReturnType<typeof estimateMonthlyCost>, service: string) => {
  const found = estimate.lines.find((candidate) => candidate.service === service);
  if (!found) throw new Error(`no line ${service}`);
  return found;
};

describe('gbSeconds', () => {
  test('is invocations × seconds × GB', () => {
    expect(gbSeconds(1_000, 1_000, 1_024)).toBe(1_000);
    expect(gbSeconds(2, 500, 512)).toBe(0.5);
  });
});

describe('estimateMonthlyCost', () => {
  const million = estimateMonthlyCost({ users: 100_000, imagesPerUser: 10 });

  test('counts images as users × images per user', () => {
    expect(million.images).toBe(1_000_000);
  });

  test('process-image: 1M × 0.9 s × 1769/1024 GB at the arm64 rate, plus $0.20 per million requests', () => {
    // 1,554,785.16 GB-s × $0.0000133334 = $20.7308, + $0.20
    expect(line(million, 'Lambda process-image').rekognition).toBe(20.93);
  });

  test('Rekognition is priced only when it is used, by its tiers', () => {
    expect(line(million, 'Rekognition DetectFaces')).toMatchObject({ rekognition: 1_000, builtIn: 0 });
    const tenMillion = estimateMonthlyCost({ users: 1_000_000, imagesPerUser: 10 });
    expect(line(tenMillion, 'Rekognition DetectFaces').rekognition).toBe(7_200);
  });

  test('the built-in model costs more Lambda time and no Rekognition', () => {
    const analyze = line(million, 'Lambda analyze-profile');
    // 1M × 0.4 s × 0.5 GB = 200,000 GB-s → $2.67; 1M × 0.2 s × 1.5 GB = 300,000 GB-s → $4.00; each + $0.20 of requests
    expect(analyze.rekognition).toBe(2.87);
    expect(analyze.builtIn).toBe(4.2);
  });

  test('image views leave S3 at its first egress tier: 10M views × 100 KB = 953.67 GB × $0.09', () => {
    expect(line(million, 'S3 egress (presigned image views)').rekognition).toBe(85.83);
  });

  test('storage grows with the months of uploads kept', () => {
    const oneMonth = line(million, 'S3 storage').rekognition;
    const twoMonths = line(estimateMonthlyCost({ users: 100_000, imagesPerUser: 10, monthsRetained: 2 }), 'S3 storage').rekognition;
    // 1M × 5.6 MB = 5,468.75 GB × $0.023
    expect(oneMonth).toBe(125.78);
    expect(twoMonths).toBe(251.56);
  });

  test('the totals are the sums of the lines', () => {
    const sum = (key: 'rekognition' | 'builtIn') => million.lines.reduce((total, item) => total + item[key], 0);
    expect(million.total.rekognition).toBeCloseTo(sum('rekognition'), 2);
    expect(million.total.builtIn).toBeCloseTo(sum('builtIn'), 2);
    expect(million.total.builtIn).toBeLessThan(million.total.rekognition);
  });

  test('with no users only the queues’ idle polling is left: 2 × 650,000 requests × $0.40 per million', () => {
    const idle = estimateMonthlyCost({ users: 0, imagesPerUser: 10 });
    expect(idle.total).toEqual({ rekognition: 0.52, builtIn: 0.52 });
    expect(line(idle, 'SQS').rekognition).toBe(0.52);
  });

  test('rejects impossible usage', () => {
    expect(() => estimateMonthlyCost({ users: -1, imagesPerUser: 10 })).toThrow();
    expect(() => estimateMonthlyCost({ users: 1.5, imagesPerUser: 10 })).toThrow();
    expect(() => estimateMonthlyCost({ users: 10, imagesPerUser: 10, monthsRetained: 0 })).toThrow();
  });
});
