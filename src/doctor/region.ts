import { bedrockHost } from '../bedrock/target.js';
import { fail, pass, warn, type DoctorCheck } from './types.js';

const SOME_BEDROCK_REGIONS = 'us-east-1, us-west-2, eu-central-1, ap-northeast-1';

/** The region offers Bedrock: its endpoint name resolves (or an endpoint override is set). */
export const regionCheck: DoctorCheck = {
  id: 'region',
  title: 'Region offers Bedrock',
  async run(state) {
    const { deps, region } = state;
    const override = deps.env.AWS_ENDPOINT_URL_BEDROCK || deps.env.AWS_ENDPOINT_URL;
    if (override) return pass(`${region} (endpoint override ${override})`);
    const host = bedrockHost(region, 'bedrock');
    const found = await deps.lookupHost(host);
    if (found === 'resolves') return pass(`${region} (${host})`);
    if (found === 'not-found') {
      return fail(
        `Bedrock is not offered in ${region} (${host} does not exist)`,
        `use a Bedrock region such as ${SOME_BEDROCK_REGIONS}: --region, or \`region:\` in the config`,
      );
    }
    return warn(`could not look up ${host} (DNS)`, 'check your network or DNS settings');
  },
};
