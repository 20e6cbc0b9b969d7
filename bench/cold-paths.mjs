// Benchmark: every path a user waits on, each beside `node -e 0` timed interleaved in the same run
// (A B A B …, so a drifting machine moves both), against the local simulator:
//   login (TOTP, app known)        target ≤ ~9× node -e 0 (≤ 0.5× aws_okta_keyman)
//   credential-process, SAML+STS   a refresh from the live Okta session (gateway expired), target ≤ 4×
//   credential-process, re-chain   gateway valid, chained role expired (one AssumeRole), target ≤ 3×
//   credential-process, warm       target ≤ 1.10×
//   env / exec -- true, warm       target ≤ 1.5×
//   peak RSS of a login            target ≤ 80 MB (read inside the CLI's process at exit)
// Each figure: median of RUNS (default 15) with min/max, and the ratio of the medians.
// With KEYMAN=path: aws_okta_keyman logs in against the same fake, and the login ratio to it is printed.
// KEYMAN_ARGS overrides its arguments ({org} {username} {app} {passcode} are filled in; password and
// passcode are written to its stdin).
// Run: npm run build && node bench/cold-paths.mjs
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchHome, median, timeNode } from './lib.mjs';

const root = new URL('..', import.meta.url).pathname;
const BIN = join(root, 'bin/okta-bedrock.cjs');
const { startSimulator, defaultUser, DEFAULT_APP_ID, BEDROCK_ROLE_ARN } = await import(join(root, 'dist/simulator.js'));
const RUNS = Math.max(15, Number(process.env.RUNS ?? 15));
const RSS_RUNS = 5;

// Okta (and the simulator) refuse a TOTP code used twice: every login moves the simulator's clock one 30-s step on.
let step = 0;
const sim = await startSimulator({ clock: { now: () => new Date(Date.now() + step * 30_000) } });
const { home, env } = benchHome(sim);
const nextCode = () => {
  step++;
  return sim.totp();
};
const loginArgs = (profile, extra = []) => [
  BIN,
  'login',
  '--org',
  sim.oktaUrl,
  '--username',
  defaultUser.login,
  '--password-stdin',
  '--factor',
  'totp',
  '--passcode',
  nextCode(),
  '--app',
  `${DEFAULT_APP_ID}/272`,
  '--profile',
  profile,
  '--quiet',
  '--force',
  ...extra,
]; // --force: a full sign-in, not the session reuse
const pw = { env, input: `${defaultUser.password}\n` };

const cacheFile = (profile) => join(home, '.cache', 'okta-bedrock', 'profiles', `${profile}.json`);
const editCache = (profile, edit) => {
  const c = JSON.parse(readFileSync(cacheFile(profile), 'utf8'));
  edit(c);
  writeFileSync(cacheFile(profile), JSON.stringify(c), { mode: 0o600 });
};
const past = () => new Date(Date.now() - 60_000).toISOString();

/** RUNS pairs of (node -e 0, the command), interleaved; `before` runs untimed ahead of each command run. */
async function pairs(name, makeArgs, { before, opts = { env } } = {}) {
  const node = [];
  const cmd = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(await timeNode(['-e', '0'], { env }));
    before?.();
    const args = makeArgs();
    cmd.push(await timeNode(args, typeof opts === 'function' ? opts() : opts));
  }
  return { name, node, cmd };
}

function timeCommand(command, args, input) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const c = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d) => (err += d));
    c.on('error', reject);
    c.on('close', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${command}: exit ${code}: ${err}`))));
    c.stdin.end(input);
  });
}

const results = [];
// 1. Full TOTP login, app known.
results.push(await pairs('login (TOTP, app known)', () => loginArgs('default'), { opts: pw }));
// A chained profile for the re-chain figure.
await timeNode(loginArgs('bedrock', ['--assume-role-arn', BEDROCK_ROLE_ARN]), pw);

// 2. Cold credential-process from the live Okta session: SAML + AssumeRoleWithSAML.
results.push(
  await pairs('credential-process: SAML + STS', () => [BIN, 'credential-process', '--profile', 'default'], {
    before: () => editCache('default', (c) => (c.gateway.expiration = past())),
  }),
);
// 3. Re-chain only: the gateway credentials are valid, the chained role's are not.
results.push(
  await pairs('credential-process: re-chain', () => [BIN, 'credential-process', '--profile', 'bedrock'], {
    before: () => editCache('bedrock', (c) => (c.chained.expiration = past())),
  }),
);
// 4. Warm paths.
results.push(await pairs('credential-process: warm', () => [BIN, 'credential-process', '--profile', 'default']));
results.push(await pairs('env (warm cache)', () => [BIN, 'env', '--profile', 'default']));
results.push(await pairs('exec -- true (warm cache)', () => [BIN, 'exec', '--profile', 'default', '--', 'true']));

// 5. Peak RSS of a login, read in the CLI's own process as it exits.
const rssFile = join(home, 'rss.txt');
const rssPreload = join(home, 'rss.cjs');
writeFileSync(rssPreload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
const rss = [];
for (let i = 0; i < RSS_RUNS; i++) {
  await timeNode(['--require', rssPreload, ...loginArgs('default')], pw);
  rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
}

// 6. aws_okta_keyman on the same fake, when given.
let keyman;
if (process.env.KEYMAN) {
  const template = process.env.KEYMAN_ARGS ?? '--org {org} --username {username} --appid {app} --name keyman';
  const km = [];
  const ours = [];
  for (let i = 0; i < RUNS; i++) {
    const code = nextCode();
    const fill = (s) =>
      s.replace('{org}', sim.oktaUrl).replace('{username}', defaultUser.login).replace('{app}', `${DEFAULT_APP_ID}/272`).replace('{passcode}', code);
    km.push(await timeCommand(process.env.KEYMAN, template.split(/\s+/).filter(Boolean).map(fill), `${defaultUser.password}\n${code}\n`));
    ours.push(await timeNode(loginArgs('default'), pw));
  }
  keyman = { km, ours };
}
await sim.close();
rmSync(home, { recursive: true, force: true });

const fmt = (xs) => `${median(xs).toFixed(1).padStart(6)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
console.log(`runs per figure: ${RUNS}, each beside node -e 0 in the same run`);
for (const r of results) {
  console.log(`${r.name.padEnd(32)} ${fmt(r.cmd)}   node -e 0 ${fmt(r.node)}   ratio ${(median(r.cmd) / median(r.node)).toFixed(2)}×`);
}
console.log(
  `${'peak RSS of a login'.padEnd(32)} ${median(rss).toFixed(1)} MB median of ${RSS_RUNS} (min ${Math.min(...rss).toFixed(1)}, max ${Math.max(...rss).toFixed(1)})`,
);
if (keyman) {
  console.log(
    `${'aws_okta_keyman login'.padEnd(32)} ${fmt(keyman.km)}   okta-bedrock login ${fmt(keyman.ours)}   ratio ${(median(keyman.ours) / median(keyman.km)).toFixed(2)}×`,
  );
}
