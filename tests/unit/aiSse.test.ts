import { describe, expect, it } from 'vitest';
import { parseSse, type SseEvent } from '../../src/ai/sse';

const encoder = new TextEncoder();

function streamOf(chunks: Uint8Array[], onCancel?: () => void): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
    cancel: onCancel,
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of parseSse(stream)) events.push(event);
  return events;
}

/** The bytes cut into pieces of `size` bytes, wherever that falls (inside characters and CRLFs too). */
function bytesIn(text: string, size: number): Uint8Array[] {
  const bytes = encoder.encode(text);
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.slice(at, at + size));
  return pieces;
}

const AWKWARD =
  ': a comment the parser must skip\r\n' +
  'event: content_block_delta\r\n' +
  'data: {"text":"Grüße 🥁"}\r\n' +
  '\r\n' +
  'data: first line\n' +
  'data:second line, no space after the colon\n' +
  'data:  two spaces keep one\n' +
  'id: 7\n' +
  '\n' +
  'event: only-a-name\n' +
  '\n' +
  'data\n' +
  '\n' +
  'data: [DONE]\n' +
  '\n';

const AWKWARD_EVENTS: SseEvent[] = [
  { event: 'content_block_delta', data: '{"text":"Grüße 🥁"}' },
  { data: 'first line\nsecond line, no space after the colon\n two spaces keep one' },
  { data: '' }, // a bare "data" field is an event with empty data; an event with no data field at all is dropped
  { data: '[DONE]' },
];

describe('parseSse', () => {
  it('parses comments, named events, multi-line data, bare fields and [DONE] from one chunk', async () => {
    expect(await collect(streamOf([encoder.encode(AWKWARD)]))).toEqual(AWKWARD_EVENTS);
  });

  it('gives the same events when the bytes arrive one at a time (inside UTF-8 characters and CRLF pairs)', async () => {
    expect(await collect(streamOf(bytesIn(AWKWARD, 1)))).toEqual(AWKWARD_EVENTS);
  });

  it('gives the same events for every two-piece split of the stream', async () => {
    const bytes = encoder.encode(AWKWARD);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await collect(streamOf([bytes.slice(0, cut), bytes.slice(cut)])), `cut at byte ${cut}`).toEqual(AWKWARD_EVENTS);
    }
  });

  it('does not end an event early when a CRLF is split between chunks', async () => {
    const events = await collect(streamOf([encoder.encode('data: a\r'), encoder.encode('\ndata: b\r'), encoder.encode('\n\r\n')]));
    expect(events).toEqual([{ data: 'a\nb' }]);
  });

  it('accepts CR-only line endings, a leading BOM, and a last event without its blank line', async () => {
    const events = await collect(streamOf([encoder.encode('\uFEFFdata: one\r\rdata: two\r\revent: x\rdata: tail')]));
    expect(events).toEqual([{ data: 'one' }, { data: 'two' }, { event: 'x', data: 'tail' }]);
  });

  it('cancels the stream when the reader stops early', async () => {
    let cancelled = false;
    const stream = streamOf(
      [encoder.encode('data: 1\n\n'), encoder.encode('data: 2\n\n'), encoder.encode('data: 3\n\n')],
      () => (cancelled = true),
    );
    for await (const event of parseSse(stream)) {
      expect(event.data).toBe('1');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
