import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  type IndexSpec,
  indexEntry,
  itemSize,
  numberSize,
  readUnits,
  type TableSpec,
  valueSize,
  writeCost,
  writeUnits,
} from '../../../bench/item-size.js';

type Item = Record<string, AttributeValue>;

const s = (S: string): AttributeValue => ({ S });
const n = (N: string): AttributeValue => ({ N });

describe('itemSize, by the rules of "DynamoDB item sizes and formats"', () => {
  it('counts a string as its name and value in UTF-8 bytes', () => {
    // "pk" 2 + "ORG#a" 5, "name" 4 + "Jo" 2
    expect(itemSize({ pk: s('ORG#a'), name: s('Jo') })).toBe(13);
    // "ñ" 2 bytes; "€" 3 + "😀" 4
    expect(itemSize({ ñ: s('€😀') })).toBe(9);
  });

  it('counts a number as 1 byte per two significant digits plus 1', () => {
    expect(numberSize('123')).toBe(3); // 2 pairs ("01", "23") + 1
    expect(numberSize('12345678901234')).toBe(8); // 7 pairs + 1
    // Leading and trailing zeroes are trimmed.
    expect(numberSize('1000000')).toBe(2);
    expect(numberSize('0.5')).toBe(2);
    expect(numberSize('007')).toBe(2);
    // "Id" 2 + 123 3
    expect(itemSize({ Id: n('123') })).toBe(5);
  });

  it('pairs digits either side of the decimal point, as DynamoDB stores them', () => {
    expect(numberSize('1.5')).toBe(3); // "01" "50"
    expect(numberSize('100.25')).toBe(4); // "01" "00" "25"
    expect(numberSize('1.5e-10')).toBe(3); // 0.00000000015: "01" "50"
    expect(numberSize('-42')).toBe(3); // a negative number takes 1 more
    expect(numberSize('0')).toBe(1);
  });

  it('counts a Boolean or null as 1 byte and a binary as its raw bytes', () => {
    expect(itemSize({ ok: { BOOL: true }, no: { NULL: true } })).toBe(6);
    expect(itemSize({ b: { B: new Uint8Array(5) } })).toBe(6);
  });

  it('adds 3 bytes for a list or map and 1 byte for each element', () => {
    expect(itemSize({ tags: { L: [] } })).toBe(7); // 4 + 3
    // 4 + 3 + ("a" 1 + 1) + ("bc" 2 + 1)
    expect(itemSize({ tags: { L: [s('a'), s('bc')] } })).toBe(12);
    // 1 + 3 + ("x" 1 + "abc" 3 + 1) + ("y" 1 + 12 2 + 1)
    expect(itemSize({ m: { M: { x: s('abc'), y: n('12') } } })).toBe(13);
    // Nesting: the inner map is an element of the list.
    expect(valueSize({ L: [{ M: { k: s('v') } }] })).toBe(3 + (3 + 3) + 1);
  });

  it('counts a set as the sum of its members', () => {
    expect(valueSize({ SS: ['a', 'bcd'] })).toBe(4);
    expect(valueSize({ NS: ['1', '22', '333'] })).toBe(2 + 2 + 3);
    expect(valueSize({ BS: [new Uint8Array(3), new Uint8Array(4)] })).toBe(7);
  });
});

describe('capacity units', () => {
  it('charges a write 1 unit per KB, rounded up, at least 1', () => {
    expect(writeUnits(0)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
    expect(writeUnits(1536)).toBe(2); // a 1.5 KB item: 2 WCU
  });

  it('charges a read 1 unit per 4 KB when consistent, half when not', () => {
    expect(readUnits(3584, true)).toBe(1); // a 3.5 KB item
    expect(readUnits(3584, false)).toBe(0.5);
    expect(readUnits(4097, true)).toBe(2);
    expect(readUnits(8 * 1024 + 1, false)).toBe(1.5);
  });
});

const queue: IndexSpec = {
  name: 'queue',
  partitionKey: 'qpk',
  sortKey: 'qsk',
  projection: ['status'],
};
const table: TableSpec = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [queue],
};
const keyed = (extra: Item): Item => ({ pk: s('p'), sk: s('s'), ...extra });
const queued = (due: string, status: string, extra: Item = {}): Item =>
  keyed({ qpk: s('Q'), qsk: s(due), status: s(status), ...extra });

describe('indexEntry', () => {
  it('keeps the table keys, the index keys and the projected attributes', () => {
    expect(
      indexEntry(queued('1', 'open', { body: s('x') }), table, queue),
    ).toEqual({
      pk: s('p'),
      sk: s('s'),
      qpk: s('Q'),
      qsk: s('1'),
      status: s('open'),
    });
  });

  it('leaves out an item without the index key (a sparse index)', () => {
    expect(indexEntry(keyed({ status: s('open') }), table, queue)).toBe(
      undefined,
    );
  });
});

describe('writeCost', () => {
  const big = s('x'.repeat(1500));

  it('charges a new item 1 unit per KB and each index it joins 1 unit per KB', () => {
    expect(
      writeCost(undefined, queued('1', 'open', { big }), table, false),
    ).toEqual({ table: 2, indexes: { queue: 1 } });
  });

  it('doubles the table write inside a transaction, not the index write', () => {
    expect(
      writeCost(undefined, queued('1', 'open', { big }), table, true),
    ).toEqual({ table: 4, indexes: { queue: 1 } });
  });

  it('charges the larger of the images before and after', () => {
    expect(
      writeCost(keyed({ big }), keyed({ small: s('y') }), table, false),
    ).toEqual({ table: 2, indexes: {} });
  });

  it('charges a changed index key twice (delete and put)', () => {
    expect(
      writeCost(queued('1', 'open'), queued('2', 'open'), table, false).indexes,
    ).toEqual({ queue: 2 });
  });

  it('charges a changed projected attribute once, an unchanged entry nothing', () => {
    expect(
      writeCost(queued('1', 'open'), queued('1', 'shut'), table, false).indexes,
    ).toEqual({ queue: 1 });
    expect(
      writeCost(queued('1', 'open'), queued('1', 'open', { big }), table, false)
        .indexes,
    ).toEqual({});
  });

  it('charges an item leaving an index once (the delete)', () => {
    expect(
      writeCost(queued('1', 'open'), keyed({}), table, false).indexes,
    ).toEqual({ queue: 1 });
  });
});
