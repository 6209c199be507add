import { inPowerOfTwoChunks, POSTGRES_CHUNK, statementChunks } from './statement-shapes.js';

describe('inPowerOfTwoChunks', () => {
  const sizes = (count: number) => inPowerOfTwoChunks(Array.from({ length: count }, (_, i) => i)).map((chunk) => chunk.length);

  it('splits a count into powers of two, largest first, keeping every item once and in order', () => {
    expect(sizes(0)).toEqual([]);
    expect(sizes(1)).toEqual([1]);
    expect(sizes(37)).toEqual([32, 4, 1]);
    expect(sizes(128)).toEqual([128]);
    expect(inPowerOfTwoChunks(['a', 'b', 'c']).flat()).toEqual(['a', 'b', 'c']);
  });

  it('never makes a chunk over 128, so any count has one of eight shapes', () => {
    expect(sizes(300)).toEqual([128, 128, 32, 8, 4]);
    const shapes = new Set(Array.from({ length: 1000 }, (_, count) => sizes(count)).flat());
    expect([...shapes].sort((a, b) => a - b)).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
  });
});

describe('statementChunks', () => {
  const sizes = (count: number, postgres: boolean) =>
    statementChunks(
      Array.from({ length: count }, (_, i) => i),
      { postgres },
    ).map((chunk) => chunk.length);

  it('on SQLite, the power-of-two chunks', () => {
    expect(sizes(26, false)).toEqual([16, 8, 2]);
  });

  it('on Postgres, one statement up to POSTGRES_CHUNK rows, every item once and in order', () => {
    expect(sizes(0, true)).toEqual([]);
    expect(sizes(26, true)).toEqual([26]);
    expect(sizes(POSTGRES_CHUNK, true)).toEqual([POSTGRES_CHUNK]);
    expect(sizes(POSTGRES_CHUNK + 3, true)).toEqual([POSTGRES_CHUNK, 3]);
    expect(statementChunks(['a', 'b', 'c'], { postgres: true }).flat()).toEqual(['a', 'b', 'c']);
  });
});
