import type { Simulator } from '../../../src/simulator/index.js';

export type Json = Record<string, unknown>;

export const oktaPost = async (
  sim: Simulator,
  pathOrUrl: string,
  body: unknown,
  cookie?: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: Json; headers: Headers }> => {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${sim.oktaUrl}${pathOrUrl}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(cookie ? { cookie } : {}), ...extraHeaders },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
};

export const field = (value: unknown, ...path: Array<string | number>): unknown =>
  path.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined), value);

export const verifyHref = (authn: Json, factorType: string, provider: string): string => {
  const factors = field(authn, '_embedded', 'factors') as Json[];
  const factor = factors.find((f) => f.factorType === factorType && f.provider === provider);
  return field(factor, '_links', 'verify', 'href') as string;
};

/** Password + Okta Verify TOTP → sessionToken. */
export const loginWithTotp = async (sim: Simulator): Promise<string> => {
  const authn = await oktaPost(sim, '/api/v1/authn', { username: 'alice@example.com', password: 'correct horse battery staple' });
  const verified = await oktaPost(sim, verifyHref(authn.body, 'token:software:totp', 'OKTA'), {
    stateToken: authn.body.stateToken,
    passCode: sim.totp(),
  });
  return verified.body.sessionToken as string;
};

/** The admin API token header POST /api/v1/sessions needs. */
export const ssws = (sim: Simulator): Record<string, string> => ({ authorization: `SSWS ${sim.adminApiToken}` });

/** sessionToken → `sid=…` cookie via POST /api/v1/sessions (an admin call). */
export const sessionCookie = async (sim: Simulator, sessionToken: string): Promise<string> => {
  const res = await oktaPost(sim, '/api/v1/sessions', { sessionToken }, undefined, ssws(sim));
  return `sid=${res.body.id as string}`;
};

const decodeEntities = (s: string): string =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCharCode(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export const samlFromPage = (page: string): string => {
  const m = /name="SAMLResponse" type="hidden" value="([^"]*)"/.exec(page);
  if (!m?.[1]) throw new Error('no SAMLResponse in page');
  return decodeEntities(m[1]);
};

export const fetchSaml = async (sim: Simulator, cookie: string, appPath = '/home/amazon_aws/0oa1b2c3d4e5f6g7h8i9/272'): Promise<string> => {
  const res = await fetch(`${sim.oktaUrl}${appPath}`, { headers: { cookie }, redirect: 'manual' });
  return samlFromPage(await res.text());
};

export const stsCall = async (sim: Simulator, params: Record<string, string>): Promise<{ status: number; text: string; headers: Headers }> => {
  const res = await fetch(`${sim.stsUrl}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({ Version: '2011-06-15', ...params }).toString(),
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
};

export const xmlValue = (xml: string, tag: string): string | undefined => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
