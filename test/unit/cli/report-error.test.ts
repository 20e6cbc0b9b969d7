import { describe, expect, it } from 'vitest';
import { reportError } from '../../../src/cli/run.js';
import { OktaError } from '../../../src/errors.js';
import { createLogger } from '../../../src/platform/log.js';

describe('the final error line (issue 14 items 11, 12)', () => {
  it('is masked like the log: an error echoing the password does not print it', () => {
    const log = createLogger({ write: () => undefined });
    log.addSecret('hunter2-password');
    let out = '';
    reportError(new OktaError('Okta said: bad password hunter2-password'), { debug: true, write: (s) => (out += s), redact: log.redact });
    expect(out).not.toContain('hunter2-password');
    expect(out).toContain('****');
  });
  it('strips terminal control characters that came from a server', () => {
    let out = '';
    reportError(new OktaError('App \u001b]0;pwned\u0007\u001b[2Jlabel\r'), { debug: false, write: (s) => (out += s) });
    expect(out).toBe('error: App ]0;pwned[2Jlabel\n');
    const lines: string[] = [];
    createLogger({ write: (l) => lines.push(l) }).info('factor \u001b[31mred\u009b');
    expect(lines).toEqual(['factor [31mred']);
  });
});
