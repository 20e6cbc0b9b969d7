import { describe, expect, it } from 'vitest';
import { formatOutcome } from '../../../src/cli/commands/doctor.js';
import { childEnv } from '../../../src/cli/commands/exec.js';
import { formatEnv, parseEnvFormat } from '../../../src/cli/env-format.js';
import { renderTable, wrapCell } from '../../../src/cli/table.js';
import { regionFor } from '../../../src/config/region.js';

describe('env formats', () => {
  const vars: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE'],
    ['AWS_SESSION_TOKEN', 'a b\'c"d\\e'],
  ];
  it.each([
    ['sh', "unset AWS_PROFILE\nexport AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nexport AWS_SESSION_TOKEN='a b'\\''c\"d\\e'"],
    ['fish', "set -e AWS_PROFILE\nset -gx AWS_ACCESS_KEY_ID ASIAEXAMPLE\nset -gx AWS_SESSION_TOKEN 'a b\\'c\"d\\\\e'"],
    [
      'powershell',
      "Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue\n$Env:AWS_ACCESS_KEY_ID = 'ASIAEXAMPLE'\n$Env:AWS_SESSION_TOKEN = 'a b''c\"d\\e'",
    ],
    ['dotenv', 'AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nAWS_SESSION_TOKEN="a b\'c\\"d\\\\e"'],
  ] as const)('%s', (format, expected) => expect(formatEnv(vars, format, ['AWS_PROFILE'])).toBe(expected));

  it('accepts aliases, refuses the unknown', () => {
    expect(parseEnvFormat(undefined)).toBe('sh');
    expect(parseEnvFormat('bash')).toBe('sh');
    expect(parseEnvFormat('pwsh')).toBe('powershell');
    expect(() => parseEnvFormat('cmd')).toThrow(/--format must be one of/);
  });
});

describe('cli helpers', () => {
  it('childEnv drops AWS_PROFILE and stale tokens, then sets ours', () => {
    expect(
      childEnv({ PATH: '/bin', AWS_PROFILE: 'x', AWS_SECURITY_TOKEN: 'old', AWS_REGION: 'eu-west-1', UNSET: undefined }, [['AWS_REGION', 'us-east-1']]),
    ).toEqual({
      PATH: '/bin',
      AWS_REGION: 'us-east-1',
    });
  });

  it('renderTable pads columns and trims line ends', () => {
    expect(
      renderTable(
        ['A', 'BB', 'C'],
        [
          ['xxx', 'y', ''],
          ['z', 'wwww', 'last'],
        ],
      ),
    ).toBe('A    BB    C\nxxx  y\nz    wwww  last');
  });

  it('formatOutcome puts the fix under ✗ and ! lines', () => {
    expect(formatOutcome({ id: 'a', title: 'A', status: 'fail', detail: 'bad', fix: 'do x' })).toBe('✗ A: bad\n    fix: do x');
    expect(formatOutcome({ id: 'a', title: 'A', status: 'pass', detail: 'good' })).toBe('✓ A: good');
    expect(formatOutcome({ id: 'a', title: 'A', status: 'skip', detail: 'no credentials' })).toBe('- A: skipped (no credentials)');
  });

  it('regionFor: flag, env, login record, config, default', () => {
    const config = { keyman: false, top: { region: 'eu-west-1' }, profiles: { p: { region: 'ap-northeast-1' } }, warnings: [] };
    const record = { region: 'us-west-2' } as Parameters<typeof regionFor>[2];
    expect(regionFor('ca-central-1', { AWS_REGION: 'x' }, record, config, 'p')).toBe('ca-central-1');
    expect(regionFor(undefined, { AWS_DEFAULT_REGION: 'sa-east-1' }, record, config, 'p')).toBe('sa-east-1');
    expect(regionFor(undefined, {}, record, config, 'p')).toBe('us-west-2');
    expect(regionFor(undefined, {}, undefined, config, 'p')).toBe('ap-northeast-1');
    expect(regionFor(undefined, {}, undefined, config, 'other')).toBe('eu-west-1');
    expect(regionFor(undefined, {}, undefined, { keyman: false, top: {}, profiles: {}, warnings: [] }, 'd')).toBe('us-east-1');
  });
});

describe('tables at the terminal width', () => {
  const rows = [
    ['bedrock', '2026-11-21 15:35 UTC (in 52 min)', '2026-11-21 16:20 UTC (in 1 h 37 min)', 'ok', '2026-11-21 14:36 UTC (7 min ago)', '—'],
    ['gateway', '2026-11-21 15:35 UTC (in 52 min)', '—', 'not running', '—', 'AWS denied arn:aws:iam::123456789012:role/my-bedrock-role'],
  ];
  const headers = ['PROFILE', 'CREDENTIALS EXPIRE', 'OKTA SESSION', 'DAEMON', 'LAST REFRESH', 'LAST ERROR'];

  it('at 60 columns every line fits, nothing is lost, and the account id stays whole', () => {
    const text = renderTable(headers, rows, { width: 60, keep: [0] });
    for (const l of text.split('\n')) expect(l.length, l).toBeLessThanOrEqual(60);
    expect(text).toContain('123456789012');
    for (const word of ['bedrock', 'gateway', '2026-11-21 15:35 UTC (in 52 min)', 'not running', 'arn:aws:iam::123456789012:role/my-'])
      expect(text).toContain(word);
    // Six columns cannot fit 60: each row becomes a block of "HEADER  value" lines.
    expect(text.split('\n').slice(0, 2)).toEqual(['bedrock', '  CREDENTIALS EXPIRE  2026-11-21 15:35 UTC (in 52 min)']);
  });

  it('at 120 columns still a table: the widest columns wrap, every line fits', () => {
    const text = renderTable(headers, rows, { width: 120, keep: [0] });
    expect(text.split('\n')[0]).toMatch(/^PROFILE\s+CREDENTIALS EXPIRE/);
    for (const l of text.split('\n')) expect(l.length, l).toBeLessThanOrEqual(120);
    expect(text).toMatch(/^\s+123456789012:$/m);
  });

  it('without a width (a pipe) one line per row, as before', () => {
    expect(renderTable(headers, rows).split('\n')).toHaveLength(3);
    expect(renderTable(headers, rows, { width: 500 }).split('\n')).toHaveLength(3);
  });

  it('wrapCell splits at spaces, then after separators, never inside digits', () => {
    expect(wrapCell('2026-11-21 15:35 UTC (in 52 min)', 16)).toEqual(['2026-11-21 15:35', 'UTC (in 52 min)']);
    expect(wrapCell('arn:aws:iam::123456789012:role/x', 16)).toEqual(['arn:aws:iam::', '123456789012:', 'role/x']);
    for (const l of wrapCell('x123456789012345', 8)) expect(l.length).toBeGreaterThan(0);
  });
});
