import { rmSync } from 'node:fs';
// Wall time of the Bedrock commands against the local simulator, and what `exec` adds to a
// command's start-up. Prints medians; run `npm run build` first.
import { join } from 'node:path';
import { benchHome, median, timeNode } from './lib.mjs';

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin', 'okta-bedrock.cjs');
const { startSimulator, defaultUser, BEDROCK_ROLE_ARN } = await import(join(root, 'dist', 'simulator.js'));

const RUNS = Number(process.env.RUNS ?? 7);
const sim = await startSimulator();
const { home, env: base } = benchHome(sim);
try {
  const env = {
    ...base,
    AWS_ENDPOINT_URL_BEDROCK: sim.bedrockUrl,
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: sim.bedrockRuntimeUrl,
    OKTA_BEDROCK_FEDERATION_URL: sim.federationUrl,
  };
  await timeNode(
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
      '--assume-role-arn',
      BEDROCK_ROLE_ARN,
    ],
    { env, input: `${defaultUser.password}\n` },
  );
  const cases = [
    ['node -e 0 (baseline)', ['-e', '0']],
    ['exec -- node -e 0', [bin, 'exec', '--', process.execPath, '-e', '0']],
    ['env', [bin, 'env']],
    ['console', [bin, 'console']],
    ['models', [bin, 'models']],
    ['test --model (1 Converse)', [bin, 'test', '--model', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0']],
    ['test (default model lookup + Converse)', [bin, 'test']],
    ['doctor', [bin, 'doctor']],
  ];
  const results = {};
  for (const [name, args] of cases) {
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await timeNode(args, { env }).catch((e) => (name === 'doctor' ? NaN : Promise.reject(e))));
    results[name] = median(times.filter((t) => !Number.isNaN(t)));
    console.log(`${name.padEnd(40)} ${results[name].toFixed(0).padStart(5)} ms (median of ${RUNS})`);
  }
  console.log(`exec overhead over the bare command: ${(results['exec -- node -e 0'] - results['node -e 0 (baseline)']).toFixed(0)} ms`);
} finally {
  await sim.close();
  rmSync(home, { recursive: true, force: true }); // it holds simulated secrets
}
