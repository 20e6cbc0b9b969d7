// Bundles src/ into dist/ with esbuild. Each CLI command is its own entry so the
// warm credential-process path loads only what it needs (code splitting, ESM).
//   node scripts/build.mjs                  build into dist/
//   node scripts/build.mjs --clean          then delete files in dist/ this build did not write
//                                           (stale chunks of older builds; `npm pack` runs this)
//   node scripts/build.mjs --outdir DIR     build somewhere else (the packaging test)
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { clean: { type: 'boolean' }, outdir: { type: 'string' } } });
const root = new URL('..', import.meta.url).pathname;
const outdir = resolve(args.outdir ?? join(root, 'dist'));
const commandsDir = join(root, 'src/cli/commands');
// `okta-bedrock --version` comes from package.json, fixed at build time.
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = { __OKTA_BEDROCK_VERSION__: JSON.stringify(version) };
const entryPoints = {
  main: join(root, 'src/cli/main.ts'),
  simulator: join(root, 'src/simulator/index.ts'),
};
for (const f of readdirSync(commandsDir)) {
  if (f.endsWith('.ts')) entryPoints[`commands/${f.slice(0, -3)}`] = join(commandsDir, f);
}
// dist/ is not wiped: a build running while a test spawns the CLI must not pull files from under it.
const esm = await build({
  entryPoints,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  define,
  metafile: true,
  logLevel: 'warning',
});

// The warm credential-process path: one self-contained CommonJS file (no chunks to resolve,
// no ESM loader start-up), required synchronously by bin/okta-bedrock.cjs.
const cjs = await build({
  entryPoints: [join(root, 'src/cli/fast.ts')],
  outfile: join(outdir, 'fast.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  metafile: true,
  logLevel: 'warning',
});

if (args.clean) {
  const written = new Set([...Object.keys(esm.metafile.outputs), ...Object.keys(cjs.metafile.outputs)].map((p) => resolve(p))); // metafile paths are relative to the working directory
  const stale = readdirSync(outdir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .filter((p) => !written.has(p));
  for (const p of stale) rmSync(p);
  if (stale.length) console.log(`build: removed ${stale.length} stale file(s) from ${relative(root, outdir) || '.'}`);
}
