import type { NextConfig } from 'next';
import { benchBuild, buildSkipsTypeCheck, buildsWithClerk } from './lib/config';
import { STATIC_SECURITY_HEADERS } from './lib/security/headers';
import packageJson from './package.json' with { type: 'json' };

/**
 * Server-only packages that ship ready-to-run code: the AWS SDK's clients and Powertools (every one the
 * project depends on, so a new client is covered), ElectroDB, X-Ray, the HEIC decoder, the EXIF reader
 * and the ZIP writer. Bundled, they had Turbopack compile thousands of the SDK's modules again on every
 * build and every `next dev` start (a clean build: 85 → 66 CPU seconds); Node requires them from
 * node_modules instead, and OpenNext copies what the server traces into its function.
 */
const PREBUILT_SERVER_PACKAGES = [
  ...Object.keys(packageJson.dependencies).filter((name) => name.startsWith('@aws-sdk/') || name.startsWith('@aws-lambda-powertools/')),
  'aws-xray-sdk-core',
  'electrodb',
  'exif-reader',
  'libheif-js',
  'zip-stream',
];

const { typescript: benchTypescript, ...bench } = benchBuild() ?? {};

const nextConfig: NextConfig = {
  // The benchmarks' build lives apart, with the one page only they serve.
  ...bench,
  // Native and wasm packages must be required at run time, not bundled; the prebuilt ones need not be.
  serverExternalPackages: ['sharp', '@vladmandic/human', 'dynalite', 'usearch', ...PREBUILT_SERVER_PACKAGES],
  experimental: {
    serverActions: { bodySizeLimit: '1mb' },
  },
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: buildSkipsTypeCheck(), ...benchTypescript },
  turbopack: {
    // Without Clerk's keys the site has local accounts only: Clerk's client would load on every page and never run.
    resolveAlias: buildsWithClerk() ? {} : { '@clerk/nextjs': './lib/auth/clerk-not-built.tsx' },
  },
  // On every response: pages, routes, the share pages and static files (lib/security/headers.ts).
  async headers() {
    return [{ source: '/:path*', headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
