import { describe, expect, it } from 'vitest';
import { AuthenticationError, MfaError, OktaError, RateLimitError } from '../../../src/errors.js';
import { InvalidPasscodeError, InvalidStateTokenError } from '../../../src/okta/errors.js';
import { asFactor, authenticatorValue, choicesOf } from '../../../src/okta/idx/choices.js';
import { idxError, UNSATISFIABLE_POLICY } from '../../../src/okta/idx/errors.js';
import { allMessages, fieldPaths, formBody, resolveRelatesTo } from '../../../src/okta/idx/form.js';
import { HandleRateLimiter } from '../../../src/okta/idx/rate-limit.js';
import type { IdxRemediation, IdxState } from '../../../src/okta/idx/types.js';
import { nextStep } from '../../../src/okta/idx/walker.js';

// Small states in the shapes of okta-signin-widget playground/mocks/data/idp/idx/*.json.
const H = { name: 'stateHandle', required: true, value: 'old-handle', visible: false, mutable: false };
const rem = (name: string, value: unknown[] = [], extra: Partial<IdxRemediation> = {}): IdxRemediation =>
  ({ rel: ['create-form'], name, href: `https://acme.okta.com/idp/idx/${name}`, method: 'POST', value: [...value, H], ...extra }) as IdxRemediation;
const state = (rems: IdxRemediation[], extra: Partial<IdxState> = {}): IdxState => ({
  stateHandle: 'new-handle',
  version: '1.0.0',
  remediation: { type: 'array', value: rems },
  ...extra,
});
const credentials = (...names: string[]) => ({ name: 'credentials', type: 'object', form: { value: names.map((name) => ({ name })) } });
const selectOv = rem('select-authenticator-authenticate', [
  {
    name: 'authenticator',
    type: 'object',
    options: [
      {
        label: 'Okta Verify',
        value: {
          form: {
            value: [
              { name: 'id', value: 'autOV', required: true },
              {
                name: 'methodType',
                type: 'string',
                options: [
                  { value: 'signed_nonce', label: 'Use Okta FastPass' },
                  { value: 'push', label: 'Get a push notification' },
                  { value: 'totp', label: 'Enter a code' },
                ],
              },
            ],
          },
        },
        relatesTo: '$.authenticators.value[0]',
      },
      {
        label: 'Google Authenticator',
        value: { form: { value: [{ name: 'id', value: 'autGA', required: true }] } },
        relatesTo: '$.authenticatorEnrollments.value[1]',
      },
      {
        label: 'Phone',
        value: {
          form: {
            value: [
              { name: 'id', value: 'autPH' },
              {
                name: 'methodType',
                options: [
                  { label: 'SMS', value: 'sms' },
                  { label: 'Voice call', value: 'voice' },
                ],
              },
              { name: 'enrollmentId', value: 'paeX' },
            ],
          },
        },
        relatesTo: '$.authenticatorEnrollments.value[2]',
      },
      {
        label: 'Okta Password',
        value: {
          form: {
            value: [
              { name: 'id', value: 'autPW' },
              { name: 'methodType', value: 'password' },
            ],
          },
        },
        relatesTo: '$.authenticatorEnrollments.value[3]',
      },
    ],
  },
]);
const authenticators = {
  type: 'array',
  value: [{ key: 'okta_verify', id: 'autOV', type: 'app', methods: [{ type: 'signed_nonce' }, { type: 'push' }, { type: 'totp' }] }],
};
const enrollments = {
  type: 'array',
  value: [
    { key: 'okta_verify' },
    { key: 'google_otp', id: 'aenGA', type: 'app' },
    { key: 'phone_number', id: 'paeX', type: 'phone', profile: { phoneNumber: '+1 XXX-XXX-5309' } },
    { key: 'okta_password', type: 'password' },
  ],
};

