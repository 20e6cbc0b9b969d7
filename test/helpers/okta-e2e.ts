import { afterEach, beforeEach } from 'vitest';
import { defaultUser, startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { tempHome, type TempHome } from './cli.js';

/** A simulator and a temp HOME per test; `restart` swaps in a simulator with other options. */
export interface OktaE2e {
  sim: Simulator;
  home: TempHome;
  restart(options: SimulatorOptions): Promise<Simulator>;
  env(extra?: Record<string, string>): Record<string, string>;
  /** `login --org … --username … --password-stdin …more`. */
  args(...more: string[]): string[];
  /** `login --org … --username …` (the password is typed on the terminal). */
  ttyArgs(...more: string[]): string[];
  /** `--factor totp --passcode <the current code>`. */
  totp(): string[];
  oktaRequests(pathPart?: string): { method: string; path: string; status: number }[];
}

export const PASSWORD_LINE = `${defaultUser.password}\n`;

export function useOktaE2e(options: SimulatorOptions = {}): OktaE2e {
  const t = {} as OktaE2e;
  beforeEach(async () => {
    t.sim = await startSimulator(options);
    t.home = await tempHome();
  });
  afterEach(async () => {
    await t.sim.close();
  });
  t.restart = async (next) => {
    await t.sim.close();
    t.sim = await startSimulator(next);
    return t.sim;
  };
  t.env = (extra = {}) => ({ ...t.home.env, AWS_ENDPOINT_URL_STS: t.sim.stsUrl, OKTA_BEDROCK_POLL_INTERVAL_MS: '50', ...extra });
  t.args = (...more) => ['login', '--org', t.sim.oktaUrl, '--username', defaultUser.login, '--password-stdin', ...more];
  t.ttyArgs = (...more) => ['login', '--org', t.sim.oktaUrl, '--username', defaultUser.login, ...more];
  t.totp = () => ['--factor', 'totp', '--passcode', t.sim.totp()];
  // The org-type detection GET (/.well-known/okta-organization) is not part of a sign-in flow.
  t.oktaRequests = (pathPart) =>
    t.sim.requests.filter((r) => r.service === 'okta' && r.path !== '/.well-known/okta-organization' && (!pathPart || r.path.includes(pathPart)));
  return t;
}
