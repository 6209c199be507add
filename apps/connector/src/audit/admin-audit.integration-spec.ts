import { tmpdir } from 'node:os';
import { Body, Controller, Module, Param, Post } from '@nestjs/common';
import { IsString } from 'class-validator';
import request from 'supertest';
import { AdminRoute, DomainError } from '#common';
import { availableDatabases, createTestDatabase, type TestDatabase } from '#common/testing';
import { startConnectorTestApp, TEST_ADMIN_TOKEN, type ConnectorTestApp } from '#test-support/connector/connector-test-app';

class ProbeBody {
  @IsString() name: string;
}

/** Probe routes standing in for future admin mutations: one succeeds, one is refused, one crashes. */
@AdminRoute()
@Controller('admin/probe')
class ProbeController {
  @Post('ok')
  ok(@Body() body: ProbeBody): { name: string } {
    return { name: body.name };
  }

  @Post('refused')
  refused(): never {
    throw new DomainError('PROBE_REFUSED', 'conflict', 'refused on purpose');
  }

  @Post('echo/:anything')
  echo(@Param('anything') anything: string): { length: number } {
    return { length: anything.length };
  }

  @Post('crash')
  crash(): never {
    throw new Error('boom: secret internals at /srv/app.ts:42');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const databases = await availableDatabases();

describe.each(databases)('admin audit trail and error mapping on %s', (kind) => {
  let database: TestDatabase;
  let t: ConnectorTestApp;
  let http: ReturnType<typeof request>;
  const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  beforeAll(async () => {
    database = await createTestDatabase(kind, tmpdir());
    t = await startConnectorTestApp(database.target, {}, [ProbeModule]);
    http = request(t.app.getHttpServer());
  });

  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('maps a coded domain error to its status with code and message', async () => {
    const res = await http.post('/admin/probe/refused').set(admin).expect(409);
    expect(res.body.error).toMatchObject({ code: 'PROBE_REFUSED', message: 'refused on purpose' });
  });

  it('answers an unexpected error 500 with an error id and no internals', async () => {
    const res = await http.post('/admin/probe/crash').set(admin).expect(500);
    expect(res.body.error.code).toBe('INTERNAL_ERROR');
    expect(res.body.error.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(res.body)).not.toMatch(/boom|stack|\/srv\/app\.ts/);
    const logged = t.logs.find((line) => line.errorId === res.body.error.errorId);
    expect(logged).toBeDefined();
  });

  it('answers a body that fails validation 400 naming the field, and changes nothing', async () => {
    const res = await http.post('/admin/probe/ok').set(admin).send({ name: 42 }).expect(400);
    expect(res.body.error.details).toEqual([{ field: 'name', messages: ['name must be a string'] }]);
  });

  it('records each state-changing admin request with its outcome, newest first', async () => {
    const before = Date.now();
    await http.post('/admin/probe/ok').set(admin).set('x-request-id', 'audit-probe-1').send({ name: 'x' }).expect(201);
    await http.post('/admin/probe/ok').send({ name: 'no credential' }).expect(401);
    const res = await http.get('/admin/audit-events?limit=10').set(admin).expect(200);
    const [latest] = res.body;
    expect(latest).toMatchObject({ requestId: 'audit-probe-1', method: 'POST', path: '/admin/probe/ok', statusCode: 201, errorCode: null });
    // Stored and read back as the same UTC instant on both databases.
    expect(Date.parse(latest.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(latest.occurredAt)).toBeLessThanOrEqual(Date.now() + 1000);
    const outcomes = res.body.map((e: { path: string; statusCode: number; errorCode: string | null }) => [e.path, e.statusCode, e.errorCode]);
    expect(outcomes).toEqual([
      ['/admin/probe/ok', 201, null],
      ['/admin/probe/ok', 400, 'VALIDATION_FAILED'],
      ['/admin/probe/crash', 500, 'INTERNAL_ERROR'],
      ['/admin/probe/refused', 409, 'PROBE_REFUSED'],
    ]);
    const page2 = await http.get(`/admin/audit-events?limit=2&beforeId=${res.body[1].id}`).set(admin).expect(200);
    expect(page2.body.map((e: { errorCode: string | null }) => e.errorCode)).toEqual(['INTERNAL_ERROR', 'PROBE_REFUSED']);
  });

  it('records a request whose path is longer than its column, cut short, instead of failing it', async () => {
    const long = 'x'.repeat(2_000);
    expect((await http.post(`/admin/probe/echo/${long}`).set(admin).expect(201)).body).toEqual({ length: 2_000 });
    const [latest] = (await http.get('/admin/audit-events?limit=1').set(admin).expect(200)).body;
    expect(latest.path).toHaveLength(500);
    expect(latest.path.startsWith('/admin/probe/echo/xxx')).toBe(true);
    expect(latest.statusCode).toBe(201);
  });
});
