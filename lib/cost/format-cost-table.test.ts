import { expect, test } from 'vitest';
import { estimateMonthlyCost } from './estimate-monthly-cost';
import { formatCostTable } from './format-cost-table';

const estimate = estimateMonthlyCost({ users: 1_000_000, imagesPerUser: 10 });
const lines = formatCostTable(estimate).split('\n');

test('states the usage and the date of the prices', () => {
  expect(lines[0]).toBe('Monthly AWS estimate: 1,000,000 users × 10 images = 10,000,000 images');
  expect(lines[1]).toContain('us-east-1 list prices as of 2025-06-01');
  expect(lines[2]).toBe('Images through CloudFront, 80% of their requests answered from its cache; WAF on');
  expect(formatCostTable(estimateMonthlyCost({ users: 1, imagesPerUser: 1, cacheHitRate: 0.5, waf: false })).split('\n')[2]).toBe('Images through CloudFront, 50% of their requests answered from its cache; WAF off');
});

test('has one row per service and a total row, in dollars with thousands separators', () => {
  for (const item of estimate.lines) expect(lines.some((row) => row.startsWith(item.service))).toBe(true);
  const total = lines.at(-1)!;
  expect(total).toMatch(/^Total per month/);
  expect(total).toMatch(/\$\d{1,3}(,\d{3})+\.\d\d +\$\d{1,3}(,\d{3})*\.\d\d$/);
  expect(lines.find((row) => row.startsWith('Rekognition DetectFaces'))).toMatch(/\$7,200\.00 +\$0\.00/);
});

test('right-aligns both cost columns under their headings', () => {
  const header = lines.find((row) => row.startsWith('Service'))!;
  const rekognitionEnd = header.indexOf('Rekognition') + 'Rekognition'.length;
  const builtInEnd = header.indexOf('Built-in model') + 'Built-in model'.length;
  for (const row of lines.filter((candidate) => candidate.includes('$'))) {
    const amounts = [...row.matchAll(/\$[\d,]+\.\d\d/g)];
    expect(amounts[0]!.index! + amounts[0]![0].length).toBe(rekognitionEnd);
    expect(amounts[1]!.index! + amounts[1]![0].length).toBe(builtInEnd);
  }
});
