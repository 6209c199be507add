import { parseArgs } from 'node:util';
import { signAnymarketToken } from '#anymarket';
import { callRemote } from './call-remote.js';
import { isRemoteName, REMOTES, type RemoteExampleOptions } from './remotes.js';

/** Lifetime of a token printed by `token`: long enough to paste into Swagger UI and use for a while. */
const PRINTED_TOKEN_LIFETIME_SECONDS = 3600;

const USAGE = `usage: npm run remote-caller -- <${Object.keys(REMOTES).join('|')}> [--connector http://localhost:3000] [--oi 22449504.]
         [--store-id X] [--password Y | --password - ] [--account-id N] [--token LG...] [--transmission 61234] [--status ACTIVE]
         [--order 10363] [--order-id 123456]
       npm run --silent remote-caller -- token [--oi 22449504.] [--expires-in 3600]

Calls a connector remote as ANYMARKET would: the spec's example body with these values, and an
x-anymarket-token signed with the development-only key (trusted by the connector in demo mode).
The password may also come from REMOTE_CALLER_PASSWORD, or from standard input with --password -,
so that it does not appear in the command line (which npm prints).

"token" only prints such an x-anymarket-token (for Swagger UI's Authorize, or curl -H "x-anymarket-token: ...").`;

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
  /** The environment (REMOTE_CALLER_PASSWORD); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Standard input as text (for `--password -`). */
  readStdin?: () => Promise<string>;
}

/** The CLI: returns the exit code (0 for a 2xx answer, 1 otherwise, 2 for a usage error). */
export async function runRemoteCaller(argv: string[], io: CliOutput): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const [remote, ...extra] = positionals;
  if (remote === 'token' && !extra.length) return printToken(values, io);
  if (!remote || extra.length || !isRemoteName(remote)) {
    io.err(`${remote ? `unknown remote "${remote}"` : 'which remote?'}\n\n${USAGE}`);
    return 2;
  }
  const accountId = values['account-id'] === undefined ? undefined : Number(values['account-id']);
  if (accountId !== undefined && !Number.isInteger(accountId)) {
    io.err(`--account-id must be a whole number\n\n${USAGE}`);
    return 2;
  }
  const transmissionId = values.transmission === undefined ? undefined : Number(values.transmission);
  if (transmissionId !== undefined && !Number.isInteger(transmissionId)) {
    io.err(`--transmission must be a whole number\n\n${USAGE}`);
    return 2;
  }
  const anymarketOrderId = values['order-id'] === undefined ? undefined : Number(values['order-id']);
  if (anymarketOrderId !== undefined && !Number.isInteger(anymarketOrderId)) {
    io.err(`--order-id must be a whole number\n\n${USAGE}`);
    return 2;
  }
  let password: string | undefined;
  try {
    password = await passwordFrom(values.password, io);
  } catch (error) {
    io.err(`could not read the password from standard input: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const example: RemoteExampleOptions = {
    storeId: values['store-id'],
    password,
    accountId,
    sellerToken: values.token,
    transmissionId,
    status: values.status,
    idInMarketplace: values.order,
    anymarketOrderId,
  };
  const connectorUrl = values.connector ?? 'http://localhost:3000';
  const target = `${REMOTES[remote].method} ${connectorUrl.replace(/\/+$/, '')}${REMOTES[remote].path}`;
  let answer: Awaited<ReturnType<typeof callRemote>>;
  try {
    answer = await callRemote({ connectorUrl, remote, body: REMOTES[remote].exampleBody?.(example), claims: values.oi === undefined ? {} : { oi: values.oi } });
  } catch (error) {
    io.err(`${target} failed: ${describeFailure(error)}`);
    return 1;
  }
  io.out(`${target} -> ${answer.status}`);
  io.out(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body, null, 2));
  return answer.status >= 200 && answer.status < 300 ? 0 : 1;
}

/** `token`: prints an x-anymarket-token signed with the development key, nothing else (for `$(…)`). */
function printToken(values: ReturnType<typeof parse>['values'], io: CliOutput): number {
  const lifetime = values['expires-in'] === undefined ? PRINTED_TOKEN_LIFETIME_SECONDS : Number(values['expires-in']);
  if (!Number.isInteger(lifetime) || lifetime < 1) {
    io.err(`--expires-in must be a whole number of seconds\n\n${USAGE}`);
    return 2;
  }
  const exp = Math.floor(Date.now() / 1000) + lifetime;
  io.out(signAnymarketToken(values.oi === undefined ? { exp } : { oi: values.oi, exp }));
  return 0;
}

/** `--password X`, `--password -` (the first line of standard input), or REMOTE_CALLER_PASSWORD. */
async function passwordFrom(option: string | undefined, io: CliOutput): Promise<string | undefined> {
  if (option === '-') {
    const text = await (io.readStdin ?? readProcessStdin)();
    return text.split(/\r?\n/)[0];
  }
  return option ?? (io.env ?? process.env).REMOTE_CALLER_PASSWORD ?? undefined;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in its cause. */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      connector: { type: 'string' },
      oi: { type: 'string' },
      'store-id': { type: 'string' },
      password: { type: 'string' },
      'account-id': { type: 'string' },
      token: { type: 'string' },
      transmission: { type: 'string' },
      status: { type: 'string' },
      order: { type: 'string' },
      'order-id': { type: 'string' },
      'expires-in': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
