// Benchmark: the credential_process path the AWS CLI/SDK hits on every call.
//  1. median of 30 warm-cache runs vs 30 `node -e 0` runs in the same script (target ratio ≤ 1.2);
//  2. 16 parallel cold-cache calls with a valid Okta session: simulator requests (target: 1 SAML
//     fetch, 1 AssumeRoleWithSAML) and wall time vs a single cold call.
// Run: npm run build && node bench/credential-process.mjs
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchHome, median, timeNode } from './lib.mjs';

const root = new URL('..', import.meta.url).pathname;
const BIN = join(root, 'bin/okta-bedrock.cjs');
const { startSimulator, defaultUser, DEFAULT_APP_ID } = await import(join(root, 'dist/simulator.js'));
const RUNS = Number(process.env.RUNS ?? 30);

const sim = await startSimulator();
const { home, env } = benchHome(sim);
await timeNode(
  [
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
    sim.totp(),
    '--app',
    `${DEFAULT_APP_ID}/272`,
    '--quiet',
  ],
  { env, input: `${defaultUser.password}\n` },
);

const cp = [BIN, 'credential-process', '--profile', 'default'];
const warm = [];
const node0 = [];
for (let i = 0; i < RUNS; i++) {
  node0.push(await timeNode(['-e', '0'], { env }));
  warm.push(await timeNode(cp, { env }));
}

const cacheFile = join(home, '.cache', 'okta-bedrock', 'profiles', 'default.json');
const expire = () => {
  const c = JSON.parse(readFileSync(cacheFile, 'utf8'));
  c.gateway.expiration = new Date(Date.now() - 60_000).toISOString();
  writeFileSync(cacheFile, JSON.stringify(c));
};
const counts = () => ({
  saml: sim.requests.filter((r) => r.service === 'okta' && r.path.startsWith('/home/amazon_aws/')).length,
  assume: sim.requests.filter((r) => r.action === 'AssumeRoleWithSAML').length,
});

expire();
let t0 = performance.now();
await timeNode(cp, { env });
const oneCold = performance.now() - t0;

expire();
const before = counts();
t0 = performance.now();
await Promise.all(Array.from({ length: 16 }, () => timeNode(cp, { env })));
const parallel = performance.now() - t0;
const after = counts();
await sim.close();
rmSync(home, { recursive: true, force: true }); // it holds simulated secrets

console.log(`warm runs:                         ${RUNS}`);
console.log(`node -e 0 median:                  ${median(node0).toFixed(1)} ms`);
console.log(`credential-process warm median:    ${median(warm).toFixed(1)} ms`);
console.log(`ratio (target ≤ 1.2):              ${(median(warm) / median(node0)).toFixed(2)}`);
console.log(`one cold call (SAML refresh):      ${oneCold.toFixed(0)} ms`);
console.log(`16 parallel cold calls:            ${parallel.toFixed(0)} ms wall`);
console.log(`  SAML fetches:                    ${after.saml - before.saml} (target 1)`);
console.log(`  AssumeRoleWithSAML:              ${after.assume - before.assume} (target 1)`);
