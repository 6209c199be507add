import { DomainError } from '#common';

export class ConsoleError extends DomainError {}

export const consoleErrors = {
  sellerNotFound: (linkId: number) => new ConsoleError('CONSOLE_SELLER_NOT_FOUND', 'not_found', `No seller link has the id ${linkId}`),
  csrfRefused: () =>
    new ConsoleError(
      'CONSOLE_CSRF_REFUSED',
      'forbidden',
      'The form is not from this console session (missing or wrong CSRF token): reload the page and try again',
    ),
  invalidId: (name: string) => new ConsoleError('CONSOLE_INVALID_ID', 'invalid', `The ${name} in the path is not a valid id`),
  invalidQuery: (message: string) => new ConsoleError('CONSOLE_INVALID_QUERY', 'invalid', message),
};
