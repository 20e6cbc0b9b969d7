import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { SettingsOverrides } from '../config/resolve.js';

/** Flags shared by every command that may log in. */
export interface LoginFlags {
  config?: string;
  org?: string;
  username?: string;
  passwordStdin?: boolean;
  factor?: string;
  passcode?: string;
  app?: string;
  role?: string;
  assumeRoleArn?: string;
  profile?: string;
  region?: string;
  duration?: string;
  authFlow?: string;
  oidcClientId?: string;
  browser?: boolean;
  browserPath?: string;
  browserTimeout?: string;
  qr?: boolean;
  open?: boolean;
  debug?: boolean;
  quiet?: boolean;
  json?: boolean;
}

export function addLoginOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'config file (default: ~/.config/okta-bedrock/config.yml, else ~/.config/aws_okta_keyman.yml)')
    .option('--org <org>', 'Okta org: subdomain (acme), host or https:// URL')
    .option('--username <name>', 'Okta username')
    .option('--password-stdin', 'read the Okta password from the first line of stdin (with no terminal, later lines answer MFA code prompts)')
    .option(
      '--factor <factor>',
      'MFA factor: push, totp (totp:OKTA, totp:GOOGLE), sms, call, email, question, or a factor id (default: config `factor`, else the last one used)',
    )
    .option('--passcode <code>', 'TOTP code (else prompted; SMS, call and email codes are always typed when they arrive)')
    .option('--app <label|id>', 'AWS app in Okta: label, app id, or keyman appid (0oa…/272)')
    .option('--role <name|arn>', 'gateway role to assume from the SAML assertion')
    .option('--assume-role-arn <arn>', 'then assume this role (e.g. the Bedrock role) with the gateway credentials')
    .option('--profile <name>', 'AWS profile to write (default: config `profile`, else "default")')
    .option('--region <region>', 'AWS region (default: config, AWS_REGION, us-east-1)')
    .option('--duration <seconds>', "session duration in seconds (capped by the assertion's SessionDuration)")
    .option(
      '--auth-flow <flow>',
      'Okta sign-in: auto (detect), idx (Identity Engine sign-in as the Okta widget does it), classic (password + MFA API), device (Identity Engine browser approval) or browser (see --browser)',
    )
    .option('--browser', 'sign in to Okta in a browser window (passkeys, security keys, Duo, FastPass, device assurance); same as --auth-flow browser')
    .option('--browser-path <path>', 'with --browser: the Chrome, Chromium, Edge or Brave to run (default: $BROWSER_PATH, else the first one installed)')
    .option('--browser-timeout <seconds>', 'with --browser: how long to wait for the sign-in in the window (default 300)')
    .option('--oidc-client-id <id>', "OIE: Client ID of the org's Native OIDC app (Device Authorization + Token Exchange grants)")
    .option('--qr', 'OIE device flow: also show the approval URL as a QR code in the terminal')
    .option('--open', 'OIE device flow: open the approval URL in the default browser ($BROWSER if set)');
}

export function overridesFrom(flags: LoginFlags): SettingsOverrides {
  let duration: number | undefined;
  if (flags.duration !== undefined) {
    duration = Number(flags.duration);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      throw new UsageError(`--duration must be a whole number of seconds from 900 to 43200 (got ${flags.duration})`);
    }
  }
  if (flags.browser && flags.authFlow !== undefined && flags.authFlow !== 'browser') {
    throw new UsageError(`--browser is the browser sign-in: it cannot go with --auth-flow ${flags.authFlow}`);
  }
  const authFlow = flags.browser ? 'browser' : flags.authFlow;
  if (authFlow !== undefined && authFlow !== 'auto' && authFlow !== 'classic' && authFlow !== 'device' && authFlow !== 'browser' && authFlow !== 'idx') {
    throw new UsageError(`--auth-flow must be auto, idx, classic, device or browser (got ${authFlow})`);
  }
  let browserTimeoutSeconds: number | undefined;
  if (flags.browserTimeout !== undefined) {
    browserTimeoutSeconds = Number(flags.browserTimeout);
    if (!Number.isFinite(browserTimeoutSeconds) || browserTimeoutSeconds < 10 || browserTimeoutSeconds > 3600) {
      throw new UsageError(`--browser-timeout must be a number of seconds from 10 to 3600 (got ${flags.browserTimeout})`);
    }
  }
  return {
    authFlow: authFlow as SettingsOverrides['authFlow'],
    oidcClientId: flags.oidcClientId,
    browserPath: flags.browserPath,
    browserTimeoutSeconds,
    org: flags.org,
    username: flags.username,
    app: flags.app,
    factor: flags.factor,
    role: flags.role,
    assumeRoleArn: flags.assumeRoleArn,
    profile: flags.profile,
    region: flags.region,
    duration,
  };
}
