import type { SimRequest } from './http.js';
import { verifySigV4, type SigV4Result } from './sigv4.js';
import type { IssuedCredential, Scenario, SimClock } from './types.js';

/** What a simulated AWS service (STS, Bedrock) knows to check a caller's signature. */
export interface IssuedCredentialsContext {
  clock: SimClock;
  scenario: Scenario;
  /** Skew checking applies only when the simulator runs on real time. */
  realClock: boolean;
  issuedCredentials: Map<string, IssuedCredential>;
}

/** SigV4 against the credentials the simulated STS issued, for `service`'s signing name. */
export const verifyIssuedSigV4 = (ctx: IssuedCredentialsContext, req: SimRequest, service: string): SigV4Result =>
  verifySigV4(req, {
    service,
    now: ctx.clock.now(),
    lookup: (id) => ctx.issuedCredentials.get(id),
    maxSkewSeconds: ctx.realClock ? ctx.scenario.sigv4MaxSkewSeconds : null,
  });
