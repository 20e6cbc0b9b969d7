import { describe, expect, it } from 'vitest';
import { summarizeChanges } from '../../../src/config/changes.js';
import { importKeymanConfig } from '../../../src/config/keyman-import.js';
import { parseConfig } from '../../../src/config/load.js';
import { resolveSettings } from '../../../src/config/resolve.js';
import { ConfigError } from '../../../src/errors.js';

const now = new Date('2026-11-21T12:00:00Z');
const opts = { sourcePath: '~/.config/aws_okta_keyman.yml', osUser: 'alice', now };

/** What keyman's own `aws_okta_keyman config` writes (yaml.safe_dump of its argparse values). */
const WRITTEN_BY_KEYMAN = `accounts:
- appid: 0oa1b2c3d4e5f6g7h8i9/272
  name: dev
- appid: 0oa9z8y7x6w5v4u3t2s1/272
  name: prod
account: null
console: false
duo_factor: push
duration: 3600
org: acme
password_cache: false
region: null
reup: 0
role: null
screen: false
username: automatic-username
`;

async function imported(text: string, options = opts) {
  const r = await importKeymanConfig(text, options);
  const config = await parseConfig(r.text, 'config.yml', false);
  return { ...r, config, lines: summarizeChanges(r.changes) };
}

describe('config --import-keyman conversion', () => {
  it('converts a file written by keyman itself and says what changed', async () => {
    const r = await imported(WRITTEN_BY_KEYMAN);
    expect(r.lines).toEqual([
      'duo_factor: ignored (Duo not supported; use --factor)',
      'org: acme → https://acme.okta.com',
      'reup: 0 → false',
      "username: automatic-username → alice (keyman's automatic-username is your login name)",
      'kept as is: accounts, duration, password_cache',
      'empty or unused keys dropped: account, console, region, role, screen',
    ]);
    expect(r.config.warnings).toEqual([]);
    expect(r.config.top).toEqual({
      accounts: [
        { name: 'dev', appid: '0oa1b2c3d4e5f6g7h8i9/272' },
        { name: 'prod', appid: '0oa9z8y7x6w5v4u3t2s1/272' },
      ],
      duration: 3600,
      org: 'https://acme.okta.com',
      password_cache: false,
      reup: false,
      username: 'alice',
    });
    expect(r.text).toMatch(/^# okta-bedrock config, imported from ~\/.config\/aws_okta_keyman.yml on 2026-11-21\n/);
  });

  it.each([
    ['acme', {}, 'https://acme.okta.com'],
    ['acme', { oktapreview: true }, 'https://acme.oktapreview.com'],
    ['acme.okta.com', {}, 'https://acme.okta.com'],
    ['https://login.acme.com/', {}, 'https://login.acme.com'],
    ['https://acme.okta.com', {}, 'https://acme.okta.com'],
  ])('org %s (%o) → %s', async (org, extra, url) => {
    const text = `org: ${org}\nusername: bob\n${'oktapreview' in extra ? 'oktapreview: true\n' : ''}`;
    const r = await imported(text);
    expect(r.config.top.org).toBe(url);
    expect(r.config.top).not.toHaveProperty('oktapreview');
    expect(resolveSettings(r.config, {}).orgUrl).toBe(url);
  });

  it('keeps comments and the order of keys', async () => {
    const text = '# team settings\norg: https://acme.okta.com # our org\nusername: bob\n# the Bedrock one\nappid: 0oa1/272\nduo_factor: web\n';
    const r = await imported(text);
    expect(r.text).toContain('# team settings\norg: https://acme.okta.com # our org\nusername: bob\n# the Bedrock one\nappid: 0oa1/272\n');
    expect(r.text).not.toContain('duo_factor');
  });

  it('maps name → profile, drops what keyman only used on its command line, and unknown keys', async () => {
    const r = await imported('org: acme\nusername: bob\nname: dev\ndebug: true\nwritepath: ~/x.yml\nfoo: 1\nconsole: true\nscreen: true\n');
    expect(r.config.top.profile).toBe('dev');
    expect(r.lines).toEqual([
      'org: acme → https://acme.okta.com',
      'name: dev → profile: dev',
      'debug: ignored (use --debug)',
      'writepath: ignored (keyman command-line option)',
      'foo: ignored (unknown key)',
      'console: ignored (use `okta-bedrock console`)',
      'screen: ignored (use `okta-bedrock env` to print the keys)',
      'kept as is: username',
    ]);
  });

  it('adds the login name when keyman would have used it, and warns about a missing org', async () => {
    const r = await imported('region: us-west-2\n');
    expect(r.config.top).toEqual({ region: 'us-west-2', username: 'alice' });
    expect(r.lines).toContain("username: alice (keyman's default: your login name)");
    expect(r.warnings).toEqual(['org is missing — add `org: https://acme.okta.com` to the config, or run `okta-bedrock config`']);
  });

  it('drops values our config would refuse, with the reason', async () => {
    const r = await imported('org: acme\nusername: bob\nduration: 60\nreup: maybe\naccounts:\n- name: ok\n  appid: 0oa1/272\n- name: broken\n');
    expect(r.config.top.duration).toBeUndefined();
    expect(r.config.top.reup).toBeUndefined();
    expect(r.config.top.accounts).toEqual([{ name: 'ok', appid: '0oa1/272' }]);
    expect(r.lines).toEqual(
      expect.arrayContaining([
        'duration: removed (must be 900–43200 s; the SAML SessionDuration is used)',
        'reup: removed (not true or false)',
        expect.stringMatching(/^accounts: \[2 entries\] → \[1 entry\] \(dropped 1 without an appid\)$/),
      ]),
    );
  });

  it('notes the keychain when password_cache is on', async () => {
    const r = await imported('org: acme\nusername: bob\npassword_cache: true\n');
    expect(r.lines[1]).toBe('password_cache: true (okta-bedrock keeps its own keychain entry: you type the password once more)');
  });

  it.each([
    ['not YAML', 'org: [acme\n', /aws_okta_keyman.yml:\d+: not valid YAML/],
    ['a list', '- org: acme\n', /expected keyman's keys/],
    ['an http org', 'org: http://acme.example.com\n', /org: The Okta org must use https/],
  ])('refuses %s with a ConfigError', async (_name, text, message) => {
    const p = importKeymanConfig(text, opts);
    await expect(p).rejects.toBeInstanceOf(ConfigError);
    await expect(importKeymanConfig(text, opts)).rejects.toThrow(message);
  });
});
