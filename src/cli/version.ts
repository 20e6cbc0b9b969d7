/** Replaced with package.json's version by the bundler (scripts/build.mjs, vitest.config.ts). */
declare const __OKTA_BEDROCK_VERSION__: string | undefined;

export const VERSION: string = typeof __OKTA_BEDROCK_VERSION__ === 'string' ? __OKTA_BEDROCK_VERSION__ : '0.0.0-dev';
