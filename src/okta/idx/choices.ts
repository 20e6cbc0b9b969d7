import type { OktaFactor } from '../types.js';
import { resolveRelatesTo } from './form.js';
import type { IdxAuthenticator, IdxField, IdxRemediation, IdxState } from './types.js';

/** One authenticator + method a `select-authenticator-authenticate` (or verification-data) form offers. */
export interface IdxChoice {
  /** The option's `id` (authenticator id) as the form gives it. */
  id: string;
  /** `push`, `totp`, `sms`, `voice`, `email`, `password`, `signed_nonce`…; undefined when the form has no methodType. */
  methodType?: string;
  /** Whether the form has a `methodType` field to send it in. */
  sendsMethodType: boolean;
  enrollmentId?: string;
  /** `okta_verify`, `google_otp`, `phone_number`, `okta_email`, `security_question`, `okta_password`, `webauthn`… */
  key: string;
  label: string;
  authenticator?: IdxAuthenticator;
}

const fieldValue = (fields: IdxField[], name: string): unknown => fields.find((f) => f.name === name)?.value;

/** The fields inside an option (`value.form.value`) or a field's own sub-form. */
function optionFields(value: unknown): IdxField[] {
  const form = (value as { form?: { value?: IdxField[] } } | undefined)?.form?.value;
  return Array.isArray(form) ? form : [];
}

/** The methods an option or authenticator offers, in the form's order. */
function methodsOf(fields: IdxField[], authenticator: IdxAuthenticator | undefined): { methods: (string | undefined)[]; sends: boolean } {
  const field = fields.find((f) => f.name === 'methodType');
  if (field) {
    if (Array.isArray(field.options) && field.options.length > 0) {
      return { methods: field.options.map((o) => (typeof o.value === 'string' ? o.value : undefined)), sends: true };
    }
    if (typeof field.value === 'string') return { methods: [field.value], sends: true };
  }
  const fromAuth = (authenticator?.methods ?? []).map((m) => m.type ?? m.methodType).filter((t): t is string => typeof t === 'string');
  return { methods: fromAuth.length === 1 ? fromAuth : [undefined], sends: false };
}

/** The authenticator key when the state leaves it out: from the label, as a last resort. */
function keyFromLabel(label: string): string {
  const l = label.toLowerCase();
  if (l.includes('okta verify')) return 'okta_verify';
  if (l.includes('google')) return 'google_otp';
  if (l.includes('phone')) return 'phone_number';
  if (l.includes('email')) return 'okta_email';
  if (l.includes('security question')) return 'security_question';
  if (l.includes('password')) return 'okta_password';
  if (l.includes('security key') || l.includes('biometric')) return 'webauthn';
  return l.replace(/\W+/g, '_');
}

/** The authenticator (or enrollment) with this id, when the option has no relatesTo. */
function byId(state: IdxState, id: string): IdxAuthenticator | undefined {
  const all = [
    ...(state.authenticators?.value ?? []),
    ...(state.authenticatorEnrollments?.value ?? []),
    state.currentAuthenticator?.value,
    state.currentAuthenticatorEnrollment?.value,
  ];
  return all.find((a) => a !== undefined && (a.id === id || a.authenticatorId === id));
}

function choicesFromFields(state: IdxState, fields: IdxField[], label: string, related: IdxAuthenticator | undefined): IdxChoice[] {
  const id = fieldValue(fields, 'id');
  if (typeof id !== 'string') return [];
  const authenticator = related ?? byId(state, id);
  const enrollmentId = fieldValue(fields, 'enrollmentId');
  const key = authenticator?.key ?? keyFromLabel(label);
  const { methods, sends } = methodsOf(fields, authenticator);
  return methods.map((methodType) => ({
    id,
    methodType,
    sendsMethodType: sends && methodType !== undefined,
    enrollmentId: typeof enrollmentId === 'string' ? enrollmentId : undefined,
    key,
    label: label || authenticator?.displayName || key,
    authenticator,
  }));
}

