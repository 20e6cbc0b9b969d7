import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfiles, runArgs } from '../../../src/cli/daemon-args.js';
import { RotatingLogFile } from '../../../src/daemon/log-file.js';
import { acquireDaemonLock, daemonFiles, runningPid } from '../../../src/daemon/pidfile.js';
import { launchdPlist, serviceFilePath, systemdUnit } from '../../../src/daemon/service-unit.js';
import { tempDir } from '../../helpers/temp.js';

describe('rotating log file', () => {
  it('rotates past maxBytes and keeps N old files, 0600', async () => {
    const dir = await tempDir('okta-bedrock-log-');
    const path = join(dir, 'daemon.log');
    const log = new RotatingLogFile(path, { maxBytes: 100, keep: 2 });
    for (let i = 0; i < 20; i++) log.write(`line ${i} ${'x'.repeat(20)}`);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['daemon.log', 'daemon.log.1', 'daemon.log.2']);
    expect((await readFile(path, 'utf8')).trim().split('\n').at(-1)).toContain('line 19');
    expect((await stat(path)).size).toBeLessThanOrEqual(100);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});

describe('daemon lock and pid file', () => {
  it('one holder at a time; the pid file names it; released on stop', async () => {
    const files = daemonFiles(await tempDir('okta-bedrock-pid-'));
    const first = await acquireDaemonLock(files, process.pid, () => undefined);
    expect(first.acquired).toBe(true);
    expect(await runningPid(files)).toBe(process.pid);
    const second = await acquireDaemonLock(files, 999_999, () => undefined);
    expect(second).toEqual({ acquired: false, pid: process.pid });
    if (first.acquired) await first.lock.release();
    expect(await runningPid(files)).toBeUndefined();
    const third = await acquireDaemonLock(files, process.pid, () => undefined);
    expect(third.acquired).toBe(true);
    if (third.acquired) await third.lock.release();
  });
});

describe('service units', () => {
  const spec = {
    argv: ['/usr/bin/node', '/opt/my tools/okta-bedrock.js', 'daemon', 'run', '--profile', 'a,b'],
    env: { HTTPS_PROXY: 'http://proxy:3128', X: '50%$' },
  };

  it('systemd user unit: quoted ExecStart, environment, restart, reload by SIGHUP', () => {
    const unit = systemdUnit(spec);
    expect(unit).toContain('ExecStart=/usr/bin/node "/opt/my tools/okta-bedrock.js" daemon run --profile a,b\n');
    expect(unit).toContain('Environment=HTTPS_PROXY=http://proxy:3128\n');
    expect(unit).toContain('Environment="X=50%%$$"\n');
    expect(unit).toContain('ExecReload=/bin/kill -HUP $MAINPID');
    expect(unit).toContain('Restart=on-failure');
    expect(unit).toContain('WantedBy=default.target');
  });

  it('launchd agent: program arguments, environment, KeepAlive on failure', () => {
    const plist = launchdPlist(spec);
    expect(plist).toContain('<string>/opt/my tools/okta-bedrock.js</string>');
    expect(plist).toContain('<key>HTTPS_PROXY</key>\n    <string>http://proxy:3128</string>');
    expect(plist).toContain('<key>SuccessfulExit</key>\n    <false/>');
    expect(plist).toContain('<string>com.okta-bedrock.daemon</string>');
  });

  it('unit paths', () => {
    expect(serviceFilePath('systemd', '/home/a')).toBe('/home/a/.config/systemd/user/okta-bedrock.service');
    expect(serviceFilePath('systemd', '/home/a', '/x/config')).toBe('/x/config/systemd/user/okta-bedrock.service');
    expect(serviceFilePath('launchd', '/Users/a')).toBe('/Users/a/Library/LaunchAgents/com.okta-bedrock.daemon.plist');
  });
});

describe('daemon flags', () => {
  it.each([
    ['default', ['default']],
    ['a,b', ['a', 'b']],
    [' a , b ,a', ['a', 'b']],
  ])('--profile %s', (value, list) => {
    expect(parseProfiles(value)).toEqual(list);
  });

  it('rejects an empty list and rebuilds `daemon run` arguments with absolute paths', () => {
    expect(() => parseProfiles(',')).toThrow(/profile names/);
    expect(runArgs({ profile: 'a,b', config: 'c.yml', passwordCache: true }, { resolveFrom: '/w' })).toEqual([
      '--profile',
      'a,b',
      '--config',
      '/w/c.yml',
      '--password-cache',
    ]);
  });
});
