import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEDROCK_ROLE_ARN, DEFAULT_APP_ID, DEFAULT_OIDC_CLIENT_ID, defaultUser, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { runCli, tempHome, type CliResult, type TempHome } from '../helpers/cli.js';
import { spawnCli } from '../helpers/process.js';

/**
 * Secrets never leak: the CLI's main flows run with debug output on, and every byte they print and
 * every file they leave outside the credentials file and the 0600 cache is scanned for every secret
 * the simulated Okta and AWS know: password, TOTP secret, state/session tokens, sid cookies, SAML
 * assertions, AWS secret keys and session tokens, OIDC tokens.
 */
let sim: Simulator;
let home: TempHome;
const outputs: { what: string; text: string }[] = [];
const codes = new Map<string, number | null>();

const env = (): Record<string, string> => ({
  ...home.env,
  AWS_ENDPOINT_URL_STS: sim.stsUrl,
  AWS_ENDPOINT_URL_BEDROCK: sim.bedrockUrl,
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: sim.bedrockRuntimeUrl,
  OKTA_BEDROCK_FEDERATION_URL: sim.federationUrl,
  OKTA_BEDROCK_DEBUG: '1',
  OKTA_BEDROCK_POLL_INTERVAL_MS: '20',
});
const pw = `${defaultUser.password}\n`;

async function run(what: string, args: string[], options: { input?: string; stdoutCarriesKeys?: boolean } = {}): Promise<CliResult> {
  const r = await runCli(args, { env: env(), input: options.input });
  codes.set(what, r.code);
  outputs.push({ what: `${what} (stderr)`, text: r.stderr });
  if (!options.stdoutCarriesKeys) outputs.push({ what: `${what} (stdout)`, text: r.stdout });
  return r;
}

const login = (profile: string, ...extra: string[]): string[] => [
  'login',
  '--org',
  sim.oktaUrl,
  '--username',
  defaultUser.login,
  '--password-stdin',
  '--app',
  `${DEFAULT_APP_ID}/272`,
  '--profile',
  profile,
  '--debug',
  ...extra,
];
const cacheDir = (): string => join(home.env.XDG_CACHE_HOME!, 'okta-bedrock');

