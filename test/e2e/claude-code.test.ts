/**
 * The real Claude Code (`@anthropic-ai/claude-code`, print mode, offline) on the simulated Bedrock
 * runtime after `okta-bedrock setup claude-code`. The binary comes from node_modules, from
 * OKTA_BEDROCK_CLAUDE_BIN, or from the cache folder .ci/run installs it into; without one the
 * test skips with the reason printed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, childEnv, runCli } from '../helpers/cli.js';
import { BEDROCK_ROLE_ARN, DEFAULT_APP_ID, defaultUser } from '../../src/simulator/index.js';
import { simEnv, useBedrockE2e } from './bedrock-helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const candidates = [
  process.env.OKTA_BEDROCK_CLAUDE_BIN,
  join(ROOT, 'node_modules', '.bin', 'claude'),
  join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'okta-bedrock-ci', 'claude-code', 'node_modules', '.bin', 'claude'),
].filter((p): p is string => Boolean(p));
const CLAUDE = candidates.find((p) => existsSync(p));
if (!CLAUDE) console.log(`claude-code test skipped: no claude binary (looked in ${candidates.join(', ')}; .ci/run installs it)`);

const t = useBedrockE2e({ resetDenials: true });
const KEYRING_RUN = join(import.meta.dirname, 'fixtures', 'keyring-run.sh');

/** Why the keyring part cannot run here (keytar, dbus-run-session, gnome-keyring), or undefined. */
function keyringMissing(): string | undefined {
  const keytar = spawnSync(process.execPath, ['-e', "require('keytar')"], { cwd: ROOT, encoding: 'utf8' });
  if (keytar.status !== 0) return 'keytar is not installed or did not build';
  const probe = spawnSync('dbus-run-session', ['--', 'sh', '-c', 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && echo ok'], {
    encoding: 'utf8',
    timeout: 15_000,
    env: { ...process.env, HOME: '/tmp' },
  });
  if (probe.error || !probe.stdout.includes('ok')) return 'dbus-run-session / gnome-keyring-daemon cannot start';
  return undefined;
}
const noKeyring = CLAUDE ? keyringMissing() : 'no claude binary';
if (CLAUDE && noKeyring) console.log(`claude-code recovery test skipped: ${noKeyring}`);

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command, inside a dbus session with the HOME's GNOME keyring unlocked when `keyring`. */
function runIn(cmd: string, args: string[], env: Record<string, string>, o: { keyring?: boolean; input?: string; timeoutMs?: number } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const e = childEnv({ ...env, KEYRING_PASSWORD: 'keyring-test-password' });
    for (const k of Object.keys(e)) if (k.startsWith('DBUS_')) delete e[k];
    const [file, argv] = o.keyring ? ['dbus-run-session', ['--', 'sh', KEYRING_RUN, cmd, ...args]] : [cmd, args];
    const child = spawn(file, argv, { env: e, cwd: env.HOME, stdio: [o.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (o.input !== undefined) child.stdin?.end(o.input);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 150_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe('Claude Code on the simulated Bedrock through okta-bedrock', () => {
  it.skipIf(!CLAUDE)('answers after setup claude-code, every call signed with our keys', async () => {
    const configDir = join(t.home.home, '.claude');
    await mkdir(configDir, { recursive: true });
    const env = simEnv(t.sim, t.home, {
      CLAUDE_CONFIG_DIR: configDir,
      ANTHROPIC_BEDROCK_BASE_URL: t.sim.bedrockRuntimeUrl,
      DISABLE_TELEMETRY: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    });
    const setup = await runCli(['setup', 'claude-code', '--profile', 'bedrock'], { env });
    expect(setup.code, setup.stderr).toBe(0);
    const before = t.sim.requests.length;
    const r = await runIn(CLAUDE!, ['-p', 'What is the capital of Georgia?'], env);
    const calls = t.sim.requests.slice(before).filter((q) => q.service === 'bedrock-runtime');
    console.log(
      JSON.stringify(
        {
          code: r.code,
          ms: r.ms,
          stdout: r.stdout.slice(0, 500),
          stderr: r.stderr.slice(0, 1500),
          calls: calls.map((c) => `${c.method} ${c.path} ${c.status}`),
        },
        null,
        2,
      ),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The capital of Georgia is Atlanta');
    expect(calls.length).toBeGreaterThan(0);
    // Every runtime call passed SigV4 with credentials the simulated STS issued to us.
    expect(calls.filter((c) => c.status === 403)).toEqual([]);
  });

  it.skipIf(noKeyring !== undefined)(
    'with the Okta session ended, recovers through awsAuthRefresh (keychain password + push) without a hang',
    async () => {
      const configDir = join(t.home.home, '.claude');
      const env = simEnv(t.sim, t.home, {
        CLAUDE_CONFIG_DIR: configDir,
        ANTHROPIC_BEDROCK_BASE_URL: t.sim.bedrockRuntimeUrl,
        DISABLE_TELEMETRY: '1',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        OKTA_BEDROCK_POLL_INTERVAL_MS: '50',
      });
      // A sign-in that saves the password in the keychain (what `login --password-cache` is for).
      const login = await runIn(
        process.execPath,
        [
          BIN,
          'login',
          '--org',
          t.sim.oktaUrl,
          '--username',
          defaultUser.login,
          '--factor',
          'push',
          '--app',
          `${DEFAULT_APP_ID}/272`,
          '--profile',
          'bedrock',
          '--assume-role-arn',
          BEDROCK_ROLE_ARN,
          '--password-stdin',
          '--password-cache',
          '--force',
        ],
        env,
        { keyring: true, input: `${defaultUser.password}\n` },
      );
      expect(login.code, login.stderr).toBe(0);
      // The credentials expire and the Okta session ends (idle timeout, logout elsewhere).
      const cacheDir = join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock');
      const profileFile = join(cacheDir, 'profiles', 'bedrock.json');
      const c = JSON.parse(await readFile(profileFile, 'utf8')) as { gateway: { expiration: string }; chained: { expiration: string } };
      c.gateway.expiration = c.chained.expiration = new Date(Date.now() - 60_000).toISOString();
      await writeFile(profileFile, JSON.stringify(c));
      for (const f of await readdir(join(cacheDir, 'sessions'))) {
        const s = JSON.parse(await readFile(join(cacheDir, 'sessions', f), 'utf8')) as { cookies: { sid: string } };
        await fetch(`${t.sim.oktaUrl}/api/v1/sessions/me`, { method: 'DELETE', headers: { cookie: `sid=${s.cookies.sid}`, accept: 'application/json' } });
      }
      const saml = t.sim.requests.filter((q) => q.action === 'AssumeRoleWithSAML').length;
      const r = await runIn(CLAUDE!, ['-p', 'What is the capital of Georgia?'], env, { keyring: true, timeoutMs: 170_000 });
      console.log(JSON.stringify({ code: r.code, ms: r.ms, stdout: r.stdout.slice(0, 800), stderr: r.stderr.slice(0, 1500) }, null, 2));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('The capital of Georgia is Atlanta');
      expect(t.sim.requests.filter((q) => q.action === 'AssumeRoleWithSAML').length).toBeGreaterThan(saml);
    },
    200_000,
  );
});
