import type { DataSource, EntityManager } from 'typeorm';
import { availableDatabases, openEntitiesTestDatabase, type EntitiesTestDatabase } from '#common/testing';
import { WebhookEventEntity, type WebhookEventState } from './entities/webhook-event.entity.js';
import { readDelivery } from './webhook-delivery.js';
import { WebhookEventStore, type AcceptedDelivery } from './webhook-event.store.js';

const databases = await availableDatabases();

/** A delivery about an Advert, keyed `key`; `body` other than JSON makes it unusable (stored `ignored`). */
function accepted(key: string, options: { sequence?: number; body?: string; traceparent?: string } = {}): AcceptedDelivery {
  const body = options.body ?? JSON.stringify({ id: `e-${key}`, event_name: 'update', payload: { data: { node: { __typename: 'Advert', id: `A-${key}` } } } });
  const headers: Record<string, string> = { 'idempotency-key': key, 'marketplacer-sequence': String(options.sequence ?? 1) };
  return {
    delivery: readDelivery((name) => headers[name], Buffer.from(body)),
    receivedAt: new Date('2026-12-01T10:00:00.000Z'),
    traceparent: options.traceparent ?? null,
  };
}

describe.each(databases)('WebhookEventStore on %s: recordAll, and what processing reads and writes', (kind) => {
  let database: EntitiesTestDatabase;
  let dataSource: DataSource;
  let store: WebhookEventStore;

  beforeAll(async () => {
    database = await openEntitiesTestDatabase(kind, [WebhookEventEntity]);
    dataSource = database.dataSource;
    store = new WebhookEventStore(dataSource.getRepository(WebhookEventEntity));
  });

  afterAll(() => database?.close());

  beforeEach(() => dataSource.getRepository(WebhookEventEntity).clear());

  it('stores a group in one go, each row as record would, and answers each with its event in order', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const answers = await store.recordAll([accepted('k1', { sequence: 7, traceparent }), accepted('k2'), accepted('k3', { body: 'not json' })]);

    expect(answers.map((answer) => [answer.event.idempotencyKey, answer.duplicate, answer.event.state])).toEqual([
      ['k1', false, 'received'],
      ['k2', false, 'received'],
      ['k3', false, 'ignored'],
    ]);
    expect(new Set(answers.map((answer) => answer.event.id)).size).toBe(3);
    for (const answer of answers) expect(await store.get(answer.event.id)).toMatchObject({ idempotencyKey: answer.event.idempotencyKey });
    expect(await store.get(answers[0].event.id)).toMatchObject({
      sequence: 7,
      objectType: 'Advert',
      objectId: 'A-k1',
      eventName: 'update',
      traceparent,
      receivedAt: new Date('2026-12-01T10:00:00.000Z'),
      processedAt: null,
      attempts: 0,
    });
    expect(await store.get(answers[2].event.id)).toMatchObject({
      state: 'ignored',
      note: 'the body is not JSON',
      processedAt: new Date('2026-12-01T10:00:00.000Z'),
    });
  });

  it('answers a key met earlier in the same group, or already stored, as a duplicate of the stored event, storing nothing more', async () => {
    const [first] = await store.recordAll([accepted('stored')]);
    const answers = await store.recordAll([accepted('new'), accepted('stored'), accepted('new'), accepted('other')]);

    expect(answers.map((answer) => [answer.event.idempotencyKey, answer.duplicate])).toEqual([
      ['new', false],
      ['stored', true],
      ['new', true],
      ['other', false],
    ]);
    expect(answers[1].event.id).toBe(first.event.id);
    expect(answers[2].event.id).toBe(answers[0].event.id);
    expect(await dataSource.getRepository(WebhookEventEntity).count()).toBe(3);
  });

  it('reads back as a duplicate a key another writer stored just before its insert (the insert skips it)', async () => {
    const repository = dataSource.getRepository(WebhookEventEntity);
    // The other writer (another replica on Postgres) inserts right before the group's insert.
    let raced = false;
    const racing = new WebhookEventStore(
      Object.assign(Object.create(repository) as typeof repository, {
        manager: Object.assign(Object.create(repository.manager) as typeof repository.manager, {
          transaction: (work: (manager: EntityManager) => Promise<unknown>) =>
            repository.manager.transaction(async (manager) => {
              const original = manager.query.bind(manager);
              manager.query = (async (...args: Parameters<typeof original>) => {
                if (!raced) {
                  raced = true;
                  // On SQLite the other writer's row is written in this transaction's turn; on Postgres by another connection, committed at once.
                  if (kind === 'sqlite') await manager.insert(WebhookEventEntity, repository.create(rowFor('raced')));
                  else await repository.insert(repository.create(rowFor('raced')));
                }
                return original(...args);
              }) as typeof manager.query;
              return work(manager);
            }),
        }),
      }),
    );
    const answers = await racing.recordAll([accepted('raced'), accepted('mine')]);
    expect(raced).toBe(true);
    expect(answers.map((answer) => [answer.event.idempotencyKey, answer.duplicate])).toEqual([
      ['raced', true],
      ['mine', false],
    ]);
    expect(answers[0].event.body).toBe(rowFor('raced').body);
    expect(await repository.count()).toBe(2);
  });

  it('runs alsoWithin in the same transaction with the answers, and stores nothing of the group when it throws', async () => {
    const repository = dataSource.getRepository(WebhookEventEntity);
    let seen: Array<[string, boolean]> = [];
    const answers = await store.recordAll([accepted('a'), accepted('a')], async (manager, recorded) => {
      seen = recorded.map((each) => [each.event.idempotencyKey, each.duplicate]);
      // The rows are visible to the transaction's own statements.
      expect(await manager.countBy(WebhookEventEntity, { idempotencyKey: 'a' })).toBe(1);
    });
    expect(seen).toEqual([
      ['a', false],
      ['a', true],
    ]);
    expect(answers.map((answer) => answer.event.id)).toEqual([answers[0].event.id, answers[0].event.id]);

    await expect(
      store.recordAll([accepted('b'), accepted('c')], () => {
        throw new Error('the jobs could not be sent');
      }),
    ).rejects.toThrow('the jobs could not be sent');
    expect((await repository.find()).map((event) => event.idempotencyKey)).toEqual(['a']);
  });

  it('stores nothing of a group it cannot store, and says so', async () => {
    const bad = accepted('bad');
    // A row both databases refuse (body is NOT NULL): no unique key is involved, so nothing is skipped.
    bad.delivery = { ...bad.delivery, body: null as never };
    await expect(store.recordAll([accepted('fine'), bad])).rejects.toThrow(/null/i);
    expect(await dataSource.getRepository(WebhookEventEntity).count()).toBe(0);
  });

  let keys = 0;

  /** An event about `objectId` (an Advert), stored directly in `state`. */
  async function stored(objectId: string, state: WebhookEventState, sequence: number | null, vertical: string | null = null): Promise<WebhookEventEntity> {
    keys += 1;
    const repository = dataSource.getRepository(WebhookEventEntity);
    return repository.save(
      repository.create({ ...rowFor(`k${keys}`), objectType: 'Advert', objectId, state, sequence, vertical, eventName: 'update', attempts: 1 }),
    );
  }

  it('reads the event itself (not its body) in one statement, and null for an event that does not exist', async () => {
    const event = await stored('A1', 'received', 5, 'shop-a');
    await dataSource.getRepository(WebhookEventEntity).update({ id: event.id }, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });

    expect(await store.forProcessing(event.id)).toEqual({
      event: {
        id: event.id,
        state: 'received',
        sequence: 5,
        vertical: 'shop-a',
        eventName: 'update',
        objectType: 'Advert',
        objectId: 'A1',
        attempts: 1,
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
      appliedSequence: null,
      newerWaiting: null,
    });
    expect(await store.forProcessing(event.id + 1000)).toBeNull();
  });

  it("answers the highest sequence applied to the object by the event's own instance: not another object's, not another instance's, not an unprocessed one's", async () => {
    await stored('A1', 'processed', 7, 'shop-a');
    await stored('A1', 'processed', 4, 'shop-a');
    await stored('A1', 'processed', 90, 'shop-b');
    await stored('A1', 'ignored', 80, 'shop-a');
    await stored('A2', 'processed', 70, 'shop-a');
    const event = await stored('A1', 'received', 5, 'shop-a');
    const noInstance = await stored('A1', 'received', 5, null);
    await stored('A1', 'processed', 3, null);

    expect((await store.forProcessing(event.id))?.appliedSequence).toBe(7);
    expect((await store.forProcessing(noInstance.id))?.appliedSequence).toBe(3);
  });

  it('answers the latest later event of the object still waiting: by sequence when the event has one, else by id', async () => {
    const event = await stored('A1', 'received', 5);
    await stored('A1', 'received', 4);
    await stored('A1', 'processed', 9);
    await stored('A2', 'received', 8);
    expect((await store.forProcessing(event.id))?.newerWaiting).toBeNull();

    const later = await stored('A1', 'received', 6);
    const latest = await stored('A1', 'received', 8);
    expect((await store.forProcessing(event.id))?.newerWaiting).toEqual({ id: latest.id, sequence: 8 });
    expect((await store.forProcessing(later.id))?.newerWaiting).toEqual({ id: latest.id, sequence: 8 });
    expect((await store.forProcessing(latest.id))?.newerWaiting).toBeNull();

    const unnumbered = await stored('A3', 'received', null);
    expect((await store.forProcessing(unnumbered.id))?.newerWaiting).toBeNull();
    const next = await stored('A3', 'received', null);
    expect((await store.forProcessing(unnumbered.id))?.newerWaiting).toEqual({ id: next.id, sequence: null });
  });

  it('finishes an event: its state, note or error, attempts and when, as TypeORM reads them back', async () => {
    const done = await stored('A1', 'received', 1);
    const failed = await stored('A2', 'received', 1);
    const at = new Date('2026-12-07T11:12:13.456Z');

    await store.finish(done.id, 'processed', 'order 42 created', 2, at);
    await store.finish(failed.id, 'failed', 'Marketplacer refused the read', 6, at);

    const repository = dataSource.getRepository(WebhookEventEntity);
    expect(await repository.findOneBy({ id: done.id })).toMatchObject({
      state: 'processed',
      note: 'order 42 created',
      lastError: null,
      attempts: 2,
      processedAt: at,
    });
    expect(await repository.findOneBy({ id: failed.id })).toMatchObject({
      state: 'failed',
      note: null,
      lastError: 'Marketplacer refused the read',
      attempts: 6,
      processedAt: at,
    });
    expect((await store.forProcessing(done.id))?.event.state).toBe('processed');
  });
});

/** The row a delivery keyed `key` makes, written directly (the other writer). */
function rowFor(key: string): Partial<WebhookEventEntity> {
  const { delivery, receivedAt } = accepted(key);
  return {
    idempotencyKey: key,
    sequence: delivery.sequence,
    objectType: delivery.objectType,
    objectId: delivery.objectId,
    state: 'received',
    attempts: 0,
    headersJson: '{}',
    body: delivery.body,
    bodyEncoding: 'utf8',
    receivedAt,
  };
}
