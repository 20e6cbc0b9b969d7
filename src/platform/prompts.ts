import { CancelledError, LoginRequiredError } from '../errors.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

/** Everything we ask a person goes through a Prompter, so flows test without a terminal. */
export interface Prompter {
  /** True when a person can answer (a TTY is attached). */
  readonly interactive: boolean;
  password(message: string): Promise<string>;
  text(message: string, defaultValue?: string): Promise<string>;
  select<T>(message: string, choices: Choice<T>[]): Promise<T>;
  /** A line shown to the person while we wait (push number, countdown); not a prompt. */
  notice(message: string): void;
}

/** A Prompter for when no one can answer: every question fails with what to do instead. */
export function nonInteractivePrompter(hint: string, notice: (m: string) => void = () => undefined): Prompter {
  const fail = (what: string): never => {
    throw new LoginRequiredError(`${what} is needed but there is no terminal — ${hint}`);
  };
  return {
    interactive: false,
    password: async () => fail('A password'),
    text: async (m) => fail(`An answer ("${m.replace(/[:?]\s*$/, '')}")`),
    select: async (m) => fail(`A choice ("${m.replace(/[:?]\s*$/, '')}")`),
    notice,
  };
}

export interface TerminalPrompterOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** A Prompter on a terminal (stderr/stdin, or /dev/tty under credential_process), via @inquirer/prompts. */
export function terminalPrompter(io: TerminalPrompterOptions): Prompter {
  const context = { input: io.input, output: io.output, clearPromptOnDone: false };
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
  return {
    interactive: true,
    async password(message) {
      const { password } = await import('@inquirer/prompts');
      return guard(password({ message, mask: '*' }, context));
    },
    async text(message, defaultValue) {
      const { input } = await import('@inquirer/prompts');
      return guard(input({ message, default: defaultValue }, context));
    },
    async select<T>(message: string, choices: Choice<T>[]) {
      const { select } = await import('@inquirer/prompts');
      return guard(select<T>({ message, choices, pageSize: 15 }, context));
    },
    notice(message) {
      io.output.write(message + '\n');
    },
  };
}
