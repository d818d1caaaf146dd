import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs';
import { ONNX_SUBSET } from '../../src/cli/train/onnxExport';

/**
 * A tiny CLAP-shaped model the tests build themselves (no weights are downloaded): the same file
 * layout as Xenova/clap-htsat-unfused, the same ONNX input/output names as its two towers, a
 * WordPiece tokenizer over a few words and the real ClapFeatureExtractor settings at 1 s instead
 * of 10 s. Embeddings are meaningless but deterministic: a text embedding is the sum of its
 * tokens' rows, an audio embedding a projection of the mean mel frame.
 */

const FLOAT = 1;
const INT64 = 7;
const ATTR_INT = 2;
const ATTR_INTS = 7;

/** Width of the tiny model's embeddings (the real model's is 512). */
export const TINY_CLAP_DIM = 16;
export const TINY_CLAP_MELS = 64;
export const TINY_CLAP_WORDS = [
  'a',
  'sound',
  'of',
  'dusty',
  'vinyl',
  'snare',
  'bright',
  'plucky',
  'synth',
  'kick',
  'drum',
  'hat',
  'bass',
  'pad',
  'noise',
  'tone',
  'dog',
  'cat',
  'vocal',
  'loop',
  'dark',
  'warm',
];
const SPECIAL = ['<s>', '<pad>', '</s>', '<unk>'];

/** Deterministic pseudo-random weights in [-1, 1). */
function weights(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

function floats(name: string, dims: number[], data: Float32Array): object {
  return { name, dims, dataType: FLOAT, floatData: Array.from(data) };
}

function value(name: string, elemType: number, dims: (number | string)[]): object {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function encode(graph: object): Uint8Array {
  const Model = protobuf.parse(ONNX_SUBSET, { keepCase: false }).root.lookupType('onnx.ModelProto');
  const model = { irVersion: 8, producerName: 'samplemind-tiny-clap', opsetImport: [{ domain: '', version: 13 }], graph };
  const problem = Model.verify(model);
  if (problem) throw new Error(`invalid ONNX model: ${problem}`);
  return Model.encode(Model.fromObject(model)).finish();
}

/** text: input_ids, attention_mask [batch, sequence] int64 -> text_embeds [batch, D]. */
export function tinyTextModel(): Uint8Array {
  const vocab = SPECIAL.length + TINY_CLAP_WORDS.length;
  return encode({
    name: 'tiny_clap_text',
    node: [
      { opType: 'Gather', input: ['table', 'input_ids'], output: ['tokens'], name: 'lookup' },
      {
        opType: 'Cast',
        input: ['attention_mask'],
        output: ['mask_f'],
        name: 'mask_cast',
        attribute: [{ name: 'to', i: FLOAT, type: ATTR_INT }],
      },
      { opType: 'Unsqueeze', input: ['mask_f', 'axis2'], output: ['mask_3d'], name: 'mask_unsqueeze' },
      { opType: 'Mul', input: ['tokens', 'mask_3d'], output: ['masked'], name: 'mask_tokens' },
      {
        opType: 'ReduceSum',
        input: ['masked', 'axis1'],
        output: ['pooled'],
        name: 'pool',
        attribute: [{ name: 'keepdims', i: 0, type: ATTR_INT }],
      },
      { opType: 'MatMul', input: ['pooled', 'projection'], output: ['text_embeds'], name: 'project' },
    ],
    initializer: [
      floats('table', [vocab, TINY_CLAP_DIM], weights(vocab * TINY_CLAP_DIM, 7)),
      floats('projection', [TINY_CLAP_DIM, TINY_CLAP_DIM], weights(TINY_CLAP_DIM * TINY_CLAP_DIM, 11)),
      { name: 'axis1', dims: [1], dataType: INT64, int64Data: [1] },
      { name: 'axis2', dims: [1], dataType: INT64, int64Data: [2] },
    ],
    input: [value('input_ids', INT64, ['batch', 'sequence']), value('attention_mask', INT64, ['batch', 'sequence'])],
    output: [value('text_embeds', FLOAT, ['batch', TINY_CLAP_DIM])],
  });
}

/** audio: input_features [batch, 1, frames, 64] -> audio_embeds [batch, D]. */
export function tinyAudioModel(): Uint8Array {
  return encode({
    name: 'tiny_clap_audio',
    node: [
      {
        opType: 'ReduceMean',
        input: ['input_features'],
        output: ['mean_frame'],
        name: 'pool',
        attribute: [
          { name: 'axes', ints: [1, 2], type: ATTR_INTS },
          { name: 'keepdims', i: 0, type: ATTR_INT },
        ],
      },
      { opType: 'MatMul', input: ['mean_frame', 'projection'], output: ['audio_embeds'], name: 'project' },
    ],
    initializer: [floats('projection', [TINY_CLAP_MELS, TINY_CLAP_DIM], weights(TINY_CLAP_MELS * TINY_CLAP_DIM, 13))],
    input: [value('input_features', FLOAT, ['batch', 1, 'frames', TINY_CLAP_MELS])],
    output: [value('audio_embeds', FLOAT, ['batch', TINY_CLAP_DIM])],
  });
}

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, 1));
}

/** Every file of the tiny model by its path in the model folder (the layout of the real one). */
export function buildTinyClap(): Map<string, Uint8Array> {
  const vocab = Object.fromEntries([...SPECIAL, ...TINY_CLAP_WORDS].map((word, id) => [word, id]));
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: true, add_prefix_space: false },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '<unk>', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
  return new Map([
    [
      'config.json',
      json({
        model_type: 'clap',
        architectures: ['ClapModel'],
        projection_dim: TINY_CLAP_DIM,
        text_config: { model_type: 'clap_text_model', hidden_size: TINY_CLAP_DIM, vocab_size: Object.keys(vocab).length },
        audio_config: { model_type: 'clap_audio_model', num_mel_bins: TINY_CLAP_MELS },
      }),
    ],
    [
      'preprocessor_config.json',
      json({
        feature_extractor_type: 'ClapFeatureExtractor',
        processor_class: 'ClapProcessor',
        feature_size: TINY_CLAP_MELS,
        sampling_rate: 48000,
        hop_length: 480,
        fft_window_size: 1024,
        nb_frequency_bins: 513,
        frequency_min: 50,
        frequency_max: 14000,
        max_length_s: 1,
        nb_max_samples: 48000,
        padding: 'repeatpad',
        truncation: 'rand_trunc',
        padding_value: 0,
        return_attention_mask: false,
      }),
    ],
    ['tokenizer.json', json(tokenizer)],
    [
      'tokenizer_config.json',
      json({
        tokenizer_class: 'RobertaTokenizer',
        model_max_length: 77,
        bos_token: '<s>',
        eos_token: '</s>',
        pad_token: '<pad>',
        unk_token: '<unk>',
        cls_token: '<s>',
        sep_token: '</s>',
      }),
    ],
    ['onnx/text_model_quantized.onnx', tinyTextModel()],
    ['onnx/audio_model_quantized.onnx', tinyAudioModel()],
  ]);
}

/** Writes the tiny model into `dir` (the same layout as the hub's), returning `dir`. */
export async function writeTinyClap(dir: string, files: Map<string, Uint8Array> = buildTinyClap()): Promise<string> {
  for (const [path, bytes] of files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
  return dir;
}
