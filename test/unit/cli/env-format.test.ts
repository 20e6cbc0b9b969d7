import { describe, expect, it } from 'vitest';
import { formatOutcome } from '../../../src/cli/commands/doctor.js';
import { childEnv } from '../../../src/cli/commands/exec.js';
import { formatEnv, parseEnvFormat } from '../../../src/cli/env-format.js';
import { renderTable } from '../../../src/cli/table.js';
import { regionFor } from '../../../src/config/region.js';

describe('env formats', () => {
  const vars: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE'],
    ['AWS_SESSION_TOKEN', "a b'c\"d\\e"],
  ];
  it.each([
    ['sh', "unset AWS_PROFILE\nexport AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nexport AWS_SESSION_TOKEN='a b'\\''c\"d\\e'"],
    ['fish', "set -e AWS_PROFILE\nset -gx AWS_ACCESS_KEY_ID ASIAEXAMPLE\nset -gx AWS_SESSION_TOKEN 'a b\\'c\"d\\\\e'"],
    ['powershell', "Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue\n$Env:AWS_ACCESS_KEY_ID = 'ASIAEXAMPLE'\n$Env:AWS_SESSION_TOKEN = 'a b''c\"d\\e'"],
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
    expect(childEnv({ PATH: '/bin', AWS_PROFILE: 'x', AWS_SECURITY_TOKEN: 'old', AWS_REGION: 'eu-west-1', UNSET: undefined }, [['AWS_REGION', 'us-east-1']])).toEqual({
      PATH: '/bin',
      AWS_REGION: 'us-east-1',
    });
  });

  it('renderTable pads columns and trims line ends', () => {
    expect(renderTable(['A', 'BB', 'C'], [['xxx', 'y', ''], ['z', 'wwww', 'last']])).toBe('A    BB    C\nxxx  y\nz    wwww  last');
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
