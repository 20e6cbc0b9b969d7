/**
 * The real Claude Code (`@anthropic-ai/claude-code`, print mode, offline) on the simulated Bedrock
 * runtime after `okta-bedrock setup claude-code`. The binary comes from node_modules, from
 * OKTA_BEDROCK_CLAUDE_BIN, or from the cache folder .ci/run installs it into; without one the
 * test skips with the reason printed.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childEnv, runCli } from '../helpers/cli.js';
import { simEnv, useBedrockE2e } from './bedrock-helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const candidates = [
  process.env.OKTA_BEDROCK_CLAUDE_BIN,
  join(ROOT, 'node_modules', '.bin', 'claude'),
  join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'okta-bedrock-ci', 'claude-code', 'node_modules', '.bin', 'claude'),
].filter((p): p is string => Boolean(p));
const CLAUDE = candidates.find((p) => existsSync(p));
if (!CLAUDE) console.log(`claude-code test skipped: no claude binary (looked in ${candidates.join(', ')}; .ci/run installs it)`);

const t = useBedrockE2e({ resetDenials: true });

function claude(prompt: string, env: Record<string, string>, timeoutMs = 150_000): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(CLAUDE!, ['-p', prompt], { env: childEnv(env), cwd: env.HOME, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe('Claude Code on the simulated Bedrock through okta-bedrock', () => {
  it.skipIf(!CLAUDE)('answers after setup claude-code, every call signed with our keys', async () => {
    const configDir = join(t.home.home, '.claude');
    await mkdir(configDir, { recursive: true });
    const env = simEnv(t.sim, t.home, {
      CLAUDE_CONFIG_DIR: configDir,
      ANTHROPIC_BEDROCK_BASE_URL: t.sim.bedrockRuntimeUrl,
      DISABLE_TELEMETRY: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    });
    const setup = await runCli(['setup', 'claude-code', '--profile', 'bedrock'], { env });
    expect(setup.code, setup.stderr).toBe(0);
    const before = t.sim.requests.length;
    const r = await claude('What is the capital of Georgia?', env);
    const calls = t.sim.requests.slice(before).filter((q) => q.service === 'bedrock-runtime');
    console.log(JSON.stringify({ code: r.code, ms: r.ms, stdout: r.stdout.slice(0, 500), stderr: r.stderr.slice(0, 1500), calls: calls.map((c) => `${c.method} ${c.path} ${c.status}`) }, null, 2));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The capital of Georgia is Atlanta');
    expect(calls.length).toBeGreaterThan(0);
  });
});
