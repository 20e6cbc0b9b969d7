import { dnsSuffix, stsRegionFor } from '../aws/partition.js';
import { isOktaBedrockError } from '../errors.js';
import { fail, pass, warn, type DoctorCheck } from './types.js';

/** TOTP codes tolerate about one 30 s step; SigV4 requests fail beyond 15 minutes; SAML windows are ~5 minutes. */
const WARN_SECONDS = 30;
const FAIL_SECONDS = 300;

/** Our clock against AWS's: the Date header of an STS response, taken at the request's midpoint (best of two). */
export const clockSkewCheck: DoctorCheck = {
  id: 'clock-skew',
  title: 'Clock vs AWS',
  async run(state) {
    const { deps } = state;
    const region = stsRegionFor(state.credentials?.partition ?? 'aws', state.region);
    const url = deps.core.stsEndpoint ?? `https://sts.${region}.${dnsSuffix(region)}/`;
    const fix =
      'sync your clock with network time (macOS: System Settings → Date & Time; Linux: timedatectl set-ntp true; Windows: Settings → Time → Sync now)';
    try {
      // Two samples, keeping the one with the shorter round trip: the first also pays for loading
      // the HTTP client and opening the connection, which skews its midpoint on a busy machine.
      let best: { before: number; after: number; dateHeader?: string } | undefined;
      for (let i = 0; i < 2; i++) {
        const before = deps.clock.now().getTime();
        const sample = await deps.http.send({ method: 'GET', url });
        const after = deps.clock.now().getTime();
        if (!best || after - before < best.after - best.before) best = { before, after, dateHeader: sample.headers.date };
      }
      const { before, after, dateHeader } = best as { before: number; after: number; dateHeader?: string };
      const date = Date.parse(dateHeader ?? '');
      if (Number.isNaN(date)) return warn(`${new URL(url).host} sent no Date header`, 'retry later');
      // The header is truncated to the second: AWS's time lies in [date, date + 1 s).
      const skew = Math.round(((before + after) / 2 - (date + 500)) / 1000);
      const text = Math.abs(skew) <= 1 ? 'in sync (±1 s)' : `${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} AWS`;
      if (Math.abs(skew) >= FAIL_SECONDS) return fail(`this machine's clock is ${text}: AWS rejects signatures and SAML assertions`, fix);
      if (Math.abs(skew) > WARN_SECONDS) return warn(`this machine's clock is ${text}: MFA codes may be refused`, fix);
      return pass(text);
    } catch (e) {
      if (!isOktaBedrockError(e)) throw e;
      return warn(`could not reach ${new URL(url).host} to compare clocks: ${e.message}`, 'check your network or proxy');
    }
  },
};
