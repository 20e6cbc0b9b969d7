import type { SimResponse } from '../http.js';
import { requestId } from '../ids.js';

/**
 * Bedrock's REST-JSON errors: the HTTP status, `x-amzn-ErrorType: Code:namespace` (the SDK reads
 * the code from this header) and a JSON body `{"message": …}`. Authentication failures come from
 * the shared AWS front end, whose namespace differs from Bedrock's own.
 */
export class BedrockFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly namespace: 'bedrock' | 'coral' = 'bedrock',
    /** The body's message key: the front end that checks API keys answers `{"Message": …}`. */
    readonly messageKey: 'message' | 'Message' = 'message',
  ) {
    super(message);
  }
}

const NAMESPACES = {
  bedrock: 'http://internal.amazon.com/coral/com.amazon.bedrock/',
  coral: 'http://internal.amazon.com/coral/com.amazon.coral.service/',
} as const;

export const jsonHeaders = (now: Date, id = requestId()): Record<string, string> => ({
  'content-type': 'application/json',
  'x-amzn-requestid': id,
  date: now.toUTCString(),
});

export const bedrockOk = (action: string, body: unknown, now: Date): SimResponse => ({
  status: 200,
  action,
  headers: jsonHeaders(now),
  body: JSON.stringify(body),
});

export const bedrockError = (failure: BedrockFailure, now: Date, action?: string): SimResponse => ({
  status: failure.status,
  action,
  headers: { ...jsonHeaders(now), 'x-amzn-errortype': `${failure.code}:${NAMESPACES[failure.namespace]}` },
  body: JSON.stringify({ [failure.messageKey]: failure.message }),
});

export const validation = (message: string): BedrockFailure => new BedrockFailure(400, 'ValidationException', message);

/** "1 validation error detected: Value 'x' at 'field' failed to satisfy constraint: …" */
export const constraint = (value: string | null, field: string, rule: string): BedrockFailure =>
  validation(`1 validation error detected: Value ${value === null ? 'null' : `'${value}'`} at '${field}' failed to satisfy constraint: ${rule}`);

export const accessDenied = (message: string): BedrockFailure => new BedrockFailure(403, 'AccessDeniedException', message);

export const notFound = (message: string): BedrockFailure => new BedrockFailure(404, 'ResourceNotFoundException', message);
