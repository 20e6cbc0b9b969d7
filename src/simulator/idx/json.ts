/**
 * IDX answers in the shapes of the Okta Sign-In Widget's own mocks
 * (okta/okta-signin-widget playground/mocks/data/idp/idx/): same fields, same nesting.
 */
import { stableOktaId } from '../ids.js';
import type { OktaContext } from '../okta/context.js';
import type { SimUser } from '../types.js';
import type { IdxTransaction } from './state.js';

export interface SimAuthenticator {
  key: string;
  type: string;
  /** The authenticator id (`aut…`): what select forms send as `authenticator.id`. */
  id: string;
  /** The enrollment id (phone: sent as `enrollmentId`). */
  enrollmentId: string;
  displayName: string;
  methods: string[];
  profile?: Record<string, unknown>;
}

const mask = (phone: string): string => `+1 XXX-XXX-${phone.replace(/\D/g, '').slice(-4)}`;
const maskEmail = (email: string): string => email.replace(/^(.)[^@]*(.)@/, '$1...$2@');

/** The user's authenticators as Identity Engine lists them (from the simulated factors). */
export const authenticatorsFor = (user: SimUser): SimAuthenticator[] => {
  const f = new Set(user.factors);
  const id = (key: string) => stableOktaId('aut', `${user.id}:${key}`);
  const enr = (prefix: string, key: string) => stableOktaId(prefix, `${user.id}:${key}:enrollment`);
  const list: SimAuthenticator[] = [
    {
      key: 'okta_password',
      type: 'password',
      id: id('okta_password'),
      enrollmentId: enr('lae', 'password'),
      displayName: 'Okta Password',
      methods: ['password'],
    },
  ];
  if (f.has('push') || f.has('totp-okta')) {
    // Okta Verify offers FastPass (signed_nonce) too: the CLI must pass over it.
    const methods = ['signed_nonce', ...(f.has('push') ? ['push'] : []), ...(f.has('totp-okta') ? ['totp'] : [])];
    list.push({
      key: 'okta_verify',
      type: 'app',
      id: id('okta_verify'),
      enrollmentId: enr('pfd', 'ov'),
      displayName: `${user.firstName}'s iPhone`,
      methods,
      profile: { deviceName: `${user.firstName}'s iPhone` },
    });
  }
  if (f.has('totp-google'))
    list.push({
      key: 'google_otp',
      type: 'app',
      id: id('google_otp'),
      enrollmentId: enr('aen', 'google'),
      displayName: 'Google Authenticator',
      methods: ['otp'],
    });
  if (f.has('sms') || f.has('call')) {
    const methods = [...(f.has('sms') ? ['sms'] : []), ...(f.has('call') ? ['voice'] : [])];
    list.push({
      key: 'phone_number',
      type: 'phone',
      id: id('phone_number'),
      enrollmentId: enr('pae', 'phone'),
      displayName: 'Phone',
      methods,
      profile: { phoneNumber: mask(user.phoneNumber ?? '+15555551234') },
    });
  }
  if (f.has('email'))
    list.push({
      key: 'okta_email',
      type: 'email',
      id: id('okta_email'),
      enrollmentId: enr('eae', 'email'),
      displayName: 'Email',
      methods: ['email'],
      profile: { email: maskEmail(user.email ?? user.login) },
    });
  if (f.has('question') && user.securityQuestion) {
    const q = user.securityQuestion;
    list.push({
      key: 'security_question',
      type: 'security_question',
      id: id('security_question'),
      enrollmentId: enr('qae', 'question'),
      displayName: 'Security Question',
      methods: ['security_question'],
      profile: { questionKey: q.question, question: q.questionText },
    });
  }
  if (f.has('webauthn') || f.has('u2f'))
    list.push({
      key: 'webauthn',
      type: 'security_key',
      id: id('webauthn'),
      enrollmentId: enr('fwf', 'webauthn'),
      displayName: 'Security Key or Biometric',
      methods: ['webauthn'],
    });
  return list;
};

export const PRODUCES = 'application/ion+json; okta-version=1.0.0';
const ACCEPTS = 'application/json; okta-version=1.0.0';

const handleField = (t: IdxTransaction) => ({ name: 'stateHandle', required: true, value: t.handle, visible: false, mutable: false });

