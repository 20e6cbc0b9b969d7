import { describe, expect, it } from 'vitest';
import { parseFastArgv } from '../../../src/cli/fast-argv.js';

describe('parseFastArgv (what the fast path may answer; everything else goes to the full CLI)', () => {
  it('credential-process with --profile in both spellings, or none', () => {
    expect(parseFastArgv(['credential-process', '--profile', 'bedrock'])).toEqual({ command: 'credential-process', options: { profile: 'bedrock' }, rest: [] });
    expect(parseFastArgv(['credential-process', '--profile=bedrock'])?.options).toEqual({ profile: 'bedrock' });
    expect(parseFastArgv(['credential-process'])?.options).toEqual({});
  });

  it('env with its value and boolean options', () => {
    expect(parseFastArgv(['env', '--format', 'fish', '--json', '--region=eu-west-1', '--quiet'])?.options).toEqual({
      format: 'fish',
      json: true,
      region: 'eu-west-1',
      quiet: true,
    });
  });

  it('exec takes the command after -- or from the first non-option on, options after it included', () => {
    expect(parseFastArgv(['exec', '--profile', 'p', '--', 'aws', '--profile', 'x'])).toEqual({
      command: 'exec',
      options: { profile: 'p' },
      rest: ['aws', '--profile', 'x'],
    });
    expect(parseFastArgv(['exec', 'true', '--help'])?.rest).toEqual(['true', '--help']);
    expect(parseFastArgv(['exec', '--', '--weird'])?.rest).toEqual(['--weird']);
  });

  it('hands over for unknown commands, options, missing values and usage errors', () => {
    for (const argv of [
      [],
      ['login'],
      ['--version'],
      ['credential-process', '--debug'],
      ['credential-process', '--config', 'x.yml', '--profile', 'p'],
      ['credential-process', '--profile'],
      ['credential-process', '--profile', '--quiet'],
      ['credential-process', '--profile='],
      ['env', '--help'],
      ['env', 'extra'],
      ['env', '--json=yes'],
      ['exec', '--token', '--', 'true'],
      ['exec', '--server', 'http://127.0.0.1:1', 'true'],
      ['exec'],
      ['exec', '--profile', 'p', '--'],
      ['exec', '-p', 'x', 'true'],
      ['constructor'],
    ]) {
      expect(parseFastArgv(argv), argv.join(' ')).toBeUndefined();
    }
  });
});

describe('commanderFlags (direct dispatch hands actions what commander would)', () => {
  it('turns --no-input into input: false and kebab-case into camelCase', async () => {
    const { commanderFlags } = await import('../../../src/cli/direct.js');
    expect(commanderFlags({ 'no-input': true, profile: 'p', quiet: true })).toEqual({ input: false, profile: 'p', quiet: true });
    expect(commanderFlags({ 'dry-run': true })).toEqual({ dryRun: true });
  });
});
