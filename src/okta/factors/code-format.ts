/** How many digits a code has: one count, or a range when Okta's answers differ. */
export interface CodeLength {
  min: number;
  max: number;
}

/**
 * The shape of one-time codes, checked before a code is sent: a wrong one would use up one of
 * Okta's attempts toward lockout. Okta's TOTP (Okta Verify, Google Authenticator), SMS and email
 * codes have 6 digits. A voice call reads 5 in the classic Authentication API's examples
 * ("passCode": "65786" for `call`) and 6 on Identity Engine orgs: 5 or 6 are let through.
 * Security answers are free text and are not checked here.
 */
export function codeDigits(channel: 'totp' | 'sms' | 'email' | 'call'): CodeLength {
  return channel === 'call' ? { min: 5, max: 6 } : { min: 6, max: 6 };
}

const countText = (d: CodeLength): string => (d.min === d.max ? `${d.min}` : `${d.min}- or ${d.max}`);

/** The code as typed with the spaces and dashes people copy from an app ("123 456") removed. */
export function normalizeCode(input: string): string {
  return input.trim().replace(/[\s-]+/g, '');
}

/** What is wrong with `input` as a code ("5 digits, not 6"), or undefined when it can be one. */
export function codeFormatProblem(input: string, digits: CodeLength): string | undefined {
  const code = normalizeCode(input);
  if (!/^\d*$/.test(code)) return 'characters other than digits';
  if (code.length >= digits.min && code.length <= digits.max) return undefined;
  return `${code.length} digit${code.length === 1 ? '' : 's'}, not ${countText(digits).replace('- or', ' or')}`;
}

/** The inline hint on a terminal (the code is re-asked, nothing sent). */
export function codeFormatHint(problem: string, digits: CodeLength): string {
  return `Type the ${countText(digits)}-digit code (that one has ${problem})`;
}

/** The one-line stop without a terminal. */
export function codeFormatStop(problem: string, digits: CodeLength, fromFlag: boolean): string {
  return `The ${fromFlag ? '--passcode' : 'MFA code'} has ${problem} — nothing was sent to Okta; run login again with the ${countText(digits)}-digit code`;
}
