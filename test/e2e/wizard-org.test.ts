import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultUser, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { tempHome } from '../helpers/cli.js';
import { openTerminal, tmuxMissing, type Terminal } from '../helpers/tmux.js';

// Issue 18 item 7: the wizard checks the org (/.well-known/okta-organization) before it asks for
// the username and password, and keeps the answers when a host is not an org or cannot be reached.
const missing = tmuxMissing();
if (missing) console.warn(`skipping the wizard terminal tests: ${missing}`);

let sim: Simulator | undefined;
let term: Terminal | undefined;
let notOkta: Server | undefined;
afterEach(async () => {
  await term?.close();
  await sim?.close();
  await new Promise<void>((done) => (notOkta ? notOkta.close(() => done()) : done()));
  term = undefined;
  sim = undefined;
  notOkta = undefined;
});

/** A web server that is not Okta: 404 for every path, each request recorded. */
async function startNotOkta(): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  notOkta = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<html>Not Found</html>');
  });
  await new Promise<void>((r) => notOkta?.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(notOkta.address() as AddressInfo).port}`, seen };
}

describe.skipIf(missing !== undefined)('config wizard: the org is checked first (tmux)', () => {
  it('a host that is not an Okta org is refused before the username; the answer stays as the default; nothing else is sent to it', async () => {
    sim = await startSimulator();
    const other = await startNotOkta();
    const home = await tempHome();
    term = await openTerminal(['config'], { ...home.env, AWS_ENDPOINT_URL_STS: sim.stsUrl }, { width: 220, height: 45 });

    await term.waitFor(/\? Okta org \(acme, acme\.okta\.com or https:\/\/login\.acme\.com\):/);
    await term.line(other.url);
    let screen = await term.waitFor(/is not an Okta org/);
    expect(screen).toContain(
      `${other.url} is not an Okta org (/.well-known/okta-organization: HTTP 404) — enter your Okta sign-in address, e.g. acme.okta.com`,
    );
    screen = await term.waitFor(
      new RegExp(`\\? Okta org \\(acme, acme\\.okta\\.com or https://login\\.acme\\.com\\): \\(${other.url.replace(/\./g, '\\.')}\\)`),
    );
    expect(screen).not.toContain('Okta username');

    // A closed port: said plainly, retried on Enter.
    await term.line('http://127.0.0.1:1');
    screen = await term.waitFor(/\? Try again\?/);
    expect(screen).toContain('Connection to 127.0.0.1:1 refused');
    await term.keys('Enter');
    await term.waitFor(/\? Okta org .*\(http:\/\/127\.0\.0\.1:1\)/);

    await term.line(sim.oktaUrl);
    await term.waitFor(/\? Okta username:/);
    await term.line(defaultUser.login);
    await term.waitFor(/\? Okta password for alice@example\.com:/);
    expect(other.seen).toEqual(['GET /.well-known/okta-organization']);
    await term.keys('C-c');
    await term.waitFor(/EXIT=\d+/);
  });
});
