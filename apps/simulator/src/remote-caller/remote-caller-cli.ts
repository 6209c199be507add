import { parseArgs } from 'node:util';
import { callRemote } from './call-remote.js';
import { isRemoteName, REMOTES, type RemoteExampleOptions } from './remotes.js';

const USAGE = `usage: npm run remote-caller -- <${Object.keys(REMOTES).join('|')}> [--connector http://localhost:3000] [--oi 22449504.]
         [--store-id X] [--password Y] [--account-id N] [--token LG...] [--transmission 61234] [--status ACTIVE]

Calls a connector remote as ANYMARKET would: the spec's example body with these values, and an
x-anymarket-token signed with the development-only key (trusted by the connector in demo mode).`;

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
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
  const example: RemoteExampleOptions = {
    storeId: values['store-id'],
    password: values.password,
    accountId,
    sellerToken: values.token,
    transmissionId,
    status: values.status,
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
      help: { type: 'boolean', short: 'h' },
    },
  });
}
