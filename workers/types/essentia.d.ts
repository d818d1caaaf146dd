// essentia.js 0.1.3 ships no type entry for its ES builds; these declarations cover the two files
// the analysis worker imports. The API surface we use is typed in workers/analysis/essentia.ts.
declare module 'essentia.js/dist/essentia-wasm.es.js' {
  export const EssentiaWASM: unknown;
}
declare module 'essentia.js/dist/essentia.js-core.es.js' {
  const Essentia: new (wasmModule: unknown, isDebug?: boolean) => unknown;
  export default Essentia;
}
