import * as crypto from 'node:crypto';

/** A column's values as comparable text: typed arrays (a block shared by many columns) by their type and bytes, keyed once per array. */
export function valuesKey(values: ArrayLike<unknown>): string {
  const known = keys.get(values);
  if (known) return known;
  const bytes = ArrayBuffer.isView(values) ? Buffer.from(values.buffer, values.byteOffset, values.byteLength) : JSON.stringify(values);
  const key = `${values.constructor.name}:${values.length}:${crypto.createHash('sha1').update(bytes).digest('hex')}`;
  keys.set(values, key);
  return key;
}
const keys = new WeakMap<object, string>();
