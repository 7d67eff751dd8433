// The dashboard: filters -> (table, map, timeline, summary) from the API, all at once; the
// state lives in the URL hash. body[data-ready] is "1" when everything asked for is drawn.
import { getJSON, isAbort } from "./api.js";
import { el, fmt } from "./dom.js";
import { renderEvent } from "./event.js";
import { FilterForm } from "./filters.js";
import { ConflictMap } from "./map.js";
import { filterQuery, hashOf, PAGE_SIZE, stateFromLocation } from "./state.js";
import { EventTable } from "./table.js";
import { monthEnd, renderTimeline } from "./timeline.js";

const MAX_POINTS = 2000;
const $ = (id) => document.getElementById(id);

let state = stateFromLocation();
const districtsOf = new Map(); // province -> adm2 features
let lastTimeline = null;

const form = new FilterForm($("filters"), (filters) => {
  if (filters.admin1 !== state.filters.admin1) delete filters.admin2;
  update({ filters, page: 0 });
});
const map = new ConflictMap($("map"), $("map-legend"), $("map-note"), {
  onArea: (level, name) => {
    const filters = { ...state.filters };
    if (level === "admin1") {
      filters.admin1 = name;
      delete filters.admin2;
    } else filters.admin2 = filters.admin2 === name ? undefined : name;
    update({ filters, page: 0 });
  },
  onCluster: (c) => {
    const f = state.filters;
    const place = c.admin2 ? { admin1: c.admin1, admin2: c.admin2 } : { admin1: c.admin1 };
    const already = f.admin1 === place.admin1 && (!c.admin2 || f.admin2 === c.admin2);
    if (c.events === 1 || already || !c.admin1) openEvent(c.event_id);
    else update({ filters: { ...f, ...place }, page: 0 });
  },
});
const table = new EventTable($("events"), $("pager"), {
  onSort: (sort) => update({ sort, page: 0 }, { only: "table" }),
  onPage: (page) => update({ page }, { only: "table" }),
  onOpen: (id) => openEvent(id),
});

function setHash() {
  const hash = hashOf(state);
  if (hash !== window.location.hash && !(hash === "" && window.location.hash === "")) {
    history.replaceState(null, "", hash || window.location.pathname + window.location.search);
  }
}

function update(change, { only = null } = {}) {
  state = { ...state, ...change };
  form.apply(state.filters);
  setHash();
  refresh(only);
}

async function districts(province) {
  if (!province) return [];
  if (!districtsOf.has(province)) {
    const geo = await getJSON(`/api/boundaries/adm2?admin1=${encodeURIComponent(province)}`);
    districtsOf.set(province, geo.features);
  }
  return districtsOf.get(province);
}

function showError(err) {
  if (isAbort(err)) return;
  $("status").textContent = `Could not load: ${err.message}`;
  $("status").hidden = false;
}

async function refreshTable() {
  const page = { limit: PAGE_SIZE, offset: state.page * PAGE_SIZE, sort: state.sort, evidence: "false" };
  const query = filterQuery(state.filters, page);
  const events = await getJSON(`/api/events?${query}`, "table");
  table.render(events, state.sort, state.page, PAGE_SIZE, state.event);
}

async function refreshMapAndTimeline() {
  const f = state.filters;
  const by = f.admin1 ? "admin2" : "admin1";
  const [areas, points, months, focusDistricts] = await Promise.all([
    getJSON(`/api/aggregates?${filterQuery(f, { by })}`, "areas"),
    getJSON(`/api/points?${filterQuery(f, { limit: MAX_POINTS })}`, "points"),
    getJSON(`/api/aggregates?${filterQuery(f, { by: "month" })}`, "months"),
    districts(f.admin1),
  ]);
  form.setDistricts(focusDistricts.map((d) => d.properties.name).sort());
  form.apply(state.filters);
  map.render({ focus: f.admin1 || null, districts: focusDistricts, groups: areas.groups, clusters: points.clusters,
    measure: state.measure, selected: f.admin2 || null });
  const shown = points.clusters.reduce((n, c) => n + c.events, 0);
  const places = `${fmt(points.total_clusters)} places`;
  $("map-note").textContent = points.truncated
    ? `${fmt(shown)} of ${fmt(points.located_events)} located events drawn (the ${fmt(points.clusters.length)} largest of ${places})`
    : `${fmt(points.located_events)} located events at ${places}`;
  const measure = state.measure === "events" ? "Events" : "Fatalities";
  $("map-title").textContent = `${measure} by ${f.admin1 ? `district — ${f.admin1}` : "province"}`;
  $("map-back").hidden = !f.admin1;
  lastTimeline = months.groups;
  drawTimeline();
  const undated = months.groups.find((g) => g.key === null);
  const totalEvents = months.groups.reduce((n, g) => n + g.events, 0);
  const totalDead = months.groups.reduce((n, g) => n + g.fatalities, 0);
  $("timeline-note").textContent = undated
    ? `${fmt(undated.events)} undated events (${fmt(undated.fatalities)} fatalities) are not on the timeline` : "";
  const summary = $("summary");
  const filtered = Object.values(f).some(Boolean) ? " (filtered)" : "";
  summary.textContent = `${fmt(totalEvents)} events · ${fmt(totalDead)} fatalities${filtered}`;
  summary.dataset.events = totalEvents;
  summary.dataset.fatalities = totalDead;
}

