import { rmSync } from 'node:fs';
// Benchmark: a full TOTP login (the CLI spawned as a process) against the local simulator.
// Prints the median wall time of 10 runs and the Okta request count, beside `node -e 0`.
// Run: npm run build && node bench/login.mjs
import { join } from 'node:path';
import { benchHome, median, timeNode } from './lib.mjs';

const root = new URL('..', import.meta.url).pathname;
const { startSimulator, defaultUser, DEFAULT_APP_ID } = await import(join(root, 'dist/simulator.js'));
const RUNS = Number(process.env.RUNS ?? 10);

// Okta (and the simulator) refuse a TOTP code used twice, so each run moves the simulator's
// clock one 30-s step ahead and logs in with that step's code.
let offsetMs = 0;
const sim = await startSimulator({ clock: { now: () => new Date(Date.now() + offsetMs) } });
const { home, env } = benchHome(sim);
const loginMs = [];
const nodeMs = [];
const oktaRequests = [];
for (let i = 0; i < RUNS; i++) {
  offsetMs = i * 30_000;
  nodeMs.push(await timeNode(['-e', '0'], { env }));
  const before = sim.requests.filter((r) => r.service === 'okta').length;
  // A fresh TOTP step for each run: the simulator, like Okta, may refuse a code used twice.
  const args = [
    join(root, 'bin/okta-bedrock.cjs'),
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
    '--force',
  ]; // --force: a full sign-in each time, not the Okta session reuse
  loginMs.push(await timeNode(args, { env, input: `${defaultUser.password}\n` }));
  oktaRequests.push(sim.requests.filter((r) => r.service === 'okta').length - before);
}
await sim.close();
rmSync(home, { recursive: true, force: true }); // it holds simulated secrets
console.log(`runs:                     ${RUNS}`);
console.log(`node -e 0 median:         ${median(nodeMs).toFixed(1)} ms`);
console.log(`login (TOTP) median:      ${median(loginMs).toFixed(1)} ms`);
console.log(`login / node ratio:       ${(median(loginMs) / median(nodeMs)).toFixed(2)}`);
console.log(`Okta requests per login:  ${median(oktaRequests)} (target ≤ 4 for a configured app)`);
