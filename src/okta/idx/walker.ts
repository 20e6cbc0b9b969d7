import { challengedAuthenticator, fieldPaths, findRemediation, remediations } from './form.js';
import type { IdxAuthenticator, IdxRemediation, IdxState } from './types.js';

/** The next thing to do with an IDX state: the remediation walker's answer (pure, see test/unit/idx-walker.test.ts). */
export type IdxStep =
  | { kind: 'success'; href: string }
  | { kind: 'identify'; rem: IdxRemediation; withPassword: boolean }
  | { kind: 'password'; rem: IdxRemediation }
  | { kind: 'select'; rem: IdxRemediation; avoid?: string }
  | { kind: 'verification-data'; rem: IdxRemediation }
  | { kind: 'code'; rem: IdxRemediation; field: string; authenticator?: IdxAuthenticator }
  | { kind: 'question'; rem: IdxRemediation; authenticator?: IdxAuthenticator }
  | { kind: 'poll'; rem: IdxRemediation; refreshMs: number; correctAnswer?: string; authenticator?: IdxAuthenticator }
  | { kind: 'keep-me-signed-in'; rem: IdxRemediation }
  | { kind: 'skip'; rem: IdxRemediation }
  | { kind: 'unsatisfiable'; what: string; remediation: string }
  | { kind: 'terminal' };

/** Okta's widget polls every 4 s when a poll form gives no `refresh`. */
export const DEFAULT_REFRESH_MS = 4000;

const ENROLL =
  /^(select-authenticator-enroll|enroll-.*|authenticator-enrollment-data|select-enrollment-channel|enrollment-channel-data|reenroll-authenticator.*|select-enroll-profile|enroll-profile)$/;

/** What an unusable remediation asks for, in words. */
export function unsatisfiableWhat(rem: IdxRemediation): string | undefined {
  switch (rem.name) {
    case 'redirect-idp':
      return `a sign-in with another identity provider${rem.idp?.name ? ` (${rem.idp.name})` : rem.type ? ` (${rem.type})` : ''}`;
    case 'device-challenge-poll':
    case 'launch-authenticator':
    case 'cancel-transaction':
      return 'Okta FastPass (Okta Verify on this device: device-challenge-poll)';
    case 'challenge-webauthn-autofillui-authenticator':
      return 'a security key or biometric (WebAuthn/passkey)';
    case 'unlock-account':
      return 'an account unlock';
    case 'reset-authenticator':
    case 'reenroll-authenticator':
    case 'reenroll-authenticator-warning':
      return 'a new password (yours has expired or must be reset)';
    default:
      return ENROLL.test(rem.name) ? 'setting up (enrolling) a new authenticator' : undefined;
  }
}

/** The correct answer of an Okta Verify number challenge, if the state carries one. */
export function correctAnswerOf(state: IdxState): string | undefined {
  const a = state.currentAuthenticator?.value?.contextualData?.correctAnswer ?? state.currentAuthenticatorEnrollment?.value?.contextualData?.correctAnswer;
  return a === undefined || a === null ? undefined : String(a);
}

function challengeStep(state: IdxState, rem: IdxRemediation): IdxStep {
  const authenticator = challengedAuthenticator(state, rem);
  const fields = fieldPaths(rem);
  if (authenticator?.key === 'okta_password' || authenticator?.type === 'password') return { kind: 'password', rem };
  // Okta Verify's code goes in credentials.totp, every other code in credentials.passcode.
  const codeField = fields.find((f) => f === 'credentials.totp') ?? fields.find((f) => f === 'credentials.passcode');
  if (fields.includes('credentials.answer')) return { kind: 'question', rem, authenticator };
  if (codeField) return { kind: 'code', rem, field: codeField, authenticator };
  const name =
    authenticator?.key === 'webauthn' || fields.includes('credentials.clientData')
      ? 'a security key or biometric (WebAuthn/passkey)'
      : authenticator?.displayName || authenticator?.key || 'an authenticator';
  if (findRemediation(state, 'select-authenticator-authenticate'))
    return { kind: 'select', rem: findRemediation(state, 'select-authenticator-authenticate') as IdxRemediation, avoid: authenticator?.id };
  return { kind: 'unsatisfiable', what: name, remediation: rem.name };
}

/**
 * Picks the remediation to follow, as the widget would for a person who has a password and
 * one of the supported factors: success first; a running challenge (poll, then answer) before a
 * new choice; identify; keep-me-signed-in; a grace-period skip. Remediations no command line can
 * satisfy (redirect-idp, FastPass, enrollment) only count when nothing usable is offered.
 */
export function nextStep(state: IdxState): IdxStep {
  const href = state.success?.href;
  if (typeof href === 'string' && href) return { kind: 'success', href };
  const rems = remediations(state);
  if (rems.length === 0) return { kind: 'terminal' };
  const byName = (name: string) => rems.find((r) => r.name === name);
  const poll = byName('challenge-poll');
  if (poll) {
    const refresh = Number(poll.refresh);
    return {
      kind: 'poll',
      rem: poll,
      refreshMs: Number.isFinite(refresh) && refresh > 0 ? refresh : DEFAULT_REFRESH_MS,
      correctAnswer: correctAnswerOf(state),
      authenticator: challengedAuthenticator(state, poll),
    };
  }
  const challenge = byName('challenge-authenticator');
  if (challenge) return challengeStep(state, challenge);
  const data = byName('authenticator-verification-data');
  if (data) return { kind: 'verification-data', rem: data };
  const select = byName('select-authenticator-authenticate');
  if (select) return { kind: 'select', rem: select };
  const identify = byName('identify');
  if (identify) return { kind: 'identify', rem: identify, withPassword: fieldPaths(identify).includes('credentials.passcode') };
  const kmsi = byName('keep-me-signed-in');
  if (kmsi) return { kind: 'keep-me-signed-in', rem: kmsi };
  const skip = byName('skip');
  if (skip) return { kind: 'skip', rem: skip };
  for (const r of rems) {
    const what = unsatisfiableWhat(r);
    if (what) return { kind: 'unsatisfiable', what, remediation: r.name };
  }
  const first = rems[0] as IdxRemediation;
  return { kind: 'unsatisfiable', what: `a sign-in step okta-bedrock does not know ("${first.name}")`, remediation: first.name };
}
