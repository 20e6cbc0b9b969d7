import type { Settings } from '../config/resolve.js';
import { AwsError } from '../errors.js';
import { assumeRole, assumeRoleWithSaml, DURATION_TOO_LONG, sanitizeSessionName, type AssumedRole } from '../aws/sts.js';
import { stsRegionFor, type Partition } from '../aws/partition.js';
import type { SamlAssertion, SamlRole } from '../saml/assertion.js';
import { chooseRole, matchRole, roleChoices } from '../saml/roles.js';
import type { CoreDeps } from './deps.js';

export const DEFAULT_DURATION_SECONDS = 3600;
/** AWS caps a role assumed with role credentials ("role chaining") at one hour. */
export const CHAINED_MAX_SECONDS = 3600;

/**
 * DurationSeconds for AssumeRoleWithSAML: the requested one (flag/config), else the assertion's
 * SessionDuration, else 1 h — never more than SessionDuration, and within 900..43200.
 */
export function samlDuration(requested: number | undefined, sessionDuration: number | undefined): number {
  const wanted = requested ?? sessionDuration ?? DEFAULT_DURATION_SECONDS;
  const capped = sessionDuration !== undefined ? Math.min(wanted, sessionDuration) : wanted;
  return Math.max(900, Math.min(43200, capped));
}

export async function pickRole(assertion: SamlAssertion, settings: Settings, deps: CoreDeps): Promise<SamlRole> {
  const menu = deps.prompter.interactive ? (roles: SamlRole[]) => deps.prompter.select('Which AWS role?', roleChoices(roles)) : undefined;
  // An unknown --role on a terminal: say so and offer the menu (without one, chooseRole's error lists the roles).
  if (menu && settings.role && !matchRole(assertion.roles, settings.role)) {
    deps.log.warn(`The role "${settings.role}" is not in your Okta assertion — pick one (the config's \`role\` or --role sets it)`);
    return menu(assertion.roles);
  }
  return chooseRole(assertion.roles, settings.role, menu);
}

/** 43200 → "12 h", 5400 → "90 min", 1000 → "1000 s". */
function hours(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

function isDurationError(e: unknown): boolean {
  return e instanceof AwsError && e.code === DURATION_TOO_LONG;
}

/** AssumeRoleWithSAML into the gateway role; a duration the role refuses is retried once at 1 h. */
export async function assumeGateway(assertion: SamlAssertion, role: SamlRole, settings: Settings, deps: CoreDeps): Promise<AssumedRole> {
  const sts = { region: stsRegionFor(assertion.partition, settings.region), endpoint: deps.stsEndpoint, timeoutMs: deps.httpTimeoutMs, signal: deps.signal };
  const duration = samlDuration(settings.durationSeconds, assertion.sessionDurationSeconds);
  if (settings.durationSeconds !== undefined && duration < settings.durationSeconds && assertion.sessionDurationSeconds !== undefined) {
    deps.log.warn(
      `The Okta AWS app caps sessions at ${hours(assertion.sessionDurationSeconds)} (its SessionDuration): the session lasts ${hours(duration)}, not ${hours(settings.durationSeconds)}`,
    );
  }
  const request = { roleArn: role.roleArn, principalArn: role.principalArn, samlAssertion: assertion.base64 };
  try {
    return await assumeRoleWithSaml(sts, { ...request, durationSeconds: duration });
  } catch (e) {
    if (!isDurationError(e) || duration === DEFAULT_DURATION_SECONDS) throw e;
    // STS does not say the role's MaxSessionDuration: 1 h is what every role allows.
    deps.log.warn(
      `AWS refused a ${hours(duration)} session: the role's MaxSessionDuration is shorter — the session lasts ${hours(DEFAULT_DURATION_SECONDS)} (ask your AWS admin to raise it, or pass a shorter --duration)`,
    );
    return assumeRoleWithSaml(sts, { ...request, durationSeconds: DEFAULT_DURATION_SECONDS });
  }
}

/** AssumeRole with the gateway credentials into the Bedrock role (at most 1 h, AWS's chaining cap). */
export async function assumeChained(
  gateway: AssumedRole,
  roleArn: string,
  sessionName: string | undefined,
  settings: Settings,
  deps: CoreDeps,
  partition: Partition = 'aws',
): Promise<AssumedRole> {
  return assumeRole(
    { region: stsRegionFor(partition, settings.region), endpoint: deps.stsEndpoint, timeoutMs: deps.httpTimeoutMs, signal: deps.signal },
    gateway,
    {
      roleArn,
      roleSessionName: sanitizeSessionName(sessionName),
      durationSeconds: Math.min(settings.assumeRoleDurationSeconds, CHAINED_MAX_SECONDS),
    },
  );
}
