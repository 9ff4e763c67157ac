import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataDirFromEnv } from './data-dir';
import { devBanner } from './dev-banner';

const env = { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4568', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4567', AWS_ENDPOINT_URL_IOT_DATA_PLANE: 'http://127.0.0.1:4570' };
const banner = () => devBanner({ app: 'http://localhost:3000', dataDir: dataDirFromEnv(), env, functions: 'http://127.0.0.1:4569' });

afterEach(() => vi.unstubAllEnvs());

describe('the dev banner', () => {
  it('names the folder DATA_DIR sets, for the buckets and the table alike', () => {
    const folder = path.join(os.tmpdir(), 'headshot-banner-data');
    vi.stubEnv('DATA_DIR', folder);
    expect(dataDirFromEnv()).toBe(folder);
    const printed = banner();
    expect(printed).toContain(`data      ${folder}   (from DATA_DIR)`);
    expect(printed).toContain(`buckets under ${path.join(folder, 's3')}`);
    expect(printed).toContain(`table under ${path.join(folder, 'dynamodb')}`);
    expect(printed).not.toContain('.data');
  });

  it('names .data, relative to where it runs, when DATA_DIR is unset or empty', () => {
    for (const value of [undefined, '']) {
      vi.stubEnv('DATA_DIR', value);
      expect(dataDirFromEnv()).toBe(path.resolve('.data'));
      expect(banner()).toContain(`buckets under ${path.join('.data', 's3')}`);
    }
  });

  it('shows a DATA_DIR under the working directory relative to it', () => {
    vi.stubEnv('DATA_DIR', 'tmp/my-data');
    expect(banner()).toContain(`data      ${path.join('tmp', 'my-data')}   (from DATA_DIR)`);
  });
});
