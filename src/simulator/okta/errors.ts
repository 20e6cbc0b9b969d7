import { json, type SimResponse } from '../http.js';
import { oktaErrorId } from '../ids.js';

/** Okta's error object: errorCode, errorSummary, errorLink, errorId, errorCauses. */
export const oktaError = (status: number, code: string, summary: string, causes: string[] = [], headers: Record<string, string> = {}): SimResponse =>
  json(
    status,
    {
      errorCode: code,
      errorSummary: summary,
      errorLink: code,
      errorId: oktaErrorId(),
      errorCauses: causes.map((errorSummary) => ({ errorSummary })),
    },
    headers,
  );

export const authenticationFailed = (): SimResponse => oktaError(401, 'E0000004', 'Authentication failed');
export const invalidToken = (): SimResponse => oktaError(401, 'E0000011', 'Invalid token provided');
export const invalidSession = (): SimResponse => oktaError(403, 'E0000005', 'Invalid session');
/** An admin API call without `Authorization: SSWS …`, or with a token Okta does not know. */
export const apiTokenRequired = (present: boolean): SimResponse => (present ? oktaError(401, 'E0000011', 'Invalid token provided') : invalidSession());
export const notFound = (resource: string): SimResponse => oktaError(404, 'E0000007', `Not found: Resource not found: ${resource}`);
export const validationFailed = (field: string): SimResponse =>
  oktaError(400, 'E0000001', `Api validation failed: ${field}`, [`${field}: The field cannot be left blank`]);
export const malformedBody = (): SimResponse => oktaError(400, 'E0000003', 'The request body was not well-formed.');
export const wrongState = (): SimResponse => oktaError(403, 'E0000079', 'This operation is not allowed in the current authentication state.');
export const invalidPasscode = (cause: string): SimResponse => oktaError(403, 'E0000068', 'Invalid Passcode/Answer', [cause]);
export const WRONG_ANSWER = "Your answer doesn't match our records. Please try again.";
export const WRONG_PASSCODE = "Your passcode doesn't match our records. Please try again.";
export const REUSED_PASSCODE = 'Each code can only be used once. Please wait for a new code and try again.';
