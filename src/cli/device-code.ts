import { deviceCodeMessage } from '../okta/oie/prompt.js';
import type { DeviceCodePrompt } from '../okta/oie/types.js';
import type { Logger } from '../platform/log.js';
import type { Env } from '../platform/paths.js';

export interface DeviceCodeDisplayOptions {
  /** Also draw the approval URL as a QR code (scan it with a phone). */
  qr?: boolean;
  /** Open the approval URL in the default browser. */
  open?: boolean;
  /** Where the person reads it: stderr for `login`, /dev/tty under credential_process. */
  write: (text: string) => void;
  now: () => Date;
  log: Logger;
  /** For $BROWSER (the same browser `console --open` uses). */
  env: Env;
}

/** Shows the OIE device code: URL + user code, optionally a terminal QR code and the browser. */
export function deviceCodeDisplay(o: DeviceCodeDisplayOptions): (p: DeviceCodePrompt) => Promise<void> {
  return async (p) => {
    o.write(deviceCodeMessage(p));
    if (o.qr) {
      const qrcode = await import('qrcode');
      o.write(await qrcode.toString(p.verificationUriComplete, { type: 'terminal', small: true }));
    }
    if (o.open) {
      const cannot = (why: string): void => o.log.warn(`Could not open a browser (${why}) — open the URL above yourself`);
      try {
        const { openInBrowser } = await import('../platform/browser.js');
        await openInBrowser(p.verificationUriComplete, o.env);
      } catch (e) {
        cannot((e as Error).message);
      }
    }
  };
}
