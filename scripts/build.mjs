// Bundles src/ into dist/ with esbuild. Each CLI command is its own entry so the
// warm credential-process path loads only what it needs (code splitting, ESM).
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const commandsDir = join(root, 'src/cli/commands');
const entryPoints = {
  main: join(root, 'src/cli/main.ts'),
  simulator: join(root, 'src/simulator/index.ts'),
};
for (const f of readdirSync(commandsDir)) {
  if (f.endsWith('.ts')) entryPoints[`commands/${f.slice(0, -3)}`] = join(commandsDir, f);
}
// dist/ is not wiped: a build running while a test spawns the CLI must not pull files from under it.
await build({
  entryPoints,
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});

// The warm credential-process path: one self-contained CommonJS file (no chunks to resolve,
// no ESM loader start-up), required synchronously by bin/okta-bedrock.cjs.
await build({
  entryPoints: [join(root, 'src/cli/fast.ts')],
  outfile: join(root, 'dist/fast.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
