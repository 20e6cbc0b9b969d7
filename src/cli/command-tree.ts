/**
 * Every okta-bedrock command, declared in this one file: names, options, help and examples. Each
 * action is a lazily imported module under commands/ (only the chosen command's code loads);
 * main.ts builds the program and runs it, direct.ts serves a few of these without commander.
 */
import { Argument, Option, type Command } from 'commander';
import { SHELLS } from './completion.js';
import type { GlobalOptions } from './context.js';
import { addLoginOptions } from './login-options.js';
import { addOutputOptions, examples } from './output-options.js';
import type { Action } from './run-action.js';

/** main.ts's lazy-loading action wrapper. */
export type Wrap = <F extends GlobalOptions>(load: () => Promise<Action<F>>) => (...args: unknown[]) => Promise<void>;

/** Adds every command to `program`, in the order `--help` lists them. */
export function declareCommands(program: Command, run: Wrap): void {
  declareSignIn(program, run);
  declareBedrock(program, run);
  declareDaemon(program, run);
  declareSession(program, run);
  declareTools(program, run);
}

/** login, credential-process, refresh, setup-aws, config, completion. */
function declareSignIn(program: Command, run: Wrap): void {
  const login = program
    .command('login')
    .description('log in to Okta (password + MFA, or browser approval on Identity Engine orgs), assume the AWS role, write ~/.aws/credentials')
    .option('--credentials-file <file>', 'write here instead of AWS_SHARED_CREDENTIALS_FILE / ~/.aws/credentials')
    .option('--password-cache', 'keep the Okta password in the OS keychain (config `password_cache`)')
    .option('--no-password-cache', 'do not use the OS keychain for this login')
    .option('--password-reset', 'forget the password saved in the OS keychain and ask again')
    .option('--reup', 'stay in the foreground and keep the credentials fresh until Ctrl-C (config `reup`)')
    .option('--force', 'sign in to Okta afresh even when a live Okta session of this org and user could be used');
  addLoginOptions(login);
  addOutputOptions(login, { json: 'print the result (profile, roles, expiration; no secrets) as JSON on stdout' });
  examples(login, [
    'okta-bedrock login',
    'okta-bedrock login --org acme --username alice@example.com --factor push',
    'okta-bedrock login --factor sms            # type the texted code; "resend" after 30 s',
    'okta-bedrock login --app "AWS Sandbox"     # one of several AWS apps (label or app id)',
    'okta-bedrock login --profile bedrock --assume-role-arn arn:aws:iam::123456789012:role/my-bedrock-role',
    'echo "$PW" | okta-bedrock login --password-stdin --factor totp --passcode 123456',
    'okta-bedrock login --oidc-client-id 0oa4x34ogyC1i1krJ1d7 --qr --open   # Okta Identity Engine (device flow)',
    'okta-bedrock login --auth-flow classic',
    'okta-bedrock login --auth-flow idx --factor push',
    'okta-bedrock login --browser --app 0oa1abcdEFGH2345ijk7   # passkeys, Duo, FastPass: sign in through your browser',
    'okta-bedrock login --browser --browser-path /usr/bin/brave-browser --browser-timeout 600',
    'okta-bedrock login --json | jq -r .expiration',
    'okta-bedrock login --password-cache --reup   # keychain password; stay and keep the credentials fresh',
    'okta-bedrock login --password-reset          # forget the saved password and ask again',
  ]);
  login.action(run(async () => (await import('./commands/login.js')).runLogin));

  const credentialProcess = program
    .command('credential-process')
    .description('print credentials for the AWS CLI/SDK credential_process (JSON on stdout), from cache or refreshed')
    .option('--profile <name>', 'profile to serve (default: config `profile`, else "default")')
    .option('--config <file>', 'config file');
  addOutputOptions(credentialProcess);
  credentialProcess.addHelpText(
    'after',
    `
The output is always the credential_process JSON. In ~/.aws/config (see \`okta-bedrock setup-aws\`):
  [profile bedrock]
  credential_process = okta-bedrock credential-process --profile bedrock`,
  );
  examples(credentialProcess, [
    'okta-bedrock credential-process --profile bedrock',
    'aws sts get-caller-identity --profile bedrock    # the AWS CLI runs it for you',
  ]);
  credentialProcess.action(run(async () => (await import('./commands/credential-process.js')).runCredentialProcess));

  const refresh = program
    .command('refresh')
    .description("make a profile's credentials fresh without reading stdin (Claude Code's awsAuthRefresh; scripts, cron)")
    .option('--profile <name>', 'okta-bedrock profile (default: config `profile`, else "default")')
    .option('--timeout <seconds>', 'give up after this long (default 180)')
    .option('--config <file>', 'config file');
  addOutputOptions(refresh);
  refresh.addHelpText(
    'after',
    `
Cheapest first: the cache, re-chaining the role, a SAML assertion from the Okta session, then a
sign-in that needs no stdin (the OS keychain password + Okta Verify push, the number challenge
printed on stdout; or the Identity Engine device flow, its URL printed and the browser opened).
Exit 0 when the profile is fresh; otherwise one line saying what to run.`,
  );
  examples(refresh, [
    'okta-bedrock refresh --profile bedrock',
    '"awsAuthRefresh": "okta-bedrock refresh --profile bedrock"   # ~/.claude/settings.json (see setup claude-code)',
  ]);
  refresh.action(run(async () => (await import('./commands/refresh.js')).runRefresh));

  const setupAws = program
    .command('setup-aws')
    .description('add a credential_process profile (and optionally a role_arn/source_profile chain) to ~/.aws/config')
    .option('--profile <name>', 'AWS profile to set up (default: config `profile`, else "default")')
    .option('--region <region>', 'region for the profile')
    .option('--chain-profile <name>', 'also write this profile with role_arn + source_profile (a role_arn chain profile)')
    .option('--role-arn <arn>', 'role the chained profile assumes')
    .option('--dry-run', 'print the diff instead of writing')
    .option('--config <file>', 'config file');
  addOutputOptions(setupAws, { json: 'print the profiles written (or planned, with --dry-run) as JSON on stdout' });
  examples(setupAws, [
    'okta-bedrock setup-aws --profile bedrock --dry-run',
    'okta-bedrock setup-aws --profile bedrock --region us-west-2',
    'okta-bedrock setup-aws --profile default --chain-profile bedrock --role-arn arn:aws:iam::123456789012:role/my-bedrock-role',
  ]);
  setupAws.action(run(async () => (await import('./commands/setup-aws.js')).runSetupAws));

  const config = program
    .command('config')
    .description('set up okta-bedrock: a wizard that logs you in and writes the config, or --import-keyman')
    .option('--import-keyman [path]', 'convert an aws_okta_keyman config (default ~/.config/aws_okta_keyman.yml); no prompts')
    .option('--force', 'with --import-keyman: replace an existing config (the old one is kept as config.yml.bak)')
    .option('--dry-run', 'with --import-keyman: print the converted config instead of writing it')
    .option('--config <file>', 'the config file to write (default: ~/.config/okta-bedrock/config.yml)');
  addOutputOptions(config, { json: 'with --import-keyman: print what changed as JSON on stdout' });
  examples(config, [
    'okta-bedrock config                                  # the wizard; re-run it to change your answers',
    'okta-bedrock config --import-keyman                  # ~/.config/aws_okta_keyman.yml → our config',
    'okta-bedrock config --import-keyman ./keyman.yml --dry-run',
    'okta-bedrock config --import-keyman --force --json',
  ]);
  config.action(run(async () => (await import('./commands/config.js')).runConfigCommand));

  const completion = program
    .command('completion')
    .description('print the shell completion script for bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS));
  addOutputOptions(completion);
  examples(completion, [
    'source <(okta-bedrock completion bash)     # this shell only',
    'okta-bedrock completion bash > ~/.local/share/bash-completion/completions/okta-bedrock',
    'okta-bedrock completion zsh > "${fpath[1]}/_okta-bedrock"',
    'okta-bedrock completion fish > ~/.config/fish/completions/okta-bedrock.fish',
  ]);
  completion.action(run(async () => (await import('./commands/completion.js')).runCompletion));
}

/** Profile flags shared by the Bedrock commands, and --debug/--quiet (plus --json when given its help). */
function profileOptions(cmd: Command, json?: string): Command {
  cmd
    .option('--profile <name>', 'okta-bedrock profile (default: config `profile`, else "default")')
    .option('--region <region>', "AWS region (default: AWS_REGION, the profile's login region, config, us-east-1)")
    .option('--config <file>', 'config file');
  return addOutputOptions(cmd, { json });
}

/** models, test, doctor, env, exec, token, serve, console: Bedrock access with a logged-in profile. */
function declareBedrock(program: Command, run: Wrap): void {
  profileOptions(program.command('models').description('list Bedrock foundation models and the inference profiles that reach them'), 'JSON on stdout')
    .option('--provider <name>', 'only this provider, e.g. anthropic')
    .addHelpText(
      'after',
      `
Examples:
  okta-bedrock models --provider anthropic
  okta-bedrock models --profile bedrock --region us-west-2 --json | jq -r '.models[].modelId'`,
    )
    .action(run(async () => (await import('./commands/models.js')).runModels));

  profileOptions(program.command('test').description('send one prompt to a model (Converse) and print the answer, latency and token usage'), 'JSON on stdout')
    .argument('[prompt...]', 'the prompt (default: "What is the capital of Georgia?")')
    .option('--model <id>', 'model or inference profile id (default: the newest Claude inference profile in the region)')
    .option('--max-tokens <n>', 'maxTokens for the answer', '100')
    .addHelpText(
      'after',
      `
Examples:
  okta-bedrock test
  okta-bedrock test --model us.anthropic.claude-3-7-sonnet-20250219-v1:0 "Say hello in French"
  okta-bedrock test --profile bedrock --json`,
    )
    .action(run(async () => (await import('./commands/test.js')).runTest));

  profileOptions(
    program.command('doctor').description('check config, Okta, credentials, IAM and model access, clock and proxy — each ✓ or ✗ with the fix'),
    'JSON on stdout',
  )
    .option('--model <id>', 'the model to try (default: the newest Claude inference profile)')
    .option('--claude-code', 'also check Claude Code: settings.json, its profile, model access and InvokeModel (profile, region and model from settings.json)')
    .addHelpText(
      'after',
      `
Exit status: 0 when nothing failed (warnings "!" do not fail), 14 when a check failed.

Examples:
  okta-bedrock doctor
  okta-bedrock doctor --claude-code
  okta-bedrock doctor --profile bedrock --json | jq '.checks[] | select(.status == "fail")'`,
    )
    .action(run(async () => (await import('./commands/doctor.js')).runDoctorCommand));

  profileOptions(
    program.command('env').description("print the profile's credentials as environment variables"),
    'the variables as one JSON object on stdout (instead of --format)',
  )
    .option('--format <format>', 'sh, fish, powershell or dotenv', 'sh')
    .addHelpText(
      'after',
      `
Examples:
  eval "$(okta-bedrock env --profile bedrock)"
  okta-bedrock env --format fish | source
  okta-bedrock env --format powershell | Invoke-Expression
  okta-bedrock env --format dotenv > .env
  okta-bedrock env --json | jq -r .AWS_CREDENTIAL_EXPIRATION`,
    )
    .action(run(async () => (await import('./commands/env.js')).runEnv));

  profileOptions(program.command('exec').description("run a command with the profile's credentials and AWS_REGION in its environment"))
    .argument('<command...>', 'the command and its arguments (put them after --)')
    .option('--token', 'give the command a short-term Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) instead of AWS keys')
    .option('--server', 'give the command a container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) on a free loopback port instead of AWS keys')
    .passThroughOptions()
    .addHelpText(
      'after',
      `
The command runs without a shell; signals are passed on; its exit code is ours (killed by a
signal: 128 + the signal number, e.g. 143 for SIGTERM). AWS_PROFILE is removed from its
environment so AWS tools use the keys (and never call back into okta-bedrock).

--token: the command gets AWS_BEARER_TOKEN_BEDROCK (a key as \`okta-bedrock token\` prints, for
the region) and AWS_REGION, and no AWS keys. --server: okta-bedrock serves the credentials on
127.0.0.1 for the command's lifetime (always fresh, as \`okta-bedrock serve\`) and the command gets
AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN and AWS_REGION, no AWS keys —
credentials then outlive a 1 h role session for long jobs.

Examples:
  okta-bedrock exec --profile bedrock -- aws bedrock list-foundation-models --region us-east-1
  okta-bedrock exec -- python app.py
  okta-bedrock exec --token -- sh -c 'curl -H "Authorization: Bearer $AWS_BEARER_TOKEN_BEDROCK" …'
  okta-bedrock exec --server -- python long_job.py`,
    )
    .action(run(async () => (await import('./commands/exec.js')).runExec));

  profileOptions(
    program.command('token').description("print a short-term Amazon Bedrock API key (bearer token) made from the profile's credentials"),
    'print {"token", "expiration"} as JSON on stdout',
  )
    .option('--expires <seconds>', "key lifetime in seconds, at most 43200 (12 h); never beyond the credentials' life", '43200')
    .option('--format <format>', 'env (an `export AWS_BEARER_TOKEN_BEDROCK=…` line) or claude-desktop ({"token": …, "headers": {}})')
    .addHelpText(
      'after',
      `
The key is bound to one region (--region, else the profile's): it works only with that region's
Bedrock endpoints. It lasts min(--expires, 12 h, the profile's credentials' remaining life) — a
chained Bedrock role's credentials last 1 h at most. The key goes to stdout only; stderr says
which region and until when.

Examples:
  okta-bedrock token --profile bedrock
  eval "$(okta-bedrock token --format env)"
  okta-bedrock token --region us-west-2 --expires 3600 --json | jq -r .expiration
  okta-bedrock token --format claude-desktop        # Claude Desktop's inferenceCredentialHelper`,
    )
    .action(run(async () => (await import('./commands/token.js')).runToken));

  profileOptions(program.command('serve').description("serve the profile's credentials to containers and SDKs as an ECS container credentials endpoint"))
    .option('--port <n>', 'port to listen on (default: a free one)')
    .option('--host <address>', 'address to listen on; anything but loopback is reachable from other machines', '127.0.0.1')
    .addHelpText(
      'after',
      `
Answers GET http://HOST:PORT/ with {"AccessKeyId","SecretAccessKey","Token","Expiration","RoleArn"}
(the ECS format the AWS SDKs and the AWS CLI read through AWS_CONTAINER_CREDENTIALS_FULL_URI),
always fresh: credentials are refreshed through the cache layers as they near expiry. Only
requests whose Authorization header is the random token printed at start-up are answered (others:
401, logged). stdout gets the two variables to give a client and docker run examples (as # comments).
SIGTERM/SIGINT stop it. The SDKs accept plain http only from loopback (and ECS/EKS addresses).

Examples:
  okta-bedrock serve --profile bedrock
  okta-bedrock serve --port 9911     # paste the two export lines into the client's shell
  okta-bedrock serve --host 0.0.0.0 --port 9911      # reachable from containers (warns)`,
    )
    .action(run(async () => (await import('./commands/serve.js')).runServe));

  profileOptions(
    program.command('console').description('AWS console sign-in URL for the profile (federation), printed or opened'),
    'print {url, partition, region} as JSON on stdout',
  )
    .option('--open', 'open it in the browser ($BROWSER if set)')
    .addHelpText(
      'after',
      `
Examples:
  okta-bedrock console --open
  okta-bedrock console --profile bedrock | pbcopy
  okta-bedrock console --json | jq -r .url`,
    )
    .action(run(async () => (await import('./commands/console.js')).runConsole));

  const setup = addOutputOptions(program.command('setup').description('set up a tool to use Bedrock through okta-bedrock (claude-code)')).addHelpText(
    'after',
    `
Examples:
  okta-bedrock setup claude-code
  okta-bedrock setup claude-code --profile bedrock --dry-run`,
  );
  profileOptions(
    setup
      .command('claude-code')
      .description('Claude Code on Bedrock: write settings.json (env, awsAuthRefresh) and make the profile a credential_process profile'),
    'print what was written (or planned) as JSON on stdout',
  )
    .option('--model <id>', 'ANTHROPIC_MODEL (default: the newest Claude Sonnet inference profile the profile can invoke)')
    .option('--dry-run', 'show the diff of settings.json and ~/.aws/config instead of writing')
    .addHelpText(
      'after',
      `
Writes $CLAUDE_CONFIG_DIR/settings.json (default ~/.claude/settings.json), keeping every other key:
  env.CLAUDE_CODE_USE_BEDROCK = "1", env.AWS_PROFILE, env.AWS_REGION, env.ANTHROPIC_MODEL,
  env.ANTHROPIC_DEFAULT_HAIKU_MODEL, awsAuthRefresh = "okta-bedrock refresh --profile P".

Examples:
  okta-bedrock setup claude-code
  okta-bedrock setup claude-code --profile bedrock --region us-west-2 --dry-run
  okta-bedrock setup claude-code --model us.anthropic.claude-sonnet-4-5-20250929-v1:0`,
    )
    .action(run(async () => (await import('./commands/setup-claude-code.js')).runSetupClaudeCode));
}

const PROFILE_HELP = 'profiles to keep fresh, comma-separated (default: every profile you logged in to)';

/** `okta-bedrock daemon start|stop|status|run|install|uninstall`. */
function declareDaemon(program: Command, run: Wrap): void {
  const daemon = addOutputOptions(program.command('daemon').description('background refresh: keep credentials fresh and the Okta session alive all day'));
  examples(daemon, [
    'okta-bedrock daemon start                       # every profile you logged in to',
    'okta-bedrock daemon start --profile default,bedrock',
    'okta-bedrock daemon status',
    'okta-bedrock daemon stop',
    'okta-bedrock daemon install                     # systemd user unit / launchd agent',
  ]);
  const refresher = (cmd: Command): Command =>
    addOutputOptions(
      cmd
        .option('--profile <A,B>', PROFILE_HELP)
        .option('--config <file>', 'config file')
        .option('--credentials-file <file>', 'write here instead of AWS_SHARED_CREDENTIALS_FILE / ~/.aws/credentials')
        .option('--password-cache', 'sign in again with the password in the OS keychain when the Okta session ends'),
    );

  const start = refresher(daemon.command('start').description('start the refresher in the background (one per user)'));
  examples(start, ['okta-bedrock daemon start', 'okta-bedrock daemon start --profile bedrock --password-cache']);
  start.action(run(async () => (await import('./commands/daemon-control.js')).runDaemonStart));

  const stop = addOutputOptions(
    daemon
      .command('stop')
      .description('stop the background refresher')
      .option('--profile <A,B>', "accepted like start's; there is one daemon per user, and it is stopped"),
  );
  examples(stop, ['okta-bedrock daemon stop']);
  stop.action(run(async () => (await import('./commands/daemon-control.js')).runDaemonStop));

  const status = addOutputOptions(
    daemon
      .command('status')
      .description('is the refresher running, and the refresh state of each profile')
      .option('--profile <A,B>', 'only these profiles, comma-separated'),
    { json: 'JSON on stdout' },
  );
  examples(status, ['okta-bedrock daemon status', 'okta-bedrock daemon status --json', 'okta-bedrock daemon status --profile default,bedrock']);
  status.action(run(async () => (await import('./commands/daemon-control.js')).runDaemonStatus));

  const runCmd = refresher(daemon.command('run').description('run the refresher in the foreground (what `start` and the service run)'));
  examples(runCmd, ['okta-bedrock daemon run --profile default --debug']);
  runCmd.action(run(async () => (await import('./commands/daemon-run.js')).runDaemonRun));

  const install = refresher(daemon.command('install').description('write a systemd user unit (Linux) or launchd agent (macOS) and print how to enable it'));
  install.option('--dry-run', 'print the unit instead of writing it');
  examples(install, ['okta-bedrock daemon install', 'okta-bedrock daemon install --profile bedrock --dry-run']);
  install.action(run(async () => (await import('./commands/daemon-service.js')).runDaemonInstall));

  const uninstall = addOutputOptions(daemon.command('uninstall').description('stop and remove the service written by `daemon install`'));
  examples(uninstall, ['okta-bedrock daemon uninstall']);
  uninstall.action(run(async () => (await import('./commands/daemon-service.js')).runDaemonUninstall));
}

/** `okta-bedrock status` and `okta-bedrock logout`: what is cached for each profile, and removing it. */
function declareSession(program: Command, run: Wrap): void {
  const overview = addOutputOptions(
    program
      .command('status')
      .description('show each profile: credential expiry, Okta session expiry, daemon state, last refresh and error')
      .option('--profile <name>', 'only this profile'),
    { json: 'JSON on stdout' },
  );
  examples(overview, ['okta-bedrock status', 'okta-bedrock status --json --profile bedrock']);
  overview.action(run(async () => (await import('./commands/status.js')).runStatus));

  const logout = addOutputOptions(
    program
      .command('logout')
      .description('end the Okta session and remove the cached session and credentials')
      .option('--profile <name>', 'profile to log out (default: config `profile`, else "default")')
      .option('--all', 'every cached profile')
      .option('--forget-password', 'also remove the Okta password from the OS keychain')
      .option('--config <file>', 'config file'),
  );
  examples(logout, ['okta-bedrock logout', 'okta-bedrock logout --profile bedrock --forget-password', 'okta-bedrock logout --all']);
  logout.action(run(async () => (await import('./commands/logout.js')).runLogout));
}

/** demo and simulator: the built-in Okta + AWS simulator. */
function declareTools(program: Command, run: Wrap): void {
  const demo = program
    .command('demo')
    .description('run a full login against the built-in local Okta + STS simulator (no real accounts)')
    .option('--credentials-file <file>', 'write the demo credentials here (default: a temporary HOME)')
    .addOption(new Option('--factor <factor>', 'MFA factor').choices(['push', 'totp']).default('totp'))
    .option('--idx', 'sign in as on an Okta Identity Engine org: the IDX API the Okta Sign-In Widget uses');
  addOutputOptions(demo, { json: 'print the result (file, caller ARN, request counts; no secrets) as JSON on stdout' });
  examples(demo, ['npx okta-bedrock demo', 'npx okta-bedrock demo --factor push', 'okta-bedrock demo --idx --factor push', 'okta-bedrock demo --json']);
  demo.action(run(async () => (await import('./commands/demo.js')).runDemo));

  const simulator = program
    .command('simulator')
    .description('start the local Okta + STS + Bedrock simulator, print its users, secrets and URLs (Ctrl-C stops it)')
    .addOption(new Option('--port <port>', 'Okta port (STS uses an ephemeral port)').default('0'))
    .option('--scenario <file>', 'a JSON file of simulator options (scenario keys, users, apps…); the flags below override it')
    .addOption(new Option('--push <result>', 'how the Okta Verify push ends').choices(['approve', 'reject', 'timeout']))
    .option('--push-after <n>', 'the push result comes on the Nth poll (default 2)')
    .option('--number-challenge', 'the push shows a number to tap (Okta Verify number matching)')
    .option('--factors <list>', "the users' factors: totp,google,push,sms,call,email,question,webauthn,u2f,hardware,duo")
    .option('--step-up', 'the AWS apps ask for MFA again (app sign-on policy step-up)')
    .option('--oie', 'an Identity Engine org (.well-known pipeline "idx": device authorization + token exchange)')
    .option('--idx', 'an Identity Engine org that signs in through the IDX API (implies --oie)')
    .addOption(new Option('--classic-authn <state>', 'off: /api/v1/authn answers 403 E0000015').choices(['off', 'on']))
    .option('--credentials-lifetime <seconds>', 'STS credentials last at most this long')
    .option('--session-lifetime <seconds>', 'Okta sessions last this long (default 7200)')
    .option('--bedrock-deny <model>', 'no Bedrock model access to MODEL, or to all models (repeatable)', collect, [])
    .option(
      '--rate-limit <path:n>',
      "Okta's per-minute limit for a path (e.g. /api/v1/authn:100), or workforce for Okta's Workforce defaults (repeatable)",
      collect,
      [],
    );
  addOutputOptions(simulator, { json: 'print the users, secrets and URLs as JSON (for scripts)' });
  examples(simulator, [
    'okta-bedrock simulator                                  # classic org, TOTP + push user, prints everything',
    'okta-bedrock simulator --json > sim.json &              # for scripts: read oktaUrl, stsUrl, password, totpSecret',
    'okta-bedrock simulator --push reject                    # every Okta Verify push is rejected',
    'okta-bedrock simulator --push approve --push-after 5 --number-challenge',
    'okta-bedrock simulator --factors sms,question --step-up',
    'okta-bedrock simulator --oie --classic-authn off        # Identity Engine org: device flow only',
    'okta-bedrock simulator --credentials-lifetime 900 --session-lifetime 600',
    'okta-bedrock simulator --bedrock-deny anthropic.claude-3-haiku-20240307-v1:0',
    'okta-bedrock simulator --rate-limit workforce --rate-limit /api/v1/authn:20',
    'okta-bedrock simulator --scenario my-org.json --port 8443',
  ]);
  simulator.action(run(async () => (await import('./commands/simulator.js')).runSimulator));
}

/** Commander's accumulator for repeatable options. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
