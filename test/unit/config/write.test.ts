import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeChange, diffValues } from '../../../src/config/changes.js';
import { parseConfig } from '../../../src/config/load.js';
import { editConfigText } from '../../../src/config/write.js';

const example = readFileSync(new URL('../../../config.example.yml', import.meta.url), 'utf8');

describe('editConfigText', () => {
  it('changes values in place and keeps every comment and the profiles section', async () => {
    const out = await editConfigText(example, { org: 'https://acme.okta.com', factor: 'totp' });
    const before = example.split('\n');
    const after = out.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toEqual(['org: https://acme.okta.com', 'factor: totp']);
  });

  it('removes a key with its leading comment and inserts new keys before profiles:', async () => {
    const out = await editConfigText(example, { reup: undefined, oidc_client_id: '0oaclient' });
    expect(out).not.toContain('reup:');
    expect(out).not.toContain('Keep credentials fresh in the background');
    expect(out.indexOf('oidc_client_id: 0oaclient')).toBeLessThan(out.indexOf('\nprofiles:'));
    const parsed = await parseConfig(out, 'c.yml', false);
    expect(parsed.top.oidc_client_id).toBe('0oaclient');
    expect(parsed.profiles.bedrock?.region).toBe('us-west-2');
  });

  it('starts a new file with the header', async () => {
    const out = await editConfigText(undefined, { org: 'https://acme.okta.com', username: 'bob', factor: undefined }, ' written by a test');
    expect(out).toBe('# written by a test\n\norg: https://acme.okta.com\nusername: bob\n');
  });

  it('treats a comment-only file as empty, keeping the comment', async () => {
    const out = await editConfigText('# mine\n', { org: 'https://a.okta.com' });
    expect(out).toContain('# mine');
    expect((await parseConfig(out, 'c.yml', false)).top.org).toBe('https://a.okta.com');
  });
});

describe('change summaries', () => {
  it.each([
    [{ key: 'org', kind: 'changed', from: 'acme', to: 'https://acme.okta.com' }, 'org: acme → https://acme.okta.com'],
    [{ key: 'factor', kind: 'added', to: 'push' }, 'factor: push'],
    [{ key: 'reup', kind: 'removed', from: true }, 'reup: removed'],
    [{ key: 'duo_factor', kind: 'ignored', from: 'push', note: 'Duo not supported; use --factor' }, 'duo_factor: ignored (Duo not supported; use --factor)'],
    [{ key: 'name', kind: 'changed', from: 'dev', toKey: 'profile', to: 'dev' }, 'name: dev → profile: dev'],
  ] as const)('%o → %s', (change, line) => {
    expect(describeChange(change)).toBe(line);
  });

  it('diffValues lists only what differs, in key order', () => {
    const d = diffValues<'org' | 'factor' | 'region' | 'reup'>(
      { org: 'a', factor: 'push', reup: true },
      { org: 'b', factor: 'push', region: 'us-east-1', reup: undefined },
      ['org', 'factor', 'region', 'reup'],
    );
    expect(d.map(describeChange)).toEqual(['org: a → b', 'region: us-east-1', 'reup: removed']);
  });
});
