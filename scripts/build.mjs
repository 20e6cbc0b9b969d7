// Bundles src/ into dist/ with esbuild. Each CLI command is its own entry so the
// warm credential-process path loads only what it needs (code splitting, ESM).
//   node scripts/build.mjs                  build into dist/
//   node scripts/build.mjs --clean          then delete files in dist/ this build did not write
//                                           (stale chunks of older builds; `npm pack` runs this)
//   node scripts/build.mjs --outdir DIR     build somewhere else (the packaging test)
//   node scripts/build.mjs --metafile FILE  also write esbuild's metafile (inputs and bytes of every chunk)
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { clean: { type: 'boolean' }, outdir: { type: 'string' }, metafile: { type: 'string' } } });
const root = new URL('..', import.meta.url).pathname;
const outdir = resolve(args.outdir ?? join(root, 'dist'));
const commandsDir = join(root, 'src/cli/commands');
// `okta-bedrock --version` comes from package.json, fixed at build time.
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = { __OKTA_BEDROCK_VERSION__: JSON.stringify(version) };
const entryPoints = {
  main: join(root, 'src/cli/main.ts'),
  // credential-process/env/exec without commander (bin/okta-bedrock.cjs tries it before main).
  direct: join(root, 'src/cli/direct.ts'),
  simulator: join(root, 'src/simulator/index.ts'),
};
for (const f of readdirSync(commandsDir)) {
  if (f.endsWith('.ts')) entryPoints[`commands/${f.slice(0, -3)}`] = join(commandsDir, f);
}
// The dependencies are bundled into the chunks of the paths that use them: resolving and loading
// hundreds of files under node_modules (the AWS SDK, undici, the XML/HTML parsers) cost a cold
// login or refresh more than the work itself. These stay in node_modules: keytar is a native
// addon (optional), `open` ships the xdg-open script it runs, selfsigned (the simulator's
// certificates) pulls node-forge, which is large and only the simulator needs; playwright-core
// (login --browser) finds its own files next to its package and must load from node_modules.
export const EXTERNAL = ['keytar', 'open', 'selfsigned', 'playwright-core'];
// Bundled CommonJS packages call require() for Node's built-ins; an ESM chunk has no `require`.
const banner = { js: "import { createRequire as __obCreateRequire } from 'node:module'; const require = __obCreateRequire(import.meta.url);" };

/** A file is ESM when it says so (.mjs, a "type": "module" package) or has top-level import/export statements. */
function isCommonJs(file) {
  if (file.endsWith('.mjs')) return false;
  if (file.endsWith('.cjs')) return true;
  return !/^(?:import|export)[\s{*]/m.test(readFileSync(file, 'utf8'));
}

/**
 * With code splitting, esbuild gives `await import('cjs-package')` only a `default` export, where
 * Node gives the named exports too (`const { request } = await import('undici')`). A dynamically
 * imported CommonJS package therefore goes through a small ESM facade naming its exports.
 */
const cjsFacade = {
  name: 'cjs-dynamic-import-facade',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.pluginData?.facade) return undefined;
      const r = await b.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, pluginData: { facade: true } });
      if (r.errors.length || r.external || !isCommonJs(r.path)) return undefined;
      return { path: r.path, namespace: 'cjs-facade' };
    });
    b.onLoad({ filter: /.*/, namespace: 'cjs-facade' }, (args) => {
      const names = Object.keys(createRequire(args.path)(args.path)).filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k));
      const contents = `import m from ${JSON.stringify(args.path)};\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
      return { contents, resolveDir: dirname(args.path), loader: 'js' };
    });
  },
};

// dist/ is not wiped: a build running while a test spawns the CLI must not pull files from under it.
const esm = await build({
  entryPoints,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // ESM builds of the SDK (dist-es) tree-shake; the CommonJS ones do not.
  mainFields: ['module', 'main'],
  banner,
  // proper-lockfile (the cache and credentials-file locks, on every refresh) takes its fs from
  // graceful-fs, whose start-up patches and clones fs (~0.2x `node -e 0` of CPU). A lock is a
  // handful of mkdir/stat/utimes/rmdir calls that never run out of file descriptors: node:fs.
  alias: {
    'graceful-fs': join(root, 'scripts/shims/graceful-fs.cjs'),
    // We use only htmlparser2's streaming Parser (okta/html-page.ts); its index re-exports the DOM
    // utilities as a namespace (`export * as DomUtils`), which esbuild cannot drop, and its exports
    // map hides the module itself.
    htmlparser2: join(root, 'node_modules/htmlparser2/dist/esm/Parser.js'),
  },
  plugins: [cjsFacade],
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  define,
  metafile: true,
  logLevel: 'warning',
});

// The warm credential-process path: one self-contained CommonJS file (no chunks to resolve,
// no ESM loader start-up), required synchronously by bin/okta-bedrock.cjs.
// Its exec part is a second file (fast-exec.cjs) that only `exec` loads.
const fastExec = {
  name: 'fast-exec-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/fast-exec\.js$/ }, () => ({ path: './fast-exec.cjs', external: true }));
  },
};
const cjs = await build({
  entryPoints: { fast: join(root, 'src/cli/fast.ts'), 'fast-exec': join(root, 'src/cli/fast-exec.ts') },
  outdir,
  outExtension: { '.js': '.cjs' },
  plugins: [fastExec],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  metafile: true,
  logLevel: 'warning',
});

if (args.metafile) writeFileSync(args.metafile, JSON.stringify({ esm: esm.metafile, fast: cjs.metafile }));

if (args.clean) {
  const written = new Set([...Object.keys(esm.metafile.outputs), ...Object.keys(cjs.metafile.outputs)].map((p) => resolve(p))); // metafile paths are relative to the working directory
  const stale = readdirSync(outdir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .filter((p) => !written.has(p));
  for (const p of stale) rmSync(p);
  if (stale.length) console.log(`build: removed ${stale.length} stale file(s) from ${relative(root, outdir) || '.'}`);
}
