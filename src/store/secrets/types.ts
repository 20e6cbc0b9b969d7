/** The OS keychain behind a small interface, so flows test with an in-memory store. */
export interface SecretStore {
  /** The secret, or undefined when absent or the keychain is unavailable. */
  get(account: string): Promise<string | undefined>;
  /** Saves the secret; false when the keychain is unavailable (never a plaintext fallback). */
  set(account: string, secret: string): Promise<boolean>;
  /** Removes the secret; true when one was removed. */
  delete(account: string): Promise<boolean>;
}

/** The keychain service name for every okta-bedrock entry. */
export const SECRET_SERVICE = 'okta-bedrock';

/** The keychain account for an Okta password: `user@org-host` (e.g. `alice@example.com@acme.okta.com`). */
export function passwordAccount(username: string, orgUrl: string): string {
  return `${username}@${new URL(orgUrl).host}`;
}

/** Whether the keychain works here, and if not why and what to do (the wizard, `daemon start --password-cache`, `doctor`). */
export type KeychainProbe =
  { ok: true } | { ok: false; reason: 'not_installed' | 'no_libsecret' | 'no_secret_service' | 'failed'; detail: string; fix: string };