/** A remediation form: `{rel, name, href, method, produces, value: [fields…, stateHandle], accepts}`. */
export const form = (ctx: OktaContext, t: IdxTransaction, name: string, path: string, fields: unknown[], extra: Record<string, unknown> = {}) => ({
  rel: ['create-form'],
  name,
  ...extra,
  href: `${ctx.baseUrl}/idp/idx/${path}`,
  method: 'POST',
  produces: PRODUCES,
  value: [...fields, handleField(t)],
  accepts: ACCEPTS,
});

const authenticatorJson = (a: SimAuthenticator) => ({
  type: a.type,
  key: a.key,
  id: a.id,
  displayName: a.displayName,
  methods: a.methods.map((type) => ({ type })),
});

const enrollmentJson = (a: SimAuthenticator) => ({
  ...(a.profile ? { profile: a.profile } : {}),
  type: a.type,
  key: a.key,
  id: a.enrollmentId,
  authenticatorId: a.id,
  displayName: a.displayName,
  methods: a.methods.map((type) => ({ type })),
});

/** One option of select-authenticator-authenticate (authenticator-verification-select-authenticator.json). */
const optionFor = (a: SimAuthenticator, index: number) => {
  const idField = { name: 'id', required: true, value: a.id, mutable: false };
  switch (a.key) {
    case 'okta_verify':
      return {
        label: 'Okta Verify',
        value: {
          form: {
            value: [
              idField,
              {
                name: 'methodType',
                type: 'string',
                required: false,
                mutable: true,
                options: a.methods.map((m) => ({
                  value: m,
                  label: m === 'signed_nonce' ? 'Use Okta FastPass' : m === 'push' ? 'Get a push notification' : 'Enter a code',
                })),
              },
            ],
          },
        },
        relatesTo: `$.authenticators.value[${index}]`,
      };
    case 'phone_number':
      return {
        label: 'Phone',
        value: {
          form: {
            value: [
              idField,
              { name: 'methodType', type: 'string', required: false, options: a.methods.map((m) => ({ label: m === 'sms' ? 'SMS' : 'Voice call', value: m })) },
              { name: 'enrollmentId', required: true, value: a.enrollmentId, mutable: false },
            ],
          },
        },
        relatesTo: `$.authenticatorEnrollments.value[${index}]`,
      };
    case 'google_otp':
    case 'security_question':
      return {
        label: a.key === 'google_otp' ? 'Google Authenticator' : 'Okta Security Question',
        value: { form: { value: [idField] } },
        relatesTo: `$.authenticatorEnrollments.value[${index}]`,
      };
    default:
      return {
        label: a.key === 'okta_password' ? 'Okta Password' : a.key === 'okta_email' ? 'Email' : a.displayName,
        value: { form: { value: [idField, { name: 'methodType', required: false, value: a.methods[0], mutable: false }] } },
        relatesTo: `$.authenticatorEnrollments.value[${index}]`,
      };
  }
};

const selectForm = (ctx: OktaContext, t: IdxTransaction, list: SimAuthenticator[], only?: (a: SimAuthenticator) => boolean) =>
  form(ctx, t, 'select-authenticator-authenticate', 'challenge', [
    {
      name: 'authenticator',
      type: 'object',
      options: list.flatMap((a, i) => (!only || only(a) ? [optionFor(a, i)] : [])),
    },
  ]);

const credentialsField = (fields: unknown[]) => ({ name: 'credentials', type: 'object', form: { value: fields }, required: true });

export interface StateExtras {
  /** Top-level messages (error-authenticator-verify-password.json, identify-unknown-user.json). */
  messages?: { message: string; key: string }[];
  /** Messages on the answer field (error-401-invalid-otp-passcode.json, error-okta-verify-totp.json). */
  fieldMessage?: { message: string; key: string };
}

const messagesJson = (list: { message: string; key: string }[]) => ({
  type: 'array',
  value: list.map((m) => ({ message: m.message, i18n: { key: m.key, params: [] }, class: 'ERROR' })),
});

