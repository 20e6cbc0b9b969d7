import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, defaultUser, userWith } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { PASSWORD_LINE, useOktaE2e } from '../helpers/okta-e2e.js';

// Issue 18 paper cuts 7–9 and 12, each through the built CLI against the simulator.
const t = useOktaE2e();
const IDX = { idx: true, idxPollRefreshMs: 300, pushApproveAfterPolls: 2 } as const;
const APP = ['--app', DEFAULT_APP_ID];

describe('12: messages on replayed Okta answers', () => {
  it.each([
    ['classic', {}, [] as string[]],
    ['IDX', IDX, APP],
  ] as const)('%s: a wrong security answer (piped, stdin ends) says to type the answer, not "a fresh code"', async (_name, scenario, extra) => {
    await t.restart({ scenario, users: [userWith('question')] });
    const r = await runCli(t.args('--factor', 'question', ...extra), { env: t.env(), input: `${PASSWORD_LINE}not the answer\n` });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('The answer was wrong — run login again and type the answer');
    expect(r.stderr).not.toContain('fresh code');
    expect(r.stderr).not.toContain(defaultUser.password);
  });
});
