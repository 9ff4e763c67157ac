import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: ['.next/**', '.next-bench/**', '.open-next/**', '.sst/**', '.data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', 'sst-env.d.ts'],
  },
  {
    // SST's own convention: the config references the platform types that `sst install` writes.
    files: ['sst.config.ts'],
    rules: { '@typescript-eslint/triple-slash-reference': 'off' },
  },
  {
    // Pages, routes and actions take the signed-in user from adapters/current-user.ts, the one place
    // that also checks the account is not closed; reading the session or the mark elsewhere would skip it.
    files: ['app/**/*.ts', 'app/**/*.tsx', 'components/**/*.ts', 'components/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@clerk/nextjs/server', importNames: ['auth', 'currentUser'], message: 'Take the user from @/adapters/current-user, which checks the closure mark too.' },
            { name: '@/lib/account/is-account-closed', message: 'adapters/current-user.ts checks the closure mark for every page, route and action: take the user from there.' },
          ],
        },
      ],
    },
  },
  {
    // The domain stays free of the framework, the UI and the deployment tool, so it runs the same
    // in Lambda, the CLI and tests.
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    ignores: ['lib/aws/resources.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['next', 'next/*'], message: 'lib/ must not import Next.js: framework reads live in adapters/.' },
            { group: ['react', 'react-dom', 'react/*'], message: 'lib/ must not import React.' },
            { group: ['@/components/*', '**/components/*'], message: 'lib/ must not import UI.' },
            { group: ['@/app/*', '**/app/*'], message: 'lib/ must not import the app: pages and actions call lib, never the other way round.' },
            { group: ['@/adapters/*', '**/adapters/*'], message: 'lib/ must not import adapters/: they read the framework and call lib.' },
            { group: ['@/local/*', '**/local/*'], message: 'lib/ must not import local/: the local cloud only sets the environment, and the same lib/ runs on AWS.' },
            { group: ['sst', 'sst/*'], message: 'Only lib/aws/resources.ts reads SST resources.' },
          ],
        },
      ],
    },
  },
];

export default config;
