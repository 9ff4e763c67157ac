import { inject } from 'vitest';

// The test files talk to the same emulators as the bridge, through the same environment.
Object.assign(process.env, inject('cloudEnv'));
