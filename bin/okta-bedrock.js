#!/usr/bin/env node
// Entry point. The warm credential-process path goes through dist/fast.js, which reads the
// cache with node:fs only; everything else loads the full CLI lazily.
import { fast } from '../dist/fast.js';

// The AWS SDK warns on Node 20 about future releases; `doctor` reports the Node version instead.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const code = await fast(process.argv.slice(2));
if (code !== undefined) {
  process.exitCode = code;
} else {
  const { main } = await import('../dist/main.js');
  process.exitCode = await main(process.argv.slice(2));
  // The command is done: whatever still holds the event loop (a keychain call that hung past
  // its 3 s limit, a request the stopping daemon aborted) must not keep the process alive.
  setTimeout(() => process.exit(), 300).unref();
}
