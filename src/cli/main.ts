import { Argument, Command, CommanderError, Option } from 'commander';
import { ExitCode } from '../errors.js';
import type { GlobalOptions } from './context.js';
import { addBedrockCommands } from './bedrock-commands.js';
import { addDaemonCommands } from './daemon-commands.js';
import { addSessionCommands } from './session-commands.js';
import { addLoginOptions } from './login-options.js';
import { SHELLS } from './completion.js';
import { addOutputOptions, examples } from './output-options.js';
import { reportError } from './run.js';
import { runAction, type Action } from './run-action.js';
import { VERSION } from './version.js';

export { VERSION };

/** Wraps a lazily imported command so only the chosen command's code is loaded. */
function run<F extends GlobalOptions>(load: () => Promise<Action<F>>, setCode: (c: number) => void) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    setCode(await runAction(cmd.optsWithGlobals() as F, load, cmd.args, cmd));
  };
}

export function buildProgram(setCode: (c: number) => void): Command {
  const program = new Command('okta-bedrock')
    .description('AWS credentials for Amazon Bedrock through Okta')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    // Before the commands are added, so they inherit it: usage errors throw (exit 2) instead of exiting 1.
    .exitOverride();
  examples(program, [
    'okta-bedrock config                  # first run: a wizard that logs you in and writes the config',
    'okta-bedrock config --import-keyman  # switch from aws_okta_keyman',
    'okta-bedrock login',
    'okta-bedrock <command> --help',
  ]);

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
  login.action(run(async () => (await import('./commands/login.js')).runLogin, setCode));

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
  credentialProcess.action(run(async () => (await import('./commands/credential-process.js')).runCredentialProcess, setCode));

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
  examples(refresh, ['okta-bedrock refresh --profile bedrock', '"awsAuthRefresh": "okta-bedrock refresh --profile bedrock"   # ~/.claude/settings.json (see setup claude-code)']);
  refresh.action(run(async () => (await import('./commands/refresh.js')).runRefresh, setCode));

  const setupAws = program
    .command('setup-aws')
    .description('add a credential_process profile (and optionally a role_arn/source_profile chain) to ~/.aws/config')
    .option('--profile <name>', 'AWS profile to set up (default: config `profile`, else "default")')
    .option('--region <region>', 'region for the profile')
    .option('--chain-profile <name>', "also write this profile with role_arn + source_profile (a role_arn chain profile)")
    .option('--role-arn <arn>', 'role the chained profile assumes')
    .option('--dry-run', 'print the diff instead of writing')
    .option('--config <file>', 'config file');
  addOutputOptions(setupAws, { json: 'print the profiles written (or planned, with --dry-run) as JSON on stdout' });
  examples(setupAws, [
    'okta-bedrock setup-aws --profile bedrock --dry-run',
    'okta-bedrock setup-aws --profile bedrock --region us-west-2',
    'okta-bedrock setup-aws --profile default --chain-profile bedrock --role-arn arn:aws:iam::123456789012:role/my-bedrock-role',
  ]);
  setupAws.action(run(async () => (await import('./commands/setup-aws.js')).runSetupAws, setCode));

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
  config.action(run(async () => (await import('./commands/config.js')).runConfigCommand, setCode));

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
  completion.action(run(async () => (await import('./commands/completion.js')).runCompletion, setCode));

  addBedrockCommands(program, (load) => run(load, setCode));
  addDaemonCommands(program, (load) => run(load, setCode));
  addSessionCommands(program, (load) => run(load, setCode));

  const demo = program
    .command('demo')
    .description('run a full login against the built-in local Okta + STS simulator (no real accounts)')
    .option('--credentials-file <file>', 'write the demo credentials here (default: a temporary HOME)')
    .addOption(new Option('--factor <factor>', 'MFA factor').choices(['push', 'totp']).default('totp'))
    .option('--idx', 'sign in as on an Okta Identity Engine org: the IDX API the Okta Sign-In Widget uses');
  addOutputOptions(demo, { json: 'print the result (file, caller ARN, request counts; no secrets) as JSON on stdout' });
  examples(demo, ['npx okta-bedrock demo', 'npx okta-bedrock demo --factor push', 'okta-bedrock demo --idx --factor push', 'okta-bedrock demo --json']);
  demo.action(run(async () => (await import('./commands/demo.js')).runDemo, setCode));

  const simulator = program
    .command('simulator')
    .description('start the local Okta + STS + Bedrock simulator, print its users, secrets and URLs (Ctrl-C stops it)')
    .addOption(new Option('--port <port>', 'Okta port (STS uses an ephemeral port)').default('0'))
    .option('--scenario <file>', 'a JSON file of simulator options (scenario keys, users, apps…); the flags below override it')
    .addOption(new Option('--push <result>', 'how the Okta Verify push ends').choices(['approve', 'reject', 'timeout']))
    .option('--push-after <n>', 'the push result comes on the Nth poll (default 2)')
    .option('--number-challenge', 'the push shows a number to tap (Okta Verify number matching)')
    .option('--factors <list>', 'the users\' factors: totp,google,push,sms,call,email,question,webauthn,u2f,hardware,duo')
    .option('--step-up', 'the AWS apps ask for MFA again (app sign-on policy step-up)')
    .option('--oie', 'an Identity Engine org (.well-known pipeline "idx": device authorization + token exchange)')
    .option('--idx', 'an Identity Engine org that signs in through the IDX API (implies --oie)')
    .addOption(new Option('--classic-authn <state>', 'off: /api/v1/authn answers 403 E0000015').choices(['off', 'on']))
    .option('--credentials-lifetime <seconds>', 'STS credentials last at most this long')
    .option('--session-lifetime <seconds>', 'Okta sessions last this long (default 7200)')
    .option('--bedrock-deny <model>', 'no Bedrock model access to MODEL, or to all models (repeatable)', collect, [])
    .option('--rate-limit <path:n>', "Okta's per-minute limit for a path (e.g. /api/v1/authn:100), or workforce for Okta's Workforce defaults (repeatable)", collect, []);
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
  simulator.action(run(async () => (await import('./commands/simulator.js')).runSimulator, setCode));

  return program;
}

/** Commander's accumulator for repeatable options. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The names of the commands this build has (the wizard runs `doctor` only when it exists). */
export function commandNames(): string[] {
  return buildProgram(() => undefined).commands.map((c) => c.name());
}

export async function main(argv: string[]): Promise<number> {
  let code: number = ExitCode.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    return reportError(e, { debug: argv.includes('--debug') });
  }
  return code;
}
