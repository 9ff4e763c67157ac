import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { inspectImage, decodeImage, renderVariants, readMetadata, resizeRaw } from '@/lib/images/transform';
sharp.concurrency(1);
const input = readFileSync('fixtures/bench/photo-13mp.jpg');
const t = async (label: string, f: () => Promise<unknown>) => { const c0 = process.cpuUsage(); const t0 = performance.now(); const r = await f(); const c = process.cpuUsage(c0); console.log(label.padEnd(24), (performance.now() - t0).toFixed(0).padStart(5), 'ms wall', ((c.user + c.system) / 1000).toFixed(0).padStart(5), 'ms cpu'); return r; };
for (let i = 0; i < 3; i++) {
  const ins = await t('inspect', () => inspectImage(input)) as any;
  const img = await t('decode', () => decodeImage(input, ins.info)) as any;
  await t('metadata', () => readMetadata(input, ins.info, img));
  await t('variants', () => renderVariants(img, {}));
  await t('variants+wm', () => renderVariants(img, { watermark: { enabled: true, text: '© headshot', position: 'bottom-right', opacity: 0.6 } }));
  await t('webp2048 alone', () => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).webp({ quality: 80 }).toBuffer());
  await t('jpeg2048 alone', () => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).jpeg({ quality: 80 }).toBuffer());
  const r = await resizeRaw(img, 1280);
  await t('webp1280 alone', () => sharp(r.data, { raw: { width: r.width, height: r.height, channels: 3 } }).webp({ quality: 80 }).toBuffer());
  await t('resize1280', () => resizeRaw(img, 1280));
  console.log('--');
}
