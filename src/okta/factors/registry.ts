import type { OktaFactor } from '../types.js';
import { callFactor } from './call.js';
import { emailFactor } from './email.js';
import { pushFactor } from './push.js';
import { questionFactor } from './question.js';
import { smsFactor } from './sms.js';
import { totpFactor } from './totp.js';
import type { FactorDriver } from './types.js';

/**
 * Supported factor drivers in preference order: push first (as Okta's own widget), then codes
 * from an app, then codes Okta sends, then the security question.
 */
export const factorDrivers: readonly FactorDriver[] = [pushFactor, totpFactor, smsFactor, callFactor, emailFactor, questionFactor];

/** What the user reads when naming the supported factors. */
export const SUPPORTED_FACTORS_TEXT = 'Okta Verify push, TOTP (Okta Verify or Google Authenticator), SMS, voice call, email, security question';

export interface FactorOption {
  factor: OktaFactor;
  driver: FactorDriver;
}

export function driverFor(factor: OktaFactor): FactorDriver | undefined {
  return factorDrivers.find((d) => d.matches(factor));
}

/** The factors Okta offers that we can verify, in our preference order (Okta's order within a kind). */
export function supportedOptions(factors: OktaFactor[]): FactorOption[] {
  const options: FactorOption[] = [];
  for (const driver of factorDrivers) {
    for (const factor of factors) if (driver.matches(factor)) options.push({ factor, driver });
  }
  return options;
}

/** The supported factors in the order Okta lists them, push moved first (the menu's order). */
export function menuOrder(factors: OktaFactor[]): FactorOption[] {
  const options = factors.flatMap((factor) => {
    const driver = driverFor(factor);
    return driver ? [{ factor, driver }] : [];
  });
  return [...options.filter((o) => o.driver.kind === 'push'), ...options.filter((o) => o.driver.kind !== 'push')];
}

/** Factors Okta lists that need a browser or a device this CLI cannot drive. */
export function unsupportedFactors(factors: OktaFactor[]): OktaFactor[] {
  return factors.filter((f) => !driverFor(f));
}

/** A readable name for any factor type, supported or not. */
export function factorTypeName(f: OktaFactor): string {
  switch (f.factorType) {
    case 'webauthn':
      return 'security key or biometric (WebAuthn)';
    case 'u2f':
      return 'U2F security key';
    case 'token:hardware':
      return `hardware token (${f.provider})`;
    case 'token':
      return `${f.provider} token`;
    case 'web':
      return f.provider === 'DUO' ? 'Duo' : `${f.provider} web factor`;
    case 'claims_provider':
      return `${f.vendorName ?? 'identity provider'} (IdP factor)`;
    default: {
      const driver = driverFor(f);
      return driver ? driver.describe(f) : `${f.factorType} (${f.provider})`;
    }
  }
}

/** How a factor is named on the command line: `push`, `totp:GOOGLE`, `sms`… */
export function selectorOf(option: FactorOption): string {
  return option.driver.kind === 'totp' ? `totp:${option.factor.provider.toUpperCase()}` : option.driver.kind;
}

/** Matches `--factor`: a factor id, a kind (`totp`), or a kind with its provider (`totp:GOOGLE`). */
export function matchPreference(options: FactorOption[], preference: string): FactorOption | undefined {
  const wanted = preference.trim();
  const byId = options.find((o) => o.factor.id === wanted);
  if (byId) return byId;
  const [kind, provider] = wanted.toLowerCase().split(':');
  return options.find((o) => o.driver.kind === kind && (!provider || o.factor.provider.toLowerCase() === provider));
}
