import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultUser, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { runCli, tempHome, type TempHome } from '../helpers/cli.js';
import { loginProfile, simEnv } from './bedrock-helpers.js';

const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

let home: TempHome;
beforeEach(async () => {
  home = await tempHome();
});

const KEYMAN = `accounts:
- appid: 0oa1b2c3d4e5f6g7h8i9/272
  name: dev
console: false
duo_factor: push
duration: 3600
org: acme
password_cache: false
region: null
reup: 0
role: null
screen: false
username: automatic-username
`;

describe('config --import-keyman (e2e)', () => {
  const keymanFile = (): string => join(home.home, '.config', 'aws_okta_keyman.yml');
  const ourFile = (): string => join(home.home, '.config', 'okta-bedrock', 'config.yml');

  it('converts ~/.config/aws_okta_keyman.yml without a terminal and says what changed', async () => {
    await writeFile(keymanFile(), KEYMAN);
    const r = await runCli(['config', '--import-keyman'], { env: { ...home.env, USER: 'alice', LOGNAME: 'alice' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Imported ~/.config/aws_okta_keyman.yml → ~/.config/okta-bedrock/config.yml');
    expect(r.stderr).toContain('  org: acme → https://acme.okta.com');
    expect(r.stderr).toContain('  duo_factor: ignored (Duo not supported; use --factor)');
    expect(r.stderr).toContain('  username: automatic-username → alice');
    const text = await readFile(ourFile(), 'utf8');
    expect(text).toContain('org: https://acme.okta.com');
    expect((await stat(ourFile())).mode & 0o777).toBe(0o600);
    // The keyman file is left alone.
    expect(await readFile(keymanFile(), 'utf8')).toBe(KEYMAN);
  });

  it('refuses to replace an existing config without --force; --force keeps a backup', async () => {
    await writeFile(keymanFile(), KEYMAN);
    await mkdir(dirname(ourFile()), { recursive: true });
    await writeFile(ourFile(), '# mine\norg: https://other.okta.com\n');
    const refused = await runCli(['config', '--import-keyman'], { env: home.env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'error: ~/.config/okta-bedrock/config.yml already exists — pass --force to replace it (the old file is kept as ~/.config/okta-bedrock/config.yml.bak)\n',
    );
    expect(await readFile(ourFile(), 'utf8')).toBe('# mine\norg: https://other.okta.com\n');

    const forced = await runCli(['config', '--import-keyman', '--force', '--json'], { env: { ...home.env, USER: 'alice', LOGNAME: 'alice' } });
    expect(forced.code).toBe(0);
    const result = JSON.parse(forced.stdout) as { written: boolean; backup: string; changes: { key: string; kind: string }[] };
    expect(result.written).toBe(true);
    expect(result.changes).toContainEqual(expect.objectContaining({ key: 'duo_factor', kind: 'ignored' }));
    expect(await readFile(result.backup, 'utf8')).toBe('# mine\norg: https://other.okta.com\n');
    expect(await readFile(ourFile(), 'utf8')).toContain('org: https://acme.okta.com');
  });

  it('--dry-run prints the converted file on stdout; a PATH argument and --config choose the files', async () => {
    const src = join(home.home, 'elsewhere.yml');
    const dest = join(home.home, 'team.yml');
    await writeFile(src, 'org: acme\nusername: bob\n');
    const dry = await runCli(['config', '--import-keyman', src, '--config', dest, '--dry-run'], { env: home.env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('org: https://acme.okta.com\nusername: bob\n');
    expect(dry.stderr).toContain('Would import ~/elsewhere.yml → ~/team.yml');
    await expect(stat(dest)).rejects.toThrow();
    const real = await runCli(['config', '--import-keyman', src, '--config', dest], { env: home.env });
    expect(real.code).toBe(0);
    expect(await readFile(dest, 'utf8')).toContain('username: bob');
  });

  it('a missing keyman file is a config error with what to do', async () => {
    const r = await runCli(['config', '--import-keyman'], { env: home.env });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('error: No aws_okta_keyman config at ~/.config/aws_okta_keyman.yml — pass its path: okta-bedrock config --import-keyman FILE\n');
  });

  it('the wizard without a terminal says what to do instead', async () => {
    const r = await runCli(['config'], { env: home.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: The config wizard needs a terminal — .*--import-keyman/);
  });
});

describe('version, help, completion (e2e)', () => {
  it('--version prints package.json version', async () => {
    const r = await runCli(['--version']);
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.code).toBe(0);
  });

  it('completion bash prints a script on stdout', async () => {
    const r = await runCli(['completion', 'bash']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('complete -F _okta_bedrock okta-bedrock');
    const bad = await runCli(['completion', 'tcsh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish.");
  });
});

describe('terminal polish on a login (e2e)', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(async () => {
    await sim.close();
  });
  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...home.env,
    AWS_ENDPOINT_URL_STS: sim.stsUrl,
    OKTA_BEDROCK_POLL_INTERVAL_MS: '20',
    ...extra,
  });
  const login = (...more: string[]): string[] => ['login', '--org', sim.oktaUrl, '--username', defaultUser.login, '--password-stdin', ...more];
  const pw = `${defaultUser.password}\n`;

  it("prints keyman's lines in keyman's order, with a human expiry", async () => {
    const r = await runCli(login('--factor', 'push'), { env: env(), input: pw });
    expect(r.code).toBe(0);
    const order = ['approve on your phone', 'Authenticated Alice Smith', 'Assuming role', 'Wrote profile "default"', 'Session expires at'];
    const at = order.map((s) => r.stderr.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(r.stderr).toMatch(/ UTC \(in 1 h\)\n$/);
  });

  it('--json prints the result without secrets; --quiet leaves stderr empty', async () => {
    const r = await runCli(login('--factor', 'totp', '--passcode', sim.totp(), '--json', '--quiet'), { env: env(), input: pw });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ profile: 'default', username: defaultUser.login, region: 'us-east-1', credentialsFile: home.credentialsFile });
    expect(out.accessKeyId).toMatch(/^\*{4}\w{4}$/);
    const creds = await readFile(home.credentialsFile, 'utf8');
    const secret = /aws_secret_access_key = (\S+)/.exec(creds)![1]!;
    expect(r.stdout).not.toContain(secret);
  });

  it('--debug shows what happens and masks every secret', async () => {
    const r = await runCli(login('--factor', 'push', '--debug'), { env: env(), input: pw });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('debug: okta POST /api/v1/authn → 200');
    expect(r.stderr).toContain('debug: settings: {');
    const creds = await readFile(home.credentialsFile, 'utf8');
    const values = [...creds.matchAll(/^aws_(?:secret_access_key|session_token) = (\S+)$/gm)].map((m) => m[1]!);
    expect(values).toHaveLength(2);
    const sessions = join(home.home, '.cache', 'okta-bedrock', 'sessions');
    const [sessionFile] = await readdir(sessions);
    const session = JSON.parse(await readFile(join(sessions, sessionFile!), 'utf8')) as { cookies: Record<string, string> };
    for (const secret of [defaultUser.password, ...values, ...Object.values(session.cookies)]) expect(r.stderr).not.toContain(secret);
  });

  it.each([
    ['FORCE_COLOR=1', { FORCE_COLOR: '1' }, true],
    ['NO_COLOR=1 (beats FORCE_COLOR)', { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
    ['a pipe', {}, false],
  ])('errors are red only with colours on: %s', async (_name, extra, coloured) => {
    const r = await runCli(login('--factor', 'totp', '--passcode', sim.totp()), { env: env(extra), input: 'wrong\n' });
    expect(r.code).toBe(4);
    expect(r.stderr.includes('\u001B[31merror:')).toBe(coloured);
    expect(r.stderr).toContain('Okta authentication failed — check your username and password');
  });
});

describe('--json on the Bedrock commands that print data (e2e)', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(async () => {
    await sim.close();
  });

  it('env --json and console --json print one JSON document', async () => {
    await loginProfile(sim, home);
    const env = await runCli(['env', '--profile', 'bedrock', '--json'], { env: simEnv(sim, home) });
    expect(env.code, env.stderr).toBe(0);
    const vars = JSON.parse(env.stdout) as Record<string, unknown>;
    expect(vars).toMatchObject({ AWS_ACCESS_KEY_ID: expect.stringMatching(/^ASIA/), AWS_REGION: 'us-east-1', unset: [] });
    const consoleUrl = await runCli(['console', '--profile', 'bedrock', '--json'], { env: simEnv(sim, home) });
    expect(consoleUrl.code, consoleUrl.stderr).toBe(0);
    expect(JSON.parse(consoleUrl.stdout)).toMatchObject({ url: expect.stringMatching(/^http/), partition: 'aws', region: 'us-east-1' });
  });
});
