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

  test('image views go through CloudFront: 10M requests and 10M × 100 KB = 953.67 GB at its first tier, $0.085', () => {
    // 953.67 GB × $0.085 = $81.06, + 10M × $0.01 per 10,000 requests = $10
    expect(line(million, 'CloudFront (images)').rekognition).toBe(91.06);
    expect(million.lines.some((item) => item.service.startsWith('S3 egress'))).toBe(false);
  });

  test('pages and images reach CloudFront’s egress tiers together, each paying its share', () => {
    const tenMillion = estimateMonthlyCost({ users: 1_000_000, imagesPerUser: 10 });
    // 4,768.37 GB of pages + 9,536.74 GB of images = 14,305.11 GB: 10,240 GB at $0.085 + 4,065.11 GB at $0.08 = $1,195.61,
    // plus 100M image requests ($100) and 160M page requests ($160)
    const images = line(tenMillion, 'CloudFront (images)').rekognition;
    const pages = line(tenMillion, 'CloudFront (site pages)').rekognition;
    expect(images + pages).toBeCloseTo(1_455.61, 1);
    expect(images).toBeCloseTo(797.07 + 100, 1);
  });

  test('only what CloudFront’s cache misses reaches S3, and for a shared file the server function', () => {
    const allHits = estimateMonthlyCost({ users: 100_000, imagesPerUser: 10, cacheHitRate: 1 });
    const noHits = estimateMonthlyCost({ users: 100_000, imagesPerUser: 10, cacheHitRate: 0 });
    // 15M PUT/LIST at $0.005 per 1,000 = $75; the pipeline's 2M GETs = $0.80, plus each miss's GET: 10M more = $4.00
    expect(line(allHits, 'S3 requests').rekognition).toBe(75.8);
    expect(line(noHits, 'S3 requests').rekognition).toBe(79.8);
    // At the default 80%, 2M misses: $0.80 more.
    expect(line(million, 'S3 requests').rekognition).toBe(76.6);
    // 2M page views × 0.15 s × 1 GB = 300,000 GB-s → $4.00, + $0.40 of requests; every miss of a shared file (20% of
    // views: 2M) adds a 50 ms call: 100,000 GB-s → $1.33, + $0.40
    expect(line(allHits, 'Lambda Next.js server').rekognition).toBe(4.4);
    expect(line(noHits, 'Lambda Next.js server').rekognition).toBe(6.13);
  });

  test('the web ACL: $5, $1 for each of its 4 rules, and $0.60 per million requests, pages’ and images’ alike', () => {
    // 2M page views × 8 requests + 10M image requests = 26M × $0.60 per million = $15.60, + $9
    expect(line(million, 'WAF')).toMatchObject({ rekognition: 24.6, builtIn: 24.6 });
    const withoutWaf = estimateMonthlyCost({ users: 100_000, imagesPerUser: 10, waf: false });
    expect(withoutWaf.lines.some((item) => item.service === 'WAF')).toBe(false);
    expect(withoutWaf.total.rekognition).toBeCloseTo(million.total.rekognition - 24.6, 2);
  });

  test('CloudFront’s additional metrics: 8 CloudWatch metrics at $0.30', () => {
    expect(line(million, 'CloudWatch (CloudFront metrics)').rekognition).toBe(2.4);
  });

  test('X-Ray records the first trace a second of each function and 5% beyond, 100,000 a month free, and each is scanned once', () => {
    // Under a trace a second, every one is recorded: 2M page views + 400,000 shared-file misses on the server, and
    // 1M invocations of each of the 3 job functions that start a trace: 5.4M traces, (5.4M − 100,000) × $5 per
    // million = $26.50; scanned once: (5.4M − 1M) × $0.50 per million = $2.20
    expect(line(million, 'X-Ray')).toMatchObject({ rekognition: 28.7, builtIn: 28.7 });
    // At 10M images each job function has 10M invocations: 2,628,003 in the month's seconds, and 5% of the other 7,371,997,
    // 2,996,603 each; the server's 24M: 2,628,003 + 5% of 21,371,997 = 3,696,603. 12,686,411 traces: $62.93 + $5.84
    const tenMillion = estimateMonthlyCost({ users: 1_000_000, imagesPerUser: 10 });
    expect(line(tenMillion, 'X-Ray').rekognition).toBe(68.78);
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

  test('with no users what is left is the queues’ idle polling (3 × 650,000 requests × $0.40 per million), the metrics and the web ACL', () => {
    const idle = estimateMonthlyCost({ users: 0, imagesPerUser: 10 });
    expect(line(idle, 'SQS').rekognition).toBe(0.78);
    expect(idle.total).toEqual({ rekognition: 12.18, builtIn: 12.18 });
    expect(estimateMonthlyCost({ users: 0, imagesPerUser: 10, waf: false }).total).toEqual({ rekognition: 3.18, builtIn: 3.18 });
  });

  test('rejects impossible usage', () => {
    expect(() => estimateMonthlyCost({ users: -1, imagesPerUser: 10 })).toThrow();
    expect(() => estimateMonthlyCost({ users: 1.5, imagesPerUser: 10 })).toThrow();
    expect(() => estimateMonthlyCost({ users: 10, imagesPerUser: 10, monthsRetained: 0 })).toThrow();
    expect(() => estimateMonthlyCost({ users: 10, imagesPerUser: 10, cacheHitRate: 1.5 })).toThrow();
    expect(() => estimateMonthlyCost({ users: 10, imagesPerUser: 10, cacheHitRate: -0.1 })).toThrow();
  });
});
