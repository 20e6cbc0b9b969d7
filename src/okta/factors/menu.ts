import type { Prompter } from '../../platform/prompts.js';
import { selectorOf, type FactorOption } from './registry.js';

/** The factor menu on a terminal (Okta's order, push first); undefined without one. */
export function factorMenu(prompter: Prompter): ((options: FactorOption[]) => Promise<FactorOption>) | undefined {
  if (!prompter.interactive) return undefined;
  return (options) =>
    prompter.select(
      'Which MFA factor?',
      options.map((o) => ({ name: o.driver.describe(o.factor), value: o, description: `--factor ${selectorOf(o)}` })),
    );
}
