/**
 * `okta-bedrock simulator` switches → SimulatorOptions. A `--scenario FILE.json` is read first
 * (SimulatorOptions as JSON: `scenario`, `users`, `apps`, `oidcClients`, `accountId`,
 * `credentialLifetimeSeconds`, `oktaSessionLifetimeSeconds`; scenario keys may also sit at the
 * top level); the flags then override it.
 */
import { randomInt } from 'node:crypto';
import { UsageError } from '../../errors.js';
import { defaultApp, defaultScenario, defaultUser, parseRateLimitOverride } from '../../simulator/index.js';
import type { Scenario, SimFactorKind, SimulatorOptions } from '../../simulator/index.js';

export interface SimulatorSwitches {
  scenario?: string;
  push?: string;
  pushAfter?: string;
  numberChallenge?: boolean;
  factors?: string;
  stepUp?: boolean;
  oie?: boolean;
  idx?: boolean;
  classicAuthn?: string;
  credentialsLifetime?: string;
  sessionLifetime?: string;
  bedrockDeny?: string[];
  rateLimit?: string[];
}

/** `--factors` names: Okta's factor names (short forms), or the simulator's own kinds. */
const FACTOR_NAMES: Record<string, SimFactorKind> = {
  push: 'push',
  totp: 'totp-okta',
  'totp-okta': 'totp-okta',
  google: 'totp-google',
  'totp-google': 'totp-google',
  sms: 'sms',
  call: 'call',
  email: 'email',
  question: 'question',
  webauthn: 'webauthn',
  u2f: 'u2f',
  hardware: 'token-hardware',
  'token-hardware': 'token-hardware',
  duo: 'duo-web',
  'duo-web': 'duo-web',
  'claims-provider': 'claims-provider',
};

export const FACTOR_CHOICES = Object.keys(FACTOR_NAMES);

const OPTION_KEYS = new Set(['scenario', 'users', 'apps', 'oidcClients', 'accountId', 'credentialLifetimeSeconds', 'oktaSessionLifetimeSeconds']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a scenario object's keys and value types against the defaults (null-able keys take null too). */
function checkScenario(value: Record<string, unknown>, file: string): Partial<Scenario> {
  const defaults = defaultScenario() as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) {
    if (!(k in defaults)) throw new UsageError(`${file}: unknown scenario key "${k}" (known: ${Object.keys(defaults).sort().join(', ')})`);
    const d = defaults[k];
    const ok = d === null || v === null || (Array.isArray(d) ? Array.isArray(v) : typeof d === typeof v && Array.isArray(v) === Array.isArray(d));
    if (!ok) throw new UsageError(`${file}: scenario key "${k}" must be ${Array.isArray(d) ? 'an array' : `a ${typeof d}`} (got ${JSON.stringify(v)})`);
  }
  return value as Partial<Scenario>;
}

/** Parses a scenario file's text. */
export function parseScenarioFile(text: string, file: string): SimulatorOptions {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isObject(parsed)) throw new UsageError(`${file} must hold a JSON object`);
  const options: Record<string, unknown> = {};
  const topLevelScenario: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (OPTION_KEYS.has(k)) options[k] = v;
    else topLevelScenario[k] = v;
  }
  if (options.scenario !== undefined && !isObject(options.scenario)) throw new UsageError(`${file}: "scenario" must be an object`);
  for (const k of ['users', 'apps', 'oidcClients'] as const) {
    if (options[k] !== undefined && !Array.isArray(options[k])) throw new UsageError(`${file}: "${k}" must be an array`);
  }
  const scenario = checkScenario({ ...topLevelScenario, ...((options.scenario as Record<string, unknown> | undefined) ?? {}) }, file);
  return { ...(options as SimulatorOptions), scenario };
}

const positiveInt = (flag: string, value: string, min = 1): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number ≥ ${min} (got ${value})`);
  return n;
};

/** Applies the command-line switches on top of `base` (the scenario file's options, or none). */
export function applySwitches(base: SimulatorOptions, s: SimulatorSwitches): SimulatorOptions {
  const scenario: Partial<Scenario> = { ...base.scenario };
  const out: SimulatorOptions = { ...base };
  if (s.push !== undefined) {
    if (s.push !== 'approve' && s.push !== 'reject' && s.push !== 'timeout') throw new UsageError(`--push must be approve, reject or timeout (got ${s.push})`);
    scenario.pushResult = s.push;
  }
  if (s.pushAfter !== undefined) scenario.pushApproveAfterPolls = positiveInt('--push-after', s.pushAfter);
  // Okta Verify shows three numbers and asks for the one on screen: 1–99.
  if (s.numberChallenge) scenario.numberChallenge = scenario.numberChallenge ?? randomInt(10, 100);
  if (s.oie) scenario.oktaPipeline = 'idx';
  if (s.idx) {
    scenario.idx = true;
    scenario.oktaPipeline = 'idx';
  }
  if (s.classicAuthn !== undefined) {
    if (s.classicAuthn !== 'off' && s.classicAuthn !== 'on') throw new UsageError(`--classic-authn must be off or on (got ${s.classicAuthn})`);
    scenario.classicAuthnDisabled = s.classicAuthn === 'off';
  }
  for (const model of s.bedrockDeny ?? []) {
    scenario.bedrockModelAccessDenied = [...(scenario.bedrockModelAccessDenied ?? []), model === 'all' ? '*' : model];
  }
  for (const spec of s.rateLimit ?? []) {
    if (spec === 'workforce' || spec === 'off') {
      scenario.oktaRateLimitProfile = spec;
      continue;
    }
    const parsed = parseRateLimitOverride(spec);
    if (!parsed) throw new UsageError(`--rate-limit takes PATH:N (e.g. /api/v1/authn:100) or workforce (got ${spec})`);
    scenario.oktaRateLimits = { ...scenario.oktaRateLimits, [parsed.path]: parsed.perMinute };
  }
  if (s.factors !== undefined) {
    const names = s.factors
      .split(',')
      .map((f) => f.trim().toLowerCase())
      .filter(Boolean);
    const unknown = names.filter((n) => !(n in FACTOR_NAMES));
    if (names.length === 0 || unknown.length > 0) {
      throw new UsageError(`--factors takes a comma-separated list of ${FACTOR_CHOICES.join(', ')} (got ${s.factors})`);
    }
    const factors = [...new Set(names.map((n) => FACTOR_NAMES[n] as SimFactorKind))];
    out.users = (base.users ?? [defaultUser]).map((u) => ({ ...u, factors }));
  }
  if (s.stepUp) out.apps = (base.apps ?? [defaultApp()]).map((a) => ({ ...a, stepUp: true }));
  if (s.credentialsLifetime !== undefined) out.credentialLifetimeSeconds = positiveInt('--credentials-lifetime', s.credentialsLifetime);
  if (s.sessionLifetime !== undefined) out.oktaSessionLifetimeSeconds = positiveInt('--session-lifetime', s.sessionLifetime);
  out.scenario = scenario;
  return out;
}
