/**
 * A Server-Sent Events parser (the WHATWG "event stream" format) over a fetch body. All three
 * chat wire formats stream their answers this way. Network chunks may end anywhere: mid-line,
 * between the CR and LF of a CRLF, or inside a multi-byte UTF-8 character, so the text is decoded
 * as a stream and lines are only cut where they are known to be complete.
 */

export interface SseEvent {
  /** The `event:` field, where the server named the event (Anthropic does; OpenAI and Gemini do not). */
  event?: string;
  /** The `data:` lines of the event joined with "\n". A terminating `[DONE]` is passed on as is. */
  data: string;
}

/** Accumulates the fields of one event until the blank line that dispatches it. */
class EventBuilder {
  private eventName = '';
  private dataLines: string[] = [];

  addLine(line: string): void {
    if (line.startsWith(':')) return; // a comment (servers send them as keep-alives)
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
    // `id` and `retry` only matter to EventSource reconnection, which a POST stream never does.
  }

  /** The finished event, or undefined when it had no data (the spec drops those). Resets for the next one. */
  take(): SseEvent | undefined {
    const event: SseEvent | undefined =
      this.dataLines.length === 0 ? undefined : { ...(this.eventName ? { event: this.eventName } : {}), data: this.dataLines.join('\n') };
    this.eventName = '';
    this.dataLines = [];
    return event;
  }
}

/**
 * Yields each event of the stream as soon as its closing blank line arrives. Lines may end in LF,
 * CRLF or CR. Unlike EventSource, a last event without its closing blank line is still delivered
 * at the end of the stream: some servers omit it. Stopping the iteration early cancels the stream.
 */
export async function* parseSse(stream: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = stream.getReader();
  const decoder = new TextDecoder(); // strips a leading BOM, as the spec asks
  const builder = new EventBuilder();
  let pending = '';
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let lineStart = 0;
      for (let at = 0; at < pending.length; at++) {
        const char = pending[at];
        if (char !== '\n' && char !== '\r') continue;
        // A CR as the last character may be the first half of a CRLF whose LF is in the next chunk.
        if (char === '\r' && at === pending.length - 1 && !done) break;
        const line = pending.slice(lineStart, at);
        if (char === '\r' && pending[at + 1] === '\n') at++;
        lineStart = at + 1;
        if (line === '') {
          const event = builder.take();
          if (event) yield event;
        } else {
          builder.addLine(line);
        }
      }
      pending = pending.slice(lineStart);
      if (done) {
        if (pending !== '') builder.addLine(pending);
        const last = builder.take();
        finished = true;
        if (last) yield last;
        return;
      }
    }
  } finally {
    // Stopped early (the caller broke out or threw): tell the server we are no longer reading.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
