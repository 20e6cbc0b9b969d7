import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, defaultUser, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { tempHome } from '../helpers/cli.js';
import { hasScript, runCliTty } from '../helpers/tty.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe.skipIf(!hasScript)('login --reup on a terminal', () => {
  it('when the Okta session ends it signs in again with the password from the login and asks for a TOTP code', async () => {
    // 60-second credentials: the first refresh comes ~30 s after the login.
    const s = (sim = await startSimulator({ credentialLifetimeSeconds: 60 }));
    const home = await tempHome();
    const sessions = join(home.home, '.cache', 'okta-bedrock', 'sessions');
    const endSession = async (): Promise<void> => {
      const [file] = await readdir(sessions);
      const { cookies } = JSON.parse(await readFile(join(sessions, file as string), 'utf8')) as { cookies: { sid: string } };
      await fetch(`${s.oktaUrl}/api/v1/sessions/me`, { method: 'DELETE', headers: { accept: 'application/json', cookie: `sid=${cookies.sid}` } });
    };
    let firstCodeAt = 0;
    const r = await runCliTty(['login', '--org', s.oktaUrl, '--username', defaultUser.login, '--factor', 'totp', '--app', `${DEFAULT_APP_ID}/272`, '--reup'], {
      env: { ...home.env, AWS_ENDPOINT_URL_STS: s.stsUrl },
      timeoutMs: 90_000,
      steps: [
        { expect: 'Okta password', send: `${defaultUser.password}\r` },
        { expect: 'Enter your Okta Verify code', send: () => ((firstCodeAt = Date.now()), `${s.totp()}\r`) },
        { expect: 'okta-bedrock reup started', send: () => (void endSession(), '') },
        // The next time step's code: Okta refuses a code twice, and accepts ±1 step.
        { expect: 'Enter your Okta Verify code', send: () => `${s.totp(undefined, new Date(firstCodeAt + 30_000))}\r` },
        { expect: /Refreshed "default" \(login\)/, send: '\x03' },
      ],
    });
    expect(r.output).toContain('signing in again');
    expect(r.output).toMatch(/Received SIGINT; stopping[\s\S]*Stopped/);
    // The password was typed once: after the login, only the TOTP code was asked for.
    expect(r.output.slice(r.output.indexOf('okta-bedrock reup started'))).not.toContain('Okta password');
    expect(r.code).toBe(0);
    expect(s.requests.filter((q) => q.path === '/api/v1/authn')).toHaveLength(2);
  });
});
