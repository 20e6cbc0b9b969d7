import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, tempHome } from '../helpers/cli.js';
import { keyIdIn, loginProfile, simEnv, useBedrockE2e } from './bedrock-helpers.js';
import { tempDir } from '../helpers/temp.js';

const t = useBedrockE2e();
let keyId: string;
const env = (extra: Record<string, string> = {}) => simEnv(t.sim, t.home, extra);
const ROOT = join(import.meta.dirname, '..', '..');

beforeAll(async () => {
  keyId = keyIdIn(await readFile(t.home.credentialsFile, 'utf8'), 'bedrock');
});

describe('okta-bedrock env (e2e)', () => {
  it('prints export lines for sh, and unsets AWS_PROFILE when it is set', async () => {
    const r = await runCli(['env', '--profile', 'bedrock'], { env: env({ AWS_PROFILE: 'bedrock' }) });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('unset AWS_PROFILE');
    expect(lines.slice(1).map((l) => l.replace(/=.*/, ''))).toEqual([
      'export AWS_ACCESS_KEY_ID',
      'export AWS_SECRET_ACCESS_KEY',
      'export AWS_SESSION_TOKEN',
      'export AWS_CREDENTIAL_EXPIRATION',
      'export AWS_REGION',
      'export AWS_DEFAULT_REGION',
    ]);
    expect(lines).toContain(`export AWS_ACCESS_KEY_ID=${keyId}`);
    expect(lines).toContain('export AWS_REGION=us-east-1');
    expect(r.stdout).toMatch(/^export AWS_CREDENTIAL_EXPIRATION=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
    expect(r.stderr).toBe('');
    const issued = t.sim.issuedCredentials.get(keyId)!;
    expect(lines).toContain(`export AWS_SECRET_ACCESS_KEY=${issued.secretAccessKey}`);
    expect(lines).toContain(`export AWS_SESSION_TOKEN=${issued.sessionToken}`);
  });

  it('the sh output evaluates in a real shell', async () => {
    const r = await runCli(['env', '--profile', 'bedrock', '--region', 'eu-west-1'], { env: env() });
    const sh = spawn('sh', ['-c', `${r.stdout}\nprintf '%s %s' "$AWS_ACCESS_KEY_ID" "$AWS_REGION"`]);
    let out = '';
    sh.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((resolve) => sh.on('close', resolve));
    expect(out).toBe(`${keyId} eu-west-1`);
  });

  it.each([
    ['fish', /^set -gx AWS_ACCESS_KEY_ID \w+$/m],
    ['powershell', /^\$Env:AWS_ACCESS_KEY_ID = '\w+'$/m],
    ['dotenv', /^AWS_ACCESS_KEY_ID=\w+$/m],
  ])('--format %s', async (format, line) => {
    const r = await runCli(['env', '--profile', 'bedrock', '--format', format], { env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(line);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(6);
  });

  it('an unknown --format is a usage error', async () => {
    const r = await runCli(['env', '--profile', 'bedrock', '--format', 'cmd'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be one of sh, fish, powershell, dotenv');
  });
});

describe('okta-bedrock exec (e2e)', () => {
  it('runs the command with the credentials and AWS_REGION, without AWS_PROFILE, and passes its exit code', async () => {
    const script =
      'const e = process.env; console.log(JSON.stringify({ id: e.AWS_ACCESS_KEY_ID, region: e.AWS_REGION, profile: e.AWS_PROFILE ?? null, args: process.argv.slice(1) })); process.exit(7)';
    const r = await runCli(['exec', '--profile', 'bedrock', '--', process.execPath, '-e', script, '--', '--debug', 'two words'], {
      env: env({ AWS_PROFILE: 'bedrock' }),
    });
    expect(r.code).toBe(7);
    expect(JSON.parse(r.stdout)).toEqual({ id: keyId, region: 'us-east-1', profile: null, args: ['--debug', 'two words'] });
  });

  it('an AWS SDK program in the child reaches Bedrock with the environment credentials (HTTP/2 runtime client)', async () => {
    const script = `
      const { BedrockRuntimeClient, ConverseCommand } = require('@aws-sdk/client-bedrock-runtime');
      const c = new BedrockRuntimeClient({});
      c.send(new ConverseCommand({ modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0', messages: [{ role: 'user', content: [{ text: 'What is the capital of Georgia?' }] }] }))
        .then((o) => { console.log(o.output.message.content[0].text); c.destroy(); }, (e) => { console.error(e.name, e.message); process.exit(3); });`;
    const r = await runCli(['exec', '--profile', 'bedrock', '--', process.execPath, '-e', script], {
      env: env({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }),
      cwd: ROOT,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^The capital of Georgia is Atlanta\./);
  });

  it('does not pass on what okta-bedrock set for itself (the SDK warning switch, OKTA_BEDROCK_DETACHED); what the user set stays', async () => {
    const script =
      'const e = process.env; console.log(JSON.stringify({ sdk: e.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? null, detached: e.OKTA_BEDROCK_DETACHED ?? null, id: e.AWS_ACCESS_KEY_ID }))';
    // Fresh cached credentials take the fast path; OKTA_BEDROCK_DEBUG=1 (the user's, so passed on) the full command.
    for (const extra of [{}, { OKTA_BEDROCK_DEBUG: '1' }] as Record<string, string>[]) {
      const ours = await runCli(['exec', '--profile', 'bedrock', '--', process.execPath, '-e', script], {
        env: { ...env(extra), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined, OKTA_BEDROCK_DETACHED: '1' },
      });
      expect(ours.code, ours.stderr).toBe(0);
      expect(JSON.parse(ours.stdout)).toEqual({ sdk: null, detached: null, id: keyId });
      const theirs = await runCli(['exec', '--profile', 'bedrock', '--', process.execPath, '-e', script], {
        env: { ...env(extra), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'yes' },
      });
      expect(JSON.parse(theirs.stdout)).toMatchObject({ sdk: 'yes' });
    }
  });

  it('a child killed by SIGTERM → exit 143', async () => {
    const r = await runCli(['exec', '--profile', 'bedrock', '--', process.execPath, '-e', "process.kill(process.pid, 'SIGTERM')"], { env: env() });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(143);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s sent to okta-bedrock reaches the child (exit %i)', async (signal, code) => {
    const child = spawn(
      process.execPath,
      [BIN, 'exec', '--profile', 'bedrock', '--', process.execPath, '-e', "console.log('ready'); setInterval(() => {}, 1000)"],
      {
        env: { PATH: process.env.PATH ?? '', ...env() },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill(signal);
    const [exit, sig] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    expect(sig).toBeNull();
    expect(exit).toBe(code);
  });

  it('a child that handles the forwarded SIGTERM decides the exit code', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'exec',
        '--profile',
        'bedrock',
        '--',
        process.execPath,
        '-e',
        "process.on('SIGTERM', () => { console.log('cleaned up'); process.exit(0); }); console.log('ready'); setInterval(() => {}, 1000)",
      ],
      { env: { PATH: process.env.PATH ?? '', ...env() }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready')) resolve();
      }),
    );
    child.kill('SIGTERM');
    const exit = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(exit).toBe(0);
    expect(out).toContain('cleaned up');
  });

  it('an unknown command → exit 127; no command → usage', async () => {
    const r = await runCli(['exec', '--profile', 'bedrock', '--', 'okta-bedrock-no-such-command'], { env: env() });
    expect(r.code).toBe(127);
    expect(r.stderr.trim()).toBe('error: exec: okta-bedrock-no-such-command: command not found');
    const none = await runCli(['exec', '--profile', 'bedrock'], { env: env() });
    expect(none.code).toBe(2);
  });
});

describe('okta-bedrock console (e2e)', () => {
  it('prints a federation sign-in URL that the sign-in endpoint redirects to the console', async () => {
    const r = await runCli(['console', '--profile', 'bedrock'], { env: env() });
    expect(r.code).toBe(0);
    const url = new URL(r.stdout.trim());
    expect(`${url.origin}${url.pathname}`).toBe(t.sim.federationUrl);
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('Issuer')).toBe('okta-bedrock');
    expect(url.searchParams.get('Destination')).toBe('https://console.aws.amazon.com/console/home?region=us-east-1');
    expect(r.stderr).not.toContain(url.searchParams.get('SigninToken') ?? 'x');
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://console.aws.amazon.com/console/home?region=us-east-1');
  });

  it('follows the partition the SAML assertion named (aws-us-gov)', async () => {
    const own = await tempHome();
    await loginProfile(t.sim, own, 'gov');
    const file = join(own.env.XDG_CACHE_HOME!, 'okta-bedrock', 'profiles', 'gov.json');
    const cache = JSON.parse(await readFile(file, 'utf8')) as { record: { partition: string } };
    cache.record.partition = 'aws-us-gov';
    await writeFile(file, JSON.stringify(cache));
    const r = await runCli(['console', '--profile', 'gov', '--region', 'us-gov-west-1'], { env: simEnv(t.sim, own) });
    expect(r.code).toBe(0);
    expect(new URL(r.stdout.trim()).searchParams.get('Destination')).toBe('https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1');
  });

  it('--open hands the URL to $BROWSER without putting the sign-in token on a command line (issue 14 item 11)', async () => {
    const dir = await tempDir('okta-bedrock-browser-');
    const opened = join(dir, 'opened.json');
    const browser = join(dir, 'browser.cjs');
    // The fake browser records its argv (what `ps` shows) and what the page it was given says.
    await writeFile(
      browser,
      `const fs = require('fs'); const { fileURLToPath } = require('url'); const f = fileURLToPath(process.argv[2]);
fs.writeFileSync(${JSON.stringify(opened)}, JSON.stringify({ argv: process.argv, page: fs.readFileSync(f, 'utf8'), mode: fs.statSync(f).mode & 0o777, dir: require('path').dirname(f) }));\n`,
    );
    const r = await runCli(['console', '--profile', 'bedrock', '--open'], { env: env({ BROWSER: `${process.execPath} ${browser} %s` }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Opened the AWS console');
    await expect.poll(async () => readFile(opened, 'utf8').catch(() => ''), { timeout: 5000 }).toContain('argv');
    const seen = JSON.parse(await readFile(opened, 'utf8')) as { argv: string[]; page: string; mode: number; dir: string };
    expect(seen.argv.join(' ')).not.toMatch(/SigninToken|Action=login/);
    expect(seen.argv[2]).toMatch(/^file:\/\//);
    expect(seen.page).toMatch(/Action=login&amp;Issuer=okta-bedrock/);
    expect(seen.mode).toBe(0o600);
    await rm(seen.dir, { recursive: true, force: true }); // the detached remover exits once it is gone
  });

  it('--open without a working browser (SSH, no desktop) prints the URL instead', async () => {
    const dir = await tempDir('okta-bedrock-browser-');
    const browser = join(dir, 'no-browser.cjs');
    await writeFile(browser, 'process.exit(3);\n'); // as xdg-open does when nothing can open a URL
    const r = await runCli(['console', '--profile', 'bedrock', '--open'], { env: env({ BROWSER: `${process.execPath} ${browser}` }) });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Could not open a browser \(.* exited with 3\) — open this URL yourself/);
    expect(r.stderr).not.toContain('Opened the AWS console');
    expect(r.stdout.trim()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/federation\?Action=login&/);
  });
});
