import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { processImageBuffer } from '@/lib/images/transform';
const px = async (n: number) => { const r = await processImageBuffer(readFileSync(`fixtures/orientation/orientation_${n}.jpg`)); if (r.status !== 'ready') throw 0; const v = r.variants.find((x) => x.format === 'webp')!; return sharp(v.body).raw().toBuffer({ resolveWithObject: true }); };
const ref = await px(1);
const mad = (a: Buffer, b: Buffer) => { let s = 0; for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!); return s / a.length; };
for (let n = 1; n <= 8; n++) { const o = await px(n); console.log(n, o.info.width, o.info.height, mad(ref.data, o.data).toFixed(2)); }
const flipped = await sharp(ref.data, { raw: { width: ref.info.width, height: ref.info.height, channels: ref.info.channels } }).flip().raw().toBuffer();
const flopped = await sharp(ref.data, { raw: { width: ref.info.width, height: ref.info.height, channels: ref.info.channels } }).flop().raw().toBuffer();
console.log('flip', mad(ref.data, flipped).toFixed(2), 'flop', mad(ref.data, flopped).toFixed(2));
const raw2 = await sharp(readFileSync('fixtures/orientation/orientation_6.jpg'), {autoOrient:false}).resize(50,70,{fit:'fill'}).raw().toBuffer();
console.log('unrotated 6 squashed', mad(ref.data, raw2).toFixed(2));
