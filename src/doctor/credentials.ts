import { resolveProfileCredentials } from '../core/profile-credentials.js';
import { isOktaBedrockError, LoginRequiredError, runLogin } from '../errors.js';
import { mask } from '../platform/log.js';
import { displayPath } from '../platform/paths.js';
import { expiresIn } from '../platform/ui.js';
import { bedrockEndpoints } from '../bedrock/target.js';
import { fail, pass, type DoctorCheck } from './types.js';

const ORIGINS: Record<string, string> = {
  cache: 'cached',
  rechain: 're-chained from the gateway role just now',
  saml: 'refreshed with the Okta session just now',
  login: 'from a new login',
  'credentials-file': '',
};

/** Credentials present and unexpired (refreshing silently like credential-process; never prompting). */
export const credentialsCheck: DoctorCheck = {
  id: 'credentials',
  title: 'AWS credentials',
  async run(state) {
    const { deps } = state;
    try {
      const creds = await resolveProfileCredentials(
        {
          profile: state.profile,
          cache: deps.cache,
          credentialsFile: deps.paths.awsCredentialsFile,
          home: deps.paths.home,
          fullLogin: false,
        },
        deps.core,
      );
      deps.core.log.addSecret(creds.credentials.secretAccessKey);
      deps.core.log.addSecret(creds.credentials.sessionToken);
      state.credentials = creds;
      state.target = {
        region: state.region,
        profile: state.profile,
        credentials: creds.credentials,
        ...bedrockEndpoints(deps.env),
        timeoutMs: deps.core.httpTimeoutMs,
      };
      const origin = creds.origin === 'credentials-file' ? `from ${displayPath(deps.paths.awsCredentialsFile, deps.paths.home)}` : ORIGINS[creds.origin];
      return pass(`key ${mask(creds.credentials.accessKeyId)}, ${expiresIn(creds.credentials.expiration, deps.clock.now())} (${origin})`);
    } catch (e) {
      if (!isOktaBedrockError(e)) throw e;
      return fail(e instanceof LoginRequiredError ? e.summary : e.message, runLogin(state.profile));
    }
  },
};
