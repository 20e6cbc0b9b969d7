import { openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';
import { systemClock, type Clock } from '../platform/clock.js';
import { createHttpClient, proxyConfigured, type HttpClient } from '../platform/http.js';
import { createNodeHttpClient } from '../platform/http-node.js';
import { defaultRetryPolicy, withRetries } from '../platform/http-retry.js';
import { createLogger, safeForTerminal, stripControl, type Logger } from '../platform/log.js';
import { resolvePaths, type Env, type Paths } from '../platform/paths.js';
import { processEnv } from '../platform/process-env.js';
import { lineAnswerPrompter, nonInteractivePrompter, terminalPrompter, type NoticeOptions, type Progress, type Prompter } from '../platform/prompts.js';
import { LineReader } from '../platform/stdin-lines.js';
import { colorEnabled, emphasize, lineProgress, painter, startSpinner, type Paint } from '../platform/ui.js';
import type { CoreDeps } from '../core/deps.js';
import { OktaMemoryFile } from '../store/okta-memory.js';
import { browserSignIn } from './browser.js';

export interface GlobalOptions {
  debug?: boolean;
  /** `--no-input` (commander sets `input: false`). */
  input?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** Everything a command needs from the outside world, built once from the process. */
export interface CliContext {
  env: Env;
  paths: Paths;
  log: Logger;
  clock: Clock;
  debug: boolean;
  quiet: boolean;
  /** --json: the command prints its result as JSON on stdout. */
  json: boolean;
  /**
   * --no-input, OKTA_BEDROCK_NO_INPUT=1, or running under Claude Code (CLAUDECODE=1): no prompt,
   * no /dev/tty — whatever needs typing fails at once with what to run.
   */
  noInput: boolean;
  /** Styles text for stderr (no-op without a colour terminal, or with NO_COLOR). */
  paint: Paint;
  /** A command's result (JSON, tables). Logs go to stderr through `log`. */
  out: (text: string) => void;
  http(timeoutSeconds?: number): HttpClient;
  /** Prompts on stdin/stderr when both are terminals; `tty: true` opens /dev/tty (under credential_process). */
  /**
   * Prompts on stdin/stderr when both are terminals; `tty: true` opens /dev/tty (under
   * credential_process); `stdinAnswers: true` (login --password-stdin) answers typed questions
   * with the next stdin lines when there is no terminal.
   */
  prompter(options?: PrompterOptions): Prompter;
  deps(extra?: { timeoutSeconds?: number } & PrompterOptions): CoreDeps;
  readStdinLine(): Promise<string>;
}

export interface PrompterOptions {
  tty?: boolean;
  hint?: string;
  stdinAnswers?: boolean;
}

function openTty(): { input: ReadStream; output: WriteStream } | undefined {
  try {
    const input = new ReadStream(openSync('/dev/tty', 'r'));
    const output = new WriteStream(openSync('/dev/tty', 'w'));
    return { input, output };
  } catch {
    return undefined;
  }
}

export function createContext(options: GlobalOptions = {}): CliContext {
  let lines: LineReader | undefined;
  const stdinLines = (): LineReader => (lines ??= new LineReader(process.stdin));
  const env = processEnv();
  const debug = Boolean(options.debug || env.OKTA_BEDROCK_DEBUG === '1');
  const quiet = Boolean(options.quiet) && !debug;
  const colour = colorEnabled(process.stderr, env);
  const paint = painter(colour);
  const log = createLogger({ level: debug ? 'debug' : quiet ? 'warn' : 'info', paint });
  const clock = systemClock;
  const pollMs = Number(env.OKTA_BEDROCK_POLL_INTERVAL_MS);
  const ctx: CliContext = {
    env,
    paths: resolvePaths(env),
    log,
    clock,
    debug,
    quiet,
    json: Boolean(options.json),
    noInput: options.input === false || env.OKTA_BEDROCK_NO_INPUT === '1' || env.CLAUDECODE === '1',
    paint,
    // Strings from Okta (names, messages) reach tables and status lines: no terminal control characters.
    out: (text) => process.stdout.write(safeForTerminal(text.endsWith('\n') ? text : text + '\n', { keepColour: colour })),
    http: (timeoutSeconds) => {
      const timeoutMs = (timeoutSeconds ?? 30) * 1000;
      const retry = {
        clock,
        onRetry: (r: { url: string; delayMs: number; reason: string }) => log.debug(`retrying ${new URL(r.url).pathname} in ${r.delayMs} ms (${r.reason})`),
      };
      // Without a proxy, node:http with one keep-alive connection per host: undici (kept for
      // proxies: CONNECT tunnels, NO_PROXY) costs a cold command ~1 MB of code and its wasm parser.
      if (!proxyConfigured(env)) return withRetries(createNodeHttpClient({ timeoutMs, keepAlive: true }), defaultRetryPolicy(retry));
      return createHttpClient({ env, timeoutMs, retry });
    },
    prompter: ({ tty = false, hint = 'run `okta-bedrock login` in a terminal, or pass --password-stdin', stdinAnswers = false } = {}) => {
      // The logger strips control characters, so a highlighted part is painted after it (quiet: no notices).
      const notice = (m: string, o?: NoticeOptions): void =>
        o?.emphasis && !quiet ? void process.stderr.write(emphasize(stripControl(log.redact?.(m) ?? m), o.emphasis, paint) + '\n') : log.info(m);
      // Waits (push, device flow) spin on a terminal stderr even when stdin is a pipe; --quiet hides them.
      const progress = (m: string): Progress =>
        quiet ? lineProgress(m, () => undefined) : startSpinner({ stream: process.stderr, env, text: m, line: notice });
      if (ctx.noInput) return { ...nonInteractivePrompter(hint, notice), progress };
      if (tty) {
        const io = openTty();
        // /dev/tty: we are inside another program (`aws …` through credential_process) — say who asks.
        if (io) return terminalPrompter({ ...io, env, prefix: 'okta-bedrock: ' });
        return { ...nonInteractivePrompter(hint, notice), progress };
      }
      if (process.stdin.isTTY && process.stderr.isTTY) {
        return { ...terminalPrompter({ input: process.stdin, output: process.stderr, env }), notice, progress };
      }
      const none = { ...nonInteractivePrompter(hint, notice), progress };
      return stdinAnswers && !process.stdin.isTTY ? lineAnswerPrompter(stdinLines(), (m) => process.stderr.write(`${m}\n`), none) : none;
    },
    deps: (extra = {}) => ({
      http: ctx.http(extra.timeoutSeconds),
      prompter: ctx.prompter({ tty: extra.tty, hint: extra.hint, stdinAnswers: extra.stdinAnswers }),
      log,
      clock,
      stsEndpoint: env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || undefined,
      httpTimeoutMs: (extra.timeoutSeconds ?? 30) * 1000,
      factorTiming: Number.isFinite(pollMs) && pollMs > 0 ? { pollIntervalMs: pollMs } : undefined,
      oktaMemory: new OktaMemoryFile(ctx.paths.cacheDir),
      browser: browserSignIn(env, ctx.paths.browserProfileDir, log),
    }),
    readStdinLine: async () => (await stdinLines().next()) ?? '',
  };
  return ctx;
}
