import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger } from '#common';
import { createSimulatorApp } from '../../../apps/simulator/src/bootstrap.js';
import { loadSimulatorConfig } from '../../../apps/simulator/src/config/simulator.config.js';
import { DEMO_MARKETPLACER_API_KEY } from '../../../apps/simulator/src/marketplacer/marketplacer-simulator.config.js';
import { loadContractOperations, type ContractOperation } from './contract-operations.js';

export interface GraphqlAnswer<T = Record<string, any>> {
  status: number;
  body: { data?: T; errors?: { message: string; path?: (string | number)[] }[] };
}

/**
 * The simulator booted in-process on an ephemeral port, with helpers to send the connector's operation
 * documents and to call the control API.
 */
export class SimulatorHarness {
  readonly operations: Map<string, ContractOperation>;
  readonly executed = new Set<string>();

  private constructor(
    readonly app: NestExpressApplication,
    readonly baseUrl: string,
  ) {
    this.operations = loadContractOperations();
  }

  static async start(env: Record<string, string> = {}): Promise<SimulatorHarness> {
    const config = loadSimulatorConfig({ LOG_LEVEL: 'silent', ...env });
    const { app } = await createSimulatorApp(config, createLogger('silent', 'simulator-test'));
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return new SimulatorHarness(app, `http://127.0.0.1:${port}`);
  }

  async stop(): Promise<void> {
    await this.app.close();
  }

  /** POST /graphql with the demo API key (or the given headers). */
  async graphql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = { 'MARKETPLACER-API-KEY': DEMO_MARKETPLACER_API_KEY },
  ): Promise<GraphqlAnswer<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: GraphqlAnswer<T>['body'];
    try {
      body = JSON.parse(text) as GraphqlAnswer<T>['body'];
    } catch {
      body = { errors: [{ message: text }] };
    }
    return { status: response.status, body };
  }

  /** Runs one of the connector's operation documents by name; fails on HTTP or top-level GraphQL errors. */
  async run<T = Record<string, any>>(name: string, variables: Record<string, unknown> = {}): Promise<T> {
    const operation = this.operations.get(name);
    if (!operation) throw new Error(`no operation document named ${name}`);
    const answer = await this.graphql<T>(operation.text, variables);
    if (answer.status !== 200 || answer.body.errors?.length) {
      throw new Error(`${name} failed: HTTP ${answer.status} ${JSON.stringify(answer.body.errors)}`);
    }
    this.executed.add(name);
    return answer.body.data!;
  }

  async control<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}/_control/marketplacer${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}
