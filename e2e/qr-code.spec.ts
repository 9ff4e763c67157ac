import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { connectE2eCloud } from './cloud';
import { openUploadedPhoto, signUp } from './helpers';

connectE2eCloud();

/** Reads a downloaded file with jsQR, a decoder not written here; an SVG is rasterised by sharp first (density applies to vectors only). */
async function decodeFile(file: string | Buffer): Promise<string | null> {
  const { data, info } = await sharp(typeof file === 'string' ? await readFile(file) : file, { density: 600 }).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

test('the QR code of a new link, with the logo, stays black on white in dark mode, downloads as PNG and SVG, and all three decode to the link', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await signUp(page);
  await openUploadedPhoto(page, 'faces/astronaut.png');

  const panel = page.getByRole('region', { name: 'Share' });
  await panel.getByRole('button', { name: 'Create link' }).click();
  const url = (await panel.getByTestId('share-link').textContent())!;
  const shown = panel.getByRole('img', { name: 'QR code of the link' });
  await expect(shown).toBeVisible();
  // On a dark page, the code as drawn on screen: white quiet zone, and readable as it is.
  const onScreen = await shown.screenshot();
  const { data: corner } = await sharp(onScreen).extract({ left: 4, top: 4, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
  expect([...corner.subarray(0, 3)]).toEqual([255, 255, 255]);
  expect(await decodeFile(onScreen)).toBe(url);

  const [png] = await Promise.all([page.waitForEvent('download'), panel.getByRole('link', { name: 'Download PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/^headshot-qr-[0-9A-Za-z]{12}\.png$/);
  expect(await decodeFile(await png.path())).toBe(url);

  const [svg] = await Promise.all([page.waitForEvent('download'), panel.getByRole('link', { name: 'Download SVG' }).click()]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  const svgFile = await svg.path();
  expect(await readFile(svgFile, 'utf8')).toContain('#0a66c2');
  expect(await decodeFile(svgFile)).toBe(url);
});
