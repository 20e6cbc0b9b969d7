/**
 * Okta Identity Engine IDX API shapes (`/idp/idx/*`), as the Okta Sign-In Widget reads them —
 * okta/okta-signin-widget playground/mocks/data/idp/idx/*.json (identify.json,
 * authenticator-verification-*.json, success.json, error-*.json).
 */

/** `messages.value[]`: `{class: "ERROR", message, i18n: {key}}` (top level or on a form field). */
export interface IdxMessage {
  message?: string;
  class?: string;
  i18n?: { key?: string; params?: unknown[] };
}

export interface IdxMessages {
  type?: string;
  value?: IdxMessage[];
}

/** A field of a remediation form; `form` nests (`credentials.passcode`), `options` offer choices. */
export interface IdxField {
  name: string;
  label?: string;
  type?: string;
  required?: boolean;
  value?: unknown;
  visible?: boolean;
  mutable?: boolean;
  secret?: boolean;
  form?: { value?: IdxField[] };
  options?: IdxOption[];
  messages?: IdxMessages;
  relatesTo?: string;
}

export interface IdxOption {
  label?: string;
  value?: unknown;
  relatesTo?: string;
}

/** One remediation form: POST `value` fields to `href` (redirect-idp: GET). */
export interface IdxRemediation {
  rel?: string[];
  name: string;
  href?: string;
  method?: string;
  accepts?: string;
  produces?: string;
  /** Poll forms: milliseconds to wait before each poll. */
  refresh?: number;
  value?: IdxField[];
  relatesTo?: string[] | string;
  type?: string;
  idp?: { id?: string; name?: string };
}

/** An authenticator or an enrollment (`authenticators`, `authenticatorEnrollments`, `currentAuthenticator*`). */
export interface IdxAuthenticator {
  type?: string;
  key?: string;
  id?: string;
  authenticatorId?: string;
  displayName?: string;
  methods?: { type?: string; methodType?: string }[];
  profile?: Record<string, unknown>;
  contextualData?: { correctAnswer?: string | number; enrolledQuestion?: { question?: string; questionKey?: string } };
  resend?: IdxRemediation;
  poll?: IdxRemediation;
}

export interface IdxUser {
  id?: string;
  identifier?: string;
  profile?: { firstName?: string; lastName?: string };
}

/** An IDX state (the answer to introspect and to every remediation). */
export interface IdxState {
  stateHandle?: string;
  version?: string;
  expiresAt?: string;
  intent?: string;
  remediation?: { type?: string; value?: IdxRemediation[] };
  messages?: IdxMessages;
  currentAuthenticator?: { type?: string; value?: IdxAuthenticator };
  currentAuthenticatorEnrollment?: { type?: string; value?: IdxAuthenticator };
  authenticators?: { type?: string; value?: IdxAuthenticator[] };
  authenticatorEnrollments?: { type?: string; value?: IdxAuthenticator[] };
  user?: { type?: string; value?: IdxUser };
  success?: { name?: string; href?: string };
  cancel?: IdxRemediation;
  app?: { type?: string; value?: { name?: string; label?: string; id?: string } };
}

/** What the IDX API accepts and answers (Okta: `application/ion+json; okta-version=1.0.0`). */
export const IDX_ACCEPT = 'application/ion+json; okta-version=1.0.0';
export const IDX_CONTENT_TYPE = 'application/json';

/** Okta's built-in End-User Dashboard OIDC client: the same id in every org. */
export const DASHBOARD_CLIENT_ID = 'okta.2b1959c8-bcc0-56eb-a589-cfcfb7422f26';
