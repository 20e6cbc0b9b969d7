import type { IssuedCredential, Scenario, SimClock } from '../types.js';

/** What the Bedrock and sign-in simulators share with STS: its issued credentials. */
export interface BedrockContext {
  clock: SimClock;
  accountId: string;
  scenario: Scenario;
  /** Skew checking applies only when the simulator runs on real time. */
  realClock: boolean;
  issuedCredentials: Map<string, IssuedCredential>;
  /** Sign-in tokens handed out by getSigninToken, with when they were issued. */
  signinTokens: Map<string, Date>;
}
