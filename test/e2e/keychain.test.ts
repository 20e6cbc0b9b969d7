/**
 * The password cache with the real keytar against a real GNOME keyring: the CLI runs inside
 * `dbus-run-session` with an unlocked keyring (.ci/run installs libsecret-1-dev, gnome-keyring
 * and dbus). Skipped, with the reason printed, only where that cannot start.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, defaultUser, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { BIN, tempHome, type TempHome } from '../helpers/cli.js';

const SCRIPT = join(import.meta.dirname, 'fixtures', 'keychain-session.sh');

function cannotStart(): string | undefined {
  const keytar = spawnSync(process.execPath, ['-e', "require('keytar')"], { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8' });
  if (keytar.status !== 0) return `keytar is not installed or did not build (${keytar.stderr.trim().split('\n')[0]})`;
  const probe = spawnSync('dbus-run-session', ['--', 'sh', '-c', 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && echo ok'], {
    encoding: 'utf8',
    timeout: 15_000,
    env: { ...process.env, HOME: '/tmp' },
  });
  if (probe.error) return `dbus-run-session cannot start (${probe.error.message}) — install dbus and gnome-keyring`;
  if (!probe.stdout.includes('ok')) return `gnome-keyring-daemon did not start under dbus-run-session (${probe.stderr.trim().split('\n').at(-1)})`;
  return undefined;
}

const skip = cannotStart();
if (skip) console.log(`keychain test skipped: ${skip}`);

let sim: Simulator;
let home: TempHome;
beforeAll(async () => {
  sim = await startSimulator();
  home = await tempHome();
});
afterAll(async () => {
  await sim?.close();
});

function run(): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && !k.startsWith('AWS_') && !k.startsWith('OKTA_BEDROCK_') && !k.startsWith('DBUS_') && !/_PROXY$/i.test(k)) env[k] = v;
    }
    Object.assign(env, home.env, {
      AWS_ENDPOINT_URL_STS: sim.stsUrl,
      OKTA_BEDROCK_POLL_INTERVAL_MS: '50',
      NODE: process.execPath,
      BIN,
      ORG: sim.oktaUrl,
      USERNAME: defaultUser.login,
      APP: `${DEFAULT_APP_ID}/272`,
      OKTA_PASSWORD: defaultUser.password,
      KEYRING_PASSWORD: 'keyring-test-password',
      OUT: home.home,
    });
    const child = spawn('dbus-run-session', ['--', 'sh', SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, code });
    });
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('password cache with the real keytar and GNOME keyring', () => {
  it.skipIf(skip !== undefined)(
    'saves after Okta accepted it, signs in without a prompt, --password-reset re-asks, logout --forget-password forgets',
    async () => {
      const r = await run();
      const err = async (n: number): Promise<string> => readFile(join(home.home, `step${n}.err`), 'utf8');
      expect(r.stdout, await err(1).catch(() => 'no step1.err')).toContain('step1=0');
      expect(await err(1)).toContain('Saved the Okta password in the OS keychain');
      // No terminal and no stdin: the password comes from the keychain.
      expect(r.stdout, await err(2)).toContain('step2=0');
      expect(await err(2)).toContain('Wrote profile "default"');
      expect(await err(2)).not.toContain('Saved the Okta password');
      // --password-reset: forgotten, asked again (stdin here), saved again once Okta accepted it.
      expect(r.stdout, await err(3)).toContain('step3=0');
      expect(await err(3)).toMatch(/Removed the saved Okta password from the OS keychain[\s\S]*Saved the Okta password in the OS keychain/);
      expect(r.stdout).toContain('step4=0');
      expect(await err(4)).toContain('Removed the saved Okta password of alice@example.com from the OS keychain');
      // Forgotten: no terminal, no keychain entry → login required (exit 9).
      expect(r.stdout).toContain('step5=9');
      expect(await err(5)).toMatch(/A password is needed but there is no terminal/);
      // Never in plaintext: the password is in no file under HOME except the keyring's own (encrypted).
      for (const f of await filesUnder(home.home)) {
        if (f.includes(join('.local', 'share', 'keyrings'))) continue;
        expect(await readFile(f, 'utf8'), f).not.toContain(defaultUser.password);
      }
    },
  );
});
