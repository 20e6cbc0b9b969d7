import type { CredentialIdentity, StsContext } from './context.js';
import { issueRoleCredentials } from './credentials.js';
import { accessDenied, validationError } from './faults.js';
import { durationSeconds, parseRoleArn, required, validSessionName } from './params.js';
import type { XmlTree } from './xml.js';

const CHAINED_LIMIT_SECONDS = 3600;

/** Action=AssumeRole, called with (signed by) credentials this STS issued: role chaining. */
export const assumeRole = (ctx: StsContext, params: URLSearchParams, callerArn: string): XmlTree => {
  const roleArn = required(params, 'RoleArn', 'roleArn');
  const sessionName = validSessionName(required(params, 'RoleSessionName', 'roleSessionName'), 'roleSessionName');
  const duration = durationSeconds(params);
  const role = parseRoleArn(roleArn);
  const denied = `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
  if (!role || role.accountId !== ctx.accountId || ctx.scenario.denyAssumeRoleArns.includes(roleArn)) {
    throw accessDenied(denied);
  }
  if (duration > CHAINED_LIMIT_SECONDS) {
    // Every caller this STS knows holds role credentials, so every AssumeRole here is chaining.
    throw validationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (duration > ctx.scenario.roleMaxSessionSeconds) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const issued = issueRoleCredentials(ctx, roleArn, role.roleName, sessionName, duration);
  return [
    ['Credentials', issued.xml.credentials],
    ['AssumedRoleUser', issued.xml.assumedRoleUser],
  ];
};

/** Action=GetCallerIdentity */
export const getCallerIdentity = (ctx: StsContext, caller: CredentialIdentity, callerArn: string): XmlTree => [
  ['Arn', callerArn],
  ['UserId', `${caller.roleId}:${caller.sessionName}`],
  ['Account', ctx.accountId],
];
