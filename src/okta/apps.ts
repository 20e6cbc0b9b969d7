import { OktaError } from '../errors.js';
import type { OktaClient } from './client.js';
import { onOrg } from './org-url.js';
import type { OktaAppLink } from './types.js';

export const AWS_APP_NAME = 'amazon_aws';

/**
 * The AWS app's link from keyman's `appid` (`0oa…/272`), a bare app id, or a full link URL.
 * keyman builds `{org}/home/amazon_aws/{appid}`; so do we.
 */
export function appLinkUrl(orgUrl: string, appid: string): string {
  const trimmed = appid.trim().replace(/^\/+/, '');
  if (/^https?:\/\//i.test(trimmed)) return trimmed;
  if (trimmed.startsWith('home/') || trimmed.startsWith('app/')) return `${orgUrl}/${trimmed}`;
  return `${orgUrl}/home/${AWS_APP_NAME}/${trimmed.includes('/') ? trimmed : `${trimmed}/272`}`;
}

/** The AWS apps assigned to the signed-in user (`GET /api/v1/users/me/appLinks`). */
export async function listAwsApps(client: OktaClient): Promise<OktaAppLink[]> {
  const links = await client.json<unknown>('GET', '/api/v1/users/me/appLinks');
  if (!Array.isArray(links)) throw new OktaError('Okta returned an unexpected app list');
  return awsAppsOnOrg(client.orgUrl, links);
}

/**
 * The `amazon_aws` entries of an appLinks body, each `linkUrl` moved onto the org we signed in
 * to. An org with a custom domain (login.acme.com) lists links on its okta.com name, where our
 * session cookie does not go; the path is the same on both names.
 */
export function awsAppsOnOrg(orgUrl: string, links: unknown[]): OktaAppLink[] {
  return (links as OktaAppLink[])
    .filter((l) => typeof l === 'object' && l !== null && l.appName === AWS_APP_NAME && typeof l.linkUrl === 'string')
    .map((l) => ({ ...l, linkUrl: linkOnOrg(orgUrl, l.linkUrl) }));
}

/** An unparsable link is kept as Okta sent it rather than dropping the app from the list. */
function linkOnOrg(orgUrl: string, link: string): string {
  try {
    return onOrg(orgUrl, link);
  } catch {
    return link;
  }
}

/**
 * The apps `wanted` names: an app instance id (exact), else a label (exact, then any case), else a
 * link URL fragment. Several results mean the name is ambiguous (two tiles with one label).
 */
export function findApps(apps: OktaAppLink[], wanted: string): OktaAppLink[] {
  const w = wanted.trim();
  const tiers = [
    (a: OktaAppLink) => a.appInstanceId === w || a.id === w,
    (a: OktaAppLink) => a.label === w,
    (a: OktaAppLink) => a.label.toLowerCase() === w.toLowerCase(),
    (a: OktaAppLink) => a.linkUrl.includes(w),
  ];
  for (const tier of tiers) {
    const found = apps.filter(tier);
    if (found.length > 0) return found;
  }
  return [];
}

/** The one app `wanted` names, if exactly one. */
export function findApp(apps: OktaAppLink[], wanted: string): OktaAppLink | undefined {
  const found = findApps(apps, wanted);
  return found.length === 1 ? found[0] : undefined;
}

/** One line per app for messages and menus: the label and the id that tells duplicates apart. */
export function appLine(app: OktaAppLink): string {
  return `${app.label} (${app.appInstanceId})`;
}