/** Every authenticator + method the form's `authenticator` field offers (one per Okta Verify / phone method). */
export function choicesOf(state: IdxState, rem: IdxRemediation): IdxChoice[] {
  const field = (rem.value ?? []).find((f) => f.name === 'authenticator');
  if (!field) return [];
  if (Array.isArray(field.options)) {
    return field.options.flatMap((o) => choicesFromFields(state, optionFields(o.value), o.label ?? '', resolveRelatesTo(state, o.relatesTo)));
  }
  // authenticator-verification-data: one authenticator, its methods to choose from.
  const fields = field.form?.value ?? optionFields(field.value);
  return choicesFromFields(state, fields, field.label ?? '', resolveRelatesTo(state, field.relatesTo));
}

/** The body's `authenticator` object for a choice: only the fields its form has. */
export function authenticatorValue(choice: IdxChoice): Record<string, string> {
  return {
    id: choice.id,
    ...(choice.sendsMethodType && choice.methodType ? { methodType: choice.methodType } : {}),
    ...(choice.enrollmentId ? { enrollmentId: choice.enrollmentId } : {}),
  };
}

/** The method a choice stands for, when the form does not say (Google Authenticator is always a code). */
export function methodOf(choice: IdxChoice): string | undefined {
  if (choice.methodType) return choice.methodType;
  switch (choice.key) {
    case 'google_otp':
      return 'otp';
    case 'okta_email':
      return 'email';
    case 'security_question':
      return 'security_question';
    case 'okta_password':
      return 'password';
    case 'phone_number':
      return 'sms';
    default:
      return undefined;
  }
}

/**
 * The choice in the classic factor shape, so `--factor` names, the remembered factor and the
 * factor menu work as they do on the classic API: Okta Verify push → `push`, Okta Verify and
 * Google Authenticator codes → `totp:OKTA` / `totp:GOOGLE`, phone → `sms` / `call`, `email`,
 * `question`. Anything else (FastPass `signed_nonce`, WebAuthn, IdP, Duo…) keeps a type no driver knows.
 */
export function asFactor(choice: IdxChoice): OktaFactor {
  const method = methodOf(choice);
  const profile: Record<string, unknown> = { ...(choice.authenticator?.profile ?? {}) };
  const id = `${choice.enrollmentId ?? choice.id}${method ? `:${method}` : ''}`;
  const base = { id, profile, vendorName: choice.label };
  switch (`${choice.key}/${method ?? ''}`) {
    case 'okta_verify/push':
      return {
        ...base,
        factorType: 'push',
        provider: 'OKTA',
        profile: { ...profile, name: (profile.deviceName ?? choice.authenticator?.displayName) || undefined },
      };
    case 'okta_verify/totp':
      return { ...base, factorType: 'token:software:totp', provider: 'OKTA' };
    case 'google_otp/otp':
    case 'google_otp/totp':
      return { ...base, factorType: 'token:software:totp', provider: 'GOOGLE' };
    case 'phone_number/sms':
      return { ...base, factorType: 'sms', provider: 'OKTA' };
    case 'phone_number/voice':
      return { ...base, factorType: 'call', provider: 'OKTA' };
    case 'okta_email/email':
      return { ...base, factorType: 'email', provider: 'OKTA' };
    case 'security_question/security_question':
      return { ...base, factorType: 'question', provider: 'OKTA', profile: { ...profile, questionText: profile.question } };
    case 'okta_verify/signed_nonce':
      return { ...base, factorType: 'signed_nonce', provider: 'OKTA' };
    case 'webauthn/webauthn':
    case 'webauthn/':
      return { ...base, factorType: 'webauthn', provider: 'FIDO' };
    default:
      return { ...base, factorType: `${choice.key}${method ? `:${method}` : ''}`, provider: choice.key.toUpperCase() };
  }
}

/** What a person calls an authenticator this tool cannot use (for the unsatisfiable-policy line). */
export function unusableName(choice: IdxChoice): string {
  if (choice.key === 'okta_verify' && choice.methodType === 'signed_nonce') return 'Okta FastPass';
  if (choice.key === 'webauthn') return 'security key or biometric (WebAuthn/passkey)';
  return choice.label || choice.key;
}
