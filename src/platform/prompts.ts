import { Writable } from 'node:stream';
import { CancelledError, LoginRequiredError } from '../errors.js';
import { stripControl } from './log.js';
import { colorEnabled, emphasize, lineProgress, painter, startSpinner, type Progress, type UiStream } from './ui.js';
import type { Env } from './paths.js';

export type { Progress } from './ui.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface TextOptions {
  /** Returns true, or the message to show while the answer is not acceptable. */
  validate?: (value: string) => true | string;
}

export interface NoticeOptions {
  emphasis?: string;
}

/** Everything we ask a person goes through a Prompter, so flows test without a terminal. */
export interface Prompter {
  /** True when a person can answer (a TTY is attached). */
  readonly interactive: boolean;
  /**
   * True when typed questions (codes, answers) can be answered without a terminal: lines piped
   * on stdin after `--password-stdin`. Menus still need a terminal.
   */
  readonly answersTyped?: boolean;
  password(message: string): Promise<string>;
  text(message: string, defaultValue?: string, options?: TextOptions): Promise<string>;
  /** A menu; `defaultValue` (one of the choices' values) is pre-selected. */
  select<T>(message: string, choices: Choice<T>[], defaultValue?: T): Promise<T>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
  /**
   * A line shown to the person while we wait (push number, countdown); not a prompt.
   * `emphasis`: the part to highlight on a colour terminal (e.g. "Tap number 42").
   */
  notice(message: string, options?: NoticeOptions): void;
  /**
   * A wait the person watches (push, device flow): a spinner with the elapsed time on a
   * terminal, one line otherwise. Optional — `startProgress` falls back to `notice`.
   */
  progress?(message: string): Progress;
}

/** Starts a progress display on the prompter, or a plain notice line when it has none. */
export function startProgress(prompter: Prompter, message: string): Progress {
  return prompter.progress ? prompter.progress(message) : lineProgress(message, (m) => prompter.notice(m));
}

/** A Prompter for when no one can answer: every question fails with what to do instead. */
export function nonInteractivePrompter(hint: string, notice: (m: string) => void = () => undefined): Prompter {
  const fail = (what: string): never => {
    throw new LoginRequiredError(`${what} is needed but there is no terminal`, { remedy: hint });
  };
  return {
    interactive: false,
    // Codes are asked for with password() too (masked): name what was asked.
    password: async (m) => fail(/password/i.test(m) ? 'A password' : `An answer ("${m.replace(/[:?]\s*$/, '')}")`),
    text: async (m) => fail(`An answer ("${m.replace(/[:?]\s*$/, '')}")`),
    select: async (m) => fail(`A choice ("${m.replace(/[:?]\s*$/, '')}")`),
    confirm: async (m) => fail(`An answer ("${m.replace(/[:?]\s*$/, '')}")`),
    notice,
  };
}

/**
 * No terminal, but stdin is a pipe the caller writes answers to (`login --password-stdin`): each
 * typed question is written to `write` (stderr) and answered by the next stdin line. At the end
 * of stdin, and for menus and confirmations, `fallback` (the no-terminal prompter) decides.
 */
export function lineAnswerPrompter(lines: LineSource, write: (m: string) => void, fallback: Prompter): Prompter {
  const ask = async (message: string, otherwise: () => Promise<string>): Promise<string> => {
    if (lines.ended) return otherwise();
    write(message);
    const line = await lines.next();
    return line === undefined ? otherwise() : line;
  };
  return {
    ...fallback,
    interactive: false,
    // Read when asked: a stdin closed after the password means no answers will come.
    get answersTyped() {
      return !lines.ended;
    },
    password: (m) => ask(m, () => fallback.password(m)),
    text: (m, d, o) => ask(m, () => fallback.text(m, d, o)),
  };
}

/** Where piped answers come from (platform/stdin-lines LineReader). */
export interface LineSource {
  readonly ended: boolean;
  next(): Promise<string | undefined>;
}

export interface TerminalPrompterOptions {
  input: NodeJS.ReadableStream;
  output: UiStream;
  /** For the spinner: TERM, CI, NO_COLOR. */
  env?: Env;
  /**
   * Put before every question, e.g. "okta-bedrock: " under credential_process, where the prompt
   * appears in the middle of another program's (`aws …`) terminal session.
   */
  prefix?: string;
}

/**
 * What one prompt writes to: @inquirer/prompts ends its output stream when the prompt is done,
 * which closes a /dev/tty stream for good (the next prompt — the MFA code after the password under
 * credential_process — then fails with write-after-end). Each prompt gets its own writer that
 * forwards to the terminal and may be ended freely.
 */
function promptOutput(target: UiStream): UiStream {
  const view: UiStream = new Writable({
    write: (chunk: Buffer | string, encoding: BufferEncoding, done: (e?: Error | null) => void) => void target.write(chunk, encoding, done),
  });
  const size = target as UiStream & { columns?: number; rows?: number };
  Object.defineProperties(view, {
    isTTY: { get: () => target.isTTY },
    columns: { get: () => size.columns },
    rows: { get: () => size.rows },
  });
  return view;
}

/** A Prompter on a terminal (stderr/stdin, or /dev/tty under credential_process), via @inquirer/prompts. */
export function terminalPrompter(io: TerminalPrompterOptions): Prompter {
  const context = (): { input: NodeJS.ReadableStream; output: UiStream; clearPromptOnDone: boolean } => ({
    input: io.input,
    output: promptOutput(io.output),
    clearPromptOnDone: false,
  });
  const guard = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (e) {
      if ((e as Error).name === 'ExitPromptError' || (e as Error).name === 'AbortPromptError') {
        throw new CancelledError('Cancelled');
      }
      throw e;
    }
  };
  const asked = (message: string): string => (io.prefix ?? '') + message;
  return {
    interactive: true,
    async password(message) {
      const { password } = await import('@inquirer/prompts');
      return guard(password({ message: asked(message), mask: '*' }, context()));
    },
    async text(message, defaultValue, options = {}) {
      const { input } = await import('@inquirer/prompts');
      return guard(input({ message: asked(message), default: defaultValue, validate: options.validate }, context()));
    },
    async select<T>(message: string, choices: Choice<T>[], defaultValue?: T) {
      const { select } = await import('@inquirer/prompts');
      // Role and app names come from Okta: no terminal control characters in the menu.
      const clean = choices.map((c) => ({
        ...c,
        name: stripControl(c.name),
        ...(c.description === undefined ? {} : { description: stripControl(c.description) }),
      }));
      return guard(select<T>({ message: asked(stripControl(message)), choices: clean, default: defaultValue, pageSize: 15 }, context()));
    },
    async confirm(message, defaultValue) {
      const { confirm } = await import('@inquirer/prompts');
      return guard(confirm({ message: asked(message), default: defaultValue }, context()));
    },
    notice(message, options) {
      io.output.write(emphasize(stripControl(message), options?.emphasis, painter(colorEnabled(io.output, io.env ?? {}))) + '\n');
    },
    progress(message) {
      return startSpinner({ stream: io.output, env: io.env ?? {}, text: message });
    },
  };
}
