import { json, type SimRequest, type SimResponse } from '../http.js';

/** Okta's OAuth error answer: `{"error":"…","error_description":"…"}` with no-store caching. */
export const oauthError = (status: number, error: string, description: string): SimResponse =>
  json(status, { error, error_description: description }, { 'cache-control': 'no-cache, no-store', pragma: 'no-cache' });

export const oauthJson = (value: unknown): SimResponse => json(200, value, { 'cache-control': 'no-cache, no-store', pragma: 'no-cache' });

/** OAuth endpoints take `application/x-www-form-urlencoded` bodies only. */
export const readForm = (req: SimRequest): { form: URLSearchParams } | { error: SimResponse } => {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    return { error: oauthError(400, 'invalid_request', 'The request must use the application/x-www-form-urlencoded content type.') };
  }
  return { form: new URLSearchParams(req.body.toString('utf8')) };
};

export const missing = (name: string): SimResponse => oauthError(400, 'invalid_request', `The '${name}' parameter is required.`);
