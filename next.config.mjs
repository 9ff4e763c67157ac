/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and wasm packages must be required at run time, not bundled.
  serverExternalPackages: ['sharp', '@vladmandic/human', 'dynalite'],
  experimental: {
    serverActions: { bodySizeLimit: '1mb' },
  },
};

export default nextConfig;
