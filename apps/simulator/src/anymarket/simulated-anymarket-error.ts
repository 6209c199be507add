import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { AnymarketErrorBody } from '#anymarket';

/** A refusal in ANYMARKET's own wire format: the status and `{code, message}`. */
export class SimulatedAnymarketError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get body(): AnymarketErrorBody {
    // The spec's examples carry the 404 code as a number and the others as strings; so do we.
    return { code: this.status === 404 ? 404 : String(this.status), message: this.message };
  }

  static notFound(id: string | number): SimulatedAnymarketError {
    return new SimulatedAnymarketError(404, `Recurso com o id '${id}' não encontrado`);
  }

  static badRequest(message: string): SimulatedAnymarketError {
    return new SimulatedAnymarketError(400, message);
  }
}

/** Renders `SimulatedAnymarketError`s for the simulated API (everything else goes to the global filter). */
@Catch(SimulatedAnymarketError)
export class SimulatedAnymarketErrorFilter implements ExceptionFilter {
  catch(error: SimulatedAnymarketError, host: ArgumentsHost): void {
    sendAnymarketError(host.switchToHttp().getResponse<Response>(), error);
  }
}

export function sendAnymarketError(res: Response, error: SimulatedAnymarketError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).json(error.body);
}
