import { awsId, secretAccessKey, stableAwsId, stsSessionToken } from '../ids.js';
import type { CredentialIdentity, StsContext } from './context.js';
import { awsTimestamp, type XmlTree } from './xml.js';

export interface Issued {
  accessKeyId: string;
  identity: CredentialIdentity;
  arn: string;
  xml: { credentials: XmlTree; assumedRoleUser: XmlTree };
}

/** Mint role credentials lasting min(duration, credentialLifetimeSeconds) and remember them. */
export const issueRoleCredentials = (ctx: StsContext, roleArn: string, roleName: string, sessionName: string, durationSeconds: number): Issued => {
  const lifetime = Math.min(durationSeconds, ctx.credentialLifetimeSeconds ?? durationSeconds);
  const expiration = new Date(ctx.clock.now().getTime() + lifetime * 1000);
  const accessKeyId = awsId('ASIA', 20);
  const secret = secretAccessKey();
  const sessionToken = stsSessionToken();
  const identity: CredentialIdentity = {
    roleArn,
    roleName,
    roleId: stableAwsId('AROA', 21, roleArn),
    sessionName,
  };
  const arn = `arn:aws:sts::${ctx.accountId}:assumed-role/${roleName}/${sessionName}`;
  ctx.issuedCredentials.set(accessKeyId, { secretAccessKey: secret, sessionToken, expiration, arn });
  ctx.identities.set(accessKeyId, identity);
  return {
    accessKeyId,
    identity,
    arn,
    xml: {
      credentials: [
        ['AccessKeyId', accessKeyId],
        ['SecretAccessKey', secret],
        ['SessionToken', sessionToken],
        ['Expiration', awsTimestamp(expiration)],
      ],
      assumedRoleUser: [
        ['AssumedRoleId', `${identity.roleId}:${sessionName}`],
        ['Arn', arn],
      ],
    },
  };
};
