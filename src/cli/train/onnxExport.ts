import protobuf from 'protobufjs';
import type { MlpWeights } from './mlp';

/**
 * The subset of onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) needed to
 * write a feed-forward graph; field numbers are the specification's.
 */
export const ONNX_SUBSET = `
syntax = "proto3";
package onnx;
message AttributeProto { string name = 1; float f = 2; int64 i = 3; bytes s = 4; repeated int64 ints = 8; int32 type = 20; }
message NodeProto { repeated string input = 1; repeated string output = 2; string name = 3; string op_type = 4; repeated AttributeProto attribute = 5; }
message TensorProto { repeated int64 dims = 1; int32 data_type = 2; repeated float float_data = 4; repeated int64 int64_data = 7; string name = 8; }
message Dimension { int64 dim_value = 1; string dim_param = 2; }
message TensorShapeProto { repeated Dimension dim = 1; }
message TensorTypeProto { int32 elem_type = 1; TensorShapeProto shape = 2; }
message TypeProto { TensorTypeProto tensor_type = 1; }
message ValueInfoProto { string name = 1; TypeProto type = 2; }
message GraphProto { repeated NodeProto node = 1; string name = 2; repeated TensorProto initializer = 5; repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12; }
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
message StringStringEntryProto { string key = 1; string value = 2; }
message ModelProto { int64 ir_version = 1; string producer_name = 2; string producer_version = 3; GraphProto graph = 7; repeated OperatorSetIdProto opset_import = 8; repeated StringStringEntryProto metadata_props = 14; }
`;

const FLOAT = 1;
const ATTRIBUTE_INT = 2;

export interface ExportHead {
  /** Output name, e.g. "category". */
  name: string;
  mlp: MlpWeights;
}

function tensor(name: string, dims: number[], data: Float32Array): object {
  return { name, dims, dataType: FLOAT, floatData: Array.from(data) };
}

function valueInfo(name: string, width: number): object {
  return { name, type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimValue: width }] } } } };
}

/**
 * Two more outputs for the sound embedding (workers/analysis/embedding.ts): the standardised
 * features and the category head's hidden layer, what the model learned to tell sounds apart by.
 */
const EMBEDDING_NODES: object[] = [
  { opType: 'Identity', input: ['x'], output: ['standardised'], name: 'standardised_out' },
  { opType: 'Identity', input: ['category_a'], output: ['character'], name: 'character_out' },
];
function embeddingOutputs(inputs: number, heads: readonly ExportHead[]): object[] {
  const category = heads.find((h) => h.name === 'category');
  if (!category) throw new Error('the embedding outputs need the category head');
  return [valueInfo('standardised', inputs), valueInfo('character', category.mlp.hidden)];
}

/** Adds the embedding outputs to a model exported before they existed (same weights, same answers). */
export function withEmbeddingOutputs(modelBytes: Uint8Array): Uint8Array {
  const Model = protobuf.parse(ONNX_SUBSET, { keepCase: false }).root.lookupType('onnx.ModelProto');
  const model = Model.toObject(Model.decode(modelBytes), { longs: Number }) as {
    graph: { node: { name: string }[]; initializer: { name: string; dims: number[] }[]; output: { name: string }[] };
  };
  if (model.graph.output.some((o) => o.name === 'character')) return modelBytes;
  const inputs = model.graph.initializer.find((t) => t.name === 'mean')!.dims[0]!;
  const hidden = model.graph.initializer.find((t) => t.name === 'category_b1')!.dims[0]!;
  model.graph.node.push(...(EMBEDDING_NODES as { name: string }[]));
  model.graph.output.push(valueInfo('standardised', inputs) as { name: string }, valueInfo('character', hidden) as { name: string });
  return Model.encode(Model.fromObject(model)).finish();
}

/**
 * One ONNX model: input "features" [batch, F] standardised by (x - mean) / std, then for each
 * head Gemm -> Relu -> Gemm -> Softmax into an output named after the head.
 */
export function exportOnnx(
  heads: ExportHead[],
  standard: { mean: Float32Array; std: Float32Array },
  metadata: Record<string, string>,
): Uint8Array {
  const root = protobuf.parse(ONNX_SUBSET, { keepCase: false }).root;
  const Model = root.lookupType('onnx.ModelProto');
  const inputs = standard.mean.length;
  const nodes: object[] = [
    { opType: 'Sub', input: ['features', 'mean'], output: ['centred'], name: 'centre' },
    { opType: 'Div', input: ['centred', 'std'], output: ['x'], name: 'scale' },
  ];
  const initializers: object[] = [tensor('mean', [inputs], standard.mean), tensor('std', [inputs], standard.std)];
  for (const { name, mlp } of heads) {
    initializers.push(
      tensor(`${name}_w1`, [mlp.inputs, mlp.hidden], mlp.w1),
      tensor(`${name}_b1`, [mlp.hidden], mlp.b1),
      tensor(`${name}_w2`, [mlp.hidden, mlp.outputs], mlp.w2),
      tensor(`${name}_b2`, [mlp.outputs], mlp.b2),
    );
    nodes.push(
      { opType: 'Gemm', input: ['x', `${name}_w1`, `${name}_b1`], output: [`${name}_h`], name: `${name}_dense1` },
      { opType: 'Relu', input: [`${name}_h`], output: [`${name}_a`], name: `${name}_relu` },
      { opType: 'Gemm', input: [`${name}_a`, `${name}_w2`, `${name}_b2`], output: [`${name}_logits`], name: `${name}_dense2` },
      {
        opType: 'Softmax',
        input: [`${name}_logits`],
        output: [name],
        name: `${name}_softmax`,
        attribute: [{ name: 'axis', i: 1, type: ATTRIBUTE_INT }],
      },
    );
  }
  nodes.push(...EMBEDDING_NODES);
  const model = {
    irVersion: 8,
    producerName: 'samplemind-train',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: 13 }],
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: 'samplemind_classifier',
      node: nodes,
      initializer: initializers,
      input: [valueInfo('features', inputs)],
      output: [...heads.map(({ name, mlp }) => valueInfo(name, mlp.outputs)), ...embeddingOutputs(inputs, heads)],
    },
  };
  const problem = Model.verify(model);
  if (problem) throw new Error(`invalid ONNX model: ${problem}`);
  return Model.encode(Model.fromObject(model)).finish();
}
