import { html, type SimRequest, type SimResponse } from '../http.js';
import { readForm } from './form.js';
import { approveDevice, denyDevice } from './device.js';
import type { OieState } from './state.js';

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const page = (status: number, body: string): SimResponse =>
  html(
    status,
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/><title>Activate your device</title></head>\n' +
      `<body class="auth okta-container"><h2>Activate your device</h2>${body}</body></html>\n`,
  );

const form = (userCode: string, message = ''): string =>
  (message ? `<p class="o-form-error" role="alert">${escape(message)}</p>` : '') +
  '<form method="POST" action="/activate">' +
  `<label>Activation code <input name="userCode" value="${escape(userCode)}" autocomplete="off"/></label>` +
  '<label>Username <input name="username" autocomplete="username"/></label>' +
  '<label>Password <input name="password" type="password" autocomplete="current-password"/></label>' +
  '<button name="action" value="approve" type="submit">Allow</button> <button name="action" value="deny" type="submit">Deny</button>' +
  '</form>';

/**
 * GET /activate[?user_code=…]: Okta's device activation page (RFC 8628 §3.3 verification_uri):
 * the person enters (or confirms) the code and signs in. The simulated org signs in with the
 * user's password only (its MFA is the test's business: `sim.oie.approveDevice` skips the page).
 */
export const activatePage = (req: SimRequest): SimResponse =>
  page(200, form((req.url.searchParams.get('user_code') ?? '').replace(/[^A-Za-z-]/g, '').toUpperCase()));

/** POST /activate (userCode, username, password, action=approve|deny): approves or denies the code. */
export const activateSubmit = (state: OieState, req: SimRequest): SimResponse => {
  const read = readForm(req);
  if ('error' in read) return page(400, form('', 'The form could not be read.'));
  const code = (read.form.get('userCode') ?? '').replace(/[^A-Za-z]/g, '').toUpperCase();
  const deviceCode = state.userCodes.get(code);
  const grant = deviceCode ? state.devices.get(deviceCode) : undefined;
  if (!grant || grant.status !== 'pending' || grant.expiresAt.getTime() <= state.okta.clock.now().getTime()) {
    return page(400, form(code, 'Invalid code. Try again.'));
  }
  if (read.form.get('action') === 'deny') {
    denyDevice(state, code);
    return page(200, '<p class="o-form-explain">Device not activated. You can close this window.</p>');
  }
  const login = (read.form.get('username') ?? '').toLowerCase();
  const user = state.okta.users.find((u) => u.login.toLowerCase() === login);
  if (!user || user.password !== read.form.get('password')) return page(401, form(code, 'Unable to sign in'));
  approveDevice(state, code, user);
  return page(200, '<p class="o-form-explain">Device activated. Follow the instructions on your device for next steps.</p>');
};
