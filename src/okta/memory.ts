/**
 * What a login remembers per org and user between runs (kept in the cache directory, 0600):
 * the factor that worked, and Okta's device token cookie (`DT`) so a device Okta was asked to
 * remember skips MFA next time. The DT value is a secret: with the password it stands in for MFA.
 */
export interface RememberedFactor {
  /** The factor's id (the same device); `selector` when Okta re-issued it. */
  id: string;
  /** `push`, `totp:GOOGLE`, `sms`… */
  selector: string;
}

export interface OktaMemory {
  factor?: RememberedFactor;
  deviceToken?: string;
}

export interface OktaMemoryStore {
  read(orgUrl: string, login: string): Promise<OktaMemory | undefined>;
  write(orgUrl: string, login: string, memory: OktaMemory): Promise<void>;
}
