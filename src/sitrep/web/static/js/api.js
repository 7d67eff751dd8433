// Fetching JSON from the API; a newer request of the same kind cancels the older one, so fast
// filter changes never let a slow stale answer overwrite a fresh one.
const inflight = new Map();

export class ApiError extends Error {
  constructor(status, detail) {
    super(typeof detail === "string" ? detail : JSON.stringify(detail));
    this.status = status;
  }
}

export async function getJSON(url, channel = null) {
  let signal;
  if (channel) {
    inflight.get(channel)?.abort();
    const controller = new AbortController();
    inflight.set(channel, controller);
    signal = controller.signal;
  }
  const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (channel && inflight.get(channel)?.signal === signal) inflight.delete(channel);
  if (!response.ok) throw new ApiError(response.status, body?.detail ?? response.statusText);
  return body;
}

export const isAbort = (err) => err?.name === "AbortError";
