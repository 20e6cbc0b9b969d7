import type { DeviceCodePrompt } from './types.js';

/** The lines that tell the person how to approve the sign-in (stderr, or /dev/tty). */
export function deviceCodeMessage(p: DeviceCodePrompt): string {
  return [
    'To sign in to Okta, open this URL in a browser and approve the code:',
    `  ${p.verificationUriComplete}`,
    `  code: ${p.userCode}   (or enter it at ${p.verificationUri})`,
  ].join('\n');
}

/** What the wait shows (a spinner with the elapsed time on a terminal, one line otherwise). */
export function deviceWaitMessage(p: DeviceCodePrompt, now: Date): string {
  const minutes = Math.max(1, Math.round((p.expiresAt.getTime() - now.getTime()) / 60_000));
  return `Waiting for approval (the code expires in ${minutes} min)…`;
}
