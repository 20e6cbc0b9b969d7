import type { ChildProcess } from 'node:child_process';
import spawn from 'cross-spawn';
import type { Env } from './paths.js';

/**
 * How long we watch the opener: xdg-open, open and $BROWSER commands that cannot open anything
 * (a server over SSH, no desktop) exit non-zero at once; one still running or exited 0 has
 * handed the URL on.
 */
const OPENER_CHECK_MS = 1000;

/** Resolves once the opener has run for OPENER_CHECK_MS or exited 0; rejects when it failed. */
function watchOpener(child: ChildProcess, name: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // Not unref'd: `open` unrefs its child, and this timer keeps us alive long enough to see it fail.
    const timer = setTimeout(done, OPENER_CHECK_MS);
    function done(error?: Error): void {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('error', done);
      child.unref();
      if (error) reject(error);
      else resolve();
    }
    function onExit(code: number | null, signal: NodeJS.Signals | null): void {
      if (code === 0) done();
      else done(new Error(`${name} exited with ${code ?? signal}`));
    }
    child.once('exit', onExit);
    child.once('error', done);
    if (child.exitCode !== null) onExit(child.exitCode, null);
  });
}

/**
 * Opens a URL in the browser. $BROWSER, when set, is the command to run (with `%s` replaced by
 * the URL, else the URL appended), the convention of Python's webbrowser, git and others; without
 * it, the `open` package picks the platform's way (open, xdg-open, start, WSL). Rejects when the
 * opener fails (no browser, no desktop), so the caller can print the URL instead.
 */
export async function openInBrowser(url: string, env: Env): Promise<void> {
  const browser = env.BROWSER?.trim();
  if (browser) {
    const [command = '', ...args] = browser.split(/\s+/);
    const finalArgs = args.some((a) => a.includes('%s')) ? args.map((a) => a.replace('%s', url)) : [...args, url];
    const child = spawn(command, finalArgs, { stdio: 'ignore', detached: true });
    return watchOpener(child, command);
  }
  const { default: open } = await import('open');
  const child = await open(url, { wait: false });
  return watchOpener(child, 'the browser opener');
}
