import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BEDROCK_ROLE_ARN, DEFAULT_APP_ID } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { startMitmProxy, type MitmProxy } from '../helpers/mitm-proxy.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

const t = useOktaE2e();
let proxy: MitmProxy;

beforeEach(async () => {
  proxy = await startMitmProxy({});
});
afterEach(async () => {
  await proxy.close();
});

const login = (extraEnv: Record<string, string>) =>
  runCli(t.args(...t.totp(), '--app', `${DEFAULT_APP_ID}/272`, '--assume-role-arn', BEDROCK_ROLE_ARN), {
    env: t.env(extraEnv),
    input: PASSWORD_LINE,
  });

describe('proxies', () => {
  it('HTTP_PROXY / HTTPS_PROXY carry both the Okta calls and the AWS SDK calls', async () => {
    const r = await login({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    expect(r.code, r.stderr).toBe(0);
    const oktaHost = new URL(t.sim.oktaUrl).host;
    const stsHost = new URL(t.sim.stsUrl).host;
    // undici tunnels Okta traffic with CONNECT; the SDK's proxy agent sends absolute-URI requests.
    const okta = [...proxy.connects.filter((c) => c === oktaHost), ...proxy.plainRequests.filter((q) => q.includes(oktaHost))];
    const sts = [...proxy.connects.filter((c) => c === stsHost), ...proxy.plainRequests.filter((q) => q.includes(stsHost))];
    expect(okta.length).toBeGreaterThanOrEqual(1);
    expect(sts.length).toBeGreaterThanOrEqual(1);
    expect(t.sim.requests.filter((q) => q.service === 'sts')).toHaveLength(2); // AssumeRoleWithSAML + chained AssumeRole
  });

  it('NO_PROXY bypasses the proxy', async () => {
    const r = await login({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1,localhost' });
    expect(r.code, r.stderr).toBe(0);
    expect(proxy.plainRequests).toEqual([]);
    expect(proxy.connects).toEqual([]);
  });

  it('a dead proxy gives a clear network error', async () => {
    const r = await login({ HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9' });
    expect(r.code).toBe(10);
    expect(r.stderr).toMatch(/^error: .*(refused|proxy)/m);
  });

  it('the Bedrock commands go through the proxy too (runtime client)', async () => {
    const ok = await login({});
    expect(ok.code, ok.stderr).toBe(0);
    const r = await runCli(['test', '--model', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'hi'], {
      env: {
        ...t.home.env,
        AWS_ENDPOINT_URL_STS: t.sim.stsUrl,
        AWS_ENDPOINT_URL_BEDROCK: t.sim.bedrockUrl,
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: t.sim.bedrockRuntimeUrl,
        HTTP_PROXY: proxy.url,
        HTTPS_PROXY: proxy.url,
      },
    });
    expect(r.code, r.stderr).toBe(0);
    const runtimeHost = new URL(t.sim.bedrockRuntimeUrl).host;
    expect(proxy.plainRequests.filter((q) => q.includes(runtimeHost)).length + proxy.connects.filter((c) => c === runtimeHost).length).toBeGreaterThanOrEqual(
      1,
    );
  });
});
