import { ARN_PARTITION } from '../aws/partition.js';
import { resolveSettings, type Settings } from '../config/resolve.js';
import type { RawSettings } from '../config/schema.js';
import { AuthenticationError, AwsError, CancelledError, OktaBedrockError } from '../errors.js';
import { appLinkUrl, findApp } from '../okta/apps.js';
import type { FactorOption } from '../okta/factors/registry.js';
import { checkOktaOrg, type OktaPipeline, type OrgCheck } from '../okta/oie/detect.js';
import { normalizeOrgUrl } from '../okta/org-url.js';
import type { OktaAppLink } from '../okta/types.js';
import type { Env } from '../platform/paths.js';
import type { Choice, Prompter } from '../platform/prompts.js';
import type { SamlRole } from '../saml/assertion.js';
import { matchRole } from '../saml/roles.js';
import { assumeChained } from './assume.js';
import type { CoreDeps } from './deps.js';
import { login, type LoginOutcome } from './login.js';
import { withPasswordRetries } from './password-source.js';
import type { AuthenticatorInput } from './select-authenticator.js';
import type { KeychainProbe } from '../store/secrets/types.js';

/** The top-level config keys the wizard asks about; undefined removes the key. */
export type WizardValues = {
  org: string;
  oktapreview: undefined;
  username: string;
  appid: string;
  app: undefined;
  role: string;
  region: string;
  assume_role_arn: string | undefined;
  profile: string;
  password_cache: boolean;
  factor: string | undefined;
  oidc_client_id: string | undefined;
};

/** The keys in the order the wizard asks them (for the summary of what changed). */
export const WIZARD_KEYS: readonly (keyof WizardValues)[] = [
  'org',
  'oktapreview',
  'username',
  'appid',
  'app',
  'role',
  'region',
  'assume_role_arn',
  'profile',
  'password_cache',
  'factor',
  'oidc_client_id',
];

export interface WizardResult {
  values: WizardValues;
  /** The login done on the way: gateway (and chained) credentials, session, assertion. */
  outcome: LoginOutcome;
}