function drawTimeline() {
  if (!lastTimeline) return;
  renderTimeline($("timeline"), lastTimeline, state.measure, (month) => {
    update({ filters: { ...state.filters, since: `${month}-01`, until: monthEnd(month) }, page: 0 });
  });
}

// body[data-ready]: "0" while any refresh or event load is under way, "1" when all are done
let busy = 0;
function track(promise) {
  busy += 1;
  document.body.dataset.ready = "0";
  return promise.finally(() => {
    busy -= 1;
    if (!busy) document.body.dataset.ready = "1";
  });
}

function refresh(only = null) {
  return track(load(only));
}

async function load(only) {
  $("status").hidden = true;
  const q = filterQuery(state.filters);
  $("export-csv").href = `/api/export.csv${q ? "?" + q : ""}`;
  $("export-geojson").href = `/api/export.geojson${q ? "?" + q : ""}`;
  try {
    await Promise.all(only === "table" ? [refreshTable()] : [refreshTable(), refreshMapAndTimeline()]);
  } catch (err) {
    showError(err);
  }
}

function openEvent(id) {
  return track(loadEvent(id));
}

async function loadEvent(id) {
  state = { ...state, event: id };
  setHash();
  const drawer = $("event-view");
  const body = $("event-body");
  drawer.hidden = false;
  body.dataset.eventId = "";
  body.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  for (const row of document.querySelectorAll("#events tbody tr")) {
    row.classList.toggle("open", Number(row.dataset.eventId) === id);
  }
  try {
    const event = await getJSON(`/api/events/${encodeURIComponent(id)}`, "event");
    renderEvent(body, event);
    body.scrollTop = 0;
    body.querySelector("mark")?.scrollIntoView({ block: "center" });
  } catch (err) {
    if (isAbort(err)) return;
    const message = err.status === 404 ? `No event ${id}.` : `Could not load event ${id}: ${err.message}`;
    body.replaceChildren(el("p", { class: "error" }, message));
  }
}

function closeEvent() {
  $("event-view").hidden = true;
  state = { ...state, event: null };
  setHash();
  for (const row of document.querySelectorAll("#events tbody tr.open")) row.classList.remove("open");
}

async function start() {
  $("event-close").addEventListener("click", closeEvent);
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape" && !$("event-view").hidden) closeEvent(); });
  $("map-back").addEventListener("click", () => {
    update({ filters: { ...state.filters, admin1: undefined, admin2: undefined }, page: 0 });
  });
  $("measure").addEventListener("change", (ev) => update({ measure: ev.target.value }));
  window.addEventListener("hashchange", () => {
    const next = stateFromLocation();
    if (hashOf(next) === hashOf(state)) return;
    const eventChanged = next.event !== state.event;
    state = next;
    form.apply(state.filters);
    $("measure").value = state.measure;
    refresh();
    if (eventChanged) (state.event === null ? closeEvent() : openEvent(state.event));
  });
  let resizeTimer = null;
  window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(drawTimeline, 150); });

  try {
    const [info, provinces, actors] = await Promise.all([
      getJSON("/api/info"), getJSON("/api/boundaries/adm1"), getJSON("/api/aggregates?by=actor"),
    ]);
    map.setProvinces(provinces);
    form.setProvinces(provinces.features.map((f) => f.properties.name).sort());
    form.setTypes(info.types);
    form.setActors(actors.groups.slice(0, 200).map((g) => g.key));
    $("store-info").textContent = `${fmt(info.events)} events from ${fmt(info.documents)} documents` +
      (info.first_date ? `, ${info.first_date} to ${info.last_date}` : "");
  } catch (err) {
    showError(err);
    return;
  }
  form.apply(state.filters);
  $("measure").value = state.measure;
  const opening = state.event !== null ? openEvent(state.event) : null;
  await Promise.all([refresh(), opening]);
}

start();
