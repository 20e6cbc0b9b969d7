import type { Command } from 'commander';
import type { CliContext, GlobalOptions } from './context.js';
import { addOutputOptions } from './output-options.js';

type Action<F> = (flags: F, ctx: CliContext, args: string[]) => Promise<number>;
/** main.ts's lazy-loading action wrapper. */
export type Wrap = <F extends GlobalOptions>(load: () => Promise<Action<F>>) => (...args: unknown[]) => Promise<void>;

/** Profile flags shared by the Bedrock commands, and --debug/--quiet (plus --json when given its help). */
function profileOptions(cmd: Command, json?: string): Command {
  cmd
    .option('--profile <name>', 'okta-bedrock profile (default: config `profile`, else "default")')
    .option('--region <region>', 'AWS region (default: AWS_REGION, the profile\'s login region, config, us-east-1)')
    .option('--config <file>', 'config file');
  return addOutputOptions(cmd, { json });
}

/** models, test, doctor, env, exec, token, serve, console: Bedrock access with a logged-in profile. */
export function addBedrockCommands(program: Command, run: Wrap): void {
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

  profileOptions(program.command('doctor').description('check config, Okta, credentials, IAM and model access, clock and proxy — each ✓ or ✗ with the fix'), 'JSON on stdout')
    .option('--model <id>', 'the model to try (default: the newest Claude inference profile)')
    .option('--claude-code', "also check Claude Code: settings.json, its profile, model access and InvokeModel (profile, region and model from settings.json)")
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

  profileOptions(program.command('env').description("print the profile's credentials as environment variables"), 'the variables as one JSON object on stdout (instead of --format)')
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
    .option('--expires <seconds>', 'key lifetime in seconds, at most 43200 (12 h); never beyond the credentials\' life', '43200')
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

  profileOptions(program.command('console').description('AWS console sign-in URL for the profile (federation), printed or opened'), 'print {url, partition, region} as JSON on stdout')
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
    setup.command('claude-code').description("Claude Code on Bedrock: write settings.json (env, awsAuthRefresh) and make the profile a credential_process profile"),
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
