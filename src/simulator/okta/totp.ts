import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

const totpFor = (secret: string): TOTP => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD });

/** RFC 6238 code at `at`. */
export const totpCode = (secret: string, at: Date): string => totpFor(secret).generate({ timestamp: at.getTime() });

/** The time step a code matches within ±1 step of `at`, or undefined. */
export const matchTotp = (secret: string, code: string, at: Date): number | undefined => {
  const delta = totpFor(secret).validate({ token: code, timestamp: at.getTime(), window: 1 });
  return delta === null ? undefined : Math.floor(at.getTime() / 1000 / PERIOD) + delta;
};
