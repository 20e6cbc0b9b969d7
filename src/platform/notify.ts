import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Env } from './paths.js';

function onPath(env: Env, name: string): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, name)));
}

/**
 * A desktop notification (notify-send on Linux desktops, osascript on macOS) when one is
 * available, else undefined. Fire and forget: a missing or failing notifier changes nothing.
 */
export function desktopNotifier(env: Env, platform: NodeJS.Platform = process.platform): ((message: string) => void) | undefined {
  let command: [string, (m: string) => string[]] | undefined;
  if (platform === 'darwin' && onPath(env, 'osascript')) {
    command = ['osascript', (m) => ['-e', `display notification ${JSON.stringify(m)} with title "okta-bedrock"`]];
  } else if (platform === 'linux' && (env.DISPLAY || env.WAYLAND_DISPLAY) && onPath(env, 'notify-send')) {
    command = ['notify-send', (m) => ['--app-name=okta-bedrock', 'okta-bedrock', m]];
  }
  if (!command) return undefined;
  const [cmd, args] = command;
  return (message) => {
    try {
      const child = spawn(cmd, args(message), { stdio: 'ignore' });
      child.on('error', () => undefined);
      child.unref();
    } catch {
      // no notification then
    }
  };
}
