import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../src/daemon/service-unit.js';
import { runCli } from '../helpers/cli.js';
import { useOktaE2e } from '../helpers/okta-e2e.js';

// Issue 14 item 3: `daemon install` never writes proxy credentials into the unit/plist or --dry-run output.
const t = useOktaE2e();
const PROXY = 'http://alice:s3cr3t-proxy-pw@127.0.0.1:3128';

describe('daemon install and proxy credentials', () => {
  it('--dry-run prints no proxy password; install puts it in a 0600 env file, not the 0644 unit', async () => {
    const env = t.env({ HTTPS_PROXY: PROXY, https_proxy: 'bob:pw2-scheme-less@127.0.0.1:3128', NO_PROXY: '127.0.0.1' });
    const dry = await runCli(['daemon', 'install', '--dry-run'], { env });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout + dry.stderr).not.toContain('s3cr3t-proxy-pw');
    expect(dry.stdout + dry.stderr).not.toContain('pw2-scheme-less');
    expect(dry.stdout).toContain('Environment=NO_PROXY=127.0.0.1');
    expect(dry.stdout).toMatch(/daemon\.env \(mode 0600.*HTTPS_PROXY, https_proxy/);

    const install = await runCli(['daemon', 'install'], { env });
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout + install.stderr).not.toContain('s3cr3t-proxy-pw');
    const unit = join(t.home.home, '.config', 'systemd', 'user', 'okta-bedrock.service');
    const unitText = await readFile(unit, 'utf8');
    expect(unitText).not.toContain('s3cr3t-proxy-pw');
    expect(unitText).not.toContain('HTTPS_PROXY');
    const envFile = join(t.home.home, '.config', 'okta-bedrock', 'daemon.env');
    expect((await stat(envFile)).mode & 0o777).toBe(0o600);
    expect(parseEnvFile(await readFile(envFile, 'utf8'))).toEqual({ HTTPS_PROXY: PROXY, https_proxy: 'bob:pw2-scheme-less@127.0.0.1:3128' });
    await runCli(['daemon', 'uninstall'], { env });
  });
});
