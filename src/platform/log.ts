/**
 * Logger: everything human goes to stderr; stdout is reserved for a command's result.
 * Secrets never reach it: callers log masked values, and `redact` strips known secret strings.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  /** Register a secret value that must never be printed (password, tokens, keys). */
  addSecret(value: string | undefined): void;
  /** The text with every registered secret masked (for lines that bypass the logger: the final error line). */
  redact?(text: string): string;
}

/**
 * Removes terminal control characters (C0 but tab/newline, DEL, C1: ESC sequences, CR, BEL) from
 * text that came from a server (Okta names and messages), so it cannot repaint or retitle the terminal.
 */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/**
 * What may go to stdout: `stripControl` for text (tables, status, role lists, app names from
 * Okta), CR included; in JSON (which already escapes C0 characters), DEL and C1 characters are
 * escaped as \u00XX instead, so the data is kept and stays valid JSON.
 */
export function safeForTerminal(text: string, options: { keepColour?: boolean } = {}): string {
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    // Raw C0 characters cannot be in valid JSON (only tab/newline as whitespace): removing them is safe.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    return text.replace(/[\u0000-\u0008\u000b-\u001f]/g, '').replace(/[\u007f-\u009f]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  }
  // CRLF line ends stay (a file's lines in setup-aws's diff: a lone CR could overwrite a line, CRLF cannot);
  // on a colour terminal, so does our own painting (SGR: ESC [ digits m), which only colours text.
  // eslint-disable-next-line no-control-regex -- ESC is the point
  const keep = options.keepColour ? /(\r\n|\u001b\[[0-9;]*m)/ : /(\r\n)/;
  return text
    .split(keep)
    .map((part, i) => (i % 2 ? part : stripControl(part)))
    .join('');
}

export interface LoggerOptions {
  level?: LogLevel;
  write?: (line: string) => void;
  timestamps?: boolean;
  clock?: () => Date;
  /**
   * Remember at most this many secrets, forgetting the least recently added (re-adding one
   * renews it). For long-running processes (the daemon adds new keys and assertions on every
   * refresh, and old ones have expired); default unbounded.
   */
  maxSecrets?: number;
  /** Colours the level prefixes (see platform/ui.ts painter); plain by default. */
  paint?: (style: 'yellow' | 'red' | 'dim', text: string) => string;
}

/**
 * ARNs are not secrets (account ids are not): they are never masked, so a 6-digit MFA code that
 * happens to occur in an account id does not turn `arn:aws:iam::123456789012:…` into `****789012`.
 * The capture group keeps them in `split`'s output (odd indexes).
 */
const ARN = /(\barn:aws[\w-]*:[\w-]+:[\w-]*:\d{12}(?::[^\s"'`,;)\]}]*)?)/;

function redactPlain(text: string, secrets: Set<string>): string {
  let out = text;
  for (const s of secrets) {
    // A number (an MFA code, a security answer in digits) only where it stands alone, not inside a longer number.
    out = /^\d+$/.test(s) ? out.replace(new RegExp(`(?<!\\d)${s}(?!\\d)`, 'g'), '****') : out.split(s).join('****');
  }
  return out;
}

const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const secrets = new Set<string>();
  const redact = (msg: string): string =>
    secrets.size === 0
      ? msg
      : msg
          .split(ARN)
          .map((part, i) => (i % 2 === 1 ? part : redactPlain(part, secrets)))
          .join('');
  const emit = (l: LogLevel, msg: string): void => {
    if (order[l] < order[level]) return;
    const paint = options.paint ?? ((_s: string, t: string) => t);
    const prefix =
      l === 'warn' ? paint('yellow', 'warning:') + ' ' : l === 'error' ? paint('red', 'error:') + ' ' : l === 'debug' ? paint('dim', 'debug:') + ' ' : '';
    const ts = options.timestamps ? `${(options.clock?.() ?? new Date()).toISOString()} ` : '';
    write(ts + prefix + stripControl(redact(msg)));
  };
  return {
    debug: (m) => emit('debug', m),
    info: (m) => emit('info', m),
    warn: (m) => emit('warn', m),
    error: (m) => emit('error', m),
    redact,
    addSecret: (v) => {
      if (!v || v.length < 4) return;
      secrets.delete(v);
      secrets.add(v);
      if (options.maxSecrets !== undefined && secrets.size > options.maxSecrets) {
        secrets.delete(secrets.values().next().value as string);
      }
    },
  };
}

export const silentLogger: Logger = createLogger({ level: 'error', write: () => undefined });

/** Shows the last 4 characters only, e.g. an access key id: `****WXYZ`. */
export function mask(value: string): string {
  return value.length <= 4 ? '****' : `****${value.slice(-4)}`;
}
