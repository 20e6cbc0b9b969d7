import { describe, expect, it } from 'vitest';
import { resolvePaths } from '../../../src/platform/paths.js';

describe('resolvePaths', () => {
  it('follows XDG for our files, but aws_okta_keyman.yml stays where keyman keeps it (~/.config, whatever XDG_CONFIG_HOME says)', () => {
    const p = resolvePaths({ HOME: '/home/a', XDG_CONFIG_HOME: '/xdg/config', XDG_CACHE_HOME: '/xdg/cache' });
    expect(p.configFile).toBe('/xdg/config/okta-bedrock/config.yml');
    expect(p.cacheDir).toBe('/xdg/cache/okta-bedrock');
    expect(p.keymanConfigFile).toBe('/home/a/.config/aws_okta_keyman.yml');
    expect(resolvePaths({ HOME: '/home/a', XDG_DATA_HOME: '/xdg/data' }).browserProfileDir).toBe('/xdg/data/okta-bedrock/browser');
  });

  it('defaults to ~/.config, ~/.cache and ~/.aws; expands ~ in the AWS file variables', () => {
    const p = resolvePaths({ HOME: '/home/a', AWS_SHARED_CREDENTIALS_FILE: '~/creds' });
    expect(p).toEqual({
      home: '/home/a',
      configFile: '/home/a/.config/okta-bedrock/config.yml',
      keymanConfigFile: '/home/a/.config/aws_okta_keyman.yml',
      cacheDir: '/home/a/.cache/okta-bedrock',
      dataDir: '/home/a/.local/share/okta-bedrock',
      browserProfileDir: '/home/a/.local/share/okta-bedrock/browser',
      awsCredentialsFile: '/home/a/creds',
      awsConfigFile: '/home/a/.aws/config',
    });
  });
});