describe('nextStep: the remediation walker', () => {
  const table: [string, IdxState, string, Record<string, unknown>?][] = [
    [
      'success.json → GET success.href',
      { success: { name: 'success-redirect', href: 'https://acme.okta.com/login/token/redirect?stateToken=x' } },
      'success',
      { href: 'https://acme.okta.com/login/token/redirect?stateToken=x' },
    ],
    [
      'identify.json → identify without password',
      state([rem('identify', [{ name: 'identifier' }, { name: 'rememberMe', type: 'boolean' }]), rem('select-enroll-profile')]),
      'identify',
      { withPassword: false },
    ],
    [
      'identify-with-password.json → password inline',
      state([rem('identify', [{ name: 'identifier' }, credentials('passcode')]), rem('select-enroll-profile')]),
      'identify',
      { withPassword: true },
    ],
    [
      'authenticator-verification-password.json → password',
      state([rem('challenge-authenticator', [credentials('passcode')], { relatesTo: ['$.currentAuthenticatorEnrollment'] }), selectOv], {
        currentAuthenticatorEnrollment: { value: { key: 'okta_password', type: 'password' } },
      }),
      'password',
    ],
    [
      'authenticator-verification-okta-verify-totp.json → code in credentials.totp',
      state([rem('challenge-authenticator', [credentials('totp')], { relatesTo: ['$.currentAuthenticator'] }), selectOv], {
        currentAuthenticator: { value: { key: 'okta_verify' } },
      }),
      'code',
      { field: 'credentials.totp' },
    ],
    [
      'authenticator-verification-google-authenticator.json → code in credentials.passcode',
      state([rem('challenge-authenticator', [credentials('passcode')], { relatesTo: ['$.currentAuthenticator'] }), selectOv], {
        currentAuthenticator: { value: { key: 'google_otp' } },
      }),
      'code',
      { field: 'credentials.passcode' },
    ],
    [
      'authenticator-verification-security-question.json → question',
      state([rem('challenge-authenticator', [credentials('questionKey', 'answer')], { relatesTo: ['$.currentAuthenticatorEnrollment'] })], {
        currentAuthenticatorEnrollment: { value: { key: 'security_question' } },
      }),
      'question',
    ],
    [
      'authenticator-verification-okta-verify-push.json → poll after refresh',
      state([rem('challenge-poll', [], { refresh: 4000, relatesTo: ['$.currentAuthenticator'] }), selectOv], {
        currentAuthenticator: { value: { key: 'okta_verify' } },
      }),
      'poll',
      { refreshMs: 4000, correctAnswer: undefined },
    ],
    [
      'authenticator-verification-number-challenge.json → poll with correctAnswer',
      state([rem('challenge-poll', [], { refresh: 4000 })], {
        currentAuthenticator: { value: { key: 'okta_verify', contextualData: { correctAnswer: '10' } } },
      }),
      'poll',
      { correctAnswer: '10' },
    ],
    ['poll without refresh → the widget default 4 s', state([rem('challenge-poll')]), 'poll', { refreshMs: 4000 }],
    ['authenticator-verification-select-authenticator.json → select', state([selectOv]), 'select'],
    [
      'authenticator-verification-data-phone-sms-then-voice.json → verification data',
      state([rem('authenticator-verification-data', [{ name: 'authenticator' }]), selectOv]),
      'verification-data',
    ],
    [
      'post-auth-keep-me-signed-in.json → keep-me-signed-in',
      state([rem('keep-me-signed-in', [{ name: 'keepMeSignedIn', type: 'boolean' }])]),
      'keep-me-signed-in',
    ],
    ['authenticator-enroll-grace-period-with-skip.json → skip', state([rem('select-authenticator-enroll'), rem('skip')]), 'skip'],
    [
      'identify-with-only-one-third-party-idp.json → redirect-idp unsatisfiable',
      state([rem('redirect-idp', [], { method: 'GET', type: 'FACEBOOK', idp: { id: 'x', name: 'Facebook IDP' } })]),
      'unsatisfiable',
      { remediation: 'redirect-idp' },
    ],
    [
      'identify-with-third-party-idps.json → identify wins over redirect-idp',
      state([rem('identify', [{ name: 'identifier' }]), rem('redirect-idp')]),
      'identify',
    ],
    [
      'identify-with-device-probing-loopback.json → FastPass unsatisfiable',
      state([rem('device-challenge-poll', [], { refresh: 2000 })]),
      'unsatisfiable',
      { remediation: 'device-challenge-poll' },
    ],
    [
      'authenticator-enroll-*.json → enrollment unsatisfiable',
      state([rem('select-authenticator-enroll')]),
      'unsatisfiable',
      { remediation: 'select-authenticator-enroll' },
    ],
    [
      'authenticator-verification-webauthn.json with other choices → select another',
      state([rem('challenge-authenticator', [credentials('clientData', 'authenticatorData', 'signatureData')]), selectOv], {
        currentAuthenticator: { value: { key: 'webauthn', id: 'autWA' } },
      }),
      'select',
      { avoid: 'autWA' },
    ],
    [
      'webauthn alone → unsatisfiable',
      state([rem('challenge-authenticator', [credentials('clientData')])], { currentAuthenticator: { value: { key: 'webauthn' } } }),
      'unsatisfiable',
    ],
    [
      'error-401-session-expired.json (no remediation) → terminal',
      { version: '1.0.0', messages: { value: [{ class: 'ERROR', message: 'expired', i18n: { key: 'idx.session.expired' } }] } },
      'terminal',
    ],
    ['an unknown remediation → unsatisfiable naming it', state([rem('some-new-thing')]), 'unsatisfiable', { remediation: 'some-new-thing' }],
  ];
  it.each(table)('%s', (_, s, kind, fields) => {
    const step = nextStep(s);
    expect(step.kind).toBe(kind);
    if (fields) expect(step).toMatchObject(fields);
  });
});

