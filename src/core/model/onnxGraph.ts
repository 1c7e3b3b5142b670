/**
 * A minimal reader of an ONNX model file (protobuf): just the graph's node list and output names,
 * enough to find the embedding layer, and a writer that exposes one more value as a graph output
 * (onnxruntime only returns graph outputs). Field numbers are from onnx.proto: ModelProto.graph = 7;
 * GraphProto.node = 1, .output = 12; NodeProto.input = 1, .output = 2, .op_type = 4;
 * ValueInfoProto.name = 1.
 */

export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  outputs: string[];
}

interface Field {
  number: number;
  wireType: number;
  /** Byte range of the whole field (tag included) in the buffer. */
  start: number;
  end: number;
  /** For length-delimited fields, the payload. */
  payload?: Uint8Array;
}

export function readOnnxGraph(bytes: Uint8Array): OnnxGraph {
  const graph = graphField(bytes).payload!;
  const nodes: OnnxNode[] = [];
  const outputs: string[] = [];
  for (const f of fields(graph)) {
    if (f.number === 1 && f.payload) nodes.push(readNode(f.payload));
    if (f.number === 12 && f.payload) outputs.push(stringsOf(f.payload, 1)[0] ?? '');
  }
  return { nodes, outputs };
}

/** The model with `name` appended to its graph's outputs (no type: onnxruntime infers it). */
export function withExtraOutput(bytes: Uint8Array, name: string): Uint8Array {
  const graph = graphField(bytes);
  const valueInfo = lengthDelimited(1, new TextEncoder().encode(name));
  const newGraph = concat([graph.payload!, lengthDelimited(12, valueInfo)]);
  return concat([bytes.subarray(0, graph.start), lengthDelimited(7, newGraph), bytes.subarray(graph.end)]);
}

function graphField(bytes: Uint8Array): Field {
  const graph = fields(bytes).find((f) => f.number === 7 && f.payload);
  if (!graph) throw new Error('no graph in the file (is it an ONNX model?)');
  return graph;
}

function readNode(bytes: Uint8Array): OnnxNode {
  return { inputs: stringsOf(bytes, 1), outputs: stringsOf(bytes, 2), opType: stringsOf(bytes, 4)[0] ?? '' };
}

function stringsOf(bytes: Uint8Array, number: number): string[] {
  const decoder = new TextDecoder();
  return fields(bytes)
    .filter((f) => f.number === number && f.payload)
    .map((f) => decoder.decode(f.payload));
}

function fields(bytes: Uint8Array): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const start = pos;
    const [tag, afterTag] = varint(bytes, pos);
    pos = afterTag;
    const wireType = tag % 8;
    const number = Math.floor(tag / 8);
    let payload: Uint8Array | undefined;
    if (wireType === 0) pos = varint(bytes, pos)[1];
    else if (wireType === 1) pos += 8;
    else if (wireType === 5) pos += 4;
    else if (wireType === 2) {
      const [length, afterLength] = varint(bytes, pos);
      payload = bytes.subarray(afterLength, afterLength + length);
      pos = afterLength + length;
    } else throw new Error(`unsupported protobuf wire type ${wireType} at byte ${start}`);
    if (pos > bytes.length) throw new Error(`truncated protobuf field at byte ${start}`);
    out.push({ number, wireType, start, end: pos, payload });
  }
  return out;
}

function varint(bytes: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = pos; i < bytes.length && i < pos + 10; i++) {
    value += (bytes[i] & 0x7f) * scale;
    scale *= 128;
    if ((bytes[i] & 0x80) === 0) return [value, i + 1];
  }
  throw new Error(`bad protobuf varint at byte ${pos}`);
}

function encodeVarint(value: number): number[] {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value % 128) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return out;
}

function lengthDelimited(number: number, payload: Uint8Array): Uint8Array {
  return concat([Uint8Array.from([...encodeVarint(number * 8 + 2), ...encodeVarint(payload.length)]), payload]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