export interface WizardDeps extends CoreDeps {
  env: Env;
  /** Org detection and OIDC tokens are cached here (as `login` does). */
  cacheDir?: string;
  /** OIE: shows the device-code URL (the CLI adds --qr/--open there); default a notice. */
  showDeviceCode?: AuthenticatorInput['showDeviceCode'];
  /** Whether the OS keychain works here; when it does not, the wizard does not offer it. Default: assumed to work. */
  keychain?: () => Promise<KeychainProbe>;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ROLE_ARN = new RegExp(`^arn:${ARN_PARTITION}:iam::\\d{12}:role\\/[\\w+=,.@/-]+$`);

function isAppLink(v: unknown): v is OktaAppLink {
  return typeof v === 'object' && v !== null && 'linkUrl' in v && 'appName' in v;
}

function isSamlRole(v: unknown): v is SamlRole {
  return typeof v === 'object' && v !== null && 'roleArn' in v && 'principalArn' in v;
}

/** keyman's appid (`0oa…/272`) from an app link, or the link itself for other shapes. */
export function appidFromLink(linkUrl: string): string {
  const m = /\/home\/amazon_aws\/([^/?#]+\/[^/?#]+)/.exec(linkUrl);
  return m?.[1] ?? linkUrl;
}

/** The `factor` value naming an option: its kind, plus the provider when Okta offers that kind twice. */
function factorValue(option: FactorOption, all: readonly FactorOption[]): string {
  const twins = all.filter((o) => o.driver.kind === option.driver.kind).length > 1;
  return twins ? `${option.driver.kind}:${option.factor.provider}` : option.driver.kind;
}

function matchesFactor(option: FactorOption, preference: string | undefined): boolean {
  if (!preference) return false;
  const [kind, provider] = preference.split(':');
  return option.factor.id === preference || (option.driver.kind === kind && (!provider || option.factor.provider.toUpperCase() === provider.toUpperCase()));
}

/**
 * Pre-selects the current app or role in login's menus ("Which AWS app?", "Which AWS role?"),
 * so re-running the wizard offers the existing values as defaults.
 */
function preselecting(prompter: Prompter, current: RawSettings, orgUrl: string): Prompter {
  const isCurrent = (value: unknown): boolean => {
    if (isAppLink(value)) {
      if (current.appid) return value.linkUrl === appLinkUrl(orgUrl, current.appid);
      return current.app !== undefined && findApp([value], current.app) !== undefined;
    }
    if (isSamlRole(value)) return current.role !== undefined && matchRole([value], current.role) !== undefined;
    return false;
  };
  return {
    ...prompter,
    select: <T>(message: string, choices: Choice<T>[], defaultValue?: T) =>
      prompter.select(message, choices, defaultValue ?? choices.find((c) => isCurrent(c.value))?.value),
  };
}

const validOrg = (v: string): true | string => {
  try {
    normalizeOrgUrl(v);
    return true;
  } catch (e) {
    return (e as Error).message;
  }
};

/**
 * The org, checked before the username and password are asked: the host must answer
 * `/.well-known/okta-organization` as an Okta org (a password never goes to one that does not).
 * `acme`, `acme.okta.com` and URLs are accepted; a refused or unreachable host is asked again with
 * the answer as the default.
 */
async function askOrg(current: RawSettings, deps: WizardDeps): Promise<{ orgUrl: string; pipeline?: OktaPipeline }> {
  const { prompter, log } = deps;
  let answer = current.org;
  for (;;) {
    answer = await prompter.text('Okta org (acme, acme.okta.com or https://login.acme.com):', answer, { validate: validOrg });
    const orgUrl = normalizeOrgUrl(answer, { oktapreview: current.oktapreview });
    let check: OrgCheck;
    try {
      check = await checkOktaOrg(deps.http, orgUrl, log);
    } catch (e) {
      if (!(e instanceof OktaBedrockError) || e instanceof CancelledError) throw e;
      log.error(e.message); // names the host and what to check
      if (!(await prompter.confirm('Try again?', true))) throw e;
      continue;
    }
    if (check.ok) return { orgUrl, pipeline: check.pipeline };
    log.error(`${orgUrl} is not an Okta org (/.well-known/okta-organization: ${check.reason}) — enter your Okta sign-in address, e.g. acme.okta.com`);
  }
}

/** On an Identity Engine org, the Client ID of its Native OIDC app (sign-in in the browser); else the current one. */
async function askOidcClientId(orgUrl: string, pipeline: OktaPipeline | undefined, current: RawSettings, deps: WizardDeps): Promise<string | undefined> {
  if (pipeline !== 'idx' || current.auth_flow === 'classic') return current.oidc_client_id;
  deps.log.info(
    'This org runs Okta Identity Engine: okta-bedrock signs in as Okta\'s sign-in page does (password + MFA, nothing to set up); with the Client ID of a Native OIDC app you approve sign-ins in the browser instead (see "Identity Engine orgs" in the README).',
  );
  const answer = await deps.prompter.text('OIDC client id (Enter to sign in with password + MFA):', current.oidc_client_id ?? '', {
    validate: (v) => (!v.trim() || /^[\w-]{10,}$/.test(v.trim()) ? true : 'A client id looks like 0oa4x34ogyC1i1krJ1d7'),
  });
  return answer.trim() || undefined;
}

/** The optional Bedrock role, checked by assuming it with the gateway credentials; asked again when AWS refuses. */
async function askBedrockRole(
  outcome: LoginOutcome,
  currentArn: string | undefined,
  settings: Settings,
  deps: WizardDeps,
): Promise<{ roleArn?: string; outcome: LoginOutcome }> {
  let roleArn = currentArn;
  for (;;) {
    const answer = await deps.prompter.text('Bedrock role ARN to chain into (optional — Enter to skip):', roleArn ?? '', {
      validate: (v) => (!v.trim() || ROLE_ARN.test(v.trim()) ? true : 'A role ARN looks like arn:aws:iam::123456789012:role/my-bedrock-role'),
    });
    roleArn = answer.trim() || undefined;
    if (!roleArn) return { outcome };
    deps.log.info(`Assuming role ${roleArn} (chained from ${outcome.role.roleName})`);
    try {
      const sessionName = outcome.assertion.roleSessionName ?? outcome.username;
      const chained = await assumeChained(outcome.gateway, roleArn, sessionName, settings, deps, outcome.assertion.partition);
      deps.log.addSecret(chained.secretAccessKey);
      deps.log.addSecret(chained.sessionToken);
      return { roleArn, outcome: { ...outcome, chained, credentials: chained } };
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      deps.log.error(e.message);
      deps.log.info('Enter the ARN again, or leave it empty to skip the Bedrock role.');
    }
  }
}

/** The `factor` to keep: one Okta offered (default: the current one, else the one just used), or none. */
async function askFactorPreference(
  options: FactorOption[],
  used: FactorOption | undefined,
  current: string | undefined,
  prompter: Prompter,
): Promise<string | undefined> {
  if (options.length === 0) return current; // a browser sign-in shows no factors: keep what is there
  const choices: Choice<string>[] = options.map((o) => ({
    name: `${o.driver.describe(o.factor)} (${factorValue(o, options)})`,
    value: factorValue(o, options),
  }));
  choices.push({ name: 'No preference (push when offered, else a code)', value: '' });
  const fallback = used ? factorValue(used, options) : '';
  const chosen = await prompter.select('MFA factor to use by default:', choices, choices.find((c) => c.value && c.value === current)?.value ?? fallback);
  return chosen || undefined;
}

/**
 * `okta-bedrock config`: asks for the org and username, logs in (password + MFA) to list the AWS
 * apps and the roles in the SAML assertion to pick from, then asks region, the Bedrock role
 * (checked by assuming it), profile, password caching and the factor to use by default.
 * `current` (the existing config's top level) supplies every default.
 */
export async function runConfigWizard(current: RawSettings, deps: WizardDeps): Promise<WizardResult> {
  const { prompter, log } = deps;
  const { orgUrl, pipeline } = await askOrg(current, deps);
  let username = (await prompter.text('Okta username:', current.username, { validate: (v) => (v.trim() ? true : 'Enter your Okta username') })).trim();

  const oidcClientId = await askOidcClientId(orgUrl, pipeline, current, deps);

  // Log in with nothing pinned, so Okta's own lists (apps, roles, factors) are what the person picks from.
  const top: RawSettings = {
    ...current,
    org: orgUrl,
    username,
    oidc_client_id: oidcClientId,
    appid: undefined,
    app: undefined,
    account: undefined,
    accounts: undefined,
    role: undefined,
    assume_role_arn: undefined,
    factor: undefined,
  };
  let settings: Settings = resolveSettings({ keyman: false, top, profiles: {}, warnings: [] }, {}, deps.env);
  let offered: FactorOption[] = [];
  let used: FactorOption | undefined;
  const chooseFactor = async (options: FactorOption[]): Promise<FactorOption> => {
    offered = options;
    return prompter.select(
      'Which MFA factor?',
      options.map((o) => ({ name: o.driver.describe(o.factor), value: o })),
      options.find((o) => matchesFactor(o, current.factor)),
    );
  };
  let outcome: LoginOutcome | undefined;
  while (!outcome) {
    try {
      // A refused password is asked again at once (3 tries, as `login` does); other failures offer "Try again?".
      outcome = await withPasswordRetries(
        () =>
          login(
            {
              settings,
              password: () => prompter.password(`Okta password for ${username}:`),
              chooseFactor,
              onFactorUsed: (o) => (used = o),
              // The wizard asks for the default factor itself: "Remembered MFA factor X" would not be what the next login does.
              quietRememberedFactor: true,
              cacheDir: deps.cacheDir,
              showDeviceCode: deps.showDeviceCode,
            },
            { ...deps, prompter: preselecting(prompter, current, orgUrl) },
          ),
        { canAskAgain: () => prompter.interactive, log },
      );
    } catch (e) {
      // Any expected failure (Okta, network, AWS) keeps the answers so far and offers to retry.
      if (!(e instanceof OktaBedrockError) || e instanceof CancelledError || !prompter.interactive) throw e;
      log.error(e.message);
      if (!(await prompter.confirm('Try again?', true))) throw e;
      if (e instanceof AuthenticationError) {
        // The username may be the wrong one: offer it again (Enter keeps it).
        username = (await prompter.text('Okta username:', username, { validate: (v) => (v.trim() ? true : 'Enter your Okta username') })).trim();
        top.username = username;
        settings = resolveSettings({ keyman: false, top, profiles: {}, warnings: [] }, {}, deps.env);
      }
    }
  }

  const region = (
    await prompter.text('AWS region for Bedrock:', settings.region, {
      validate: (v) => (REGION.test(v.trim()) ? true : 'A region looks like us-east-1'),
    })
  ).trim();

  const bedrock = await askBedrockRole(outcome, current.assume_role_arn, { ...settings, region }, deps);
  outcome = bedrock.outcome;

  const profile = (
    await prompter.text('AWS profile to write:', current.profile ?? 'default', {
      validate: (v) => (/^[\w.@+-]+$/.test(v.trim()) ? true : 'Use letters, digits and . _ - @ +'),
    })
  ).trim();
  const usable: KeychainProbe = deps.keychain ? await deps.keychain() : { ok: true };
  let passwordCache = false;
  if (usable.ok) passwordCache = await prompter.confirm('Keep your Okta password in the OS keychain?', current.password_cache ?? false);
  else log.info(`Not offering to keep the password in the OS keychain: ${usable.detail} (fix: ${usable.fix})`);

  const factor = await askFactorPreference(offered.length > 0 ? offered : used ? [used] : [], used, current.factor, prompter);

  return {
    values: {
      org: orgUrl,
      oktapreview: undefined,
      username,
      appid: appidFromLink(outcome.linkUrl),
      app: undefined,
      role: outcome.role.roleArn,
      region,
      assume_role_arn: bedrock.roleArn,
      profile,
      password_cache: passwordCache,
      factor,
      oidc_client_id: oidcClientId,
    },
    outcome,
  };
}
