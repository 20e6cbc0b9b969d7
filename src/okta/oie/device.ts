import { AuthenticationError } from '../../errors.js';
import type { Clock } from '../../platform/clock.js';
import type { HttpClient } from '../../platform/http.js';
import type { Logger } from '../../platform/log.js';
import { OAuthError, postOAuth } from './form.js';
import { GRANT_DEVICE_CODE, type DeviceAuthorization, type TokenResponse } from './types.js';

export interface DeviceFlowContext {
  http: HttpClient;
  log: Logger;
  clock: Clock;
  orgUrl: string;
  clientId: string;
  signal?: AbortSignal;
}

/** RFC 8628 §3.5: without an `interval`, wait 5 s; `slow_down` adds 5 s for this and every later poll. */
export const DEFAULT_INTERVAL_SECONDS = 5;
export const SLOW_DOWN_SECONDS = 5;
/** Okta's device codes live 10 minutes. */
export const DEFAULT_EXPIRES_IN_SECONDS = 600;

/** `POST /oauth2/v1/device/authorize` (org authorization server). */
export async function startDeviceAuthorization(ctx: DeviceFlowContext, scopes: string[]): Promise<DeviceAuthorization> {
  const auth = await postOAuth<DeviceAuthorization>({
    http: ctx.http,
    log: ctx.log,
    url: `${ctx.orgUrl}/oauth2/v1/device/authorize`,
    params: { client_id: ctx.clientId, scope: scopes.join(' ') },
    signal: ctx.signal,
  });
  if (typeof auth.device_code !== 'string' || typeof auth.user_code !== 'string' || typeof auth.verification_uri !== 'string') {
    throw new OAuthError(200, 'invalid_response', 'device authorization answer without device_code/user_code/verification_uri');
  }
  ctx.log.addSecret(auth.device_code);
  // Both are numbers in Okta's answer; a missing or odd value gets Okta's own (600 s, and RFC 8628's 5 s).
  const expiresIn = Number(auth.expires_in);
  const interval = Number(auth.interval);
  return {
    ...auth,
    expires_in: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN_SECONDS,
    interval: Number.isFinite(interval) && interval > 0 ? interval : undefined,
  };
}

/**
 * Polls `POST /oauth2/v1/token` with the device code until the person approves it in the
 * browser, honouring `interval`, `authorization_pending` and `slow_down` (+5 s), and stopping
 * on `expired_token`, `access_denied` or our own reading of `expires_in`.
 */
export async function pollDeviceToken(ctx: DeviceFlowContext, auth: DeviceAuthorization): Promise<TokenResponse> {
  let intervalSeconds = auth.interval !== undefined && auth.interval > 0 ? auth.interval : DEFAULT_INTERVAL_SECONDS;
  const expiresAt = ctx.clock.now().getTime() + auth.expires_in * 1000;
  for (;;) {
    await ctx.clock.sleep(intervalSeconds * 1000, ctx.signal);
    if (ctx.clock.now().getTime() >= expiresAt) {
      throw new AuthenticationError(
        `The device code expired after ${Math.round(auth.expires_in / 60)} min without approval — run \`okta-bedrock login\` again`,
      );
    }
    try {
      return await postOAuth<TokenResponse>({
        http: ctx.http,
        log: ctx.log,
        url: `${ctx.orgUrl}/oauth2/v1/token`,
        params: { client_id: ctx.clientId, device_code: auth.device_code, grant_type: GRANT_DEVICE_CODE },
        signal: ctx.signal,
      });
    } catch (e) {
      if (!(e instanceof OAuthError)) throw e;
      if (e.error === 'authorization_pending') continue;
      if (e.error === 'slow_down') {
        intervalSeconds += SLOW_DOWN_SECONDS;
        ctx.log.debug(`Okta asked to slow down: polling every ${intervalSeconds} s`);
        continue;
      }
      throw e;
    }
  }
}
