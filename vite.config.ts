/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * WASM threads need cross-origin isolation (COOP + COEP). CORP lets a cross-origin-isolated site
 * (a web DAW) embed /embed.html: its COEP blocks a frame whose response does not opt in. README
 * explains how to send these on a static host.
 */
export const SERVED_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/**
 * essentia's Emscripten build mentions Node's fs/path/crypto and `module` in code that only runs
 * under Node; in the browser bundle those warnings are expected, so they are not printed.
 */
const quietEssentia: Pick<Rolldown.RolldownOptions, 'onLog'> = {
  onLog(level, log, handler) {
    if (`${log.id ?? ''} ${log.message}`.includes('essentia-wasm.es.js')) return;
    handler(level, log);
  },
};

/** The embeddable widget lives in src/embed/ (the top level is fixed) and is served as /embed.html. */
const embedAtRoot: Plugin = {
  name: 'samplemind-embed-at-root',
  enforce: 'post',
  generateBundle(_, bundle) {
    const page = bundle['src/embed/embed.html'];
    if (page) page.fileName = 'embed.html';
  },
};

export default defineConfig({
  plugins: [
    react(),
    embedAtRoot,
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['icons/*.svg', 'icons/*.png'],
      manifest: {
        name: 'SampleMind',
        short_name: 'SampleMind',
        description: 'A private, offline sample library: import, analyse, browse and audition your samples.',
        theme_color: '#0d1119',
        background_color: '#0d1119',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The shell, the analysis worker (essentia's WASM is inlined in it), the codecs' chunks,
        // onnxruntime-web's WASM build (14 MB) and the classifier model are precached so import
        // and analysis work offline after one visit. The WebGPU build of onnxruntime (27 MB) is
        // only fetched on machines with a GPU adapter, and cached when it is.
        globPatterns: ['**/*.{js,css,html,svg,png,wasm,onnx,webmanifest}'],
        // web-llm (two 6 MB chunks) is fetched only by those who turn local AI on, and cached then:
        // downloading a model needs the network anyway (decision 012).
        globIgnores: ['**/ort-wasm-simd-threaded.asyncify-*.wasm', '**/llm.worker-*.js', '**/webLlmRuntime-*.js'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        runtimeCaching: [
          {
            urlPattern: /\/assets\/ort-wasm-simd-threaded\.asyncify-[^/]+\.wasm$/,
            handler: 'CacheFirst',
            // CLAP_RUNTIME_CACHE (src/domain/clap/manifest.ts): a model folder's copy of the runtime is put there.
            options: { cacheName: 'onnxruntime-webgpu', expiration: { maxEntries: 2 } },
          },
          {
            urlPattern: /\/assets\/(llm\.worker|webLlmRuntime)-[^/]+\.js$/,
            handler: 'CacheFirst',
            options: { cacheName: 'webllm-code', expiration: { maxEntries: 4 } },
          },
        ],
        navigateFallback: '/index.html',
        // Take control of the first visit's page at once, so it works offline without a reload.
        clientsClaim: true,
        skipWaiting: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es', rolldownOptions: quietEssentia },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { ...quietEssentia, input: { main: 'index.html', embed: 'src/embed/embed.html' } },
  },
  server: { headers: SERVED_HEADERS },
  preview: { headers: SERVED_HEADERS },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