async function expireCache(profile: string, which: ('gateway' | 'chained')[]): Promise<void> {
  const file = join(cacheDir(), 'profiles', `${profile}.json`);
  const c = JSON.parse(await readFile(file, 'utf8')) as Record<string, { expiration: string }>;
  for (const w of which) if (c[w]) c[w].expiration = new Date(Date.now() - 60_000).toISOString();
  await writeFile(file, JSON.stringify(c));
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

beforeAll(async () => {
  sim = await startSimulator({ scenario: { numberChallenge: 42, deviceInterval: 1 } });
  home = await tempHome();

  await run('login totp chained', login('bedrock', '--factor', 'totp', '--passcode', sim.totp(), '--assume-role-arn', BEDROCK_ROLE_ARN), { input: pw });
  await run('login push', login('default', '--factor', 'push'), { input: pw });
  await run('credential-process warm', ['credential-process', '--profile', 'bedrock'], { stdoutCarriesKeys: true });
  await expireCache('bedrock', ['chained']);
  await run('credential-process re-chain', ['credential-process', '--profile', 'bedrock'], { stdoutCarriesKeys: true });
  await expireCache('bedrock', ['gateway', 'chained']);
  await run('credential-process SAML refresh', ['credential-process', '--profile', 'bedrock'], { stdoutCarriesKeys: true });
  await run('wrong password', login('x', '--force', '--factor', 'totp', '--passcode', '000000'), { input: 'not-the-password\n' });
  await run('wrong code', login('x', '--force', '--factor', 'totp', '--passcode', '000000'), { input: pw });
  sim.scenario.tamperAssertion = true;
  await run('tampered SAML', login('x', '--force', '--factor', 'push'), { input: pw });
  sim.scenario.tamperAssertion = false;
  sim.scenario.malformedSaml = true;
  await run('malformed SAML', login('x', '--force', '--factor', 'push'), { input: pw });
  sim.scenario.malformedSaml = false;
  await run('setup-aws', ['setup-aws', '--profile', 'bedrock', '--debug']);
  await run('models', ['models', '--profile', 'bedrock', '--debug']);
  await run('test prompt', ['test', '--profile', 'bedrock', '--debug']);
  await run('doctor', ['doctor', '--profile', 'bedrock', '--debug']);
  await run('env', ['env', '--profile', 'bedrock', '--debug'], { stdoutCarriesKeys: true });
  await run('console', ['console', '--profile', 'bedrock', '--debug']);

  // Okta Identity Engine through the IDX API (as the Sign-In Widget), then a refresh from its session.
  sim.scenario.idx = true;
  sim.scenario.idxPollRefreshMs = 200;
  sim.scenario.idxKeepMeSignedIn = true;
  await run('idx login', login('idx', '--auth-flow', 'idx', '--factor', 'push'), { input: pw });
  await expireCache('idx', ['gateway']);
  await run('credential-process IDX refresh', ['credential-process', '--profile', 'idx'], { stdoutCarriesKeys: true });
  sim.scenario.idx = false;
  // The org switched engines: forget the cached answer of the classic logins above.
  await rm(join(cacheDir(), 'orgs'), { recursive: true, force: true });

  // Okta Identity Engine: device authorization, then the token exchange.
  sim.scenario.oktaPipeline = 'idx';
  const oie = runCli(['login', '--org', sim.oktaUrl, '--oidc-client-id', DEFAULT_OIDC_CLIENT_ID, '--app', DEFAULT_APP_ID, '--profile', 'oie', '--debug'], {
    env: env(),
  });
  const device = await Promise.race([sim.oie.nextDeviceAuthorization(), oie.then(() => undefined)]);
  if (device) sim.oie.approveDevice(device.userCode);
  const r = await oie;
  codes.set('oie login', r.code);
  outputs.push({ what: 'oie login (stderr)', text: r.stderr }, { what: 'oie login (stdout)', text: r.stdout });
  await expireCache('oie', ['gateway']);
  await run('credential-process OIE refresh', ['credential-process', '--profile', 'oie'], { stdoutCarriesKeys: true });

  // The refresh daemon: a SAML refresh and an Okta session keep-alive, with debug output.
  await expireCache('bedrock', ['gateway', 'chained']);
  const daemon = spawnCli(['daemon', 'run', '--debug'], env());
  await daemon.waitFor(/Refreshed "bedrock" \(saml\)/);
  await daemon.waitFor(/Kept the Okta session for alice@example.com alive/);
  daemon.child.kill('SIGTERM');
  const stopped = await daemon.exited;
  codes.set('daemon run', stopped.code);
  outputs.push({ what: 'daemon run (stderr)', text: daemon.stderr() }, { what: 'daemon run (stdout)', text: daemon.stdout() });
  await run('status', ['status', '--debug']);
  await run('daemon status', ['daemon', 'status', '--json', '--debug']);
  await run('logout', ['logout', '--profile', 'oie', '--debug']);
}, 240_000);

afterAll(async () => {
  await sim.close();
});

function leaks(text: string, secrets: string[]): string[] {
  const found = secrets.filter((s) => text.includes(s));
  // Any SAML Response, raw or base64 ("<saml2p:Response" → PHNhbWwycDpSZXNwb25zZ), is a leak too.
  if (/saml2p:Response|PHNhbWwycDpSZXNwb25zZ|PD94bWwgdmVyc2lvbj0/.test(text)) found.push('a SAML Response');
  return found.map((s) => (s.length > 12 ? `${s.slice(0, 6)}…(${s.length} chars)` : '(short secret)'));
}

describe('no secret reaches output or stray files (every flow with --debug)', () => {
  it('the flows ran (successes succeeded, failures failed) with debug output, and were scanned', () => {
    for (const ok of [
      'login totp chained',
      'login push',
      'credential-process re-chain',
      'credential-process SAML refresh',
      'models',
      'test prompt',
      'env',
      'console',
      'idx login',
      'credential-process IDX refresh',
      'oie login',
      'credential-process OIE refresh',
      'daemon run',
      'status',
      'daemon status',
      'logout',
    ]) {
      expect(`${ok}: ${codes.get(ok)}`).toBe(`${ok}: 0`);
    }
    for (const bad of ['wrong password', 'wrong code', 'tampered SAML', 'malformed SAML']) expect(codes.get(bad)).not.toBe(0);
    expect(outputs.some((o) => o.text.includes('debug: '))).toBe(true);
    expect(sim.secrets().length).toBeGreaterThan(20);
  });

  it('the scan itself finds a planted secret (control)', () => {
    expect(leaks(`debug: oops ${defaultUser.password}`, sim.secrets())).toHaveLength(1);
    const saml = sim.secrets().find((s) => s.startsWith('PD94') || s.startsWith('PHNhbWw'));
    expect(saml).toBeDefined();
    expect(leaks(`x ${saml!.slice(0, 40)} y`, [])).toHaveLength(1);
  });

  it('stdout and stderr of every command: 0 hits', () => {
    const secrets = sim.secrets().filter((s) => s.length >= 8);
    const hits = outputs.flatMap((o) => leaks(o.text, secrets).map((l) => `${o.what}: ${l}`));
    expect(hits).toEqual([]);
  });

  it('every file written outside the credentials file and the cache: 0 hits', async () => {
    const secrets = sim.secrets().filter((s) => s.length >= 8);
    const files = (await walk(home.home)).filter((f) => f !== home.credentialsFile && !f.startsWith(cacheDir() + '/'));
    const hits: string[] = [];
    for (const f of files) for (const l of leaks(await readFile(f, 'utf8'), secrets)) hits.push(`${relative(home.home, f)}: ${l}`);
    expect(hits).toEqual([]);
  });

  it("the daemon's log and state files in the cache dir: 0 hits", async () => {
    const secrets = sim.secrets().filter((s) => s.length >= 8);
    const hits: string[] = [];
    for (const name of ['daemon.log', 'daemon-state.json']) {
      const text = await readFile(join(cacheDir(), name), 'utf8');
      expect(text.length).toBeGreaterThan(100);
      for (const l of leaks(text, secrets)) hits.push(`${name}: ${l}`);
    }
    expect(hits).toEqual([]);
  });

  it('the credentials file and every cache file are 0600, cache dirs 0700', async () => {
    expect((await stat(home.credentialsFile)).mode & 0o777).toBe(0o600);
    const files = await walk(cacheDir());
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect(`${relative(home.home, f)} ${((await stat(f)).mode & 0o777).toString(8)}`).toBe(`${relative(home.home, f)} 600`);
    for (const d of new Set(files.map((f) => f.slice(0, f.lastIndexOf('/'))))) {
      expect(((await stat(d)).mode & 0o777).toString(8)).toBe('700');
    }
  });
});
