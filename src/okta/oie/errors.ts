import { AuthenticationError, ConfigError, OktaError, type OktaBedrockError } from '../../errors.js';
import { OAuthError } from './form.js';

/** Where in the OIE flow an OAuth error came from: the hint depends on it. */
export type OieStep = 'device-authorize' | 'device-token' | 'refresh' | 'exchange';

export interface OieErrorContext {
  step: OieStep;
  orgUrl: string;
  clientId: string;
  appId?: string;
}

const README = 'see "OIE org" in the okta-bedrock README';

/**
 * The exchange refused because the AWS app's policy wants more than the tokens prove ("assurance
 * requirements are not met"): Okta sends it as `invalid_grant`; the description decides whatever
 * the code, so another code with that text is read the same way.
 */
export function isAssuranceError(e: unknown): boolean {
  return e instanceof OAuthError && /assurance/i.test(e.description);
}

/** Cached tokens the org no longer accepts (expired, session ended, revoked, policy changed). */
export function isStaleTokenError(e: unknown): boolean {
  return e instanceof OAuthError && (e.error === 'invalid_grant' || isAssuranceError(e));
}

function grantHint(ctx: OieErrorContext, grant: string): string {
  return (
    `The OIDC app ${ctx.clientId} may not use the ${grant} grant — Okta admin: Applications → that app → General → ` +
    `Grant type: tick "Device Authorization" and "Token Exchange" (${README})`
  );
}

function notWebSsoClient(ctx: OieErrorContext): string {
  const app = ctx.appId ? `the AWS app ${ctx.appId}` : 'the AWS app';
  return (
    `Okta refused a Web SSO token for ${app} to OIDC app ${ctx.clientId} — Okta admin: Applications → the AWS app → ` +
    `Sign On → "Allowed Web SSO Client" = ${ctx.clientId} (${README})`
  );
}

/** Maps an OAuth error to a typed error whose one line says what to change (and who can). */
export function explainOAuthError(e: OAuthError, ctx: OieErrorContext): OktaBedrockError {
  const detail = `${ctx.step}: HTTP ${e.status} ${e.error}: ${e.description}`;
  if (isAssuranceError(e)) {
    return new OktaError(
      `The AWS app's authentication policy (device assurance or MFA) is not met by the OIDC app's sign-in — Okta admin: give the ` +
        `OIDC app ${ctx.clientId} the same authentication policy as the AWS app, and check the device assurance policy (${README})`,
      { detail },
    );
  }
  switch (e.error) {
    case 'invalid_client':
      return new ConfigError(`oidc_client_id ${ctx.clientId} is not an OIDC app of ${ctx.orgUrl} — use the Client ID of the Native OIDC app (${README})`, {
        detail,
      });
    case 'unauthorized_client':
      return new OktaError(grantHint(ctx, ctx.step === 'exchange' ? 'Token Exchange' : 'Device Authorization'), { detail });
    case 'invalid_scope':
      return new OktaError(
        `The OIDC app ${ctx.clientId} is not granted the scopes okta-bedrock asks for (${e.description || 'invalid_scope'}) — Okta admin: ` +
          `Applications → that app → Okta API Scopes: grant okta.apps.sso (and okta.apps.read + okta.users.read.self for app discovery, ` +
          `or set appid in the config) (${README})`,
        { detail },
      );
    case 'access_denied':
      if (ctx.step === 'device-token') return new AuthenticationError('The sign-in was denied in the browser — run `okta-bedrock login` again', { detail });
      return new OktaError(notWebSsoClient(ctx), { detail });
    case 'expired_token':
      return new AuthenticationError('The device code expired before it was approved — run `okta-bedrock login` again and approve it in time', { detail });
    case 'invalid_target':
      return new OktaError(notWebSsoClient(ctx), { detail });
    case 'invalid_request':
      if (ctx.step === 'exchange' && /audience|web.?sso|client/i.test(e.description)) return new OktaError(notWebSsoClient(ctx), { detail });
      return new OktaError(`Okta rejected the request: ${e.description || e.error}`, { detail });
    case 'invalid_grant':
      return new AuthenticationError(`Okta no longer accepts the sign-in (${e.description || 'invalid_grant'}) — run \`okta-bedrock login\``, { detail });
    default:
      return new OktaError(`Okta error ${e.error}${e.description ? `: ${e.description}` : ''}`, { detail });
  }
}
