import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, defaultUser, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { runCli, tempHome } from '../helpers/cli.js';
import { hasScript, plain, runCliTty } from '../helpers/tty.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe.skipIf(!hasScript)('credential-process on a terminal (issue 4, item 3)', () => {
  it('a full login prompts for the password and then the MFA code on the terminal (/dev/tty), then prints the JSON', async () => {
    const s = (sim = await startSimulator());
    const home = await tempHome();
    await mkdir(join(home.env.XDG_CONFIG_HOME!, 'okta-bedrock'), { recursive: true });
    await writeFile(
      join(home.env.XDG_CONFIG_HOME!, 'okta-bedrock', 'config.yml'),
      `org: ${s.oktaUrl}\nusername: ${defaultUser.login}\nfactor: totp\nappid: ${DEFAULT_APP_ID}/272\n`,
    );
    const env = { ...home.env, AWS_ENDPOINT_URL_STS: s.stsUrl };
    const r = await runCliTty(['credential-process', '--profile', 'default'], {
      env,
      timeoutMs: 30_000,
      steps: [
        // Inside `aws …`, the prompt says who is asking.
        { expect: `okta-bedrock: Okta password for ${defaultUser.login}:`, send: `${defaultUser.password}\r` },
        { expect: 'okta-bedrock: Enter your Okta Verify code', send: () => `${s.totp()}\r` },
      ],
    });
    expect(r.code).toBe(0);
    const json = /\{"Version":1,.*\}/.exec(plain(r.output))?.[0];
    expect(JSON.parse(json ?? '{}')).toMatchObject({ Version: 1, AccessKeyId: expect.any(String), Expiration: expect.stringMatching(/Z$/) });
    // The login filled the cache: the next call (no terminal) is served from it.
    const again = await runCli(['credential-process', '--profile', 'default'], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ Version: 1 });
  });
});
