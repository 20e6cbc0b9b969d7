// Benchmark: the refresh daemon (`okta-bedrock daemon start`, a real process) for 5 real
// minutes against the simulator issuing 60-second credentials (gateway + chained Bedrock role).
// Samples the credentials file every second; prints the refresh count, any lapse (a moment the
// file held expired credentials: must be 0), RSS at start/end and its trend, CPU seconds, and
// how long SIGTERM took. Run: npm run build && node bench/daemon.mjs   (SECONDS_TO_RUN=60 for a short run)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { startSimulator, defaultUser, DEFAULT_APP_ID, BEDROCK_ROLE_ARN } = await import(join(root, 'dist/simulator.js'));
const DURATION_S = Number(process.env.SECONDS_TO_RUN ?? 300);
const bin = join(root, 'bin/okta-bedrock.cjs');

const sim = await startSimulator({ credentialLifetimeSeconds: 60 });
const home = mkdtempSync(join(tmpdir(), 'okta-bedrock-bench-daemon-'));
const credentialsFile = join(home, '.aws', 'credentials');
const env = {
  PATH: process.env.PATH,
  HOME: home,
  XDG_CONFIG_HOME: join(home, '.config'),
  XDG_CACHE_HOME: join(home, '.cache'),
  AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
  AWS_CONFIG_FILE: join(home, '.aws', 'config'),
  AWS_ENDPOINT_URL_STS: sim.stsUrl,
};
// The simulator runs in this process, so the login must not block the event loop (no spawnSync).
const login = spawn(
  process.execPath,
  [
    bin,
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
    '--assume-role-arn',
    BEDROCK_ROLE_ARN,
    '--quiet',
  ],
  { env, stdio: ['pipe', 'ignore', 'pipe'] },
);
let loginErr = '';
login.stderr.on('data', (d) => (loginErr += d));
login.stdin.end(`${defaultUser.password}\n`);
if ((await new Promise((r) => login.on('exit', r))) !== 0) throw new Error(`login failed: ${loginErr}`);

const readExpiry = () => {
  const text = readFileSync(credentialsFile, 'utf8');
  return { key: /aws_access_key_id = (\S+)/.exec(text)?.[1], exp: Date.parse(/x_security_token_expires = (\S+)/.exec(text)?.[1] ?? '') };
};
const procStat = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14, 15)
  return { rssMb: rssKb / 1024, cpuS: ticks / 100 };
};

// Started the way users start it (`daemon start`: detached, with the daemon's Node flags).
const run = (args) =>
  new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d) => (err += d));
    c.on('exit', (code) => (code === 0 ? resolve(err) : reject(new Error(`${args.join(' ')}: ${err}`))));
  });
await run(['daemon', 'start']);
const pidFile = join(home, '.cache', 'okta-bedrock', 'daemon.pid');
const child = { pid: Number(readFileSync(pidFile, 'utf8').trim()) };
const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
const samples = [];
let lapseSamples = 0;
let refreshes = 0;
let lastKey = readExpiry().key;
const t0 = Date.now();
await new Promise((r) => setTimeout(r, 1500));
const start = procStat(child.pid);
while (Date.now() - t0 < DURATION_S * 1000) {
  await new Promise((r) => setTimeout(r, 1000));
  const { key, exp } = readExpiry();
  if (key !== lastKey) {
    refreshes++;
    lastKey = key;
  }
  if (!(exp > Date.now())) lapseSamples++;
  samples.push({ t: (Date.now() - t0) / 1000, ...procStat(child.pid) });
}
const end = procStat(child.pid);
const stopAt = Date.now();
process.kill(child.pid, 'SIGTERM');
// Exited = gone or a zombie (`daemon start` detached it, so init reaps it, maybe late).
const alive = () => {
  try {
    return readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
};
while (alive() && Date.now() - stopAt < 5000) await new Promise((r) => setTimeout(r, 10));
const stopMs = Date.now() - stopAt;
const code = alive() ? 'still running' : 'exited';
await sim.close();
rmSync(home, { recursive: true, force: true }); // it holds simulated secrets

// RSS trend: least-squares slope over the second half of the run, in MB per minute.
const half = samples.slice(Math.floor(samples.length / 2));
const mt = half.reduce((a, s) => a + s.t, 0) / half.length;
const mr = half.reduce((a, s) => a + s.rssMb, 0) / half.length;
const slope = half.reduce((a, s) => a + (s.t - mt) * (s.rssMb - mr), 0) / half.reduce((a, s) => a + (s.t - mt) ** 2, 0);
const maxRss = Math.max(...samples.map((s) => s.rssMb));
const log = readFileSync(join(home, '.cache', 'okta-bedrock', 'daemon.log'), 'utf8');
console.log(`duration:                 ${DURATION_S} s, credentials live 60 s (gateway + chained role)`);
console.log(
  `refreshes (file changes): ${refreshes}   (daemon log: ${(log.match(/Refreshed "/g) ?? []).length}, keep-alives: ${sim.requests.filter((r) => r.path.endsWith('/lifecycle/refresh')).length})`,
);
console.log(`lapses:                   ${lapseSamples} one-second samples with expired credentials (must be 0)`);
console.log(`RSS start / end / max:    ${start.rssMb.toFixed(1)} / ${end.rssMb.toFixed(1)} / ${maxRss.toFixed(1)} MB (target ≤ 60 MB)`);
console.log(`RSS trend (2nd half):     ${(slope * 60).toFixed(3)} MB/min`);
console.log(`CPU used:                 ${end.cpuS.toFixed(2)} s (${((end.cpuS / DURATION_S) * 100).toFixed(2)} % of one core)`);
console.log(`SIGTERM → exit:           ${stopMs} ms (${code})`);
console.log(`daemon command line:      node ${cmdline.slice(1).join(' ').replace(root, '')}`);
console.log(`errors in log:            ${(log.match(/warning:|error:/g) ?? []).length}`);
