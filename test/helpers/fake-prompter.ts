import type { Choice, Prompter } from '../../src/platform/prompts.js';

/** A Prompter answering from a script; each answer may run code first (advance a fake clock). */
export function scriptedPrompter(answers: (string | (() => string))[], interactive = true): Prompter & { asked: string[]; notices: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  const notices: string[] = [];
  const next = (message: string): string => {
    asked.push(message);
    const a = queue.shift();
    if (a === undefined) throw new Error(`no scripted answer for "${message}"`);
    return typeof a === 'function' ? a() : a;
  };
  return {
    interactive,
    asked,
    notices,
    password: async (m) => next(m),
    text: async (m) => next(m),
    select: async <T>(m: string, choices: Choice<T>[]) => {
      const name = next(m);
      const found = choices.find((c) => c.name.includes(name));
      if (!found) throw new Error(`no choice "${name}" in ${choices.map((c) => c.name).join(', ')}`);
      return found.value;
    },
    confirm: async (m) => /^(y|yes|true)$/i.test(next(m)),
    notice: (m) => notices.push(m),
  };
}
