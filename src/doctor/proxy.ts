import { fail, pass, type CheckResult, type DoctorCheck } from './types.js';

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

/**
 * A proxy URL with its password hidden — also when it is not a URL we accept: a scheme-less
 * `user:pass@proxy:3128` parses as scheme `user:` with no password, so the userinfo is found by
 * hand (everything before the last `@` after any `scheme://`).
 */
export function redactProxy(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.protocol === 'http:' || u.protocol === 'https:') {
      if (u.password) u.password = '****';
      return u.toString().replace(/\/$/, '');
    }
  } catch {
    // not a URL: redact by hand below
  }
  const scheme = raw.indexOf('://');
  const start = scheme >= 0 ? scheme + 3 : 0;
  const at = raw.lastIndexOf('@');
  if (at <= start) return raw;
  const colon = raw.indexOf(':', start);
  if (colon === -1 || colon > at) return raw;
  return `${raw.slice(0, colon)}:****${raw.slice(at)}`;
}

/** Proxy settings: valid proxy URLs, NO_PROXY, and a readable NODE_EXTRA_CA_CERTS. */
export const proxyCheck: DoctorCheck = {
  id: 'proxy',
  title: 'Proxy settings',
  async run(state): Promise<CheckResult> {
    const { env } = state.deps;
    const parts: string[] = [];
    for (const name of PROXY_VARS) {
      const value = env[name];
      if (!value) continue;
      let ok = true;
      try {
        const u = new URL(value);
        ok = u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        ok = false;
      }
      if (!ok) return fail(`${name}=${redactProxy(value)} is not an http:// or https:// URL`, `set ${name} to http://proxy.example.com:3128 (or unset it)`);
      parts.push(`${name}=${redactProxy(value)}`);
    }
    const noProxy = env.NO_PROXY ?? env.no_proxy;
    if (noProxy) parts.push(`NO_PROXY=${noProxy}`);
    const ca = env.NODE_EXTRA_CA_CERTS;
    if (ca) {
      if (!(await state.deps.fileExists(ca))) {
        return fail(`NODE_EXTRA_CA_CERTS=${ca} does not exist`, "point NODE_EXTRA_CA_CERTS at your proxy's CA certificate file (PEM), or unset it");
      }
      parts.push(`NODE_EXTRA_CA_CERTS=${ca}`);
    }
    if (parts.length === 0) return pass('none set (direct connections)');
    return pass(parts.join(', '));
  },
};
