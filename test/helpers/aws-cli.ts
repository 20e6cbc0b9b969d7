/** Runs a real AWS CLI binary with only PATH plus the given environment, collecting its output. */
import { spawn } from 'node:child_process';

export interface AwsCliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runAwsCli(bin: string, args: string[], env: Record<string, string>): Promise<AwsCliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
