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
  profile?: Record<string, unknown>;
  _links?: Record<string, OktaLink | undefined>;
  _embedded?: { challenge?: { correctAnswer?: number } };
}

export interface OktaUser {
  id: string;
  profile?: { login?: string; firstName?: string; lastName?: string };
}

export interface AuthnTransaction {
  status: AuthnStatus | string;
  stateToken?: string;
  sessionToken?: string;
  expiresAt?: string;
  factorResult?: string;
  _embedded?: {
    user?: OktaUser;
    factors?: OktaFactor[];
    factor?: OktaFactor;
  };
  _links?: Record<string, OktaLink | undefined>;
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
