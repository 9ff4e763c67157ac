/*
 * npm run cost -- --users 1000000 --images-per-user 10 [--months-retained 1] [--views-per-image 10] [--page-views-per-user 20]
 *                  [--cache-hit-rate 0.8] [--waf on|off] [--json]
 * Prints a month of AWS per service, with analyze-profile on Rekognition and on the built-in model.
 */
import { parseArgs } from 'node:util';
import { estimateMonthlyCost, formatCostTable } from '../lib/cost';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000000' },
    'images-per-user': { type: 'string', default: '10' },
    'months-retained': { type: 'string' },
    'views-per-image': { type: 'string' },
    'page-views-per-user': { type: 'string' },
    'cache-hit-rate': { type: 'string' },
    waf: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const optionalNumber = (value: string | undefined) => (value === undefined ? undefined : Number(value));

if (values.waf !== undefined && values.waf !== 'on' && values.waf !== 'off') {
  console.error(`--waf takes on or off, not "${values.waf}".`);
  process.exit(1);
}

const estimate = estimateMonthlyCost({
  users: Number(values.users),
  imagesPerUser: Number(values['images-per-user']),
  monthsRetained: optionalNumber(values['months-retained']),
  viewsPerImage: optionalNumber(values['views-per-image']),
  pageViewsPerUser: optionalNumber(values['page-views-per-user']),
  cacheHitRate: optionalNumber(values['cache-hit-rate']),
  waf: values.waf === undefined ? undefined : values.waf === 'on',
});

console.log(values.json ? JSON.stringify(estimate, null, 2) : formatCostTable(estimate));
