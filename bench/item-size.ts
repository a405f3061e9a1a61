/**
 * DynamoDB's item size and the capacity units it costs, by the rules AWS
 * documents in "DynamoDB item sizes and formats"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html)
 * and "Read/write capacity units". Pure: a marshalled item in, bytes out.
 *
 * - a string: its UTF-8 bytes; a binary: its raw bytes;
 * - a number: 1 byte per two significant digits (leading and trailing
 *   zeroes trimmed), plus 1 byte (see `numberSize` for the exact count);
 * - a Boolean or null: 1 byte;
 * - a list or map: 3 bytes, plus each element's size and 1 byte per
 *   element (a map's element counts its key's UTF-8 bytes as a name);
 * - a set: the sum of its members' sizes;
 * - every top-level attribute adds its name's UTF-8 bytes.
 *
 * DynamoDB Local sizes items the same way, to the byte: an item these
 * rules put at 1,024 bytes costs it 1 WCU, one at 1,025 bytes costs 2, for
 * strings, numbers, Booleans, nulls, binaries, sets, lists and maps.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** 1 KB, the write unit's size (DynamoDB's KB is 1024 bytes). */
export const WRITE_UNIT_BYTES = 1024;
/** 4 KB, the read unit's size. */
export const READ_UNIT_BYTES = 4096;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The size of one number. AWS documents it as "approximately 1 byte per
 * two significant digits, plus 1 byte"; exactly, the digits are taken in
 * pairs either side of the decimal point (base 100), so 0.05 and 5 are
 * one pair, 1.5 two; a negative number takes 1 byte more and zero takes 1.
 * DynamoDB Local agrees to the byte.
 */
export function numberSize(text: string): number {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?\s*$/i.exec(text);
  if (match === null) throw new Error(`Not a DynamoDB number: ${text}`);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  const leading = /^0*/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(leading).replace(/0+$/, '');
  point -= leading;
  if (digits === '') return 1;
  if (point % 2 !== 0) digits = `0${digits}`;
  const pairs = Math.ceil(digits.length / 2);
  return pairs + 1 + (sign === '-' ? 1 : 0);
}

/** The size of one value, without its attribute name. */
export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined)
    return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS !== undefined)
    return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS !== undefined)
    return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  if (value.L !== undefined)
    return value.L.reduce((sum, element) => sum + valueSize(element) + 1, 3);
  if (value.M !== undefined)
    return Object.entries(value.M).reduce(
      (sum, [name, element]) => sum + utf8(name) + valueSize(element) + 1,
      3,
    );
  throw new Error(`Not a DynamoDB attribute value: ${JSON.stringify(value)}`);
}

/** An item's size in bytes: each attribute's name plus its value. */
export function itemSize(
  item: Readonly<Record<string, AttributeValue>>,
): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + utf8(name) + valueSize(value),
    0,
  );
}

/** Write units for one item of `bytes`: 1 per KB, rounded up, at least 1. */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
}

/**
 * Read units for `bytes` read in one request (an item, or a query's items
 * summed): 1 per 4 KB rounded up when strongly consistent, half that when
 * eventually consistent.
 */
export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES));
  return consistent ? units : units / 2;
}

type Item = Readonly<Record<string, AttributeValue>>;

/** A global secondary index as the table defines it (INCLUDE projection). */
export interface IndexSpec {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** Non-key attributes projected into the index. */
  readonly projection: readonly string[];
}

export interface TableSpec {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly indexes: readonly IndexSpec[];
}

/**
 * An item's entry in an index: the table's keys, the index's keys and the
 * projected attributes it has; undefined when the item lacks an index key
 * (a sparse index leaves it out).
 */
export function indexEntry(
  item: Item | undefined,
  table: Pick<TableSpec, 'partitionKey' | 'sortKey'>,
  index: IndexSpec,
): Item | undefined {
  if (item === undefined) return undefined;
  if (item[index.partitionKey] === undefined) return undefined;
  if (item[index.sortKey] === undefined) return undefined;
  const names = new Set([
    table.partitionKey,
    table.sortKey,
    index.partitionKey,
    index.sortKey,
    ...index.projection,
  ]);
  return Object.fromEntries(
    Object.entries(item).filter(([name]) => names.has(name)),
  );
}

/** The write units one item write costs, by table and by index. */
export interface WriteCost {
  readonly table: number;
  readonly indexes: Readonly<Record<string, number>>;
}

/**
 * What one item write costs, from the item as it was before and after it
 * (undefined where there was, or is, no item):
 *
 * - the table: 1 unit per KB of the larger of the two images, rounded up;
 *   doubled inside a transaction (a prepare and a commit);
 * - each index, as AWS documents GSI writes: an entry put (the item
 *   joins) or deleted (it leaves) costs 1 unit per KB of the entry; a
 *   changed index key costs both (delete + put); a changed projected
 *   attribute costs 1 unit per KB of the larger entry; an entry the write
 *   leaves as it was costs nothing. Index writes are not doubled in a
 *   transaction: the index is updated after the commit, as any write's is.
 */
export function writeCost(
  before: Item | undefined,
  after: Item | undefined,
  table: TableSpec,
  transactional: boolean,
): WriteCost {
  const larger = Math.max(
    before === undefined ? 0 : itemSize(before),
    after === undefined ? 0 : itemSize(after),
  );
  const indexes: Record<string, number> = {};
  for (const index of table.indexes) {
    const was = indexEntry(before, table, index);
    const is = indexEntry(after, table, index);
    const units = indexWriteUnits(was, is, index);
    if (units > 0) indexes[index.name] = units;
  }
  return {
    table: writeUnits(larger) * (transactional ? 2 : 1),
    indexes,
  };
}

function indexWriteUnits(
  was: Item | undefined,
  is: Item | undefined,
  index: IndexSpec,
): number {
  if (was === undefined && is === undefined) return 0;
  if (was === undefined) return writeUnits(itemSize(is as Item));
  if (is === undefined) return writeUnits(itemSize(was));
  const keyOf = (entry: Item) =>
    JSON.stringify([entry[index.partitionKey], entry[index.sortKey]]);
  if (keyOf(was) !== keyOf(is)) {
    return writeUnits(itemSize(was)) + writeUnits(itemSize(is));
  }
  if (sameEntry(was, is)) return 0;
  return writeUnits(Math.max(itemSize(was), itemSize(is)));
}

function sameEntry(a: Item, b: Item): boolean {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const name of names) {
    if (canonical(a[name]) !== canonical(b[name])) return false;
  }
  return true;
}

/** A value as text with map keys sorted, to compare two images. */
function canonical(value: unknown): string {
  if (value instanceof Uint8Array)
    return `B:${Buffer.from(value).toString('base64')}`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
