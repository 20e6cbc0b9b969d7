import { chmod, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEDROCK_ROLE_ARN, DEFAULT_APP_ID, type Simulator } from '../../src/simulator/index.js';
import { BIN, runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

const t = useOktaE2e();
const env = (): Record<string, string> => t.env();
const cacheFile = (profile: string): string => join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock', 'profiles', `${profile}.json`);

async function login(profile: string, ...extra: string[]): Promise<void> {
  const r = await runCli(t.args(...t.totp(), '--app', `${DEFAULT_APP_ID}/272`, '--profile', profile, ...extra), {
    env: env(),
    input: PASSWORD_LINE,
  });
  expect(r.stderr).toContain('Wrote profile');
  expect(r.code).toBe(0);
}

interface CacheJson {
  gateway: { expiration: string; accessKeyId: string };
  chained?: { expiration: string; accessKeyId: string };
  record: { assumeRoleArn?: string };
}
async function editCache(profile: string, fn: (c: CacheJson) => void): Promise<void> {
  const c = JSON.parse(await readFile(cacheFile(profile), 'utf8')) as CacheJson;
  fn(c);
  await writeFile(cacheFile(profile), JSON.stringify(c));
}
const minutesFromNow = (m: number): string => new Date(Date.now() + m * 60_000).toISOString();
const count = (pred: (r: Simulator['requests'][number]) => boolean): number => t.sim.requests.filter(pred).length;
const oktaCalls = (): number => count((r) => r.service === 'okta');
const samlFetches = (): number => count((r) => r.service === 'okta' && r.path.startsWith('/home/amazon_aws/'));
const stsCalls = (action: string): number => count((r) => r.action === action);

describe('credential-process', () => {
  it('prints exactly the credential_process JSON from the cache after login, nothing else', async () => {
    await login('default');
    const before = t.sim.requests.length;
    const r = await runCli(['credential-process', '--profile', 'default'], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    expect(json.Version).toBe(1);
    expect(json.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const creds = await readFile(t.home.credentialsFile, 'utf8');
    expect(creds).toContain(`aws_access_key_id = ${json.AccessKeyId as string}`);
    expect(t.sim.requests.length).toBe(before);
    expect((await stat(cacheFile('default'))).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(cacheFile('default')))).mode & 0o777).toBe(0o700);
  });

  it('re-chains the Bedrock role from cached gateway credentials without calling Okta', async () => {
    await login('bedrock', '--assume-role-arn', BEDROCK_ROLE_ARN);
    await editCache('bedrock', (c) => {
      c.chained!.expiration = minutesFromNow(5);
      // An hour-long session near its end (10-min credentials would be served by the half-lifetime rule).
      Object.assign(c, { lastRefresh: minutesFromNow(-55), updatedAt: minutesFromNow(-55) });
    });
    const okta = oktaCalls();
    const r = await runCli(['credential-process', '--profile', 'bedrock'], { env: env() });
    expect(r.code).toBe(0);
    expect(oktaCalls()).toBe(okta);
    expect(stsCalls('AssumeRole')).toBe(2);
    expect(stsCalls('AssumeRoleWithSAML')).toBe(1);
    const out = JSON.parse(r.stdout) as { AccessKeyId: string };
    expect(t.sim.issuedCredentials.get(out.AccessKeyId)?.arn).toContain('assumed-role/my-bedrock-role/');
  });

  it('gets a new SAML assertion from the Okta session without password or MFA', async () => {
    await login('bedrock', '--assume-role-arn', BEDROCK_ROLE_ARN);
    await editCache('bedrock', (c) => {
      c.gateway.expiration = minutesFromNow(-1);
      c.chained!.expiration = minutesFromNow(-1);
    });
    const authn = count((r) => r.path.startsWith('/api/v1/authn'));
    const r = await runCli(['credential-process', '--profile', 'bedrock'], { env: env() });
    expect(r.code).toBe(0);
    expect(count((r) => r.path.startsWith('/api/v1/authn'))).toBe(authn);
    expect(samlFetches()).toBe(2);
    expect(stsCalls('AssumeRoleWithSAML')).toBe(2);
  });

  it('with the Okta session gone and no terminal, fails fast with what to run (exit 9)', async () => {
    await login('bedrock', '--assume-role-arn', BEDROCK_ROLE_ARN);
    await editCache('bedrock', (c) => {
      c.gateway.expiration = minutesFromNow(-1);
      c.chained!.expiration = minutesFromNow(-1);
    });
    // End the session on the Okta side, as an idle timeout or a logout elsewhere would.
    const sessionDir = join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock', 'sessions');
    const [file] = await readdir(sessionDir);
    const session = JSON.parse(await readFile(join(sessionDir, file!), 'utf8')) as { cookies: { sid: string } };
    await fetch(`${t.sim.oktaUrl}/api/v1/sessions/me`, { method: 'DELETE', headers: { cookie: `sid=${session.cookies.sid}`, accept: 'application/json' } });
    const t0 = Date.now();
    const r = await runCli(['credential-process', '--profile', 'bedrock'], { env: env() });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.code).toBe(9);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('error: Okta session expired — run `okta-bedrock login --profile bedrock`');
  });

  it('with no cache at all and no terminal, fails fast', async () => {
    const r = await runCli(['credential-process', '--profile', 'nothing'], { env: env() });
    expect(r.code).toBe(9);
    expect(r.stderr).toContain('okta-bedrock login --profile nothing');
  });

  it('a cache file or dir others can read: the warm path hands over, which warns and sets 0600/0700', async () => {
    await login('default');
    const dir = join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock');
    await chmod(cacheFile('default'), 0o644);
    await chmod(join(dir, 'sessions'), 0o755);
    const r = await runCli(['credential-process', '--profile', 'default'], { env: env() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ Version: 1 });
    expect(r.stderr).toContain(`${cacheFile('default')} was readable by others (mode 644); set it to 600`);
    expect((await stat(cacheFile('default'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'sessions'))).mode & 0o777).toBe(0o700);
  });

  it('names --profile in the fail-fast message even for the default profile (issue wording)', async () => {
    const r = await runCli(['credential-process'], { env: env() });
    expect(r.code).toBe(9);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('error: not logged in — run `okta-bedrock login --profile default`');
  });

  it.each([
    ['garbage', 'not json {'],
    ['foreign JSON', '{"hello":"world"}'],
    ['another profile', '{"version":1,"kind":"profile","profile":"other","record":{}}'],
  ])('ignores a corrupt profile cache (%s)', async (_, content) => {
    await mkdir(dirname(cacheFile('default')), { recursive: true });
    await writeFile(cacheFile('default'), content);
    const r = await runCli(['credential-process', '--profile', 'default'], { env: env() });
    expect(r.code).toBe(9);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('ignores a corrupt session cache and rebuilds nothing it cannot', async () => {
    await login('default');
    await editCache('default', (c) => {
      c.gateway.expiration = minutesFromNow(-1);
    });
    const sessionDir = join(t.home.env.XDG_CACHE_HOME!, 'okta-bedrock', 'sessions');
    for (const f of await readdir(sessionDir)) await writeFile(join(sessionDir, f), '{broken');
    const r = await runCli(['credential-process', '--profile', 'default'], { env: env() });
    expect(r.code).toBe(9);
  });

  it('16 parallel cold-cache calls refresh once: 1 SAML fetch and 1 AssumeRoleWithSAML', async () => {
    await login('default');
    await editCache('default', (c) => {
      c.gateway.expiration = minutesFromNow(-1);
    });
    const saml = samlFetches();
    const assume = stsCalls('AssumeRoleWithSAML');
    const results = await Promise.all(
      Array.from({ length: 16 }, () => runCli(['credential-process', '--profile', 'default'], { env: env(), timeoutMs: 60_000 })),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const keys = new Set(results.map((r) => (JSON.parse(r.stdout) as { AccessKeyId: string }).AccessKeyId));
    expect(keys.size).toBe(1);
    expect(samlFetches() - saml).toBe(1);
    expect(stsCalls('AssumeRoleWithSAML') - assume).toBe(1);
  });

  it('works with the AWS SDK for JavaScript fromProcess', async () => {
    await login('default');
    await mkdir(dirname(t.home.configFile), { recursive: true });
    await writeFile(t.home.configFile, `[profile sdk]\ncredential_process = "${process.execPath}" "${BIN}" credential-process --profile default\n`);
    const { fromProcess } = await import('@aws-sdk/credential-providers');
    // fromProcess runs the command with this process's environment.
    const saved = { ...process.env };
    Object.assign(process.env, t.home.env);
    let creds;
    try {
      creds = await fromProcess({ profile: 'sdk', filepath: t.home.credentialsFile, configFilepath: t.home.configFile })();
    } finally {
      for (const k of Object.keys(t.home.env)) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(creds.expiration?.getTime()).toBeGreaterThan(Date.now());
  });
});

describe('setup-aws', () => {
  it('adds a credential_process profile and keeps every other byte', async () => {
    await mkdir(dirname(t.home.configFile), { recursive: true });
    const before = '# my config\n[default]\nregion = eu-west-1\noutput = json\n\n[profile other]\n; keep\nregion = us-west-2\n';
    await writeFile(t.home.configFile, before);
    const dry = await runCli(['setup-aws', '--profile', 'bedrock', '--region', 'us-east-1', '--dry-run'], { env: env() });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+[profile bedrock]');
    expect(dry.stdout).toMatch(/\+credential_process = .*credential-process --profile bedrock/);
    expect(await readFile(t.home.configFile, 'utf8')).toBe(before);
    const r = await runCli(['setup-aws', '--profile', 'bedrock', '--region', 'us-east-1'], { env: env() });
    expect(r.code).toBe(0);
    const after = await readFile(t.home.configFile, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toMatch(/^\n\[profile bedrock\]\ncredential_process = .+ credential-process --profile bedrock\nregion = us-east-1\n$/);
  });

  it("writes the seed's role_arn + source_profile chain", async () => {
    const r = await runCli(['setup-aws', '--profile', 'default', '--chain-profile', 'bedrock', '--role-arn', BEDROCK_ROLE_ARN], { env: env() });
    expect(r.code).toBe(0);
    const text = await readFile(t.home.configFile, 'utf8');
    expect(text).toMatch(/\[default\]\ncredential_process = .+\nregion = us-east-1\n/);
    expect(text).toContain(`[profile bedrock]\nrole_arn = ${BEDROCK_ROLE_ARN}\nsource_profile = default\nregion = us-east-1\n`);
  });

  it('turns a credential_process profile into the chained one (README order: --profile bedrock, then the chain)', async () => {
    expect((await runCli(['setup-aws', '--profile', 'bedrock', '--region', 'us-east-1'], { env: env() })).code).toBe(0);
    const r = await runCli(['setup-aws', '--profile', 'default', '--chain-profile', 'bedrock', '--role-arn', BEDROCK_ROLE_ARN], { env: env() });
    expect(r.code).toBe(0);
    const text = await readFile(t.home.configFile, 'utf8');
    expect(text).toContain(`[profile bedrock]\nregion = us-east-1\nrole_arn = ${BEDROCK_ROLE_ARN}\nsource_profile = default\n`);
    expect(text.match(/credential_process/g)).toHaveLength(1);
  });
});
