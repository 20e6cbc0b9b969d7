import type { SimRequest, SimResponse } from '../http.js';
import { malformedBody, oktaError } from './errors.js';

export type JsonBody = Record<string, unknown>;

/** Okta's JSON API: the body must be a JSON object sent as application/json. */
export const readJson = (req: SimRequest): { body: JsonBody } | { error: SimResponse } => {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return {
      error: oktaError(415, 'E0000021', 'Bad request. Accept and/or Content-Type headers likely do not match supported values.'),
    };
  }
  try {
    const parsed: unknown = JSON.parse(req.body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { error: malformedBody() };
    return { body: parsed as JsonBody };
  } catch {
    return { error: malformedBody() };
  }
};

/** A request whose Accept header excludes JSON cannot get an Okta API answer. */
export const acceptsJson = (req: SimRequest): boolean => {
  const accept = req.headers.accept;
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const type = part.split(';')[0]?.trim().toLowerCase() ?? '';
    return type === '*/*' || type === 'application/*' || type === 'application/json';
  });
};

export const stringField = (body: JsonBody, name: string): string | undefined => {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};
