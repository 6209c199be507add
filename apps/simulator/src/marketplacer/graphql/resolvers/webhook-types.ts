import { byIdConnection, type PageArgs } from '../connection.js';
import { idOf, type Ctx } from './common.js';

/** Who the simulated operator API key belongs to (`apiKeyPrincipal`): stable, plausible values. */
export const SIMULATED_API_KEY_PRINCIPAL = {
  emailAddress: 'operator@simulator.example',
  name: 'Simulator operator',
  username: 'simulator-operator',
} as const;

/** The API key's principal and the instance's webhooks (hmacKey and headers are never readable). */
export const operatorQueries = {
  apiKeyPrincipal: () => ({ ...SIMULATED_API_KEY_PRINCIPAL }),
  webhooks: (_: unknown, args: PageArgs, { state }: Ctx) => byIdConnection(state.webhooks.list(), args),
};

export const webhookResolvers = {
  Webhook: {
    id: idOf('Webhook'),
  },
};
