import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { SentRequest } from '../../src/domain/ai/chat';
import { FORMATS, KEYS, failureOf, providerAt, providerFor, serve, simpleRequest } from '../support/aiProviderHarness';
import { dropReply, errorReply, hangReply, textReply } from '../support/aiServers';

/** A port nothing listens on: a server is opened there and closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('retries', () => {
  it('waits as long as retry-after says after a 429, then succeeds, sending the same body each time', async () => {
    const server = await serve('openai');
    server.reply(errorReply(429, { headers: { 'retry-after': '2' } }), textReply('ok'));
    const provider = providerFor(server);
    const sent: SentRequest[] = [];
    const response = await provider.chat(simpleRequest('openai'), { onSend: (request) => sent.push(request) });
    expect(response.text).toBe('ok');
    expect(provider.sleeps).toEqual([2000]);
    expect(server.requests.length).toBe(2);
    expect(sent.map((request) => request.body)).toEqual(server.requests.map((request) => request.body));
    expect(sent[0]).toEqual({ url: `${server.baseUrl}/chat/completions`, body: server.requests[0]!.body });
  });

  it('honours retry-after-ms and retry-after as an HTTP date', async () => {
    const server = await serve('anthropic');
    const now = Date.parse('2025-03-01T12:00:00Z');
    server.reply(
      errorReply(529, { headers: { 'retry-after-ms': '1500' } }),
      errorReply(429, { headers: { 'retry-after': 'Sat, 01 Mar 2025 12:00:05 GMT' } }),
      textReply('done'),
    );
    const provider = providerFor(server, undefined, { now: () => now });
    expect((await provider.chat(simpleRequest('anthropic'))).text).toBe('done');
    expect(provider.sleeps).toEqual([1500, 5000]);
  });

  it('backs off 1 s then 2 s after two 500s, then succeeds', async () => {
    const server = await serve('gemini');
    server.reply(errorReply(500), errorReply(500), textReply('third time'));
    const provider = providerFor(server);
    expect((await provider.chat(simpleRequest('gemini'))).text).toBe('third time');
    expect(provider.sleeps).toEqual([1000, 2000]);
    expect(server.requests.length).toBe(3);
  });

  it('gives up with ai_unavailable when outages outlast the retries', async () => {
    const server = await serve('openai');
    server.setDefault(errorReply(503, { message: 'The engine is currently overloaded' }));
    const error = await failureOf(providerFor(server).chat(simpleRequest('openai')));
    expect(error.code).toBe('ai_unavailable');
    expect(error.message).toBe('OpenAI is unavailable (503): The engine is currently overloaded (tried 3 times)');
    expect(server.requests.length).toBe(3);
  });

  it('gives up with ai_rate_limited when 429s outlast the retries, and makes one try with retries: 0', async () => {
    const server = await serve('anthropic');
    server.setDefault(errorReply(429, { message: 'Number of requests has exceeded your rate limit' }));
    const error = await failureOf(providerFor(server).chat(simpleRequest('anthropic'), { retries: 1 }));
    expect(error.code).toBe('ai_rate_limited');
    expect(error.message).toContain('Anthropic is rate limiting requests (429): Number of requests has exceeded your rate limit');
    expect(server.requests.length).toBe(2);
    await failureOf(providerFor(server).chat(simpleRequest('anthropic'), { retries: 0 }));
    expect(server.requests.length).toBe(3);
  });

  it('does not wait when the server asks for more than 30 s, and says when to try again', async () => {
    const server = await serve('openai');
    server.reply(errorReply(429, { headers: { 'retry-after': '120' }, message: 'You exceeded your current quota' }));
    const provider = providerFor(server);
    const error = await failureOf(provider.chat(simpleRequest('openai')));
    expect(error.code).toBe('ai_rate_limited');
    expect(error.message).toBe('OpenAI is rate limiting requests (429): You exceeded your current quota. Try again in 2 minutes.');
    expect(provider.sleeps).toEqual([]);
    expect(server.requests.length).toBe(1);
  });
});

describe('failures', () => {
  it('reports a 400 as ai_bad_response with the server message, without retrying', async () => {
    const server = await serve('openai');
    server.reply(errorReply(400, { message: "Invalid value for 'temperature': must be at most 2." }));
    const error = await failureOf(providerFor(server).chat(simpleRequest('openai')));
    expect(error.code).toBe('ai_bad_response');
    expect(error.message).toBe("OpenAI rejected the request (400): Invalid value for 'temperature': must be at most 2.");
    expect(server.requests.length).toBe(1);
  });

  it('scrubs the key from a message that echoes it', async () => {
    const server = await serve('openai');
    server.reply(errorReply(401, { message: `Key ${KEYS.openai} is disabled` }));
    const error = await failureOf(providerFor(server).chat(simpleRequest('openai')));
    expect(error.code).toBe('ai_unauthorized');
    expect(error.message).toBe('OpenAI refused the key (401): Key [key hidden] is disabled');
  });

  it('says a key is needed when none was sent', async () => {
    const server = await serve('gemini', { apiKey: KEYS.gemini });
    const error = await failureOf(providerAt('gemini', server.baseUrl, '').chat(simpleRequest('gemini')));
    expect(error.code).toBe('ai_unauthorized');
    expect(error.message).toMatch(/^Google Gemini needs an API key \(403\): Method doesn't allow unregistered callers/);
  });

  it.each(FORMATS)('%s: cancelling mid-stream rejects with cancelled and stops the stream', async (format) => {
    const server = await serve(format);
    server.reply(textReply('one two three four five six seven eight', { chunks: 8, delayMs: 40 }));
    const controller = new AbortController();
    const pieces: string[] = [];
    const onText = (piece: string): void => {
      pieces.push(piece);
      if (pieces.length === 2) controller.abort();
    };
    const error = await failureOf(providerFor(server).chat(simpleRequest(format), { signal: controller.signal, onText }));
    expect(error.code).toBe('cancelled');
    expect(pieces.length).toBe(2);
    expect(server.requests.length).toBe(1);
  });

  it('cancels during the wait before a retry', async () => {
    const server = await serve('openai');
    server.reply(errorReply(503, { headers: { 'retry-after': '20' } }));
    const controller = new AbortController();
    // The real, abortable sleep: the retry wait is 20 s, the abort comes after 50 ms.
    const provider = providerFor(server, undefined, { sleep: undefined });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await failureOf(provider.chat(simpleRequest('openai'), { signal: controller.signal }));
    expect(error.code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.requests.length).toBe(1);
  });

  it('times out a server that never answers with ai_timeout, without retrying', async () => {
    const server = await serve('anthropic');
    server.reply(hangReply());
    const error = await failureOf(providerFor(server).chat(simpleRequest('anthropic'), { timeoutMs: 150 }));
    expect(error.code).toBe('ai_timeout');
    expect(error.message).toBe('Anthropic did not answer within 150 ms.');
    expect(server.requests.length).toBe(1);
  });

  it('times out a stream that goes quiet, while a steady stream longer than the timeout completes', async () => {
    const server = await serve('openai');
    server.reply(textReply('slow answer', { chunks: 2, delayMs: 400 }), textReply('steady answer here', { chunks: 6, delayMs: 60 }));
    const provider = providerFor(server);
    const error = await failureOf(provider.chat(simpleRequest('openai'), { timeoutMs: 150 }));
    expect(error.code).toBe('ai_timeout');
    expect(error.message).toContain('stopped answering mid-answer');
    expect((await provider.chat(simpleRequest('openai'), { timeoutMs: 150 })).text).toBe('steady answer here');
  });

  it('reports an unreachable host as ai_network naming the host, after retrying', async () => {
    const port = await closedPort();
    const provider = providerAt('openai', `http://127.0.0.1:${port}/v1`);
    const sent: SentRequest[] = [];
    const error = await failureOf(provider.chat(simpleRequest('openai'), { onSend: (request) => sent.push(request) }));
    expect(error.code).toBe('ai_network');
    expect(error.message).toMatch(new RegExp(`^Could not reach 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
    // A server on this machine: what usually keeps it out of reach.
    expect(error.message).toContain('. Is the server running on this machine, and does it accept requests from this page?');
    expect(provider.sleeps).toEqual([1000, 2000]);
    expect(sent.length).toBe(3);
  });

  it('refuses to follow a redirect, so a key header never reaches another host', async () => {
    const elsewhere = await serve('anthropic'); // would answer, and records every header it gets
    const redirecting = createServer((req, res) => {
      res.writeHead(307, { location: `${elsewhere.baseUrl}/messages` }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = redirecting.address() as AddressInfo;
      const provider = providerAt('anthropic', `http://127.0.0.1:${port}/v1`);
      const error = await failureOf(provider.chat(simpleRequest('anthropic')));
      expect(elsewhere.requests).toEqual([]);
      expect(error.code).toBe('ai_bad_response');
      expect(error.message).toMatch(/^Anthropic \(127\.0\.0\.1:\d+\) redirected the request \(307\) to 127\.0\.0\.1:\d+/);
      expect(error.message).toContain('the API key was not forwarded');
      expect(provider.sleeps).toEqual([]); // not retried
    } finally {
      await new Promise<void>((resolve) => redirecting.close(() => resolve()));
    }
  });

  it('reports a connection dropped mid-answer as ai_network', async () => {
    const server = await serve('gemini');
    server.reply(dropReply('half an ans'));
    const error = await failureOf(providerFor(server).chat(simpleRequest('gemini')));
    expect(error.code).toBe('ai_network');
    expect(error.message).toMatch(/^The connection to 127\.0\.0\.1:\d+ dropped mid-answer/);
  });
});
