/** Okta Authentication API shapes (https://developer.okta.com/docs/reference/api/authn/). */
export type AuthnStatus =
  | 'SUCCESS'
  | 'MFA_REQUIRED'
  | 'MFA_CHALLENGE'
  | 'MFA_ENROLL'
  | 'MFA_ENROLL_ACTIVATE'
  | 'LOCKED_OUT'
  | 'PASSWORD_EXPIRED'
  | 'PASSWORD_WARN'
  | 'PASSWORD_RESET'
  | 'RECOVERY'
  | 'RECOVERY_CHALLENGE'
  | 'UNAUTHENTICATED';

export interface OktaLink {
  href: string;
  name?: string;
  hints?: { allow?: string[] };
}

export interface OktaFactor {
  id: string;
  factorType: string;
  provider: string;
  vendorName?: string;
  /** e.g. `phoneNumber` (sms, call), `email`, `questionText` (question), `name` (push device). */
  profile?: Record<string, unknown>;
  _links?: Record<string, OktaLink | undefined>;
  _embedded?: { challenge?: { correctAnswer?: number } };
}

/** The remember-device part of the sign-on policy, sent with MFA_REQUIRED / MFA_CHALLENGE. */
export interface RememberDevicePolicy {
  allowRememberDevice?: boolean;
  rememberDeviceLifetimeInMinutes?: number;
  rememberDeviceByDefault?: boolean;
  /** PASSWORD_WARN: the password policy's expiry. */
  expiration?: { passwordExpireDays?: number };
}

/** Link relations of a transaction; `resend` is a list (one per channel). */
export interface AuthnLinks {
  next?: OktaLink;
  skip?: OktaLink;
  prev?: OktaLink;
  cancel?: OktaLink;
  resend?: OktaLink[] | OktaLink;
}

export interface OktaUser {
  id: string;
  profile?: { login?: string; firstName?: string; lastName?: string };
}

export interface AuthnTransaction {
  status: AuthnStatus | string;
  /** `SESSION_STEP_UP` for app sign-on policy MFA. */
  type?: string;
  stateToken?: string;
  sessionToken?: string;
  expiresAt?: string;
  factorResult?: string;
  _embedded?: {
    user?: OktaUser;
    /** A list under MFA_REQUIRED; some Okta answers put the challenged factor here as an object. */
    factors?: OktaFactor[] | OktaFactor;
    factor?: OktaFactor;
    policy?: RememberDevicePolicy;
    target?: { type?: string; name?: string; label?: string };
  };
  _links?: AuthnLinks;
}

export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink?: string;
  errorId?: string;
  errorCauses?: { errorSummary?: string }[];
}

export interface OktaAppLink {
  id?: string;
  label: string;
  linkUrl: string;
  appName: string;
  appInstanceId: string;
}

/** What we keep of an Okta session: the `sid` cookie value is a secret. */
export interface OktaSession {
  orgUrl: string;
  login: string;
  sid: string;
  expiresAt: Date;
}
