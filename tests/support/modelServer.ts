import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ModelServer {
  /** Base URL of the model folder, with a trailing slash. */
  url: string;
  /** Paths requested so far (GET and HEAD). */
  requests: string[];
  /** Replace a file's bytes (corrupt it), or remove it (404) with null. */
  set(path: string, bytes: Uint8Array | null): void;
  close(): Promise<void>;
}

/**
 * Serves model files over HTTP on another port, with CORS and CORP headers (the app is
 * cross-origin isolated, so cross-origin fetches need both), HEAD with Content-Length, and an
 * optional delay per chunk so progress can be watched.
 */
export async function serveModel(files: ReadonlyMap<string, Uint8Array>, options: { chunkDelayMs?: number } = {}): Promise<ModelServer> {
  const current = new Map<string, Uint8Array | null>(files);
  const requests: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/model\//, '');
    requests.push(`${req.method} ${path}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (req.method === 'OPTIONS') return void res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, HEAD' }).end();
    const bytes = current.get(path);
    if (!bytes) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) });
    if (req.method === 'HEAD') return void res.end();
    const chunk = Math.max(1, Math.ceil(bytes.length / 4));
    let at = 0;
    const next = (): void => {
      if (at >= bytes.length) return void res.end();
      res.write(bytes.subarray(at, at + chunk));
      at += chunk;
      setTimeout(next, options.chunkDelayMs ?? 0);
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/model/`,
    requests,
    set: (path, bytes) => void current.set(path, bytes),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
