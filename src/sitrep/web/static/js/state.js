// The dashboard's state (filters, sort, page, open event, measure) and its place in the URL:
// "#admin1=Kunduz&since=2020-01-01&event=12" opens exactly that view, so views can be shared
// and the browser tests can open a filtered view and an event without clicking.
export const FILTER_KEYS = ["since", "until", "admin1", "admin2", "type", "sub_type", "actor", "min_fatalities", "q"];
export const PAGE_SIZE = 50;
const DEFAULT_SORT = "-date";

export function emptyState() {
  return { filters: {}, sort: DEFAULT_SORT, page: 0, event: null, measure: "fatalities" };
}

// Query string first, then the hash (the hash wins): both "?admin1=X" and "#admin1=X" work.
export function stateFromLocation(loc = window.location) {
  const params = new URLSearchParams(loc.search);
  for (const [k, v] of new URLSearchParams(loc.hash.replace(/^#/, ""))) params.set(k, v);
  const state = emptyState();
  for (const key of FILTER_KEYS) {
    const value = (params.get(key) || "").trim();
    if (value) state.filters[key] = value;
  }
  if (params.get("sort")) state.sort = params.get("sort");
  const page = parseInt(params.get("page") || "1", 10);
  state.page = Number.isFinite(page) && page > 1 ? page - 1 : 0;
  const event = parseInt(params.get("event") || "", 10);
  state.event = Number.isFinite(event) ? event : null;
  if (params.get("measure") === "events") state.measure = "events";
  return state;
}

export function hashOf(state) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (state.filters[key]) params.set(key, state.filters[key]);
  if (state.sort !== DEFAULT_SORT) params.set("sort", state.sort);
  if (state.page) params.set("page", String(state.page + 1));
  if (state.measure !== "fatalities") params.set("measure", state.measure);
  if (state.event !== null) params.set("event", String(state.event));
  const text = params.toString();
  return text ? "#" + text : "";
}

// The API query for the current filters (plus any extra parameters).
export function filterQuery(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined) params.set(k, v);
  return params.toString();
}
