import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  define: { __OKTA_BEDROCK_VERSION__: JSON.stringify(version) },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // Every temp dir a test makes is removed, and a file that leaves one fails (test/setup/).
    globalSetup: ['test/setup/global-temp.ts'],
    setupFiles: ['test/setup/temp-dirs.ts'],
    // In-process SDK clients (unit tests) would print the SDK's Node 20 notice; the CLI sets this too.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
