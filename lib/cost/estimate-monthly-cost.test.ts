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
    // 1M × 0.4 s × 0.5 GB = 200,000 GB-s → $2.67; 1M × 0.45 s × 1.5 GB = 675,000 GB-s → $9.00; each + $0.20 of requests
    expect(analyze.rekognition).toBe(2.87);
    expect(analyze.builtIn).toBe(9.2);
  });

  test('index-faces: with Rekognition the function waits on the API; the built-in model computes the descriptors itself', () => {
    const index = line(million, 'Lambda index-faces');
    // 1M × 0.4 s × 0.5 GB = 200,000 GB-s → $2.67; 1M × 1 s × 2 GB = 2,000,000 GB-s → $26.67; each + $0.20 of requests
    expect(index.rekognition).toBe(2.87);
    expect(index.builtIn).toBe(26.87);
  });

  test('IndexFaces and the searches share group 1’s tiers, and only the Rekognition column pays them', () => {
    // 1M IndexFaces + 1.5M grouping searches (1.5 faces a photo) + 0.5M user searches (5 a user) = 3M calls:
    // 1M at $0.001 + 2M at $0.0008 = $2,600, a third of it for IndexFaces
    expect(line(million, 'Rekognition IndexFaces')).toMatchObject({ rekognition: 866.67, builtIn: 0 });
    expect(line(million, 'Rekognition SearchFaces')).toMatchObject({ rekognition: 1_733.33, builtIn: 0 });
    // 10M + 15M + 5M = 30M calls: $1,000 + $3,200 + 25M at $0.0006 = $19,200
    const tenMillion = estimateMonthlyCost({ users: 1_000_000, imagesPerUser: 10 });
    expect(line(tenMillion, 'Rekognition IndexFaces').rekognition).toBe(6_400);
    expect(line(tenMillion, 'Rekognition SearchFaces').rekognition).toBe(12_800);
  });

  test('faces stay in the collections as long as their photos, at $0.00001 a face a month', () => {
    const twoMonths = estimateMonthlyCost({ users: 100_000, imagesPerUser: 10, monthsRetained: 2 });
    expect(line(million, 'Rekognition face storage')).toMatchObject({ rekognition: 15, builtIn: 0 });
    expect(line(twoMonths, 'Rekognition face storage').rekognition).toBe(30);
  });

  test('both recognizers keep a face item in DynamoDB, written and stored alike', () => {
    // 1.5M faces × 6 WRU × $0.625 per million = $5.63; 1.5M × 1.4 KB × 2 copies = 4.01 GB × ($0.25 + $0.20) = $1.80
    expect(line(million, 'DynamoDB face items')).toMatchObject({ rekognition: 7.43, builtIn: 7.43 });
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

  test('with no users only the queues’ idle polling is left: 3 × 650,000 requests × $0.40 per million', () => {
    const idle = estimateMonthlyCost({ users: 0, imagesPerUser: 10 });
    expect(idle.total).toEqual({ rekognition: 0.78, builtIn: 0.78 });
    expect(line(idle, 'SQS').rekognition).toBe(0.78);
  });

  test('rejects impossible usage', () => {
    expect(() => estimateMonthlyCost({ users: -1, imagesPerUser: 10 })).toThrow();
    expect(() => estimateMonthlyCost({ users: 1.5, imagesPerUser: 10 })).toThrow();
    expect(() => estimateMonthlyCost({ users: 10, imagesPerUser: 10, monthsRetained: 0 })).toThrow();
  });
});
