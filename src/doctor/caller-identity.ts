import { stsRegionFor } from '../aws/partition.js';
import { getCallerIdentity } from '../aws/sts.js';
import { isOktaBedrockError, runLogin } from '../errors.js';
import { fail, pass, skip, type DoctorCheck } from './types.js';

/** GetCallerIdentity works and shows the assumed role. */
export const callerIdentityCheck: DoctorCheck = {
  id: 'caller-identity',
  title: 'GetCallerIdentity',
  async run(state) {
    const creds = state.credentials;
    if (!creds) return skip('no credentials');
    try {
      const id = await getCallerIdentity(
        { region: stsRegionFor(creds.partition, state.region), endpoint: state.deps.core.stsEndpoint, timeoutMs: state.deps.core.httpTimeoutMs },
        creds.credentials,
      );
      const expected = creds.record?.assumeRoleArn ?? creds.record?.roleArn;
      const roleName = expected?.split('/').pop();
      if (roleName && id.arn && !id.arn.includes(`:assumed-role/${roleName}/`)) {
        return fail(`${id.arn} is not the role the profile logs in to (${expected})`, `${runLogin(state.profile)} to write fresh credentials for the profile`);
      }
      return pass(`${id.arn ?? '?'} (account ${id.account ?? '?'})`);
    } catch (e) {
      if (!isOktaBedrockError(e)) throw e;
      return fail(e.message, `${runLogin(state.profile)}; if it persists, check the role in IAM`);
    }
  },
};
