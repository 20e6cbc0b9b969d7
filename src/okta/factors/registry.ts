import { MfaError } from '../../errors.js';
import type { OktaFactor } from '../types.js';
import { pushFactor } from './push.js';
import { totpFactor } from './totp.js';
import type { FactorDriver, FactorKind } from './types.js';

/** Supported factor drivers in preference order (push first, as Okta's own widget does). */
export const factorDrivers: readonly FactorDriver[] = [pushFactor, totpFactor];

export const supportedFactorKinds = factorDrivers.map((d) => d.kind);

export interface FactorOption {
  factor: OktaFactor;
  driver: FactorDriver;
}

export function driverFor(factor: OktaFactor): FactorDriver | undefined {
  return factorDrivers.find((d) => d.matches(factor));
}

/** The factors Okta offers that we can verify, in our preference order (stable within a kind). */
export function supportedOptions(factors: OktaFactor[]): FactorOption[] {
  const options: FactorOption[] = [];
  for (const driver of factorDrivers) {
    for (const factor of factors) if (driver.matches(factor)) options.push({ factor, driver });
  }
  return options;
}

function describeUnsupported(factors: OktaFactor[]): string {
  return [...new Set(factors.map((f) => `${f.factorType} (${f.provider})`))].join(', ');
}

/**
 * Picks the factor: a preference (`push`, `totp`, ..., a factor id, or `totp:GOOGLE`) must match;
 * without one, a menu when `choose` is given and several are offered, else the first supported.
 */
export async function selectFactor(
  factors: OktaFactor[],
  preference: string | undefined,
  choose?: (options: FactorOption[]) => Promise<FactorOption>,
): Promise<FactorOption> {
  const options = supportedOptions(factors);
  if (options.length === 0) {
    throw new MfaError(
      `None of your Okta MFA factors is supported here (${describeUnsupported(factors)}) — enroll one of: ${supportedFactorKinds.join(', ')}`,
    );
  }
  if (preference) {
    const [kind, provider] = preference.split(':');
    const match = options.find(
      (o) =>
        o.factor.id === preference ||
        (o.driver.kind === (kind as FactorKind) && (!provider || o.factor.provider.toUpperCase() === provider.toUpperCase())),
    );
    if (!match) {
      const offered = options.map((o) => o.driver.kind).join(', ');
      throw new MfaError(`The MFA factor "${preference}" is not available for you — Okta offers: ${offered}`);
    }
    return match;
  }
  if (options.length > 1 && choose) return choose(options);
  return options[0] as FactorOption;
}
