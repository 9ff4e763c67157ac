'use client';

import { useEffect, useState } from 'react';

/** Pixels of the downloaded PNG: sharp enough to print a few centimetres wide. */
const PNG_SIZE = 1024;

interface Drawn {
  svg: string;
  png: string;
}

/**
 * A QR code of a share path's absolute URL, with the app's logo, for opening the link on a phone, and the same
 * code to download as SVG or PNG. It stays black on white in dark mode: scanners need the contrast.
 */
export function QrCode({ path, size = 160 }: { path: string; size?: number }) {
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const code = path.split('/').pop();
  useEffect(() => {
    let current = true;
    // Loaded with the first code drawn: pages that show none (most) never fetch the library.
    void import('@/lib/links/qr-code')
      .then(({ buildQrSvg }) => buildQrSvg(new URL(path, window.location.origin).toString()))
      .then(async (markup) => {
        const svg = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
        const png = await toPng(svg);
        if (current) setDrawn({ svg, png });
      });
    return () => {
      current = false;
    };
  }, [path]);
  if (!drawn) return <div style={{ width: size, height: size }} className="rounded bg-slate-100" aria-hidden />;
  return (
    <div className="flex flex-col items-start gap-2" data-testid="qr-code">
      {/* The SVG paints its own white ground, quiet zone included: the palette's bg-white turns dark in dark mode. */}
      {/* eslint-disable-next-line @next/next/no-img-element -- a generated data URL */}
      <img src={drawn.svg} width={size} height={size} alt="QR code of the link" className="rounded border border-slate-200" />
      <div className="flex gap-3">
        <a href={drawn.png} download={`headshot-qr-${code}.png`} className="text-link underline">
          Download PNG
        </a>
        <a href={drawn.svg} download={`headshot-qr-${code}.svg`} className="text-link underline">
          Download SVG
        </a>
      </div>
    </div>
  );
}

/** The PNG is the same SVG painted by the browser, so both downloads are one drawing. */
async function toPng(svgUrl: string): Promise<string> {
  const image = new Image(PNG_SIZE, PNG_SIZE);
  image.src = svgUrl;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = PNG_SIZE;
  canvas.height = PNG_SIZE;
  const context = canvas.getContext('2d')!;
  context.imageSmoothingEnabled = false;
  context.drawImage(image, 0, 0, PNG_SIZE, PNG_SIZE);
  return canvas.toDataURL('image/png');
}
