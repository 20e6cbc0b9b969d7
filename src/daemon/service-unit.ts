/**
 * `daemon install`: a systemd user unit (Linux) or a launchd agent (macOS) that runs
 * `okta-bedrock daemon run` at login and restarts it if it dies.
 */
import { join } from 'node:path';

export type ServicePlatform = 'systemd' | 'launchd';

export const SYSTEMD_UNIT = 'okta-bedrock.service';
export const LAUNCHD_LABEL = 'com.okta-bedrock.daemon';

/** Environment passed on to the service (a user service does not see the login shell's). */
export const SERVICE_ENV_KEYS = [
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_REGION',
  'AWS_ENDPOINT_URL_STS',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'https_proxy',
  'http_proxy',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
] as const;

export interface ServiceSpec {
  /** Program and arguments: node, our bin, `daemon`, `run`, flags. */
  argv: string[];
  env: Record<string, string>;
}

export function servicePlatform(platform: NodeJS.Platform): ServicePlatform | undefined {
  return platform === 'linux' ? 'systemd' : platform === 'darwin' ? 'launchd' : undefined;
}

export function serviceFilePath(kind: ServicePlatform, home: string, xdgConfigHome?: string): string {
  return kind === 'systemd'
    ? join(xdgConfigHome || join(home, '.config'), 'systemd', 'user', SYSTEMD_UNIT)
    : join(home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
}

/** systemd.syntax quoting: double quotes, backslash escapes, `%` and `$` doubled. */
function systemdQuote(s: string): string {
  const escaped = s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$');
  return /[\s"'\\]/.test(s) || escaped !== s ? `"${escaped}"` : s;
}

export function systemdUnit(spec: ServiceSpec): string {
  const env = Object.entries(spec.env).map(([k, v]) => `Environment=${systemdQuote(`${k}=${v}`)}\n`).join('');
  return `# Written by \`okta-bedrock daemon install\`; remove with \`okta-bedrock daemon uninstall\`.
[Unit]
Description=okta-bedrock: keep AWS credentials for Amazon Bedrock fresh
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
ExecStart=${spec.argv.map(systemdQuote).join(' ')}
ExecReload=/bin/kill -HUP $MAINPID
${env}Restart=on-failure
RestartSec=30
TimeoutStopSec=5

[Install]
WantedBy=default.target
`;
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function launchdPlist(spec: ServiceSpec): string {
  const args = spec.argv.map((a) => `    <string>${xml(a)}</string>\n`).join('');
  const env = Object.entries(spec.env)
    .map(([k, v]) => `    <key>${xml(k)}</key>\n    <string>${xml(v)}</string>\n`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Written by \`okta-bedrock daemon install\`; remove with \`okta-bedrock daemon uninstall\`. -->
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCHD_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${args}  </array>
  <key>EnvironmentVariables</key>
  <dict>
${env}  </dict>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>ProcessType</key>
  <string>Background</string>
</dict>
</plist>
`;
}

export function serviceFileText(kind: ServicePlatform, spec: ServiceSpec): string {
  return kind === 'systemd' ? systemdUnit(spec) : launchdPlist(spec);
}

/** What to run to start the service now and at every login. */
export function enableCommands(kind: ServicePlatform, file: string): string[] {
  return kind === 'systemd'
    ? ['systemctl --user daemon-reload', `systemctl --user enable --now ${SYSTEMD_UNIT}`]
    : [`launchctl bootstrap gui/$(id -u) ${file}`];
}

export function disableCommands(kind: ServicePlatform, file: string): string[] {
  return kind === 'systemd'
    ? [`systemctl --user disable --now ${SYSTEMD_UNIT}`, 'systemctl --user daemon-reload']
    : [`launchctl bootout gui/$(id -u) ${file}`];
}

/** What stops a still-loaded service once its file is gone (by name, not by file). */
export function stopCommandsWithoutFile(kind: ServicePlatform): string[] {
  return kind === 'systemd'
    ? [`systemctl --user stop ${SYSTEMD_UNIT}`, 'systemctl --user daemon-reload']
    : [`launchctl bootout gui/$(id -u)/${LAUNCHD_LABEL}`];
}
