import type { MetadataRoute } from 'next';
import { SITE_DESCRIPTION, SITE_NAME } from './site';

/**
 * The web app manifest (/manifest.webmanifest), for "Add to home screen": the icons are the ones
 * app/icon.svg and app/apple-icon.png give every page. It names no user, so it is public and static.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: SITE_NAME,
    short_name: SITE_NAME,
    description: SITE_DESCRIPTION,
    start_url: '/dashboard',
    display: 'standalone',
    background_color: '#f1f5f9',
    theme_color: '#0a66c2',
    icons: [
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/apple-icon.png', sizes: '180x180', type: 'image/png' },
    ],
  };
}