/** The state of a transaction, as introspect and every remediation answer it. */
export const stateJson = (ctx: OktaContext, t: IdxTransaction, extras: StateExtras = {}, refreshMs = 4000): Record<string, unknown> => {
  const list = t.user ? authenticatorsFor(t.user) : [];
  const byKey = (key: string) => list.find((a) => a.key === key);
  const remediation: unknown[] = [];
  const top: Record<string, unknown> = {};
  const withMsg = (field: Record<string, unknown>) => (extras.fieldMessage ? { ...field, messages: messagesJson([extras.fieldMessage]) } : field);
  const unsupported = ctx.scenario.idxUnsupportedRemediation;
  switch (t.stage) {
    case 'identify':
      if (unsupported === 'redirect-idp') {
        // identify-with-only-one-third-party-idp.json
        remediation.push({
          name: 'redirect-idp',
          type: 'SAML2',
          idp: { id: '0oa2idp5saml5idp5xyz', name: 'Corporate SAML IdP' },
          href: `${ctx.baseUrl}/sso/idps/0oa2idp5saml5idp5xyz?stateToken=${t.stateToken}`,
          method: 'GET',
        });
        break;
      }
      if (unsupported === 'device-challenge-poll') {
        // identify-with-device-probing-loopback.json
        remediation.push({ ...form(ctx, t, 'device-challenge-poll', 'authenticators/poll', []), refresh: 2000 });
        break;
      }
      // identify.json / identify-with-password.json
      remediation.push(
        form(ctx, t, 'identify', 'identify', [
          withMsg({ name: 'identifier', label: 'Username', required: true }),
          ...(ctx.scenario.idxPasswordWithIdentifier ? [credentialsField([{ name: 'passcode', label: 'Password', secret: true }])] : []),
          { name: 'rememberMe', label: 'Keep me signed in', type: 'boolean' },
        ]),
        form(ctx, t, 'select-enroll-profile', 'enroll', []),
      );
      break;
    case 'password': {
      // authenticator-verification-password.json
      remediation.push(
        {
          ...form(ctx, t, 'challenge-authenticator', 'challenge/answer', [credentialsField([withMsg({ name: 'passcode', label: 'Password', secret: true })])]),
          relatesTo: ['$.currentAuthenticatorEnrollment'],
        },
        selectForm(ctx, t, list),
      );
      const pw = byKey('okta_password');
      if (pw) top.currentAuthenticatorEnrollment = { type: 'object', value: enrollmentJson(pw) };
      break;
    }
    case 'select':
      // authenticator-verification-select-authenticator.json (the password is already verified)
      remediation.push(selectForm(ctx, t, list, (a) => a.key !== 'okta_password'));
      break;
    case 'enroll':
      // authenticator-enroll-*.json: the policy wants a new authenticator set up first.
      remediation.push(
        form(ctx, t, 'select-authenticator-enroll', 'credential/enroll', [
          {
            name: 'authenticator',
            type: 'object',
            options: [
              {
                label: 'Security Key or Biometric',
                value: {
                  form: {
                    value: [
                      { name: 'id', required: true, value: 'aid2webauthn5enroll5', mutable: false },
                      { name: 'methodType', required: false, value: 'webauthn', mutable: false },
                    ],
                  },
                },
              },
            ],
          },
        ]),
      );
      break;
    case 'challenge': {
      const c = t.challenge;
      const a = c ? byKey(c.key) : undefined;
      if (!c || !a) break;
      const current = { ...authenticatorJson(a), methods: [{ type: c.method }] } as Record<string, unknown>;
      if (c.key === 'okta_verify' && c.method === 'push') {
        // authenticator-verification-okta-verify-push.json; number challenge: authenticator-verification-number-challenge.json
        remediation.push(
          { ...form(ctx, t, 'challenge-poll', 'challenge/poll', []), relatesTo: ['$.currentAuthenticator'], refresh: refreshMs },
          selectForm(ctx, t, list, (x) => x.key !== 'okta_password'),
        );
        if (ctx.scenario.numberChallenge !== null) current.contextualData = { correctAnswer: String(ctx.scenario.numberChallenge) };
        current.resend = form(ctx, t, 'resend', 'challenge/resend', []);
        top.currentAuthenticator = { type: 'object', value: current };
        break;
      }
      if (c.key === 'okta_verify' || c.key === 'google_otp') {
        // authenticator-verification-okta-verify-totp.json (credentials.totp) / -google-authenticator.json (credentials.passcode)
        const field =
          c.key === 'okta_verify'
            ? { name: 'totp', label: 'Enter code from Okta Verify app', visible: true, required: true }
            : { name: 'passcode', label: 'Enter code' };
        remediation.push(
          { ...form(ctx, t, 'challenge-authenticator', 'challenge/answer', [credentialsField([withMsg(field)])]), relatesTo: ['$.currentAuthenticator'] },
          selectForm(ctx, t, list, (x) => x.key !== 'okta_password'),
        );
        top.currentAuthenticator = { type: 'object', value: current };
        break;
      }
      const enrollment = { ...enrollmentJson(a), methods: [{ type: c.method }] } as Record<string, unknown>;
      if (c.key === 'security_question') {
        // authenticator-verification-security-question.json
        const q = a.profile as { questionKey: string; question: string };
        enrollment.contextualData = { enrolledQuestion: { question: q.question, questionKey: q.questionKey } };
        remediation.push(
          {
            ...form(ctx, t, 'challenge-authenticator', 'challenge/answer', [
              {
                name: 'credentials',
                form: {
                  value: [
                    { name: 'questionKey', label: q.question, required: true, value: q.questionKey, visible: false, mutable: false },
                    withMsg({ name: 'answer', label: 'answer', required: true }),
                  ],
                },
              },
            ]),
            relatesTo: ['$.currentAuthenticatorEnrollment'],
          },
          selectForm(ctx, t, list, (x) => x.key !== 'okta_password'),
        );
      } else {
        // authenticator-verification-phone-sms.json / -phone-voice.json / -email.json
        enrollment.resend = form(ctx, t, 'resend', 'challenge/resend', []);
        remediation.push(
          {
            ...form(ctx, t, 'challenge-authenticator', 'challenge/answer', [credentialsField([withMsg({ name: 'passcode', label: 'Enter code' })])]),
            relatesTo: ['$.currentAuthenticatorEnrollment'],
          },
          selectForm(ctx, t, list, (x) => x.key !== 'okta_password'),
        );
      }
      top.currentAuthenticatorEnrollment = { type: 'object', value: enrollment };
      break;
    }
    case 'keep-me-signed-in':
      // post-auth-keep-me-signed-in.json
      remediation.push(
        form(ctx, t, 'keep-me-signed-in', 'keep-me-signed-in', [
          { name: 'keepMeSignedIn', type: 'boolean', label: 'Stay signed in', required: true, value: false, mutable: true },
        ]),
      );
      break;
    case 'success':
      break;
  }
  const app =
    t.target.kind === 'app'
      ? { name: t.target.app.appName, label: t.target.app.label, id: t.target.app.id }
      : { name: 'okta_enduser', label: 'Okta Dashboard', id: stableOktaId('0oa', 'enduser') };
  return {
    version: '1.0.0',
    stateHandle: t.handle,
    expiresAt: t.expiresAt.toISOString().replace(/\.\d{3}Z$/, '.000Z'),
    intent: 'LOGIN',
    ...(t.stage === 'success'
      ? { success: { name: 'success-redirect', href: `${ctx.baseUrl}/login/token/redirect?stateToken=${t.stateToken}` } }
      : { remediation: { type: 'array', value: remediation } }),
    ...(extras.messages ? { messages: messagesJson(extras.messages) } : {}),
    ...top,
    ...(t.user && t.stage !== 'identify'
      ? {
          authenticators: { type: 'array', value: list.map(authenticatorJson) },
          authenticatorEnrollments: { type: 'array', value: list.map(enrollmentJson) },
          user: { type: 'object', value: { id: t.user.id, identifier: t.user.login, profile: { firstName: t.user.firstName, lastName: t.user.lastName } } },
        }
      : {}),
    cancel: form(ctx, t, 'cancel', 'cancel', []),
    app: { type: 'object', value: app },
  };
};

/** An answer without a transaction (error-401-session-expired.json, error-429-too-many-request.json). */
export const bareError = (key: string, message: string, t?: IdxTransaction): Record<string, unknown> => ({
  version: '1.0.0',
  ...(t ? { stateHandle: t.handle, expiresAt: t.expiresAt.toISOString(), intent: 'LOGIN' } : {}),
  messages: messagesJson([{ key, message }]),
});
