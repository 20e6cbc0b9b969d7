#!/usr/bin/env node
'use strict';
// Entry point. CommonJS on purpose: the warm credential-process path (dist/fast.cjs, one
// self-contained file using node:fs only) then starts as fast as Node can; everything else
// loads the full ESM CLI lazily.

// The AWS SDK warns on Node 20 about future releases; `doctor` reports the Node version instead.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const argv = process.argv.slice(2);
const code = require('../dist/fast.cjs').fast(argv);
if (code !== undefined) {
  process.exitCode = code;
} else {
  import('../dist/main.js').then(
    async ({ main }) => {
      process.exitCode = await main(argv);
    },
    (e) => {
      process.stderr.write(`error: cannot load okta-bedrock (${e.message}) — run \`npm run build\`\n`);
      process.exitCode = 1;
    },
  );
}
