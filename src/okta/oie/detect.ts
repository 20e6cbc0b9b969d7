import type { HttpClient } from '../../platform/http.js';
import type { Logger } from '../../platform/log.js';
import { USER_AGENT } from '../client.js';

/** Okta's sign-in pipeline: `v1` = Classic Engine, `idx` = Identity Engine. */
export type OktaPipeline = 'v1' | 'idx';

/** What `/.well-known/okta-organization` said about a host: an Okta org (and its engine), or why it is not one. */
export type OrgCheck = { ok: true; pipeline?: OktaPipeline } | { ok: false; reason: string; definite: boolean };

/**
 * Whether `orgUrl` is an Okta org, before anything secret is sent to it: Okta answers
 * `GET /.well-known/okta-organization` (public, no auth) with 200 and `{"id":"00o…","pipeline":…}`.
 * Anything else (404 from a web server, HTML, JSON without an org id) is not an org (`definite`);
 * 429/5xx say nothing either way. Network failures throw (the caller can offer to retry).
 */
export async function checkOktaOrg(http: HttpClient, orgUrl: string, log: Logger): Promise<OrgCheck> {
  const res = await http.send({
    method: 'GET',
    url: `${orgUrl}/.well-known/okta-organization`,
    headers: { 'user-agent': USER_AGENT, accept: 'application/json' },
  });
  log.debug(`okta GET /.well-known/okta-organization → ${res.status}`);
  // 404 (a web server without the route): definitely not an org; 429/5xx: Okta may be busy, nothing is known.
  if (res.status !== 200) return { ok: false, reason: `HTTP ${res.status}`, definite: res.status === 404 };
  let body: { id?: unknown; pipeline?: unknown } | undefined;
  try {
    body = JSON.parse(res.body) as { id?: unknown; pipeline?: unknown };
  } catch {
    return { ok: false, reason: 'not JSON', definite: true };
  }
  if (typeof body !== 'object' || body === null || typeof body.id !== 'string') return { ok: false, reason: 'no Okta org id', definite: true };
  return { ok: true, pipeline: body.pipeline === 'v1' || body.pipeline === 'idx' ? body.pipeline : undefined };
}
