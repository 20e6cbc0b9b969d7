import { consoleSigninUrl } from '../../aws/console-url.js';
import { partitionOfRegion } from '../../aws/partition.js';
import type { CliContext } from '../context.js';
import { resolveProfile, type ProfileFlags } from '../profile-target.js';

export interface ConsoleFlags extends ProfileFlags {
  open?: boolean;
}

/**
 * `okta-bedrock console [--open]`: a federation sign-in URL to the AWS console for the profile's
 * credentials, in the partition the SAML assertion named (aws, aws-us-gov, aws-cn). The URL is a
 * bearer secret for 15 minutes: printed on stdout, never logged.
 */
export async function runConsole(flags: ConsoleFlags, ctx: CliContext): Promise<number> {
  const p = await resolveProfile(flags, ctx, { allowLogin: true });
  const partition = p.record?.partition ?? partitionOfRegion(p.region);
  const url = await consoleSigninUrl(ctx.http(), p.credentials, {
    partition,
    region: p.region,
    federationUrl: ctx.env.OKTA_BEDROCK_FEDERATION_URL || undefined,
  });
  if (flags.open) {
    // Not on the opener's command line (visible in `ps`): through a 0600 redirect file, see openSecretInBrowser.
    const { openSecretInBrowser } = await import('../../platform/browser.js');
    const opened = await openSecretInBrowser(url, ctx.env).then(
      () => true,
      (e: unknown) => {
        ctx.log.warn(`Could not open a browser (${(e as Error).message}) — open this URL yourself`);
        return false;
      },
    );
    if (opened) {
      ctx.log.info(`Opened the AWS console (${partition}, ${p.region}) in your browser; the link works once, within 15 minutes`);
      return 0;
    }
  }
  ctx.out(ctx.json ? JSON.stringify({ url, partition, region: p.region }, null, 2) : url);
  ctx.log.info('The link signs in once, within 15 minutes — do not share it');
  return 0;
}
