import { jest } from '@jest/globals';
import { Logger, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS } from '../database/database-unavailable.js';
import { AllExceptionsFilter, ERROR_RENDERER, type ErrorRenderer } from './all-exceptions.filter.js';
import { codedErrorOf, failureOutcomeOf } from './coded-error.js';
import { DomainError } from './domain-error.js';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Runs the filter on `exception` as for a request to `path`, with the request's own renderer if given. */
function answerTo(exception: unknown, render?: ErrorRenderer): Answer {
  const answer: Answer = { status: 0, headers: {}, body: undefined };
  const res = {
    headersSent: false,
    setHeader: (name: string, value: string) => (answer.headers[name] = value),
    status: (status: number) => ((answer.status = status), res),
    json: (body: unknown) => (answer.body = body),
  };
  const req = { path: '/admin/accounts', method: 'GET', ...(render ? { [ERROR_RENDERER]: render } : {}) };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }) } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return answer;
}

/** A Postgres error as node-postgres raises it (a SQLSTATE in `code`), wrapped by TypeORM as a failed query. */
function failedQuery(code: string, message: string): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));
}

describe('AllExceptionsFilter', () => {
  let logged: Array<Record<string, unknown>>;

  beforeEach(() => {
    logged = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((entry: unknown) => void logged.push(entry as Record<string, unknown>));
  });

  afterEach(() => jest.restoreAllMocks());

  it('answers a database that cannot serve now 503 with Retry-After, and says so in the log without an error id', () => {
    const answer = answerTo(failedQuery('57P03', 'the database system is starting up'));
    expect(answer).toEqual({
      status: 503,
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
      body: { error: { code: 'DATABASE_UNAVAILABLE', message: 'The database is unavailable; repeat the request shortly' } },
    });
    expect(logged).toEqual([
      expect.objectContaining({
        code: 'DATABASE_UNAVAILABLE',
        status: 503,
        cause: { name: 'QueryFailedError', message: 'the database system is starting up' },
      }),
    ]);
  });

  it("answers it in a route's own wire format when the route renders its errors", () => {
    const rendered: Array<{ status: number; code: string }> = [];
    const answer = answerTo(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), (status, error) =>
      rendered.push({ status, code: error.code }),
    );
    expect({ rendered, headers: answer.headers }).toEqual({ rendered: [{ status: 503, code: 'DATABASE_UNAVAILABLE' }], headers: { 'Retry-After': '5' } });
  });

  it('answers a statement the database refused 500 with an error id, without its message or a Retry-After', () => {
    const answer = answerTo(failedQuery('42601', 'syntax error at or near "SELEC"'));
    expect(answer.status).toBe(500);
    expect(answer.headers).toEqual({});
    expect(answer.body).toEqual({ error: { code: 'INTERNAL_ERROR', message: expect.not.stringContaining('SELEC'), errorId: expect.any(String) } });
  });
});

describe('codedErrorOf', () => {
  it('gives domain errors as they are, a database that cannot serve its code, anything else nothing', () => {
    const codes = [
      failedQuery('53300', 'sorry, too many clients already'),
      failedQuery('08006', 'connection failure'),
      failedQuery('23505', 'duplicate key value violates unique constraint'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      new QueryFailedError('INSERT', [], Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })),
      new QueryFailedError('INSERT', [], Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' })),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      'a thrown string',
    ].map((error) => codedErrorOf(error)?.code);
    expect(codes).toEqual([
      'DATABASE_UNAVAILABLE',
      'DATABASE_UNAVAILABLE',
      undefined,
      'DATABASE_UNAVAILABLE',
      'DATABASE_UNAVAILABLE',
      'DATABASE_UNAVAILABLE',
      'DATABASE_UNAVAILABLE',
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('failureOutcomeOf', () => {
  it('records a coded error by its kind, an HTTP error by its status, a database outage as 503 and anything else as 500 without its message', () => {
    const outcomes = [
      new DomainError('SELLER_NOT_FOUND', 'not_found', 'Seller 7 was not found'),
      new NotFoundException('Cannot GET /admin/nothing'),
      failedQuery('57P01', 'terminating connection due to administrator command'),
      new TypeError('secret detail'),
    ].map(failureOutcomeOf);
    expect(outcomes).toEqual([
      { statusCode: 404, errorCode: 'SELLER_NOT_FOUND', message: 'Seller 7 was not found' },
      { statusCode: 404, errorCode: 'HTTP_404', message: 'Cannot GET /admin/nothing' },
      { statusCode: 503, errorCode: 'DATABASE_UNAVAILABLE', message: 'The database is unavailable; repeat the request shortly' },
      { statusCode: 500, errorCode: 'INTERNAL_ERROR' },
    ]);
  });
});
