import { html, type SimResponse } from '../http.js';
import { errorPage } from '../okta/pages.js';

/**
 * The simulator's browser sign-in page: a small stand-in for Okta's Sign-In Widget on the classic
 * Authentication API. Like the widget it runs in the page: POST /api/v1/authn (username,
 * password) → MFA_REQUIRED; the WebAuthn factor's verify → challenge → a real
 * `navigator.credentials.get` → verify with clientData / authenticatorData / signatureData →
 * SUCCESS sessionToken; then a device check (the signals Okta Verify gives device assurance) and
 * /login/sessionCookieRedirect on the org host, back to the app (fromURI).
 */
export const browserSignInPage = (orgUrl: string, fromURI: string): SimResponse =>
  html(
    200,
    `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/><title>Example Org - Sign In</title></head>
<body class="auth okta-container">
<div id="okta-sign-in" class="auth-container main-container">
<form id="signin" autocomplete="off">
  <h2>Sign In</h2>
  <label for="username">Username</label> <input id="username" name="username" type="text" autocomplete="username"/>
  <label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password"/>
  <input id="submit" type="submit" value="Sign In"/>
</form>
<div id="mfa" hidden>
  <h2>Verify with Security Key or Biometric Authenticator</h2>
  <button id="verify" type="button">Verify</button>
</div>
<p id="status" role="status"></p>
</div>
<script>
(function () {
  var org = ${JSON.stringify(orgUrl)};
  var fromURI = ${JSON.stringify(fromURI)};
  var stateToken, factor;
  var status = document.getElementById('status');
  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json(); });
  }
  function b64url(s) { s = s.replace(/-/g, '+').replace(/_/g, '/'); while (s.length % 4) s += '='; return Uint8Array.from(atob(s), function (c) { return c.charCodeAt(0); }); }
  function b64(buf) { var b = new Uint8Array(buf), s = ''; for (var i = 0; i < b.length; i++) s += String.fromCharCode(b[i]); return btoa(s); }
  function fail(text) { status.textContent = text; status.className = 'error'; }
  function done(sessionToken) {
    status.textContent = 'Checking your device...';
    post('/sim/browser/device-check', { userAgent: navigator.userAgent, platform: navigator.platform }).then(function (d) {
      location.href = org + '/sim/browser/finish?token=' + encodeURIComponent(sessionToken) + '&device=' + encodeURIComponent(d.deviceToken) +
        '&redirectUrl=' + encodeURIComponent(org + fromURI);
    });
  }
  function next(t) {
    if (t.status === 'SUCCESS') return done(t.sessionToken);
    if (t.status !== 'MFA_REQUIRED') return fail(t.errorSummary || ('Cannot continue: ' + t.status));
    stateToken = t.stateToken;
    factor = (t._embedded.factors || []).filter(function (f) { return f.factorType === 'webauthn'; })[0];
    if (!factor) return fail('No security key or biometric authenticator is enrolled');
    document.getElementById('signin').hidden = true;
    document.getElementById('mfa').hidden = false;
  }
  document.getElementById('signin').addEventListener('submit', function (e) {
    e.preventDefault();
    post('/api/v1/authn', { username: document.getElementById('username').value, password: document.getElementById('password').value }).then(next, function () { fail('Sign-in failed'); });
  });
  document.getElementById('verify').addEventListener('click', function () {
    status.textContent = 'Waiting for your security key...';
    var verifyPath = '/api/v1/authn/factors/' + factor.id + '/verify';
    post(verifyPath, { stateToken: stateToken }).then(function (c) {
      var challenge = c._embedded.factor._embedded.challenge.challenge;
      return navigator.credentials.get({ publicKey: {
        challenge: b64url(challenge), rpId: location.hostname, userVerification: 'preferred', timeout: 60000,
        allowCredentials: [{ type: 'public-key', id: b64url(c._embedded.factor.profile.credentialId) }]
      } });
    }).then(function (cred) {
      return post(verifyPath, { stateToken: stateToken, clientData: b64(cred.response.clientDataJSON),
        authenticatorData: b64(cred.response.authenticatorData), signatureData: b64(cred.response.signature) });
    }).then(function (t) {
      if (t.status === 'SUCCESS') return done(t.sessionToken);
      fail(t.errorSummary || 'Verification failed');
    }, function (e) { fail('Security key: ' + e.name); });
  });
})();
</script>
</body></html>
`,
  );

/**
 * What the org shows when the app's authentication policy demands device assurance and the
 * session's device gave no signals (Okta: "Your device doesn't meet the security requirements").
 */
export const deviceAssurancePage = (): SimResponse =>
  errorPage(403, "Your device doesn't meet the security requirements", 'This app requires a managed device. Sign in from your browser to access this app.');
