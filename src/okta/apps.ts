import { OktaError } from '../errors.js';
import type { OktaClient } from './client.js';
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
  return (links as OktaAppLink[]).filter((l) => l && l.appName === AWS_APP_NAME && typeof l.linkUrl === 'string');
}

/** Picks an app by label, app instance id, or link URL fragment. */
export function findApp(apps: OktaAppLink[], wanted: string): OktaAppLink | undefined {
  const w = wanted.trim();
  return (
    apps.find((a) => a.appInstanceId === w || a.id === w) ??
    apps.find((a) => a.label === w) ??
    apps.find((a) => a.label.toLowerCase() === w.toLowerCase()) ??
    apps.find((a) => a.linkUrl.includes(w))
  );
}
