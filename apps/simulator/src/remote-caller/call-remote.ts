import type { KeyObject } from 'node:crypto';
import { ANYMARKET_TOKEN_HEADER, signAnymarketToken, type AnymarketTokenClaims } from '#anymarket';
import { REMOTES, type RemoteDefinition, type RemoteName } from './remotes.js';

export interface CallRemoteOptions {
  /** The connector's base URL, where ANYMARKET would send remotes (e.g. http://localhost:3000). */
  connectorUrl: string;
  remote: RemoteName;
  /** The request body; default: the remote's example body. */
  body?: unknown;
  /** Token claims over the demo ones (oi 22449504., exp now + 5 min). */
  claims?: Partial<AnymarketTokenClaims>;
  /** Signing key; default: the development-only private key the connector trusts in demo mode. */
  privateKey?: string | KeyObject;
  query?: Record<string, string>;
}

export interface RemoteAnswer {
  status: number;
  /** Parsed JSON, or the raw text when the answer is not JSON. */
  body: unknown;
}

/** Calls one of the connector's remotes as ANYMARKET would: signed x-anymarket-token, JSON body. */
export async function callRemote(options: CallRemoteOptions): Promise<RemoteAnswer> {
  const remote: RemoteDefinition = REMOTES[options.remote];
  const body = options.body !== undefined ? options.body : remote.exampleBody?.({});
  const url = new URL(`${options.connectorUrl.replace(/\/+$/, '')}${remote.path}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const response = await fetch(url, {
    method: remote.method,
    headers: {
      [ANYMARKET_TOKEN_HEADER]: signAnymarketToken(options.claims, { privateKey: options.privateKey }),
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: parseJson(text) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
