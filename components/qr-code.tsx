'use client';

import { useEffect, useState } from 'react';

/** A QR code of a share path's absolute URL, for opening the link on a phone. */
export function QrCode({ path, size = 160 }: { path: string; size?: number }) {
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // Loaded with the first code drawn: pages that show none (most) never fetch the library.
    void import('qrcode')
      .then(({ default: QRCode }) => QRCode.toDataURL(new URL(path, window.location.origin).toString(), { margin: 1, width: size * 2 }))
      .then((url) => {
        if (current) setDataUrl(url);
      });
    return () => {
      current = false;
    };
  }, [path, size]);
  return dataUrl ? (
    // eslint-disable-next-line @next/next/no-img-element -- a generated data URL
    <img src={dataUrl} width={size} height={size} alt="QR code of the link" className="rounded border border-slate-200" />
  ) : (
    <div style={{ width: size, height: size }} className="rounded bg-slate-100" aria-hidden />
  );
}
