import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECOND_APP_ID, BEDROCK_ROLE_ARN, defaultUser, startSimulator, twoAppsSetup, type Simulator } from '../../src/simulator/index.js';
import { tempHome, type TempHome } from '../helpers/cli.js';
import { openTerminal, tmuxMissing, type Terminal } from '../helpers/tmux.js';

const missing = tmuxMissing();
if (missing) console.warn(`skipping the terminal tests: ${missing}`);

const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

let sim: Simulator | undefined;
let term: Terminal | undefined;
afterEach(async () => {
  await term?.close();
  await sim?.close();
  term = undefined;
  sim = undefined;
});

function cliEnv(home: TempHome, s: Simulator, extra: Record<string, string> = {}): Record<string, string> {
  // A push is answered on the 4th poll, 300 ms apart: long enough to watch the spinner count.
  return {
    ...home.env,
    AWS_ENDPOINT_URL_STS: s.stsUrl,
    AWS_ENDPOINT_URL_BEDROCK: s.bedrockUrl,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: s.bedrockRuntimeUrl,
    OKTA_BEDROCK_POLL_INTERVAL_MS: '300',
    ...extra,
  };
}

describe.skipIf(missing !== undefined)('in a real terminal (tmux)', () => {
  it('the config wizard: org, username, push login with a spinner, app and role menus, config written, setup-aws', async () => {
    sim = await startSimulator({ apps: twoAppsSetup(), scenario: { pushApproveAfterPolls: 5, numberChallenge: 42 } });
    const home = await tempHome();
    term = await openTerminal(['config'], cliEnv(home, sim));

    await term.waitFor(/\? Okta org \(acme, acme\.okta\.com or https:\/\/login\.acme\.com\):/);
    await term.line(sim.oktaUrl);
    await term.waitFor(/\? Okta username:/);
    await term.line(defaultUser.login);
    await term.waitFor(/\? Okta password for alice@example\.com:/);
    await term.line(defaultUser.password);

    let screen = await term.waitFor(/\? Which MFA factor\?/);
    expect(screen).toMatch(/❯ Okta Verify push[^\n]*\n\s+Okta Verify code\n\s+Google Authenticator code/);
    expect(screen).not.toContain(defaultUser.password);
    await term.keys('Enter');

    // The wait: the number to tap stays on screen, the spinner counts the seconds.
    screen = await term.waitFor(/approve on your phone… \([1-9] s\)/);
    expect(screen).toContain('Tap number 42 in Okta Verify');
    expect(screen).toMatch(new RegExp(`${SPINNER.source} MFA \\(Okta Verify push[^)]*\\) — approve on your phone… \\(\\d s\\)`));

    screen = await term.waitFor(/\? Which AWS app\?/);
    expect(screen).not.toMatch(SPINNER); // the spinner is gone once the push is approved
    expect(screen).toMatch(/❯ Amazon Web Services \(0oa\w+\)\n\s+AWS Sandbox \(0oa\w+\)/);
    expect(screen).not.toContain('Slack');
    await term.keys('Down', 'Enter');

    screen = await term.waitFor(/\? AWS region for Bedrock: \(us-east-1\)/);
    expect(screen).toMatch(
      /✔ Which AWS app\? AWS Sandbox \(0oa\w+\)\nAuthenticated Alice Smith\nAssuming role arn:aws:iam::123456789012:role\/my-bedrock-role\n/,
    );
    await term.line('us-west-2');
    await term.waitFor(/\? Bedrock role ARN to chain into/);
    await term.keys('Enter');
    await term.waitFor(/\? AWS profile to write: \(default\)/);
    await term.keys('Enter');
    // The keychain is offered only where a backend works (keytar loads and a Secret Service answers).
    screen = await term.waitFor(/\? Keep your Okta password in the OS keychain\? \(y\/N\)|Not offering to keep the password in the OS keychain/);
    if (/\? Keep your Okta password in the OS keychain\?/.test(screen)) await term.keys('Enter');
    screen = await term.waitFor(/\? MFA factor to use by default:/);
    expect(screen).toMatch(/❯ Okta Verify push[^\n]* \(push\)/);
    await term.keys('Enter');
    screen = await term.waitFor(/\? Set up profile "default" in ~\/\.aws\/config/);
    expect(screen).toContain('Wrote ~/.config/okta-bedrock/config.yml');
    expect(screen).toContain(`  appid: ${SECOND_APP_ID}/272`);
    await term.keys('Enter');

    screen = await term.waitFor(/EXIT=\d+/, 30_000);
    expect(screen).toContain('Wrote profile "default" to ~/.aws/config');
    expect(screen).toMatch(/the cached credentials expire \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 1 h\)/);
    // The wizard ends with `okta-bedrock doctor` against the simulator's Bedrock.
    expect(screen).toContain('Checking everything with `okta-bedrock doctor`:');
    expect(screen).toMatch(/✓ GetCallerIdentity: arn:aws:sts::123456789012:assumed-role\/my-bedrock-role\//);
    expect(screen).toMatch(/✓ Claude model invocable/);
    expect(screen).toContain('EXIT=0');

    const config = await readFile(join(home.home, '.config', 'okta-bedrock', 'config.yml'), 'utf8');
    expect(config).toContain(`org: ${sim.oktaUrl}\nusername: alice@example.com\nappid: ${SECOND_APP_ID}/272\nrole: ${BEDROCK_ROLE_ARN}\nregion: us-west-2\n`);
    expect(config).toContain('factor: push');
    expect(await readFile(home.configFile, 'utf8')).toMatch(/\[default\]\ncredential_process = .* credential-process --profile default\nregion = us-west-2\n/);
  });

  it('a push login shows a coloured spinner with the elapsed time; NO_COLOR turns the colours off', async () => {
    for (const noColor of [false, true]) {
      sim = await startSimulator({ scenario: { pushApproveAfterPolls: 6 } });
      const home = await tempHome();
      const args = ['login', '--org', sim.oktaUrl, '--username', defaultUser.login, '--factor', 'push'];
      term = await openTerminal(args, cliEnv(home, sim, noColor ? { NO_COLOR: '1' } : {}));
      await term.waitFor(/\? Okta password for alice@example\.com:/);
      await term.line(defaultUser.password);
      await term.waitFor(/approve on your phone… \([1-9] s\)/);
      const coloured = await term.screen({ escapes: true });
      const spinnerLine = coloured.split('\n').find((l) => l.includes('approve on your phone'))!;
      // tmux re-renders attributes as SGR sequences: colour for the frame, dim for the time.
      expect(/\u001B\[[\d;]*m/.test(spinnerLine)).toBe(!noColor);
      const screen = await term.waitFor(/EXIT=\d+/);
      expect(screen).toContain('Wrote profile "default" to ~/.aws/credentials');
      expect(screen).toMatch(/Session expires at \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 1 h\)/);
      expect(screen).not.toMatch(SPINNER);
      expect(screen).toContain('EXIT=0');
      await term.close();
      await sim.close();
      term = undefined;
      sim = undefined;
    }
  });
});
