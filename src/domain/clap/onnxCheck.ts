/**
 * A minimal reader of the ONNX protobuf wire format: enough to tell a whole model from a
 * truncated or corrupted download and to list its graph's input and output names, without
 * loading a runtime. It walks the ModelProto's fields and the GraphProto inside; every
 * length-delimited field must fit inside its parent, so a cut-off file fails to parse.
 */

export type OnnxCheck = { ok: true; inputs: string[]; outputs: string[] } | { ok: false; reason: string };

class WireError extends Error {}

interface Field {
  number: number;
  wireType: number;
  /** For wire type 2: [start, end) of the payload. */
  start: number;
  end: number;
}

function readVarint(bytes: Uint8Array, at: number, limit: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (at >= limit) throw new WireError('a number runs past the end of the data');
    const byte = bytes[at++]!;
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return [value, at];
    scale *= 128;
  }
  throw new WireError('a number is longer than 10 bytes');
}

function* fields(bytes: Uint8Array, start: number, end: number): Generator<Field> {
  let at = start;
  while (at < end) {
    const [key, next] = readVarint(bytes, at, end);
    at = next;
    const number = Math.floor(key / 8);
    const wireType = key % 8;
    if (number === 0) throw new WireError('field number 0');
    const fieldStart = at;
    if (wireType === 0) at = readVarint(bytes, at, end)[1];
    else if (wireType === 1) at += 8;
    else if (wireType === 5) at += 4;
    else if (wireType === 2) {
      const [length, payload] = readVarint(bytes, at, end);
      yield { number, wireType, start: payload, end: payload + length };
      at = payload + length;
    } else throw new WireError(`unknown wire type ${wireType}`);
    if (at > end) throw new WireError('a field runs past the end of the data');
    if (wireType !== 2) yield { number, wireType, start: fieldStart, end: at };
  }
}

function stringField(bytes: Uint8Array, field: Field): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(field.start, field.end));
}

function valueInfoName(bytes: Uint8Array, info: Field): string {
  for (const f of fields(bytes, info.start, info.end)) if (f.number === 1 && f.wireType === 2) return stringField(bytes, f);
  return '';
}

/** Parses `bytes` as an ONNX ModelProto far enough to list the graph's inputs and outputs. */
export function inspectOnnx(bytes: Uint8Array): OnnxCheck {
  try {
    let graph: Field | undefined;
    let irVersion = false;
    let opset = false;
    for (const f of fields(bytes, 0, bytes.length)) {
      if (f.number === 1 && f.wireType === 0) irVersion = true;
      else if (f.number === 7 && f.wireType === 2) graph = f;
      else if (f.number === 8 && f.wireType === 2) opset = true;
    }
    if (!irVersion || !opset || !graph) return { ok: false, reason: 'it is not an ONNX model (no graph, version or operator set)' };
    const inputs: string[] = [];
    const outputs: string[] = [];
    let nodes = 0;
    for (const f of fields(bytes, graph.start, graph.end)) {
      if (f.wireType !== 2) continue;
      if (f.number === 1) nodes++;
      else if (f.number === 11) inputs.push(valueInfoName(bytes, f));
      else if (f.number === 12) outputs.push(valueInfoName(bytes, f));
    }
    if (nodes === 0 || outputs.length === 0) return { ok: false, reason: 'its graph is empty' };
    return { ok: true, inputs, outputs };
  } catch (error) {
    if (error instanceof WireError || error instanceof TypeError) return { ok: false, reason: `it does not parse: ${error.message}` };
    throw error;
  }
}
