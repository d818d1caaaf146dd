import { describe, expect, it } from 'vitest';
import { EMBED_MAX_BYTES, parseEmbedMessage } from '../../src/domain/embedProtocol';

describe('embed message parsing', () => {
  const data = new ArrayBuffer(16);

  it('accepts a well-formed analyze request', () => {
    expect(parseEmbedMessage({ type: 'samplemind:analyze', id: 3, name: 'kick.wav', data })).toEqual({
      kind: 'analyze',
      request: { id: 3, name: 'kick.wav', data },
    });
  });

  it('ignores messages of other protocols', () => {
    for (const message of [null, 'hello', 42, { type: 'webpackOk' }, { hello: 1 }])
      expect(parseEmbedMessage(message)).toEqual({ kind: 'ignore' });
  });

  it('answers malformed requests with bad_request, echoing a usable id', () => {
    expect(parseEmbedMessage({ type: 'samplemind:analyze', id: 'a', name: 'x.wav', data: 'bytes' })).toEqual({
      kind: 'invalid',
      id: 'a',
      error: { code: 'bad_request', message: '"data" must be an ArrayBuffer holding the file' },
    });
    expect(parseEmbedMessage({ type: 'samplemind:analyze', id: { no: 1 }, name: 'x.wav', data })).toMatchObject({
      kind: 'invalid',
      id: null,
      error: { code: 'bad_request' },
    });
    expect(parseEmbedMessage({ type: 'samplemind:analyze', id: 1, data })).toMatchObject({
      error: { message: '"name" must be a file name (1 to 1024 characters)' },
    });
    expect(parseEmbedMessage({ type: 'samplemind:explode', id: 1 })).toMatchObject({
      error: { code: 'bad_request', message: 'unknown message type "samplemind:explode"' },
    });
  });

  it('refuses files over 200 MB (decimal, as the API states it) as too_large', () => {
    expect(EMBED_MAX_BYTES).toBe(200_000_000);
    const big = new ArrayBuffer(200_000_001);
    expect(parseEmbedMessage({ type: 'samplemind:analyze', id: 1, name: 'huge.wav', data: big })).toMatchObject({
      kind: 'invalid',
      error: { code: 'too_large', message: 'the file is 200.0 MB; the widget takes up to 200 MB (200,000,000 bytes)' },
    });
    expect(parseEmbedMessage({ type: 'samplemind:analyze', id: 1, name: 'big.wav', data: new ArrayBuffer(200_000_000) })).toMatchObject({
      kind: 'analyze',
    });
  });
});
