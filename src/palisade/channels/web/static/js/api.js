// The HTTP API client: one place that knows paths, the error shape and the optional bearer token.
import { SseParser } from "./sse.js";

const TOKEN_KEY = "palisade.token";

/** An API error with the server's `{"error": {kind, message, details}}` fields. */
export class ApiError extends Error {
  constructor(status, kind, message, details = null, retryAfter = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.kind = kind;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

function headers(extra = {}) {
  const result = { Accept: "application/json", ...extra };
  const token = getToken();
  if (token) result.Authorization = `Bearer ${token}`;
  return result;
}

async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const error = body && body.error ? body.error : {};
  const retry = Number.parseFloat(response.headers.get("Retry-After") || "");
  let message = error.message;
  if (!message) {
    message = response.status === 404
      ? "This server does not offer that yet (404). Update Palisade or ask the administrator."
      : `The server answered ${response.status} ${response.statusText}. Try again in a moment.`;
  }
  return new ApiError(
    response.status,
    error.kind || `HTTP${response.status}`,
    message,
    error.details ?? null,
    Number.isFinite(retry) ? retry : null,
  );
}

function networkError(err) {
  if (err && err.name === "AbortError") return err;
  return new ApiError(0, "NetworkError",
    "Palisade's server cannot be reached. Check that `palisade serve` is running, then try again.");
}

async function request(method, path, body, { signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: "same-origin",
    });
  } catch (err) {
    throw networkError(err);
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return null;
  return response.json();
}

export const api = {
  me: () => request("GET", "/api/v1/me"),
  listConversations: (q = "", { signal } = {}) => {
    const params = new URLSearchParams({ limit: "50", offset: "0" });
    if (q) params.set("q", q);
    return request("GET", `/api/v1/conversations?${params}`, undefined, { signal });
  },
  getConversation: (id) => request("GET", `/api/v1/conversations/${encodeURIComponent(id)}`),
  deleteConversation: (id) => request("DELETE", `/api/v1/conversations/${encodeURIComponent(id)}`),
  getProposal: (id) => request("GET", `/api/v1/proposals/${encodeURIComponent(id)}`),
  confirm: (id, repo = null) =>
    request("POST", `/api/v1/proposals/${encodeURIComponent(id)}/confirm`, repo ? { repo } : {}),
  feedback: (body) => request("POST", "/api/v1/feedback", body),
};

/**
 * Send a message and read the turn as server-sent events: `onEvent({type, data})` per event, with `data`
 * parsed from JSON. Input problems arrive as a JSON error before the stream and throw `ApiError`;
 * `signal.abort()` (the Stop button) closes the connection, which cancels the work on the server.
 * Resolves with the type of the last event seen ("done", "error", or something else when the
 * connection dropped mid-turn).
 */
export async function streamMessage({ text, conversationId }, { signal, onEvent }) {
  let response;
  try {
    response = await fetch("/api/v1/messages/stream", {
      method: "POST",
      headers: headers({ "Content-Type": "application/json", Accept: "text/event-stream" }),
      body: JSON.stringify({ text, conversation_id: conversationId || null }),
      signal,
      credentials: "same-origin",
    });
  } catch (err) {
    throw networkError(err);
  }
  if (!response.ok) throw await errorFrom(response);
  const type = response.headers.get("Content-Type") || "";
  if (!type.startsWith("text/event-stream") || !response.body) {
    throw new ApiError(response.status, "BadStream",
      "The server did not answer with an event stream. Update Palisade or reload the page.");
  }
  let last = null;
  const parser = new SseParser(({ type: eventType, data }) => {
    let parsed;
    try {
      parsed = JSON.parse(data);
    } catch {
      parsed = { text: data };
    }
    last = eventType;
    onEvent({ type: eventType, data: parsed });
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
    }
    parser.end();
  } catch (err) {
    if (err && err.name === "AbortError") throw err;
    throw new ApiError(0, "StreamBroken",
      "The connection closed before the answer finished. Send the message again.");
  } finally {
    reader.releaseLock();
  }
  return last;
}