describe("formBody: values under the form's own field names, the newest stateHandle", () => {
  it('nests dotted names and leaves out what the form does not name', () => {
    const identify = rem('identify', [{ name: 'identifier' }, credentials('passcode'), { name: 'rememberMe', type: 'boolean' }]);
    expect(fieldPaths(identify)).toEqual(['identifier', 'credentials.passcode', 'rememberMe', 'stateHandle']);
    expect(formBody(identify, { identifier: 'a@b.c', 'credentials.passcode': 'pw', extra: 1 }, 'new-handle')).toEqual({
      identifier: 'a@b.c',
      credentials: { passcode: 'pw' },
      stateHandle: 'new-handle',
    });
  });
  it("keeps the form's fixed values (security question key, resend authenticator)", () => {
    const q = rem('challenge-authenticator', [
      { name: 'credentials', form: { value: [{ name: 'questionKey', value: 'favorite_vacation_location', mutable: false }, { name: 'answer' }] } },
    ]);
    expect(formBody(q, { 'credentials.answer': 'Paris' }, 'h')).toEqual({
      credentials: { questionKey: 'favorite_vacation_location', answer: 'Paris' },
      stateHandle: 'h',
    });
    const resend = rem('resend', [
      {
        name: 'authenticator',
        type: 'object',
        value: {
          form: {
            value: [
              { name: 'id', value: 'autOV' },
              { name: 'methodType', value: 'push' },
            ],
          },
        },
      },
    ]);
    expect(formBody(resend, {}, 'h')).toEqual({ authenticator: { id: 'autOV', methodType: 'push' }, stateHandle: 'h' });
  });
  it('never sends the stale handle the form carries', () => {
    expect(formBody(rem('challenge-poll'), {}, 'new-handle')).toEqual({ stateHandle: 'new-handle' });
  });
});

