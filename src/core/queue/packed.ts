/** Typed arrays a packed message may carry, each restored as the same type. */
export type PackedArray = Float32Array | Int32Array | Uint8Array;

const MAGIC = 0x31504c46; // "FLP1"
const TYPES = { f32: Float32Array, i32: Int32Array, u8: Uint8Array } as const;
type TypeName = keyof typeof TYPES;

function typeName(array: PackedArray): TypeName {
  if (array instanceof Float32Array) return 'f32';
  if (array instanceof Int32Array) return 'i32';
  return 'u8';
}

/**
 * A JSON header and named typed arrays in one binary value: the arrays travel as their raw bytes
 * (Float32 stays bit-exact, and is 4 bytes a number instead of ~10 in JSON).
 * Layout: magic u32, header length u32, UTF-8 JSON {header, arrays: [[name, type, length]]}, then each array's bytes.
 */
export function pack(header: unknown, arrays: Record<string, PackedArray>): Buffer {
  const entries = Object.entries(arrays);
  const head = Buffer.from(JSON.stringify({ header, arrays: entries.map(([name, a]) => [name, typeName(a), a.length]) }), 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.writeUInt32LE(MAGIC, 0);
  prefix.writeUInt32LE(head.length, 4);
  return Buffer.concat([prefix, head, ...entries.map(([, a]) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]);
}

/** The header (to be checked by the caller's schema) and the arrays; throws naming what does not fit. */
export function unpack(buffer: Buffer, what: string): { header: unknown; arrays: Record<string, PackedArray> } {
  const fail = (why: string): never => {
    throw new Error(`malformed ${what} from the queue: ${why}`);
  };
  if (buffer.length < 8 || buffer.readUInt32LE(0) !== MAGIC) fail('bad header');
  const headLength = buffer.readUInt32LE(4);
  if (8 + headLength > buffer.length) fail('truncated header');
  let parsed: { header: unknown; arrays: Array<[string, TypeName, number]> };
  try {
    parsed = JSON.parse(buffer.toString('utf8', 8, 8 + headLength));
  } catch {
    return fail('header is not JSON');
  }
  let at = 8 + headLength;
  const arrays: Record<string, PackedArray> = {};
  for (const [name, type, length] of Array.isArray(parsed.arrays) ? parsed.arrays : fail('no array list')) {
    const Type = TYPES[type] ?? fail(`array ${name}: unknown type ${type}`);
    if (!Number.isInteger(length) || length < 0) fail(`array ${name}: bad length`);
    const bytes = length * Type.BYTES_PER_ELEMENT;
    if (at + bytes > buffer.length) fail(`array ${name}: truncated`);
    // Copy into a fresh, aligned buffer (a Buffer may sit at any offset of a shared pool).
    const array = new Type(length);
    new Uint8Array(array.buffer).set(buffer.subarray(at, at + bytes));
    arrays[name] = array;
    at += bytes;
  }
  if (at !== buffer.length) fail(`${buffer.length - at} bytes left over`);
  return { header: parsed.header, arrays };
}
