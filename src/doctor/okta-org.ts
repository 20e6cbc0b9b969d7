import { isOktaBedrockError } from '../errors.js';
import { fail, pass, skip, type DoctorCheck } from './types.js';

/** Okta org reachable: GET /.well-known/okta-organization answers. */
export const oktaOrgCheck: DoctorCheck = {
  id: 'okta-org',
  title: 'Okta org reachable',
  async run(state) {
    if (!state.orgUrl) return skip('no Okta org configured');
    try {
      const res = await state.deps.http.send({ method: 'GET', url: `${state.orgUrl}/.well-known/okta-organization`, headers: { accept: 'application/json' } });
      if (res.status !== 200) {
        return fail(
          `${state.orgUrl} answered HTTP ${res.status} for /.well-known/okta-organization`,
          'check the org URL in the config (`org:`) — it should be your Okta sign-in page',
        );
      }
      let pipeline: unknown;
      try {
        pipeline = (JSON.parse(res.body) as { pipeline?: unknown }).pipeline;
      } catch {
        pipeline = undefined;
      }
      const kind = pipeline === 'idx' ? 'Okta Identity Engine' : pipeline === 'v1' ? 'Okta Classic Engine' : 'Okta';
      return pass(`${state.orgUrl} (${kind})`);
    } catch (e) {
      if (!isOktaBedrockError(e)) throw e;
      return fail(e.message, 'check your network, proxy (HTTPS_PROXY) and the org URL');
    }
  },
};
