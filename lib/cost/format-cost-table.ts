import type { CostEstimate } from './schemas';

const usd = (value: number) => `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The estimate as a plain-text table, one service per row, Rekognition and the built-in model side by side. */
export function formatCostTable(estimate: CostEstimate): string {
  const { input } = estimate;
  const rows = [
    ['Service', 'Rekognition', 'Built-in model', 'Priced from'],
    ...estimate.lines.map((line) => [line.service, usd(line.rekognition), usd(line.builtIn), line.basis]),
    ['Total per month', usd(estimate.total.rekognition), usd(estimate.total.builtIn), ''],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const render = (row: string[]) =>
    row
      .map((cell, column) => (column === 1 || column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [
    `Monthly AWS estimate: ${input.users.toLocaleString('en-US')} users × ${input.imagesPerUser} images = ${estimate.images.toLocaleString('en-US')} images`,
    `${estimate.region} list prices as of ${estimate.pricesAsOf}; no free tier but X-Ray's; ${input.monthsRetained} month(s) of uploads stored; ${input.viewsPerImage} views per image; ${input.pageViewsPerUser} page views per user`,
    `Images through CloudFront, ${Math.round(input.cacheHitRate * 100)}% of their requests answered from its cache; WAF ${input.waf ? 'on' : 'off'}`,
    '',
    render(rows[0]!),
    rule,
    ...rows.slice(1, -1).map(render),
    rule,
    render(rows.at(-1)!),
  ].join('\n');
}
