import { MfaError } from '../../errors.js';
import type { Logger } from '../../platform/log.js';
import type { RememberedFactor } from '../memory.js';
import type { OktaFactor } from '../types.js';
import {
  factorTypeName,
  matchPreference,
  menuOrder,
  selectorOf,
  SUPPORTED_FACTORS_TEXT,
  supportedOptions,
  unsupportedFactors,
  type FactorOption,
} from './registry.js';

export interface FactorSelection {
  /** `--factor` or config `factor`: must match. */
  preference?: string;
  /** The factor that worked last time for this org and user. */
  remembered?: RememberedFactor;
  /** A `--passcode` was given: prefer a factor it can serve. */
  passcode: boolean;
  /** A person can answer prompts and menus. */
  interactive: boolean;
  /** The menu; called with the supported factors in Okta's order, push first. */
  choose?: (options: FactorOption[]) => Promise<FactorOption>;
  log: Logger;
  orgUrl: string;
}

function usable(o: FactorOption, sel: FactorSelection): boolean {
  return sel.interactive || !o.driver.needsInput || (sel.passcode && o.driver.acceptsPasscode);
}

function listOffered(options: FactorOption[]): string {
  return options.map((o) => `${selectorOf(o)} (${o.factor.id})`).join(', ');
}

/**
 * Picks the factor: `--factor`/config first (it must match); else the remembered one when Okta
 * still offers it and it can run here; else, with a `--passcode`, a factor that takes one; else a
 * menu on a terminal; else the first supported factor that needs no typing (push), in
 * preference order. Unsupported factors are passed over; only unsupported ones → a clear stop.
 */
export async function selectFactor(factors: OktaFactor[], sel: FactorSelection): Promise<FactorOption> {
  const options = supportedOptions(factors);
  const unsupported = unsupportedFactors(factors);
  if (unsupported.length > 0) sel.log.debug(`Passing over factors this CLI cannot use: ${unsupported.map(factorTypeName).join(', ')}`);
  if (options.length === 0) {
    const names = [...new Set(unsupported.map(factorTypeName))].join(', ') || 'none';
    throw new MfaError(
      `None of your Okta MFA factors can be used from a command line (${names}) — enroll one of: ${SUPPORTED_FACTORS_TEXT} (at ${sel.orgUrl}, Settings), or sign in through your browser: okta-bedrock login --browser`,
      { code: 'unsatisfiable_policy' },
    );
  }
  if (sel.preference) {
    const match = matchPreference(options, sel.preference);
    if (match) return match;
    throw new MfaError(`The MFA factor "${sel.preference}" is not one of yours — use --factor with one of: ${listOffered(options)}`);
  }
  const remembered = sel.remembered && (options.find((o) => o.factor.id === sel.remembered?.id) ?? matchPreference(options, sel.remembered.selector));
  if (remembered && usable(remembered, sel)) {
    sel.log.info(`Using remembered factor ${selectorOf(remembered)}; --factor to change`);
    return remembered;
  }
  if (sel.passcode) {
    const takesCode = options.find((o) => o.driver.acceptsPasscode);
    if (takesCode) return takesCode;
  }
  if (sel.interactive && sel.choose && options.length > 1) return sel.choose(menuOrder(factors));
  return options.find((o) => usable(o, sel)) ?? (options[0] as FactorOption);
}
