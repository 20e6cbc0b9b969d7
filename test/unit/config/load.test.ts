import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/load.js';
import { resolveSettings } from '../../../src/config/resolve.js';
import { samlDuration } from '../../../src/core/assume.js';
import { ConfigError } from '../../../src/errors.js';

const KEYMAN = `console: null
duo_factor: null
org: https://myorganization.okta.com
password_cache: true
region: us-east-1
reup: null
role: my-developer-gateway-role
screen: null
username: alice@example.com
`;

describe('config', () => {
  it("reads keyman's file unchanged", async () => {
    const c = await parseConfig(KEYMAN, 'aws_okta_keyman.yml', true);
    const s = resolveSettings(c, {});
    expect(s).toMatchObject({
      orgUrl: 'https://myorganization.okta.com',
      username: 'alice@example.com',
      role: 'my-developer-gateway-role',
      region: 'us-east-1',
      profile: 'default',
      passwordCache: true,
    });
  });

  it('profiles override the top level; flags override both', async () => {
    const c = await parseConfig(
      'org: acme\nusername: a\nregion: us-east-1\nprofiles:\n  bedrock:\n    assume_role_arn: arn:aws:iam::1:role/b\n    region: us-west-2\n',
      'c.yml',
      false,
    );
    expect(resolveSettings(c, { profile: 'bedrock' })).toMatchObject({ profile: 'bedrock', region: 'us-west-2', assumeRoleArn: 'arn:aws:iam::1:role/b' });
    expect(resolveSettings(c, { profile: 'bedrock', region: 'eu-west-1' }).region).toBe('eu-west-1');
    expect(resolveSettings(c, {}).assumeRoleArn).toBeUndefined();
  });

  it('keyman accounts + account pick the appid', async () => {
    const c = await parseConfig(
      'org: acme\naccounts:\n  - name: dev\n    appid: 0oa1/272\n  - name: prod\n    appid: 0oa2/272\naccount: prod\n',
      'k.yml',
      true,
    );
    expect(resolveSettings(c, {}).appid).toBe('0oa2/272');
  });

  it.each([
    ['duration: lots\n', /c\.yml:2: duration: expected a whole number/],
    ['duration: 60\n', /c\.yml:2: duration: must be at least 900/],
    ['password_cache: maybe\n', /c\.yml:2: password_cache: expected true or false/],
    ['auth_flow: magic\n', /c\.yml:2: auth_flow: must be one of/],
    ['profiles:\n  x:\n    region: [1]\n', /c\.yml:4: profiles\.x\.region: expected text/],
    ['org: [unclosed\n', /c\.yml.*not valid YAML/],
  ])('bad value %j → ConfigError naming file, line and key', async (extra, re) => {
    await expect(parseConfig(`org: acme\n${extra}`, 'c.yml', false)).rejects.toThrow(ConfigError);
    await expect(parseConfig(`org: acme\n${extra}`, 'c.yml', false)).rejects.toThrow(re);
  });

  it('unknown keys warn with a line number', async () => {
    const c = await parseConfig('org: acme\ncolour: blue\n', 'c.yml', false);
    expect(c.warnings).toEqual(['c.yml:2: unknown key "colour" ignored']);
  });

  it('no org → ConfigError that says what to do', async () => {
    const c = await parseConfig('username: a\n', 'c.yml', false);
    expect(() => resolveSettings(c, {})).toThrow(/--org/);
  });
});

describe('samlDuration', () => {
  it.each([
    [undefined, undefined, 3600],
    [undefined, 7200, 7200],
    [43200, 7200, 7200],
    [1800, 7200, 1800],
    [43200, undefined, 43200],
    [100, undefined, 900],
  ])('requested %s, SessionDuration %s → %s', (req, sd, want) => {
    expect(samlDuration(req, sd)).toBe(want);
  });
});
