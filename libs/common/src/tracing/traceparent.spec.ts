import { formatTraceparent, parseTraceparent } from './traceparent.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';

describe('parseTraceparent (W3C Trace Context)', () => {
  it('reads a version 00 header: trace id, parent id and the sampled flag', () => {
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-01`)).toEqual({ traceId: TRACE, parentId: PARENT, sampled: true });
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-00`)).toEqual({ traceId: TRACE, parentId: PARENT, sampled: false });
    // Unknown flag bits are ignored; only the sampled bit counts.
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-03`)).toEqual({ traceId: TRACE, parentId: PARENT, sampled: true });
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-02`)).toEqual({ traceId: TRACE, parentId: PARENT, sampled: false });
  });

  it("reads Marketplacer's webhook header as published", () => {
    expect(parseTraceparent('00-6625ef040000000029503a352a27b034-1890022d9505b303-01')).toEqual({
      traceId: '6625ef040000000029503a352a27b034',
      parentId: '1890022d9505b303',
      sampled: true,
    });
  });

  it('reads a future version by its first four fields, with or without more after a dash', () => {
    expect(parseTraceparent(`01-${TRACE}-${PARENT}-01`)).toEqual({ traceId: TRACE, parentId: PARENT, sampled: true });
    expect(parseTraceparent(`cc-${TRACE}-${PARENT}-01-what-the-future-adds`)).toEqual({ traceId: TRACE, parentId: PARENT, sampled: true });
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', ''],
    ['version ff (forbidden)', `ff-${TRACE}-${PARENT}-01`],
    ['version 00 with more after it', `00-${TRACE}-${PARENT}-01-extra`],
    ['version 00 with a trailing space', `00-${TRACE}-${PARENT}-01 `],
    ['a future version continuing without a dash', `01-${TRACE}-${PARENT}-01x`],
    ['a version that is not hex', `0g-${TRACE}-${PARENT}-01`],
    ['an upper-case version', `0A-${TRACE}-${PARENT}-01`],
    ['an upper-case trace id', `00-${TRACE.toUpperCase()}-${PARENT}-01`],
    ['an upper-case parent id', `00-${TRACE}-${PARENT.toUpperCase()}-01`],
    ['upper-case flags', `00-${TRACE}-${PARENT}-0A`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${PARENT}-01`],
    ['an all-zero parent id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['a short trace id', `00-${TRACE.slice(1)}-${PARENT}-01`],
    ['a long trace id', `00-${TRACE}0-${PARENT}-01`],
    ['a short parent id', `00-${TRACE}-${PARENT.slice(1)}-001`],
    ['flags of one digit', `00-${TRACE}-${PARENT}-1`],
    ['flags that are not hex', `00-${TRACE}-${PARENT}-0z`],
    ['another separator', `00_${TRACE}_${PARENT}_01`],
    ['a non-hex trace id', `00-${TRACE.slice(0, 31)}g-${PARENT}-01`],
    ['two headers joined', `00-${TRACE}-${PARENT}-01, 00-${TRACE}-${PARENT}-01`],
  ])('ignores %s', (_case, value) => {
    expect(parseTraceparent(value)).toBeNull();
  });
});

describe('formatTraceparent', () => {
  it('writes version 00 with the sampled flag, and reads back as written', () => {
    expect(formatTraceparent(TRACE, PARENT, true)).toBe(`00-${TRACE}-${PARENT}-01`);
    expect(formatTraceparent(TRACE, PARENT, false)).toBe(`00-${TRACE}-${PARENT}-00`);
    expect(parseTraceparent(formatTraceparent(TRACE, PARENT, false))).toEqual({ traceId: TRACE, parentId: PARENT, sampled: false });
  });
});
