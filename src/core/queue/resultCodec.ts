/** What a worker sends back for one model: p(y|x) per sample as Float32, correctness as bits. */
export interface SubsetResult {
  pTrue: Float32Array;
  correct: Uint8Array;
  seconds: number;
  /** The TF.js backend that trained it: runs only agree bit for bit on the same backend. */
  backend: string;
  workerId: string;
}

const MAGIC = 0x31524c46; // "FLR1"

/** Layout: magic u32, n u32, seconds f64, two u16-length-prefixed UTF-8 strings, n × f32, ⌈n/8⌉ bytes. */
export function encodeResult(result: SubsetResult): Buffer {
  const n = result.pTrue.length;
  const backend = Buffer.from(result.backend, 'utf8');
  const worker = Buffer.from(result.workerId, 'utf8');
  const head = Buffer.alloc(16 + 2 + backend.length + 2 + worker.length);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(n, 4);
  head.writeDoubleLE(result.seconds, 8);
  let at = head.writeUInt16LE(backend.length, 16);
  at += backend.copy(head, at);
  at = head.writeUInt16LE(worker.length, at);
  worker.copy(head, at);
  const bits = Buffer.alloc(Math.ceil(n / 8));
  result.correct.forEach((c, i) => {
    if (c) bits[i >> 3] |= 1 << (i & 7);
  });
  return Buffer.concat([head, Buffer.from(result.pTrue.buffer, result.pTrue.byteOffset, result.pTrue.byteLength), bits]);
}

/** Decode and check a result for `n` samples; throws on anything that does not fit. */
export function decodeResult(buffer: Buffer, n: number): SubsetResult {
  const fail = (why: string): never => {
    throw new Error(`malformed model result from the queue: ${why}`);
  };
  if (buffer.length < 20 || buffer.readUInt32LE(0) !== MAGIC) fail('bad header');
  if (buffer.readUInt32LE(4) !== n) fail(`it is for ${buffer.readUInt32LE(4)} samples, this run has ${n}`);
  const seconds = buffer.readDoubleLE(8);
  let at = 16;
  const text = () => {
    const length = buffer.readUInt16LE(at);
    const value = buffer.toString('utf8', at + 2, at + 2 + length);
    at += 2 + length;
    return value;
  };
  const backend = text();
  const workerId = text();
  if (buffer.length !== at + n * 4 + Math.ceil(n / 8)) fail(`${buffer.length} bytes, expected ${at + n * 4 + Math.ceil(n / 8)}`);
  const pTrue = new Float32Array(n);
  new Uint8Array(pTrue.buffer).set(buffer.subarray(at, at + n * 4));
  const bits = buffer.subarray(at + n * 4);
  const correct = Uint8Array.from({ length: n }, (_, i) => (bits[i >> 3] >> (i & 7)) & 1);
  return { pTrue, correct, seconds, backend, workerId };
}
