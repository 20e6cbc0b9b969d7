import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BEDROCK_ROLE_ARN, DEFAULT_APP_ID, defaultUser } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';
import { spawnCli, type LiveCli } from '../helpers/process.js';

// Registered first, so its afterEach (closing the simulator) runs after this file's.
const t = useOktaE2e();
const live: LiveCli[] = [];

afterEach(async () => {
  for (const l of live.splice(0)) if (l.child.exitCode === null) l.child.kill('SIGKILL');
  // A detached daemon from `daemon start`, if a test failed before stopping it.
  const pidFile = join(t.home.home, '.cache', 'okta-bedrock', 'daemon.pid');
  if (existsSync(pidFile)) {
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

const env = t.env;
const loginArgs = (...more: string[]): string[] => t.args(...t.totp(), '--app', `${DEFAULT_APP_ID}/272`, ...more);

async function login(...more: string[]): Promise<void> {
  const r = await runCli(loginArgs(...more), { env: env(), input: PASSWORD_LINE });
  expect(r.stderr).toContain('Wrote profile');
  expect(r.code).toBe(0);
}

describe('okta-bedrock daemon (e2e, real child processes)', () => {
  it('daemon run: SIGHUP reloads, status shows it, SIGTERM exits cleanly within 2 s', async () => {
    await login('--assume-role-arn', BEDROCK_ROLE_ARN);
    const d = spawnCli(['daemon', 'run'], env());
    live.push(d);
    await d.waitFor(/okta-bedrock daemon started \(pid \d+\)/);
    await d.waitFor(/"default" is fresh until|Refreshed "default"/);
    const status = await runCli(['daemon', 'status', '--json'], { env: env() });
    expect(status.code).toBe(0);
    const s = JSON.parse(status.stdout) as { running: boolean; pid: number; profiles: Record<string, { state: string }> };
    expect(s.running).toBe(true);
    expect(s.pid).toBe(d.child.pid);
    expect(['ok', 'starting']).toContain(s.profiles.default?.state);

    const overview = await runCli(['status', '--json'], { env: env() });
    const o = JSON.parse(overview.stdout) as {
      daemon: { running: boolean };
      profiles: { profile: string; daemon: string; credentialsValid: boolean; oktaSessionValid: boolean }[];
    };
    expect(o.daemon.running).toBe(true);
    expect(o.profiles[0]).toMatchObject({ profile: 'default', daemon: 'ok', credentialsValid: true, oktaSessionValid: true });

    // A second refresher for the same user refuses to start.
    const second = await runCli(['daemon', 'run'], { env: env() });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/already running \(pid \d+\)/);

    d.child.kill('SIGHUP');
    await d.waitFor(/Reloaded the configuration/);
    expect(d.child.exitCode).toBeNull();

    const t0 = performance.now();
    d.child.kill('SIGTERM');
    const exit = await d.exited;
    expect(exit.at - t0).toBeLessThan(2000);
    expect(exit.code).toBe(0);
    expect(d.stderr()).toMatch(/Received SIGTERM; stopping[\s\S]*Stopped/);
    expect(existsSync(join(t.home.home, '.cache', 'okta-bedrock', 'daemon.pid'))).toBe(false);
    const log = await readFile(join(t.home.home, '.cache', 'okta-bedrock', 'daemon.log'), 'utf8');
    expect(log).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z okta-bedrock daemon started/m);
    expect(log).not.toContain(defaultUser.password);
    const after = await runCli(['daemon', 'status'], { env: env() });
    expect(after.stdout).toContain('not running');
  });

  it('daemon start | status | stop: detached, one instance, stops on request', async () => {
    await login();
    // --password-cache with no Secret Service to reach: said up front, with the fix.
    const noKeyring = { ...env(), DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/okta-bedrock-test-bus', DISPLAY: undefined };
    const start = await runCli(['daemon', 'start', '--profile', 'default', '--password-cache'], { env: noKeyring });
    expect(start.stderr).toMatch(/Started the okta-bedrock daemon \(pid \d+\); log: ~\/\.cache\/okta-bedrock\/daemon\.log/);
    expect(start.stderr).toMatch(/warning: --password-cache: the OS keychain is unavailable \(.+\), so the password cannot be read from it — fix: /);
    expect(start.code).toBe(0);
    const again = await runCli(['daemon', 'start'], { env: env() });
    expect(again.stderr).toMatch(/already running/);
    const status = await runCli(['daemon', 'status'], { env: env() });
    expect(status.stdout).toMatch(/okta-bedrock daemon: running \(pid \d+\)/);
    // `daemon start|stop|status [--profile A,B]`: status lists only the profiles named.
    const only = await runCli(['daemon', 'status', '--profile', 'other', '--json'], { env: env() });
    expect(only.code).toBe(0);
    expect(JSON.parse(only.stdout)).toMatchObject({ running: true, profiles: {} });
    const stop = await runCli(['daemon', 'stop', '--profile', 'default'], { env: env() });
    expect(stop.stderr).toMatch(/Stopped the okta-bedrock daemon/);
    expect(stop.code).toBe(0);
    const stopped = await runCli(['daemon', 'stop'], { env: env() });
    expect(stopped.stderr).toContain('not running');
  });

  it('login --reup stays in the foreground, refreshes, and exits on Ctrl-C (SIGINT)', async () => {
    const r = spawnCli(loginArgs('--reup'), env(), `${defaultUser.password}\n`);
    live.push(r);
    await r.waitFor(/Keeping the credentials fresh \(--reup\)/);
    await r.waitFor(/okta-bedrock reup started/);
    const t0 = performance.now();
    r.child.kill('SIGINT');
    const exit = await r.exited;
    expect(exit.at - t0).toBeLessThan(2000);
    expect(exit.code).toBe(0);
    expect(r.stderr()).toContain('Wrote profile "default"');
    expect(r.stderr()).not.toContain(defaultUser.password);
  });

  it('daemon install writes a user service and prints how to enable it; uninstall removes it', async () => {
    const dry = await runCli(['daemon', 'install', '--dry-run', '--profile', 'bedrock'], { env: env() });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/ExecStart=.* daemon run --profile bedrock/);
    expect(dry.stdout).toContain(`Environment=AWS_ENDPOINT_URL_STS=${t.sim.stsUrl}`);
    const install = await runCli(['daemon', 'install'], { env: env() });
    expect(install.code).toBe(0);
    const unit = join(t.home.home, '.config', 'systemd', 'user', 'okta-bedrock.service');
    expect(await readFile(unit, 'utf8')).toContain('[Service]');
    expect(install.stdout).toContain('systemctl --user enable --now okta-bedrock.service');
    const uninstall = await runCli(['daemon', 'uninstall'], { env: env() });
    expect(uninstall.code).toBe(0);
    expect(existsSync(unit)).toBe(false);
    expect(uninstall.stderr).toContain('Removed ~/.config/systemd/user/okta-bedrock.service');
    // No user systemd here: the manual commands name the service, since its file is gone.
    if (uninstall.stdout) expect(uninstall.stdout).toContain('systemctl --user stop okta-bedrock.service');
  });
});

describe('okta-bedrock status and logout (e2e)', () => {
  it('status lists profiles; logout ends the Okta session and removes what was cached', async () => {
    await login('--profile', 'bedrock', '--assume-role-arn', BEDROCK_ROLE_ARN);
    const table = await runCli(['status'], { env: env() });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^PROFILE\s+CREDENTIALS EXPIRE\s+OKTA SESSION\s+DAEMON\s+LAST REFRESH\s+LAST ERROR/);
    expect(table.stdout).toMatch(
      /bedrock\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC \(in [^)]+\)\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC \(in [^)]+\)\s+not running\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC \(\d+ s ago\)\s+—/,
    );
    const json = JSON.parse((await runCli(['status', '--json'], { env: env() })).stdout) as { profiles: { role: string }[] };
    expect(json.profiles[0]?.role).toBe(BEDROCK_ROLE_ARN);

    const out = await runCli(['logout', '--profile', 'bedrock'], { env: env() });
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('Ended the Okta session of alice@example.com');
    expect(out.stderr).toContain('Removed profile "bedrock" from ~/.aws/credentials');
    expect(t.sim.requests.some((q) => q.method === 'DELETE' && q.path === '/api/v1/sessions/me' && q.status === 204)).toBe(true);
    expect((await runCli(['status'], { env: env() })).stdout).toContain('No profiles yet');
    expect(await readFile(t.home.credentialsFile, 'utf8')).not.toContain('[bedrock]');
  });
});
