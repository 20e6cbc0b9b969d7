import spawn from 'cross-spawn';
import type { Env } from './paths.js';

/**
 * Opens a URL in the browser. $BROWSER, when set, is the command to run (with `%s` replaced by
 * the URL, else the URL appended), the convention of Python's webbrowser, git and others; without
 * it, the `open` package picks the platform's way (open, xdg-open, start, WSL).
 */
export async function openInBrowser(url: string, env: Env): Promise<void> {
  const browser = env.BROWSER?.trim();
  if (browser) {
    const [command = '', ...args] = browser.split(/\s+/);
    const finalArgs = args.some((a) => a.includes('%s')) ? args.map((a) => a.replace('%s', url)) : [...args, url];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(command, finalArgs, { stdio: 'ignore', detached: true });
      child.once('error', reject);
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
    return;
  }
  const { default: open } = await import('open');
  const child = await open(url, { wait: false });
  child.unref();
}
