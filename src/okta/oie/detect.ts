import type { HttpClient } from '../../platform/http.js';
import type { Logger } from '../../platform/log.js';
import { USER_AGENT } from '../client.js';

/** Okta's sign-in pipeline: `v1` = Classic Engine, `idx` = Identity Engine. */
export type OktaPipeline = 'v1' | 'idx';

/**
 * Asks the org which engine it runs: `GET {org}/.well-known/okta-organization` (public, no
 * auth) → `{"id":"00o…","pipeline":"idx",…}`. Undefined when the answer is missing or odd, so
 * the caller can fall back to the classic flow as before.
 */
export async function fetchOrgPipeline(http: HttpClient, orgUrl: string, log: Logger): Promise<OktaPipeline | undefined> {
  const res = await http.send({
    method: 'GET',
    url: `${orgUrl}/.well-known/okta-organization`,
    headers: { 'user-agent': USER_AGENT, accept: 'application/json' },
  });
  log.debug(`okta GET /.well-known/okta-organization → ${res.status}`);
  if (res.status !== 200) return undefined;
  try {
    const pipeline = (JSON.parse(res.body) as { pipeline?: unknown }).pipeline;
    return pipeline === 'v1' || pipeline === 'idx' ? pipeline : undefined;
  } catch {
    return undefined;
  }
}
