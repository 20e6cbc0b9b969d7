import { spawn } from 'node:child_process';
import { access, readdir, readFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { name: string; version: string; engines: { node: string } };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** npm's own settings from `npm test` (npm_config_*, npm_lifecycle_*) must not leak into the npm we run. */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^npm_/i.test(k)) env[k] = v;
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

function run(cmd: string, args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd ?? root, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Enough of semver for `engines.node` ranges: `>=a.b.c`, `^a.b.c`, `a || b`, `>=a <b`. */
function satisfies(version: string, range: string): boolean {
  const v = version.split('.').map(Number);
  const cmp = (a: number[], b: number[]): number => {
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  return range.split('||').some((alt) =>
    alt
      .trim()
      .split(/\s+(?=[<>^~=])/)
      .every((part) => {
        const m = /^(>=|<=|>|<|\^|~|=)?\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(part.trim());
        if (!m) return true; // "*" or empty
        const want = [Number(m[2]), Number(m[3]) || 0, Number(m[4]) || 0];
        const c = cmp(v, want);
        switch (m[1]) {
          case '>=':
            return c >= 0;
          case '>':
            return c > 0;
          case '<=':
            return c <= 0;
          case '<':
            return c < 0;
          case '^':
            return c >= 0 && v[0] === want[0];
          case '~':
            return c >= 0 && v[0] === want[0] && v[1] === want[1];
          default:
            return m[3] === undefined ? v[0] === want[0] : c === 0;
        }
      }),
  );
}

const ALLOWED = /^(package\.json|README\.md|LICENSE|config\.example\.yml|bin\/okta-bedrock\.cjs|dist\/[\w/.-]+\.(js|cjs))$/;

describe('packaging (npm pack → npm install -g from the tarball)', () => {
  it('the tarball holds only the build, README, LICENSE and config.example.yml — no sources, tests or source maps', async () => {
    const r = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']);
    expect(r.code).toBe(0);
    const [info] = JSON.parse(r.stdout) as [{ files: { path: string }[]; size: number }];
    const paths = info.files.map((f) => f.path).sort();
    expect(paths.filter((p) => !ALLOWED.test(p))).toEqual([]);
    for (const p of ['bin/okta-bedrock.cjs', 'dist/main.js', 'dist/fast.cjs', 'README.md', 'LICENSE', 'config.example.yml', 'package.json']) {
      expect(paths).toContain(p);
    }
    console.log(`npm pack: ${paths.length} files, ${(info.size / 1024).toFixed(1)} kB packed`);
  });

  it('engines: our Node floor satisfies every runtime dependency, and keytar stays optional', async () => {
    expect(pkg.engines.node).toMatch(/^>=\d+\.\d+\.\d+$/);
    const floor = pkg.engines.node.slice(2);
    const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; engines?: { node?: string } | string[] }>;
    };
    const refusing = Object.entries(lock.packages)
      .filter(([path, p]) => path && !p.dev && !Array.isArray(p.engines) && p.engines?.node)
      .filter(([, p]) => !satisfies(floor, (p.engines as { node: string }).node))
      .map(([path, p]) => `${path} wants node ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
    const all = pkg as unknown as { dependencies?: Record<string, string> };
    // keytar (OS keychain) needs libsecret and a native build: it may only ever be optional.
    expect(Object.keys(all.dependencies ?? {})).not.toContain('keytar');
  });

  it('installs globally into a clean prefix, offline from the npm cache, and runs from PATH', async (ctx) => {
    const work = await tempDir('okta-bedrock-pack-');
    const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work]);
    expect(packed.code, packed.stderr).toBe(0);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const tarball = join(work, filename);
    const prefix = join(work, 'prefix');

    const started = Date.now();
    const install = await run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], {
      cwd: work,
      timeoutMs: 240_000,
    });
    if (install.code !== 0 && /ENOTCACHED|offline|EAI_AGAIN|ENOTFOUND/i.test(install.stderr)) {
      console.warn(`skipping the global-install check: npm cannot install offline here (cache not warm):\n${install.stderr.slice(0, 500)}`);
      ctx.skip();
    }
    expect(install.code, install.stderr).toBe(0);
    console.log(`npm install -g (offline) took ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const installed = join(prefix, 'lib', 'node_modules', pkg.name);
    const top = (await readdir(installed)).sort();
    expect(top).toEqual(expect.arrayContaining(['bin', 'dist', 'package.json', 'README.md', 'LICENSE', 'config.example.yml']));
    expect(top).not.toContain('src');
    expect(top).not.toContain('scripts'); // so `prepare` (the build) did not and could not run on install
    await access(join(prefix, 'bin', 'okta-bedrock'));

    // A PATH with only the prefix and node: the installed command, not this checkout's.
    const home = await tempHome();
    const env = cleanEnv({ ...home.env, PATH: [join(prefix, 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter) });
    const version = await run('okta-bedrock', ['--version'], { env, cwd: work });
    expect(version.stdout.trim()).toBe(pkg.version);
    const demo = await run('okta-bedrock', ['demo'], { env, cwd: work, timeoutMs: 60_000 });
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/aws_access_key_id = \*{4}\w{4}/);
    expect(demo.stderr).toContain('Demo complete');
  }, 300_000);
});
