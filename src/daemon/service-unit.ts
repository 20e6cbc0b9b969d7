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

/** The service's private environment file (0600): proxy URLs that carry a user name or password. */
export const SERVICE_ENV_FILE = 'daemon.env';

/** A proxy URL with credentials in it (`http://user:pass@proxy:3128`, or scheme-less `user:pass@proxy:3128`). */
export function hasUserInfo(value: string): boolean {
  const authority = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0] ?? '';
  return authority.includes('@');
}

/**
 * Splits the service environment: what may go in the unit or plist (mode 0644, readable by
 * others, printed by --dry-run) and what must not — proxy URLs with credentials, which go to the
 * 0600 environment file that `daemon run` reads at start.
 */
export function splitServiceEnv(env: Record<string, string>): { plain: Record<string, string>; secret: Record<string, string> } {
  const plain: Record<string, string> = {};
  const secret: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) (/_proxy$/i.test(k) && hasUserInfo(v) ? secret : plain)[k] = v;
  return { plain, secret };
}

/** The environment file's text: `KEY=VALUE` lines (values with no newline; what parseEnvFile reads). */
export function envFileText(env: Record<string, string>): string {
  return `# Written by \`okta-bedrock daemon install\` (mode 0600): read by \`okta-bedrock daemon run\` at start.\n${Object.entries(env)
    .map(([k, v]) => `${k}=${v.replace(/[\r\n]/g, '')}\n`)
    .join('')}`;
}

/** Parses the environment file: `KEY=VALUE` lines, `#` comments. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) out[key] = line.slice(eq + 1);
  }
  return out;
}

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
  const env = Object.entries(spec.env)
    .map(([k, v]) => `Environment=${systemdQuote(`${k}=${v}`)}\n`)
    .join('');
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
  return kind === 'systemd' ? [`systemctl --user disable --now ${SYSTEMD_UNIT}`, 'systemctl --user daemon-reload'] : [`launchctl bootout gui/$(id -u) ${file}`];
}

/** What stops a still-loaded service once its file is gone (by name, not by file). */
export function stopCommandsWithoutFile(kind: ServicePlatform): string[] {
  return kind === 'systemd' ? [`systemctl --user stop ${SYSTEMD_UNIT}`, 'systemctl --user daemon-reload'] : [`launchctl bootout gui/$(id -u)/${LAUNCHD_LABEL}`];
}
