import { createBedrockApiKey, parseKeySeconds, type BedrockApiKey } from '../../bedrock/api-key.js';
import { UsageError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { isoSeconds, timeText } from '../format.js';
import { resolveProfile, type ProfileFlags, type ResolvedProfile } from '../profile-target.js';

export interface TokenFlags extends ProfileFlags {
  expires?: string;
  format?: string;
}

const FORMATS = ['env', 'claude-desktop'] as const;
type TokenFormat = (typeof FORMATS)[number];

function parseFormat(raw: string | undefined, json: boolean): TokenFormat | undefined {
  if (raw === undefined) return undefined;
  if (!(FORMATS as readonly string[]).includes(raw)) throw new UsageError(`--format must be env or claude-desktop, not "${raw}"`);
  if (json) throw new UsageError('--json and --format cannot be combined: pick one');
  return raw as TokenFormat;
}

/**
 * A short-term Bedrock API key from the profile's fresh credentials (the cache layers refresh
 * them as for `env`/`exec`), logged as a secret. Says on stderr which region it is bound to and
 * when it was cut short by the credentials' life (a chained role: 1 h at most).
 */
export async function issueKey(ctx: CliContext, p: ResolvedProfile, requestedSeconds: number | undefined, announce = true): Promise<BedrockApiKey> {
  const say = (m: string): void => (announce ? ctx.log.info(m) : ctx.log.debug(m));
  const key = await createBedrockApiKey(p.credentials, p.region, requestedSeconds, ctx.clock.now());
  ctx.log.addSecret(key.token);
  ctx.log.addSecret(key.token.slice('bedrock-api-key-'.length));
  const until = `valid until ${timeText(key.expiration, ctx.clock.now())}`;
  say(`Bedrock API key for region ${key.region}, profile ${p.profile}: ${until}`);
  if (key.cappedByCredentials) {
    say(
      `The key lives ${key.seconds} s, less than the ${requestedSeconds ?? 43_200} s asked: it cannot outlive the profile's credentials, which expire at ${timeText(p.credentials.expiration, ctx.clock.now())}`,
    );
  }
  return key;
}

/** `okta-bedrock token [--profile P] [--region R] [--expires S] [--json] [--format env|claude-desktop]`. */
export async function runToken(flags: TokenFlags, ctx: CliContext): Promise<number> {
  const seconds = parseKeySeconds(flags.expires);
  const format = parseFormat(flags.format, ctx.json);
  const p = await resolveProfile(flags, ctx, { allowLogin: true });
  const key = await issueKey(ctx, p, seconds);
  if (ctx.json) ctx.out(JSON.stringify({ token: key.token, expiration: isoSeconds(key.expiration) }, null, 2));
  else if (format === 'env') ctx.out(`export AWS_BEARER_TOKEN_BEDROCK=${key.token}`);
  else if (format === 'claude-desktop') ctx.out(`{"token": ${JSON.stringify(key.token)}, "headers": {}}`);
  else ctx.out(key.token);
  return 0;
}
