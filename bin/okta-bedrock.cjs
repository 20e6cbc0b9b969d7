#!/usr/bin/env node
'use strict';
// Entry point. CommonJS on purpose: the warm paths (dist/fast.cjs, one self-contained file
// using node:fs only: credential-process, env and exec with fresh cached credentials) then start
// as fast as Node can; everything else loads the full ESM CLI lazily.

// The AWS SDK warns on Node 20 about future releases; `doctor` reports the Node version instead.
// Recorded as ours (src/platform/process-env.ts `internalEnvNames`), so `exec` does not pass it on to its command.
if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  globalThis[Symbol.for('okta-bedrock.internal-env')] = ['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
}

// A reader that went away (`okta-bedrock --help | head`) ends the command quietly, as a shell tool does.
process.stdout.on('error', (e) => (e.code === 'EPIPE' ? process.exit(0) : Promise.reject(e)));

const argv = process.argv.slice(2);
const { fast, direct } = require('../dist/fast.cjs');
const code = fast(argv, () => require('../dist/fast-exec.cjs'));
if (typeof code === 'number') {
  process.exitCode = code;
} else if (code) {
  // exec: the child's exit code, once it is done.
  code.then(
    (c) => (process.exitCode = c),
    (e) => {
      process.stderr.write(`error: ${e.message}\n`);
      process.exitCode = 1;
    },
  );
} else {
  // credential-process/env/exec with simple flags skip commander (dist/direct.js); the rest, main.
  const run = direct(argv) ? import('../dist/direct.js').then(({ direct }) => direct(argv)) : Promise.resolve(undefined);
  run
    .then((code) => (code === undefined ? import('../dist/main.js').then(({ main }) => main(argv)) : code))
    .then(
      (code) => {
        process.exitCode = code;
        // The command is done: whatever still holds the event loop (a keychain call that hung
        // past its 3 s limit, a request the stopping daemon aborted) must not keep it alive.
        setTimeout(() => process.exit(), 300).unref();
      },
      (e) => {
        process.stderr.write(`error: cannot load okta-bedrock (${e.message}) — run \`npm run build\`\n`);
        process.exitCode = 1;
      },
    );
}
