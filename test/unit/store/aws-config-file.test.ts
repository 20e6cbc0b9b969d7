import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { planConfigProfile, readConfigProfile, removeConfigProfile, setConfigProfile } from '../../../src/store/aws-config-file.js';
import { makeTempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(async () => cleanup());

const CONFIG = [
  '# config comment',
  '[default]',
  'region = us-east-1',
  '',
  '[profile  bedrock]',
  'region=us-west-2',
  '; note inside',
  'output = json',
  's3 =',
  '  max_concurrent_requests = 20',
  '',
  '[profile other]',
  'region = eu-central-1',
  '',
].join('\n');

describe('planConfigProfile', () => {
  it('shows a small diff and does not touch other profiles', () => {
    const plan = planConfigProfile(CONFIG, 'bedrock', {
      region: 'us-east-1',
      credential_process: 'okta-bedrock credential-process --profile bedrock',
      output: undefined,
    });
    expect(plan.before).toBe(CONFIG);
    expect(plan.after).toBe(
      [
        '# config comment',
        '[default]',
        'region = us-east-1',
        '',
        '[profile  bedrock]',
        'region=us-east-1',
        '; note inside',
        's3 =',
        '  max_concurrent_requests = 20',
        'credential_process = okta-bedrock credential-process --profile bedrock',
        '',
        '[profile other]',
        'region = eu-central-1',
        '',
      ].join('\n'),
    );
    expect(plan.diff).toBe(
      [
        '@@ -3,11 +3,11 @@',
        ' region = us-east-1',
        ' ',
        ' [profile  bedrock]',
        '-region=us-west-2',
        '+region=us-east-1',
        ' ; note inside',
        '-output = json',
        ' s3 =',
        '   max_concurrent_requests = 20',
        '+credential_process = okta-bedrock credential-process --profile bedrock',
        ' ',
        ' [profile other]',
        ' region = eu-central-1',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['default', '[default]\nregion = x\n'],
    ['default', '[profile default]\nregion = x\n'],
    ['dev', '[profile dev]\nregion = x\n'],
    // as botocore's build_profile_map: `profile` + shlex-split name
    ['dev', '[profile   dev]\nregion = x\n'],
    ['dev', '[profile "dev"]\nregion = x\n'],
    ['dev', '[profile dev] # note\nregion = x\n'],
  ])('profile %s matches %j', (profile, text) => {
    const plan = planConfigProfile(text, profile, { region: 'y' });
    expect(plan.after).toBe(text.replace('region = x', 'region = y'));
    expect(plan.diff).toContain('-region = x\n+region = y\n');
  });

  it.each([
    ['default', '[ default ]\nregion = x\n'],
    ['dev', '[ profile   dev ]\nregion = x\n'],
  ])('profile %s does not match %j (botocore does not read it as that profile)', (profile, text) => {
    expect(planConfigProfile(text, profile, { region: 'y' }).after).toMatch(/\n\n\[(default|profile dev)\]\nregion = y\n$/);
  });

  it('creates [profile NAME] (or [default]) when missing; empty diff when unchanged', () => {
    expect(planConfigProfile('', 'dev', { region: 'x' }).after).toBe('[profile dev]\nregion = x\n');
    expect(planConfigProfile('', 'default', { region: 'x' }).after).toBe('[default]\nregion = x\n');
    expect(planConfigProfile(CONFIG, 'other', { region: 'eu-central-1' }).diff).toBe('');
  });

  it.each([['with space'], ['a]'], ['']])('rejects profile name %j', (name) => {
    expect(() => planConfigProfile('', name, { region: 'x' })).toThrow(ConfigError);
  });
});

describe('setConfigProfile / readConfigProfile / removeConfigProfile', () => {
  it('keeps the mode of an existing file', async () => {
    const path = join(dir, 'config');
    await writeFile(path, CONFIG, { mode: 0o644 });
    const plan = await setConfigProfile(path, 'bedrock', { region: 'us-east-1' });
    expect(await readFile(path, 'utf8')).toBe(plan.after);
    expect(plan.after).toBe(CONFIG.replace('region=us-west-2', 'region=us-east-1'));
    expect((await stat(path)).mode & 0o777).toBe(0o644);
    await expect(readConfigProfile(path, 'bedrock')).resolves.toEqual({
      region: 'us-east-1',
      output: 'json',
      s3: '\nmax_concurrent_requests = 20',
    });
  });

  it('creates a new file 0600 in a new 0700 directory', async () => {
    const path = join(dir, 'home', '.aws', 'config');
    await setConfigProfile(path, 'bedrock', { region: 'us-east-1' });
    expect(await readFile(path, 'utf8')).toBe('[profile bedrock]\nregion = us-east-1\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'home', '.aws'))).mode & 0o777).toBe(0o700);
  });

  it('does not rewrite an unchanged file', async () => {
    const path = join(dir, 'config');
    await writeFile(path, CONFIG);
    const before = (await stat(path)).ino;
    const plan = await setConfigProfile(path, 'other', { region: 'eu-central-1' });
    expect(plan.diff).toBe('');
    expect((await stat(path)).ino).toBe(before);
  });

  it('reads undefined for a missing file or profile, and removes profiles', async () => {
    const path = join(dir, 'config');
    await expect(readConfigProfile(path, 'x')).resolves.toBeUndefined();
    await writeFile(path, CONFIG);
    await expect(readConfigProfile(path, 'x')).resolves.toBeUndefined();
    await expect(readConfigProfile(path, 'default')).resolves.toEqual({ region: 'us-east-1' });
    await expect(removeConfigProfile(path, 'bedrock')).resolves.toBe(true);
    expect(await readFile(path, 'utf8')).toBe('# config comment\n[default]\nregion = us-east-1\n\n[profile other]\nregion = eu-central-1\n');
    await expect(removeConfigProfile(path, 'bedrock')).resolves.toBe(false);
  });
});
