import { OktaError } from '../../errors.js';
import type { HttpClient, HttpResponse } from '../../platform/http.js';
import type { Logger } from '../../platform/log.js';
import { USER_AGENT } from '../client.js';
import type { OAuthErrorBody } from './types.js';

/** An OAuth error answer (`error` / `error_description`), before it is mapped to what to do. */
export class OAuthError extends OktaError {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`Okta answered ${error}${description ? `: ${description}` : ''}`, { detail: `HTTP ${status} ${error}: ${description}` });
  }
}

function isOAuthErrorBody(v: unknown): v is OAuthErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as OAuthErrorBody).error === 'string';
}

export interface FormPost {
  http: HttpClient;
  log: Logger;
  url: string;
  params: Record<string, string | undefined>;
  accept?: string;
  signal?: AbortSignal;
}

/** POSTs `application/x-www-form-urlencoded`, as OAuth endpoints want. */
export async function postForm(req: FormPost): Promise<HttpResponse> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(req.params)) if (v !== undefined) body.set(k, v);
  const res = await req.http.send({
    method: 'POST',
    url: req.url,
    headers: { 'user-agent': USER_AGENT, accept: req.accept ?? 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
    signal: req.signal,
  });
  req.log.debug(`okta POST ${new URL(req.url).pathname} → ${res.status}`);
  return res;
}

/** POSTs a form to an OAuth endpoint and returns the JSON answer; OAuth errors become OAuthError. */
export async function postOAuth<T>(req: FormPost): Promise<T> {
  const res = await postForm(req);
  let parsed: unknown;
  try {
    parsed = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    parsed = undefined;
  }
  if (res.status >= 200 && res.status < 300 && parsed !== undefined && !isOAuthErrorBody(parsed)) return parsed as T;
  if (isOAuthErrorBody(parsed)) throw new OAuthError(res.status, parsed.error, parsed.error_description ?? '');
  if (res.status === 404) {
    throw new OktaError(`Okta has no ${new URL(req.url).pathname} here (HTTP 404) — is the org URL right, and is it an Okta Identity Engine org?`);
  }
  throw new OktaError(`Okta answered ${new URL(req.url).pathname} with HTTP ${res.status} and no OAuth body`, { detail: res.body.slice(0, 200) });
}
