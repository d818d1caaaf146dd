import { registerSW } from 'virtual:pwa-register';

/** Installs the service worker that precaches the app, its workers and WASM for offline use. */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
}
