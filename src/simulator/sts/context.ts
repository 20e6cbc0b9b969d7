import type { IssuedCredential, Scenario, SimClock } from '../types.js';

/** What STS remembers about credentials it issued, beyond the public map. */
export interface CredentialIdentity {
  roleArn: string;
  roleName: string;
  roleId: string;
  sessionName: string;
}

export interface StsContext {
  clock: SimClock;
  accountId: string;
  scenario: Scenario;
  certificatePem: string;
  credentialLifetimeSeconds?: number;
  /** Skew checking applies only when the simulator runs on real time. */
  realClock: boolean;
  issuedCredentials: Map<string, IssuedCredential>;
  identities: Map<string, CredentialIdentity>;
}
