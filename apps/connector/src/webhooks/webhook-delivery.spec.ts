import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { KEPT_HEADERS, readDelivery } from './webhook-delivery.js';

// Published delivery bodies, read as the exact bytes (../shared from the repo root, as the other specs find it).
const WEBHOOKS_DIR = resolve(process.cwd(), '../shared/marketplacer/webhooks');
const bytesOf = (file: string): Buffer => readFileSync(resolve(WEBHOOKS_DIR, file));
const sha256 = (value: Buffer | string): string => createHash('sha256').update(value).digest('hex');

/**
 * The request's `header(name)` as Express answers it for a request whose headers Node has already
 * lower-cased: only an exact lower-case name is found, so a lookup in another case would miss.
 */
function headersOf(sent: Record<string, string>): (name: string) => string | undefined {
  const received = Object.fromEntries(Object.entries(sent).map(([name, value]) => [name.toLowerCase(), value]));
  return (name) => (Object.hasOwn(received, name) ? received[name] : undefined);
}

const noHeaders = headersOf({});

/** The headers of the delivery captured in webhook-endpoint-dotnet's README (headers.md §1), signed as if a key were set. */
const CAPTURED = {
  Accept: '*/*',
  Host: 'my-persistent-url',
  'User-Agent': 'Marketplacer Client/1.0.0',
  'Accept-Encoding': 'gzip',
  'Content-Type': 'application/json',
  traceparent: '00-6625ef040000000029503a352a27b034-1890022d9505b303-01',
  tracestate: 'dd=s:1;t.dm:-1',
  'Idempotency-Key': 'YmVzdGZyaWVuZGJhemFhcjoyNTUy',
  'Marketplacer-Sequence': '2552',
  'Marketplacer-Vertical': 'bestfriendbazaar',
  'Marketplacer-Hmac-256': 'q5Yx0oV0Xn7cQm0Gk6q8Vb2H3Yl0m9Fq1c8r5u2w4yE=',
  'X-Forwarded-For': '13.54.180.168',
  'auth-key': '0aacc3d70e2749509c47ec6fa55a2282',
};

/** What each published example names; the edited-ids ones keep their (invalid base64) ids as given. */
const PUBLISHED: Record<string, { eventId: string; eventName: string; objectType: string; objectId: string }> = {
  'advert-create.example.json': { eventId: 'V2ViaG9va0V2ZW50LTE51', eventName: 'create', objectType: 'Advert', objectId: 'QWR2ZXJ0LTEwMDAwMDAxMg==' },
  'advert-update.example.json': { eventId: 'V2ViaG9va0V2ZW50LTE51', eventName: 'update', objectType: 'Advert', objectId: 'QWR2ZXJ0LTEwMDAwMDAxMg==' },
  'seller-update.example.json': { eventId: 'V2ViaG9va0V2ZW50LTE51', eventName: 'update', objectType: 'Seller', objectId: 'U2VsbGVyLTQ=' },
  'advert-create-edited-ids.example.json': {
    eventId: 'V2ViaG9va0V2ZW50LTE52',
    eventName: 'create',
    objectType: 'Advert',
    objectId: 'QWR2ZXJ0LTEwMDAwMDAxM==g',
  },
  'advert-update-edited-ids.example.json': {
    eventId: 'V2ViaG9va0V2ZW50LTE53',
    eventName: 'update',
    objectType: 'Advert',
    objectId: 'QWR2ZXJ0LTEwMDAwMDAxM==g',
  },
};

