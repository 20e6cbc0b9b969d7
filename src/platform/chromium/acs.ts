/**
 * The AWS sign-in endpoints a SAML IdP posts to, in every partition: signin.aws.amazon.com,
 * signin.amazonaws-us-gov.com, signin.amazonaws.cn, and the regional ones
 * (https://REGION.signin.aws.amazon.com/saml, AWS IAM "Configure SAML 2.0 IdP relying party").
 * Only these requests are intercepted by the browser hand-off.
 */
export const AWS_ACS_URL = /^https:\/\/(?:[a-z0-9-]+\.)?(?:signin\.aws\.amazon\.com|signin\.amazonaws-us-gov\.com|signin\.amazonaws\.cn)\/saml\/?(?:[?#].*)?$/;

export const isAwsAcsUrl = (url: string): boolean => AWS_ACS_URL.test(url);

/** Okta's app URLs that serve an app's SAML form (the link from the dashboard, or the SSO URL). */
const APP_PATH = /^\/(?:home\/[a-z0-9_]+\/0oa[A-Za-z0-9]+\/\d+|app\/[a-z0-9_]+\/[A-Za-z0-9]+\/sso\/saml)$/;

/** The org app URL (no query) of a main-frame navigation, if it is one. */
export function appUrlOnOrg(url: string, orgOrigin: string): string | undefined {
  try {
    const u = new URL(url);
    return u.origin === orgOrigin && APP_PATH.test(u.pathname) ? u.origin + u.pathname : undefined;
  } catch {
    return undefined;
  }
}