describe('choicesOf / asFactor: options in the classic factor names', () => {
  const s = state([selectOv], { authenticators, authenticatorEnrollments: enrollments } as Partial<IdxState>);
  const choices = choicesOf(s, selectOv);
  it('one choice per Okta Verify / phone method, keys from relatesTo', () => {
    expect(choices.map((c) => `${c.key}/${c.methodType ?? '-'}`)).toEqual([
      'okta_verify/signed_nonce',
      'okta_verify/push',
      'okta_verify/totp',
      'google_otp/-',
      'phone_number/sms',
      'phone_number/voice',
      'okta_password/password',
    ]);
    expect(resolveRelatesTo(s, '$.authenticatorEnrollments.value[2]')?.key).toBe('phone_number');
  });
  it('--factor names: push, totp:OKTA, totp:GOOGLE, sms, call; FastPass is no known factor', () => {
    expect(choices.map((c) => `${asFactor(c).factorType}:${asFactor(c).provider}`)).toEqual([
      'signed_nonce:OKTA',
      'push:OKTA',
      'token:software:totp:OKTA',
      'token:software:totp:GOOGLE',
      'sms:OKTA',
      'call:OKTA',
      'okta_password:password:OKTA_PASSWORD',
    ]);
  });
  it('the authenticator value has only the fields its option has', () => {
    expect(authenticatorValue(choices[1]!)).toEqual({ id: 'autOV', methodType: 'push' });
    expect(authenticatorValue(choices[3]!)).toEqual({ id: 'autGA' });
    expect(authenticatorValue(choices[5]!)).toEqual({ id: 'autPH', methodType: 'voice', enrollmentId: 'paeX' });
  });
});

describe("idxError: messages → typed errors with today's exit codes", () => {
  const msg = (key: string, message = key) => [{ class: 'ERROR', message, i18n: { key } }];
  const ctx = { orgUrl: 'https://acme.okta.com', status: 401 };
  it.each([
    ['errors.E0000004', AuthenticationError, 4],
    ['incorrectPassword', AuthenticationError, 4],
    ['errors.E0000119', AuthenticationError, 4],
    ['api.authn.error.PASSCODE_INVALID', InvalidPasscodeError, 5],
    ['authfactor.challenge.soft_token.invalid_passcode', InvalidPasscodeError, 5],
    ['api.authn.poll.error.push_rejected', MfaError, 5],
    ['idx.session.expired', InvalidStateTokenError, 6],
    ['tooManyRequests', RateLimitError, 11],
    ['idx.error.user.not.assigned.to.app', OktaError, 6],
    ['authfactor.challenge.soft_token.used_passcode', InvalidPasscodeError, 5],
    ['errors.E0000150', MfaError, 5],
    ['core.system.transaction_resource_not_found', InvalidStateTokenError, 6],
  ] as const)('%s', (key, type, exit) => {
    const e = idxError(msg(key), ctx);
    expect(e).toBeInstanceOf(type);
    expect(e.exitCode).toBe(exit);
    expect(e.code).toBe(key);
  });
  it('device assurance is an unsatisfiable policy', () => {
    expect(idxError(msg('oie.assurance.unsatisfiable'), ctx).code).toBe(UNSATISFIABLE_POLICY);
  });
  it('finds messages on form fields (error-401-invalid-otp-passcode.json)', () => {
    const s = state([
      rem('challenge-authenticator', [
        { name: 'credentials', form: { value: [{ name: 'passcode', messages: { value: msg('api.authn.error.PASSCODE_INVALID') } }] } },
      ]),
    ]);
    expect(allMessages(s).map((m) => m.i18n?.key)).toEqual(['api.authn.error.PASSCODE_INVALID']);
  });
});

describe('HandleRateLimiter: at most 10 requests per state handle per 5 s', () => {
  it('waits for the oldest of the last 10 to leave the window', async () => {
    let now = 0;
    const clock = { now: () => new Date(now), sleep: async (ms: number) => void (now += ms) };
    const limiter = new HandleRateLimiter(clock as never);
    for (let i = 0; i < 10; i++) {
      await limiter.wait('h');
      now += 100;
    }
    expect(limiter.delayFor('h', now)).toBe(4000);
    expect(limiter.delayFor('other', now)).toBe(0);
    await limiter.wait('h');
    expect(now).toBe(5000);
  });
});
