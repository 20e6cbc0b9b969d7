import { spawn as spawnNode, type ChildProcess } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** How long the redirect file of `openSecretInBrowser` lives (the browser reads it at once). */
const SECRET_PAGE_TTL_MS = 60_000;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Opens a URL that is a secret (the console sign-in link carries a SigninToken) without putting it
 * on any command line, where `ps` would show it to every user: the opener gets the path of a
 * 0600 HTML file in a fresh 0700 temp dir that redirects to the URL. A small detached process
 * deletes the file after 60 s (or when the dir is gone), since we exit long before the browser
 * has loaded it; the file is deleted at once when the opener fails.
 */
export async function openSecretInBrowser(url: string, env: Env): Promise<void> {
  const dir = await fsp.mkdtemp(join(tmpdir(), 'okta-bedrock-open-'));
  const file = join(dir, 'aws-console.html');
  const href = escapeHtml(url);
  const page = `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${href}"><title>AWS console</title><a href="${href}">Open the AWS console</a>\n`;
  await fsp.writeFile(file, page, { mode: 0o600, flag: 'wx' });
  try {
    await openInBrowser(pathToFileURL(file).href, env);
  } catch (e) {
    await fsp.rm(dir, { recursive: true, force: true });
    throw e;
  }
  const script = `const fs=require('fs');const d=process.argv[1];const end=Date.now()+${SECRET_PAGE_TTL_MS};const t=setInterval(()=>{if(!fs.existsSync(d)||Date.now()>end){clearInterval(t);fs.rmSync(d,{recursive:true,force:true});}},1000);`;
  spawnNode(process.execPath, ['-e', script, dir], { detached: true, stdio: 'ignore' }).unref();
}
