import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/config/resolve.js';
import type { CoreDeps } from '../../../src/core/deps.js';
import { selectAuthFlow } from '../../../src/core/select-authenticator.js';
import { systemClock } from '../../../src/platform/clock.js';
import type { HttpClient } from '../../../src/platform/http.js';
import { silentLogger } from '../../../src/platform/log.js';
import { nonInteractivePrompter } from '../../../src/platform/prompts.js';

/** An org answering `.well-known/okta-organization` with `pipeline`; counts the questions. */
function org(pipeline: 'v1' | 'idx' | undefined): { deps: CoreDeps; asked: () => number } {
  let asked = 0;
  const http: HttpClient = {
    send: async () => {
      asked++;
      return pipeline
        ? { status: 200, headers: {}, setCookie: [], body: JSON.stringify({ id: '00o1', pipeline }) }
        : { status: 503, headers: {}, setCookie: [], body: '' }; // busy: says nothing either way
    },
  } as unknown as HttpClient;
  return { deps: { http, prompter: nonInteractivePrompter('x'), log: silentLogger, clock: systemClock }, asked: () => asked };
}

const settings = (s: Partial<Settings>): Settings => ({ profile: 'p', orgUrl: 'https://acme.okta.com', accounts: [], authFlow: 'auto', ...s }) as Settings;

describe('selectAuthFlow: which of the three ways in', () => {
  it.each([
    ['auto, no oidc_client_id, Identity Engine org → idx', { authFlow: 'auto' }, 'idx', 'idx', 1],
    ['auto, no oidc_client_id, Classic org → classic', { authFlow: 'auto' }, 'v1', 'classic', 1],
    ['auto, no oidc_client_id, the org will not say → idx (which falls back to classic without a state token)', { authFlow: 'auto' }, undefined, 'idx', 1],
    ['auto with oidc_client_id on Identity Engine → device flow', { authFlow: 'auto', oidcClientId: '0oaX' }, 'idx', 'device', 1],
    ['auth_flow idx forces IDX, no question asked', { authFlow: 'idx' }, 'v1', 'idx', 0],
    ['auth_flow classic forces classic, no question asked', { authFlow: 'classic' }, 'idx', 'classic', 0],
    ['auth_flow device with oidc_client_id → device flow', { authFlow: 'device', oidcClientId: '0oaX' }, 'idx', 'device', 1],
  ] as const)('%s', async (_, s, pipeline, flow, questions) => {
    const o = org(pipeline);
    expect(await selectAuthFlow(settings(s as Partial<Settings>), o.deps)).toBe(flow);
    expect(o.asked()).toBe(questions);
  });

  it('a host that answers as no Okta org does (404) is refused before any sign-in: code not_okta_org', async () => {
    const http = { send: async () => ({ status: 404, headers: {}, setCookie: [], body: '<html>Not Found</html>' }) } as unknown as HttpClient;
    const deps: CoreDeps = { http, prompter: nonInteractivePrompter('x'), log: silentLogger, clock: systemClock } as CoreDeps;
    await expect(selectAuthFlow(settings({ authFlow: 'auto' }), deps)).rejects.toMatchObject({ code: 'not_okta_org' });
  });
});
