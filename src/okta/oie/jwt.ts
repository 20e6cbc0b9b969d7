/**
 * Reads a JWT's claims without verifying it. We only read `exp` and `sub` of tokens that came
 * straight from the org's token endpoint over TLS (OIDC Core §3.1.3.7 allows TLS in place of
 * the signature check there); Okta verifies them itself when we present them back.
 */
export interface JwtClaims {
  sub?: string;
  exp?: number;
  iat?: number;
  sid?: string;
  [claim: string]: unknown;
}

export function decodeJwtClaims(token: string): JwtClaims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as JwtClaims) : undefined;
  } catch {
    return undefined;
  }
}

/** The token's expiry from its `exp` claim, else `fallback`. */
export function jwtExpiry(token: string, fallback: Date): Date {
  const exp = decodeJwtClaims(token)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : fallback;
}
