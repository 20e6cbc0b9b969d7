import { UsageError } from '../errors.js';

export const ENV_FORMATS = ['sh', 'fish', 'powershell', 'dotenv'] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];

/** The format --format names (aliases included; default sh), or undefined for an unknown one. */
export function envFormatOf(raw: string | undefined): EnvFormat | undefined {
  const f = (raw ?? 'sh').toLowerCase();
  const alias: Record<string, EnvFormat> = { bash: 'sh', zsh: 'sh', posix: 'sh', pwsh: 'powershell', env: 'dotenv' };
  const format = alias[f] ?? f;
  return (ENV_FORMATS as readonly string[]).includes(format) ? (format as EnvFormat) : undefined;
}

export function parseEnvFormat(raw: string | undefined): EnvFormat {
  const format = envFormatOf(raw);
  if (!format) throw new UsageError(`--format must be one of ${ENV_FORMATS.join(', ')} (got "${raw}")`);
  return format;
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX sh: bare when safe, else single quotes ('' can hold anything but ', written '\''). */
const shQuote = (v: string): string => (SAFE.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
/** fish: single quotes, with \\ and \' escaped. */
const fishQuote = (v: string): string => (SAFE.test(v) ? v : `'${v.replace(/[\\']/g, (c) => `\\${c}`)}'`);
/** PowerShell: single-quoted literal, ' doubled. */
const psQuote = (v: string): string => `'${v.replace(/'/g, "''")}'`;
/** dotenv: bare when safe, else double quotes with \\ and " escaped. */
const dotenvQuote = (v: string): string => (SAFE.test(v) ? v : `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`);

/**
 * Lines that set `vars` (and unset `unset`) in the chosen shell, in order. Pure.
 * dotenv files cannot unset, so `unset` is ignored there.
 */
export function formatEnv(vars: Array<[string, string]>, format: EnvFormat, unset: string[] = []): string {
  const lines: string[] = [];
  for (const name of unset) {
    if (format === 'sh') lines.push(`unset ${name}`);
    if (format === 'fish') lines.push(`set -e ${name}`);
    if (format === 'powershell') lines.push(`Remove-Item Env:${name} -ErrorAction SilentlyContinue`);
  }
  for (const [name, value] of vars) {
    if (format === 'sh') lines.push(`export ${name}=${shQuote(value)}`);
    if (format === 'fish') lines.push(`set -gx ${name} ${fishQuote(value)}`);
    if (format === 'powershell') lines.push(`$Env:${name} = ${psQuote(value)}`);
    if (format === 'dotenv') lines.push(`${name}=${dotenvQuote(value)}`);
  }
  return lines.join('\n');
}
