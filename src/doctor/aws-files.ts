import { readTextIfExists } from '../platform/fs.js';
import { displayPath } from '../platform/paths.js';
import { readConfigProfile } from '../store/aws-config-file.js';
import { isOurCredentialProcess } from '../store/credential-process-line.js';
import { CREDENTIALS_KEYS } from '../store/credentials-file.js';
import { getSection } from '../store/ini-sections.js';
import { loginCommand } from '../errors.js';
import { fail, pass, skip, warn, type DoctorCheck } from './types.js';

/**
 * What the AWS CLI and SDKs will really use for the profile: static keys in ~/.aws/credentials are
 * read before the config's credential_process (and outlive their session: ExpiredToken an hour
 * later), and role_arn + source_profile win over credential_process in the same profile.
 */
export const awsFilesCheck: DoctorCheck = {
  id: 'aws-files',
  title: 'What the AWS CLI uses',
  async run(state) {
    const { paths, clock } = state.deps;
    const p = state.profile;
    const configShown = displayPath(paths.awsConfigFile, paths.home);
    const credsShown = displayPath(paths.awsCredentialsFile, paths.home);
    const config = await readConfigProfile(paths.awsConfigFile, p).catch(() => undefined);
    const credsText = await readTextIfExists(paths.awsCredentialsFile).catch(() => undefined);
    const keys = credsText ? getSection(credsText, p) : undefined;
    const hasKeys = keys?.[CREDENTIALS_KEYS.accessKeyId] !== undefined;
    const ourProcess = isOurCredentialProcess(config?.credential_process);
    if (ourProcess && hasKeys) {
      return fail(
        `static keys in ${credsShown} [${p}] shadow credential_process in ${configShown}: the AWS CLI and Claude Code use those keys, not okta-bedrock`,
        `run \`okta-bedrock setup-aws --profile ${p}\` (it removes the keys okta-bedrock wrote), or delete [${p}]'s keys from ${credsShown}`,
      );
    }
    if (ourProcess && (config?.role_arn !== undefined || config?.source_profile !== undefined)) {
      return warn(
        `[profile ${p}] in ${configShown} has role_arn/source_profile next to credential_process: the AWS CLI assumes that role instead`,
        `run \`okta-bedrock setup-aws --profile ${p}\` (use --chain-profile NAME --role-arn ARN for a chain)`,
      );
    }
    const expires = keys?.[CREDENTIALS_KEYS.expiration];
    if (hasKeys && expires !== undefined && Date.parse(expires) <= clock.now().getTime()) {
      return fail(
        `the keys in ${credsShown} [${p}] expired at ${expires} (x_security_token_expires): AWS answers ExpiredToken`,
        `run \`${loginCommand(p)}\`, or \`okta-bedrock setup-aws --profile ${p}\` to refresh them automatically`,
      );
    }
    if (ourProcess) return pass(`credential_process (okta-bedrock) in ${configShown}, no static keys shadowing it`);
    if (hasKeys) return pass(`static keys in ${credsShown}${expires ? ` until ${expires}` : ''}`);
    return skip(`no [${p}] in ${configShown} or ${credsShown}`);
  },
};
