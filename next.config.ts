import type { NextConfig } from 'next';
import { benchBuild, buildSkipsTypeCheck, buildsWithClerk } from './lib/config';
import { STATIC_SECURITY_HEADERS } from './lib/security/headers';

const { typescript: benchTypescript, ...bench } = benchBuild() ?? {};

const nextConfig: NextConfig = {
  // The benchmarks' build lives apart, with the one page only they serve.
  ...bench,
  // Native and wasm packages must be required at run time, not bundled.
  serverExternalPackages: ['sharp', '@vladmandic/human', 'dynalite', 'usearch'],
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
