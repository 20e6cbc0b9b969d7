import { loadConfig } from '../config/load.js';
import { regionFor } from '../config/region.js';
import { selectedProfile } from '../config/resolve.js';
import { normalizeOrgUrl } from '../okta/org-url.js';
import { displayPath } from '../platform/paths.js';
import { isOktaBedrockError } from '../errors.js';
import { fail, pass, type DoctorCheck } from './types.js';

/** Config found and valid; learns the profile, its login record, org and region. */
export const configCheck: DoctorCheck = {
  id: 'config',
  title: 'Config',
  async run(state) {
    const { deps } = state;
    try {
      const config = await loadConfig({ explicitPath: deps.configPath, defaultPath: deps.paths.configFile, keymanPath: deps.paths.keymanConfigFile });
      state.config = config;
      state.profile = selectedProfile(config, deps.profile);
      state.record = (await deps.cache.readProfile(state.profile))?.record;
      const layer = { ...config.top, ...(config.profiles[state.profile] ?? {}) };
      state.orgUrl = state.record?.orgUrl ?? (layer.org ? normalizeOrgUrl(layer.org, { oktapreview: layer.oktapreview }) : undefined);
      state.username = state.record?.username ?? layer.username;
      state.region = regionFor(deps.region, deps.env, state.record, config, state.profile);
      const where = config.path ? displayPath(config.path, deps.paths.home) : undefined;
      const profile = `profile ${state.profile}`;
      if (!where && !state.record) {
        return fail(
          `no config file (${displayPath(deps.paths.configFile, deps.paths.home)}) and no login record for ${profile}`,
          `run \`okta-bedrock login --org YOUR_ORG --username YOU${state.profile === 'default' ? '' : ` --profile ${state.profile}`}\`, or write the config (see config.example.yml)`,
        );
      }
      if (!state.orgUrl) return fail(`${where}: no \`org\` for ${profile}`, 'add `org: acme` (your Okta org) to the config file');
      const source = where ? `${where}${config.keyman ? ' (aws_okta_keyman format)' : ''}` : 'no config file; using the login record';
      const warnings = config.warnings.length ? ` (${config.warnings.length} warning${config.warnings.length > 1 ? 's' : ''}: ${config.warnings[0]})` : '';
      return pass(`${source}, ${profile}, org ${state.orgUrl}, region ${state.region}${warnings}`);
    } catch (e) {
      if (!isOktaBedrockError(e)) throw e;
      return fail(e.message, 'fix the config file (see config.example.yml for every key)');
    }
  },
};
