import type { Settings } from '../config/resolve.js';
import type { ProfileRecord } from '../store/cache-files.js';
import type { LoginOutcome } from './login.js';

/** What a login learned about a profile, so later refreshes need no config or flags. */
export function recordFromLogin(settings: Settings, outcome: LoginOutcome): ProfileRecord {
  return {
    orgUrl: settings.orgUrl,
    username: outcome.username,
    authFlow: outcome.authFlow,
    ...(outcome.authFlow === 'device' ? { oidcClientId: settings.oidcClientId } : {}),
    ...(outcome.authFlow === 'browser' && settings.browserPath ? { browserPath: settings.browserPath } : {}),
    factor: settings.factor,
    linkUrl: outcome.linkUrl,
    roleArn: outcome.role.roleArn,
    principalArn: outcome.role.principalArn,
    assumeRoleArn: settings.assumeRoleArn,
    assumeRoleDurationSeconds: settings.assumeRoleDurationSeconds,
    region: settings.region,
    durationSeconds: settings.durationSeconds,
    refreshBeforeSeconds: settings.refreshBeforeSeconds,
    partition: outcome.assertion.partition,
    roleSessionName: outcome.assertion.roleSessionName,
  };
}

/** Settings equivalent to a recorded profile (for refreshes and re-logins from the record). */
export function settingsFromRecord(profile: string, r: ProfileRecord): Settings {
  return {
    profile,
    orgUrl: r.orgUrl,
    username: r.username,
    appid: r.linkUrl,
    accounts: [],
    role: r.roleArn,
    assumeRoleArn: r.assumeRoleArn,
    assumeRoleDurationSeconds: r.assumeRoleDurationSeconds,
    region: r.region,
    durationSeconds: r.durationSeconds,
    factor: r.factor,
    passwordCache: false,
    reup: false,
    refreshBeforeSeconds: r.refreshBeforeSeconds,
    authFlow: r.authFlow ?? 'classic',
    oidcClientId: r.oidcClientId,
    httpTimeoutSeconds: 30,
    browserPath: r.browserPath,
  };
}
