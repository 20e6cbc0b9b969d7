import { describe, expect, it } from 'vitest';
import { clockSkewCheck } from '../../../src/doctor/clock-skew.js';
import { nodeVersionCheck } from '../../../src/doctor/node-version.js';
import { proxyCheck, redactProxy } from '../../../src/doctor/proxy.js';
import { regionCheck } from '../../../src/doctor/region.js';
import { runDoctor } from '../../../src/doctor/run.js';
import type { DoctorCheck, DoctorDeps, DoctorState } from '../../../src/doctor/types.js';
import { FakeClock } from '../../../src/platform/clock.js';
import type { HttpClient, HttpResponse } from '../../../src/platform/http.js';
import { silentLogger } from '../../../src/platform/log.js';
import { nonInteractivePrompter } from '../../../src/platform/prompts.js';
import { resolvePaths } from '../../../src/platform/paths.js';
import { CacheStore } from '../../../src/store/cache.js';
import { NetworkError } from '../../../src/errors.js';

const clock = new FakeClock(Date.UTC(2026, 10, 21, 12, 0, 0));

const http = (date: string | undefined, fail = false): HttpClient => ({
  send: async (req): Promise<HttpResponse> => {
    if (fail) throw new NetworkError('sts.us-east-1.amazonaws.com did not answer in time — retry later');
    return { status: 400, url: req.url, headers: date ? { date } : {}, setCookie: [], body: '' };
  },
});

const state = (over: Partial<DoctorDeps> = {}): DoctorState => {
  const deps: DoctorDeps = {
    env: {},
    paths: resolvePaths({ HOME: '/nonexistent-home' }),
    clock,
    http: http(undefined),
    core: { http: http(undefined), prompter: nonInteractivePrompter('x'), log: silentLogger, clock },
    cache: new CacheStore('/nonexistent-cache'),
    nodeVersion: 'v22.11.0',
    lookupHost: async () => 'resolves',
    fileExists: async () => true,
    ...over,
  };
  return { deps, profile: 'default', region: over.region ?? 'us-east-1' };
};

describe('doctor checks', () => {
  it.each([
    [0, 'pass', 'in sync (±1 s)'],
    [-1, 'pass', 'in sync (±1 s)'],
    [45, 'warn', "this machine's clock is 45 s behind AWS: MFA codes may be refused"],
    [-400, 'fail', "this machine's clock is 400 s ahead of AWS: AWS rejects signatures and SAML assertions"],
  ])('clock skew: AWS %i s from us → %s', async (offset, status, detail) => {
    const date = new Date(clock.now().getTime() + offset * 1000).toUTCString();
    const r = await clockSkewCheck.run(state({ http: http(date) }));
    expect(r).toMatchObject({ status, detail });
  });

  it('clock skew: unreachable or no Date header → a warning, not a failure', async () => {
    expect((await clockSkewCheck.run(state({ http: http(undefined, true) }))).status).toBe('warn');
    expect((await clockSkewCheck.run(state({ http: http(undefined) }))).detail).toBe('sts.us-east-1.amazonaws.com sent no Date header');
  });

  it('region: a name that does not resolve means no Bedrock there', async () => {
    expect(await regionCheck.run(state())).toEqual({ status: 'pass', detail: 'us-east-1 (bedrock.us-east-1.amazonaws.com)' });
    const r = await regionCheck.run(state({ region: 'xx-nowhere-1', lookupHost: async () => 'not-found' }));
    expect(r).toMatchObject({ status: 'fail', detail: 'Bedrock is not offered in xx-nowhere-1 (bedrock.xx-nowhere-1.amazonaws.com does not exist)' });
    expect((await regionCheck.run(state({ lookupHost: async () => 'error' }))).status).toBe('warn');
  });

  it('proxy: passwords hidden, bad URLs and missing CA files fail', async () => {
    expect(redactProxy('http://user:secret@proxy:3128')).toBe('http://user:****@proxy:3128');
    // issue 14 item 11: scheme-less and odd-scheme values keep their password hidden too
    expect(redactProxy('user:secret@proxy:3128')).toBe('user:****@proxy:3128');
    expect(redactProxy('user:se:cr@et@proxy:3128')).toBe('user:****@proxy:3128');
    expect(redactProxy('socks5://user:secret@p:1080')).toBe('socks5://user:****@p:1080');
    expect(redactProxy('proxy.example.com:3128')).toBe('proxy.example.com:3128');
    expect((await proxyCheck.run(state({ env: { HTTPS_PROXY: 'user:secret@proxy:3128' } }))).detail).not.toContain('secret');
    const ok = await proxyCheck.run(state({ env: { HTTPS_PROXY: 'http://user:secret@proxy:3128', NO_PROXY: '.corp' } }));
    expect(ok.status).toBe('pass');
    expect(ok.detail).toContain('HTTPS_PROXY=http://user:****@proxy:3128, NO_PROXY=.corp');
    expect(ok.detail).not.toContain('secret');
    expect((await proxyCheck.run(state({ env: { http_proxy: 'socks5://p:1080' } }))).status).toBe('fail');
    expect((await proxyCheck.run(state({ env: { NODE_EXTRA_CA_CERTS: '/x.pem' }, fileExists: async () => false }))).status).toBe('fail');
    expect(await proxyCheck.run(state())).toEqual({ status: 'pass', detail: 'none set (direct connections)' });
  });

  it.each([
    ['v22.11.0', 'pass'],
    ['v24.1.0', 'pass'],
    ['v20.20.2', 'warn'],
    ['v20.17.0', 'fail'],
    ['v18.20.0', 'fail'],
  ])('node %s → %s', async (nodeVersion, status) => {
    expect((await nodeVersionCheck.run(state({ nodeVersion }))).status).toBe(status);
  });

  it('runDoctor runs every check even when one throws, and reports ok only without failures', async () => {
    const boom: DoctorCheck = {
      id: 'boom',
      title: 'Boom',
      run: async () => {
        throw new Error('kaput');
      },
    };
    const fine: DoctorCheck = { id: 'fine', title: 'Fine', run: async () => ({ status: 'warn', detail: 'meh', fix: 'x' }) };
    const seen: string[] = [];
    const report = await runDoctor(state().deps, (o) => seen.push(o.id), [boom, fine]);
    expect(seen).toEqual(['boom', 'fine']);
    expect(report.ok).toBe(false);
    expect(report.checks[0]).toMatchObject({ status: 'fail', detail: 'unexpected: kaput' });
    expect((await runDoctor(state().deps, () => undefined, [fine])).ok).toBe(true);
  });
});
