// An incremental parser for the text/event-stream format (the WHATWG "server-sent events" rules).
// EventSource cannot POST, so the chat reads the stream with fetch and feeds the decoded text here.

export class SseParser {
  /** `onEvent({type, data})` is called once per complete event; `data` is the raw text. */
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = "";
    this.type = "";
    this.data = [];
  }

  /** Feed the next piece of decoded text; pieces may split lines or events anywhere. */
  push(text) {
    this.buffer += text;
    // A trailing "\r" may be the first half of "\r\n": keep it until the next piece decides.
    const lines = this.buffer.split(/\r\n|\n|\r(?!$)/);
    this.buffer = lines.pop();
    for (const line of lines) this.line(line);
  }

  /** The stream ended: an event without its closing blank line is incomplete and dropped, per spec. */
  end() {
    this.buffer = "";
    this.type = "";
    this.data = [];
  }

  line(line) {
    if (line === "") {
      if (this.data.length) this.onEvent({ type: this.type || "message", data: this.data.join("\n") });
      this.type = "";
      this.data = [];
      return;
    }
    if (line.startsWith(":")) return; // a comment, e.g. the server's ": ping" heartbeat
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.type = value;
    else if (field === "data") this.data.push(value);
    // "id" and "retry" only matter for EventSource reconnection, which a POST turn never does.
  }
}
