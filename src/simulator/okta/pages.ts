import { html, type SimResponse } from '../http.js';

/** Okta escapes attribute values like OWASP ESAPI: everything but [A-Za-z0-9,._-] becomes &#xHH;. */
export const oktaAttributeEscape = (value: string): string => value.replace(/[^A-Za-z0-9,._-]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);

const textEscape = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const layout = (title: string, body: string): string =>
  '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/>' +
  `<title>${textEscape(title)}</title></head>\n<body class="auth okta-container">\n${body}\n</body></html>\n`;

/** Okta's error page: `div.error-content h1`. */
export const errorPage = (status: number, heading: string, detail: string): SimResponse =>
  html(
    status,
    layout(
      'Okta - Error',
      `<div id="content" class="content"><div class="error-content"><h1>${textEscape(heading)}</h1>` +
        `<p class="o-form-explain">${textEscape(detail)}</p></div></div>`,
    ),
  );

export const forbiddenPage = (detail: string): SimResponse => errorPage(403, '403 - Forbidden', detail);

export const notFoundPage = (): SimResponse => errorPage(404, '404 - Page Not Found', "The page you are looking for can't be found.");

export const loginPage = (): SimResponse => html(200, layout('Sign In', '<div id="okta-sign-in" class="auth-container main-container"><h2>Sign In</h2></div>'));

/** The auto-submitting form Okta serves for a SAML app. */
export const samlPostPage = (action: string, samlResponse: string, relayState = ''): SimResponse =>
  html(
    200,
    layout(
      'Signing in...',
      `<form id="appForm" name="appForm" method="POST" action="${oktaAttributeEscape(action)}">` +
        '<div>' +
        `<input name="SAMLResponse" type="hidden" value="${oktaAttributeEscape(samlResponse)}"/>` +
        `<input name="RelayState" type="hidden" value="${oktaAttributeEscape(relayState)}"/>` +
        '</div><noscript><p>Note: Since your browser does not support JavaScript, you must press the button below once to proceed.</p>' +
        '<input type="submit" value="Submit"/></noscript></form>\n' +
        '<script type="text/javascript">(function(){document.getElementById("appForm").submit();})();</script>',
    ),
  );

/** Okta escapes JavaScript string values like OWASP ESAPI: all but [A-Za-z0-9,._] become \xHH. */
export const oktaJsEscape = (value: string): string =>
  value.replace(/[^A-Za-z0-9,._]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** The sign-in widget page that asks for app-level MFA ("Extra Verification"), stateToken in script. */
export const secondFactorPage = (orgName: string, stateToken: string): SimResponse =>
  html(
    200,
    layout(
      `${orgName} - Extra Verification`,
      '<div id="okta-sign-in" class="auth-container main-container"></div>\n' +
        '<script type="text/javascript">\n' +
        `var stateToken = '${oktaJsEscape(stateToken)}';\n` +
        'var signInWidgetOptions = {stateToken: stateToken, features: {router: true, rememberMe: true}};\n' +
        '</script>',
    ),
  );

export const plainAppPage = (label: string): SimResponse => html(200, layout(label, `<div class="app-content"><h1>${textEscape(label)}</h1></div>`));