describe('readDelivery', () => {
  describe('the published delivery bodies', () => {
    it('are all covered here (a newly published example must be added to the table)', () => {
      const published = readdirSync(WEBHOOKS_DIR)
        .filter((file) => file.endsWith('.example.json'))
        .sort();
      expect(published).toEqual(Object.keys(PUBLISHED).sort());
    });

    it.each(Object.entries(PUBLISHED))('%s: names its event and object, with no problem', (file, expected) => {
      const raw = bytesOf(file);
      const delivery = readDelivery(noHeaders, raw);
      expect(delivery).toMatchObject({ ...expected, problem: null });
      expect(delivery.body).toBe(raw.toString('utf8'));
      expect(Buffer.from(delivery.body, 'utf8').equals(raw)).toBe(true);
    });

    it('keep ids exactly as given, even the hand-edited ones that are not valid base64 (ids are opaque)', () => {
      for (const file of ['advert-create-edited-ids.example.json', 'advert-update-edited-ids.example.json']) {
        const delivery = readDelivery(noHeaders, bytesOf(file));
        expect(delivery.objectId).toBe('QWR2ZXJ0LTEwMDAwMDAxM==g');
        expect(delivery.idempotencyKey).toBe(`event:${PUBLISHED[file].eventId}`);
        expect(Buffer.from(delivery.objectId!, 'base64').toString('base64')).not.toBe(delivery.objectId);
      }
    });
  });

  describe("the object's entity", () => {
    it.each([
      ['DeletedAdvert', 'Advert'],
      ['UnpublishedAdvert', 'Advert'],
      ['DeletedSeller', 'Seller'],
      ['Advert', 'Advert'],
      ['RemittanceAdvice', 'RemittanceAdvice'],
      ['Deletedthing', 'Deletedthing'],
    ])('a %s node is about a %s (one object, one type, whatever its state)', (typename, entity) => {
      const raw = Buffer.from(JSON.stringify({ id: 'e-1', event_name: 'destroy', payload: { data: { node: { __typename: typename, id: 'QWR2ZXJ0LTE=' } } } }));
      expect(readDelivery(noHeaders, raw)).toMatchObject({ objectType: entity, objectId: 'QWR2ZXJ0LTE=', problem: null });
    });
  });

  describe('headers', () => {
    const raw = bytesOf('advert-update.example.json');

    it('reads Idempotency-Key, Marketplacer-Sequence and Marketplacer-Vertical of the captured delivery', () => {
      const delivery = readDelivery(headersOf(CAPTURED), raw);
      expect(delivery.idempotencyKey).toBe('YmVzdGZyaWVuZGJhemFhcjoyNTUy');
      expect(delivery.sequence).toBe(2552);
      expect(delivery.vertical).toBe('bestfriendbazaar');
    });

    it('keeps only the identifying headers, lower-cased, and never the signature', () => {
      const { headers } = readDelivery(headersOf(CAPTURED), raw);
      expect(headers).toEqual({
        'idempotency-key': 'YmVzdGZyaWVuZGJhemFhcjoyNTUy',
        'marketplacer-sequence': '2552',
        'marketplacer-vertical': 'bestfriendbazaar',
        'user-agent': 'Marketplacer Client/1.0.0',
        'content-type': 'application/json',
        traceparent: '00-6625ef040000000029503a352a27b034-1890022d9505b303-01',
      });
      expect(Object.keys(headers)).not.toContain('marketplacer-hmac-256');
      expect(KEPT_HEADERS).not.toContain('marketplacer-hmac-256');
      expect(JSON.stringify(headers)).not.toContain(CAPTURED['Marketplacer-Hmac-256']);
      expect(JSON.stringify(headers)).not.toContain(CAPTURED['auth-key']);
    });

    it('gives null sequence and vertical, and no kept headers, when none are sent', () => {
      const delivery = readDelivery(noHeaders, raw);
      expect(delivery).toMatchObject({ sequence: null, vertical: null, headers: {} });
    });
  });

  describe('the idempotency key', () => {
    it('is the Idempotency-Key header as given (opaque, trimmed)', () => {
      const raw = bytesOf('advert-update.example.json');
      expect(readDelivery(headersOf({ 'Idempotency-Key': ' not:base64/at all ' }), raw).idempotencyKey).toBe('not:base64/at all');
    });

    it("without the header (or with a blank one) is the body's event id", () => {
      const raw = bytesOf('seller-update.example.json');
      expect(readDelivery(noHeaders, raw).idempotencyKey).toBe('event:V2ViaG9va0V2ZW50LTE51');
      expect(readDelivery(headersOf({ 'Idempotency-Key': '   ' }), raw).idempotencyKey).toBe('event:V2ViaG9va0V2ZW50LTE51');
    });

    it("without the header and without a body id is the body's SHA-256, stable for the same bytes", () => {
      const raw = Buffer.from('{"event_name":"update","payload":{"data":{"node":{"__typename":"Advert","id":"QWR2ZXJ0LTE="}}}}');
      const first = readDelivery(noHeaders, raw);
      expect(first.idempotencyKey).toBe(`body:${sha256(raw)}`);
      expect(readDelivery(noHeaders, Buffer.from(raw)).idempotencyKey).toBe(first.idempotencyKey);
      const otherBytes = Buffer.from(raw.toString('utf8').replace('"update"', '"create"'));
      expect(readDelivery(noHeaders, otherBytes).idempotencyKey).not.toBe(first.idempotencyKey);
      expect(readDelivery(noHeaders, Buffer.from('not json')).idempotencyKey).toBe(`body:${sha256('not json')}`);
    });

    it('is hashed when the header is over-long, and kept up to 200 characters', () => {
      const raw = bytesOf('advert-update.example.json');
      const longest = 'k'.repeat(200);
      const tooLong = 'k'.repeat(201);
      expect(readDelivery(headersOf({ 'Idempotency-Key': longest }), raw).idempotencyKey).toBe(longest);
      const hashed = readDelivery(headersOf({ 'Idempotency-Key': tooLong }), raw).idempotencyKey;
      expect(hashed).toBe(`sha256:${sha256(tooLong)}`);
      expect(readDelivery(headersOf({ 'Idempotency-Key': tooLong }), raw).idempotencyKey).toBe(hashed);
      expect(readDelivery(headersOf({ 'Idempotency-Key': `${tooLong}x` }), raw).idempotencyKey).not.toBe(hashed);
    });
  });

  describe('Marketplacer-Sequence', () => {
    const raw = bytesOf('advert-update.example.json');
    const sequenceOf = (value: string) => readDelivery(headersOf({ 'Marketplacer-Sequence': value }), raw).sequence;

    it('is read as a whole non-negative number', () => {
      expect(sequenceOf('0')).toBe(0);
      expect(sequenceOf(' 2552 ')).toBe(2552);
      expect(sequenceOf('123456789012345')).toBe(123456789012345);
    });

    it.each(['abc', '-1', '1.5', '12345678901234567890', '', ' ', '1e3', '0x10'])('%j is no sequence (null)', (value) => {
      expect(sequenceOf(value)).toBeNull();
    });
  });

  describe('a body that cannot be used is still read, with the problem', () => {
    const cases: Array<[string, Buffer, RegExp]> = [
      ['not JSON', Buffer.from('this is not json'), /not JSON/],
      ['a truncated published body', bytesOf('advert-update.example.json').subarray(0, 120), /not JSON/],
      ['an empty body', Buffer.alloc(0), /not JSON/],
      ['a JSON array', Buffer.from('[{"id":"V2ViaG9va0V2ZW50LTE51"}]'), /not a JSON object/],
      ['JSON null', Buffer.from('null'), /not a JSON object/],
      ['a JSON string', Buffer.from('"update"'), /not a JSON object/],
      ['a null node', Buffer.from('{"id":"e-1","event_name":"update","payload":{"data":{"node":null}}}'), /names no object/],
      ['no payload', Buffer.from('{"id":"e-1","event_name":"destroy"}'), /names no object/],
      ['a node without id', Buffer.from('{"id":"e-1","event_name":"update","payload":{"data":{"node":{"__typename":"Advert"}}}}'), /names no object/],
      ['a node without __typename', Buffer.from('{"id":"e-1","event_name":"update","payload":{"data":{"node":{"id":"QWR2ZXJ0LTE="}}}}'), /names no object/],
    ];

    it.each(cases)('%s', (_name, raw, problem) => {
      let delivery: ReturnType<typeof readDelivery> | undefined;
      expect(() => (delivery = readDelivery(headersOf({ 'Marketplacer-Sequence': '7' }), raw))).not.toThrow();
      expect(delivery!.problem).toMatch(problem);
      expect(delivery!.body).toBe(raw.toString('utf8'));
      expect(delivery!.sequence).toBe(7);
      expect(delivery!.idempotencyKey).toMatch(/^(event:e-1|body:[0-9a-f]{64})$/);
    });

    it('keeps bytes that are not UTF-8 text without NUL in base64, byte for byte, as unusable', () => {
      for (const raw of [Buffer.from('{"id":"e-1",\u0000"x":1}'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), Buffer.from('{"id":"e\u0000"}')]) {
        const delivery = readDelivery(noHeaders, raw);
        expect(delivery).toMatchObject({ bodyEncoding: 'base64', problem: 'the body is not UTF-8 text without NUL characters' });
        expect(Buffer.from(delivery.body, 'base64').equals(raw)).toBe(true);
      }
      expect(readDelivery(noHeaders, bytesOf('advert-update.example.json')).bodyEncoding).toBe('utf8');
    });

    it('reads no field that holds an escaped NUL or a lone surrogate (the databases cannot keep them), and keeps the body as text', () => {
      const raw = Buffer.from('{"id":"e\\u0000","event_name":"\\ud800","payload":{"data":{"node":{"__typename":"Advert","id":"QWR2\\u0000"}}}}');
      const delivery = readDelivery(noHeaders, raw);
      expect(delivery).toMatchObject({ eventId: null, eventName: null, objectId: null, bodyEncoding: 'utf8', body: raw.toString('utf8') });
      expect(delivery.problem).toMatch(/names no object/);
      const failed = readDelivery(noHeaders, Buffer.from('{"payload":{"errors":[{"message":"bad\\u0000"}]}}'));
      expect(failed.problem).toBe('the payload names no object (payload.data.node.__typename and id)');
    });

    it('keeps a body in a Content-Encoding the reader did not decode as received, as unusable', () => {
      const raw = bytesOf('advert-update.example.json');
      const delivery = readDelivery(headersOf({ 'Content-Encoding': 'x-bogus' }), raw);
      expect(delivery.problem).toBe('the body is in Content-Encoding "x-bogus", which the connector does not decode');
      expect(Buffer.from(delivery.body, 'base64').equals(raw)).toBe(true);
      expect(readDelivery(headersOf({ 'Content-Encoding': 'gzip' }), raw).problem).toBeNull();
    });

    it("names Marketplacer's message for the published error form (reconstructed payload.errors)", () => {
      const raw = bytesOf('reconstructed/advert-update-graphql-error.RECONSTRUCTED.json');
      const delivery = readDelivery(noHeaders, raw);
      expect(delivery.problem).toContain("Field 'badQuery' doesn't exist on type 'Advert'");
      expect(delivery).toMatchObject({ eventName: 'update', eventId: null, objectType: null, objectId: null });
      expect(delivery.idempotencyKey).toBe(`body:${sha256(raw)}`);
    });
  });
});
