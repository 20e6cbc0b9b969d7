import { spawn } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';

const script = vi.hoisted(() => ({ code: 'process.exit(0)' }));

// The `open` package spawns the platform's opener detached and unref'd; a stand-in does the same.
vi.mock('open', () => ({
  default: async () => {
    const child = spawn(process.execPath, ['-e', script.code], { stdio: 'ignore', detached: true });
    child.unref();
    return child;
  },
}));

const { openInBrowser } = await import('../../../src/platform/browser.js');

describe('openInBrowser', () => {
  it('resolves when the opener exits 0', async () => {
    script.code = 'process.exit(0)';
    await expect(openInBrowser('https://example.com', {})).resolves.toBeUndefined();
  });

  it('resolves when the opener is still running after the check (a browser in the foreground)', async () => {
    script.code = 'setTimeout(() => {}, 3000)';
    await expect(openInBrowser('https://example.com', {})).resolves.toBeUndefined();
  });

  it('rejects when the opener fails, as xdg-open does with no browser (exit 3)', async () => {
    script.code = 'process.exit(3)';
    await expect(openInBrowser('https://example.com', {})).rejects.toThrow(/exited with 3/);
  });

  it('rejects when the $BROWSER command fails or does not exist', async () => {
    await expect(openInBrowser('https://example.com', { BROWSER: `${process.execPath} -e process.exit(1)` })).rejects.toThrow(/exited with 1/);
    await expect(openInBrowser('https://example.com', { BROWSER: 'okta-bedrock-no-such-browser-xyz' })).rejects.toThrow(/ENOENT/);
  });
});
