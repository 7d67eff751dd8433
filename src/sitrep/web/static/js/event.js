// The event view: what the event is, how its reports were linked, and each source text with
// the evidence highlighted (evidence offsets are character offsets into the stored text).
import { clear, el, fmt } from "./dom.js";

const FIELD_NAMES = { event: "event", location: "place", fatalities: "fatalities", injured: "injured",
  captured: "captured", actor1: "actor", actor2: "actor", date: "date", event_date: "date", leaders: "leaders" };

// Evidence that really points at its words: the offsets when they match, else the nearest
// occurrence of the words (a text changed since extraction), else nothing.
export function placeSpans(text, evidence) {
  const out = [];
  for (const ev of evidence) {
    let { start, end } = ev;
    const words = ev.text || "";
    if (!(Number.isInteger(start) && Number.isInteger(end) && text.slice(start, end) === words)) {
      if (!words) continue;
      const after = text.indexOf(words, Math.max(0, (start || 0) - words.length));
      const found = after >= 0 ? after : text.indexOf(words);
      if (found < 0) continue;
      [start, end] = [found, found + words.length];
    }
    if (end > start) out.push({ start, end, field: ev.field });
  }
  return out;
}

// The text cut at every span boundary: [{text, fields}] where fields lists the spans covering it.
export function segments(text, spans) {
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])]
    .filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const fields = [...new Set(spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.field))];
    out.push({ text: text.slice(a, b), fields });
  }
  return out;
}

export function highlighted(text, evidence) {
  const node = el("div", { class: "doc-text" });
  for (const seg of segments(text, placeSpans(text, evidence))) {
    if (!seg.fields.length) {
      node.append(seg.text);
      continue;
    }
    const classes = seg.fields.map((f) => "f-" + (FIELD_NAMES[f] || "other"));
    node.append(el("mark", { class: classes.join(" "), title: seg.fields.join(", "),
      dataset: { fields: seg.fields.join(" ") } }, seg.text));
  }
  return node;
}

const plural = (n, word) => `${fmt(n)} ${word}${n === 1 ? "" : "s"}`;
const quoted = (text) => (text ? ` (“${text}”)` : "");
const distinct = (values) => values.filter((v, i, a) => v && a.indexOf(v) === i);

function facts(e) {
  const differ = e.fatalities_low !== null && e.fatalities_high !== null && e.fatalities_low !== e.fatalities_high;
  const range = differ ? ` (sources say ${fmt(e.fatalities_low)}–${fmt(e.fatalities_high)})` : "";
  const place = distinct([e.location, e.admin2, e.admin1, e.country]).join(", ");
  const rows = [
    ["Date", (e.event_date || "undated") + quoted(e.date_text)],
    ["Type", `${e.event_type} — ${e.sub_event_type}`],
    ["Actor 1", e.actor1],
    ["Actor 2", e.actor2],
    ["Place", place + (e.geo_precision ? ` (precision ${e.geo_precision})` : "")],
    ["Fatalities", fmt(e.fatalities) + range],
    ["Injured", e.injured === null ? null : fmt(e.injured)],
    ["Captured", e.captured === null ? null : fmt(e.captured)],
    ["Leaders killed", (e.leaders_killed || []).join(", ")],
    ["Targets", (e.target_groups || []).join(", ")],
    ["Sources", `${plural(e.n_sources, "document")}, ${plural(e.n_reports, "report")}`],
  ];
  return el("dl", { class: "facts" }, rows.filter(([, v]) => v).map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

function linkList(e) {
  if (!e.links || !e.links.length) return null;
  const why = (l) => (l.reasons || []).map((r) => r.why || r.feature).filter(Boolean).join("; ");
  return el("details", { class: "links" },
    el("summary", {}, `Why these reports are one event (${plural(e.links.length, "link")})`),
    el("ul", {}, e.links.map((l) => el("li", {}, `${l.doc_a} ↔ ${l.doc_b}: score ${l.score.toFixed(1)} — ${why(l)}`))));
}

// What one document says about the event (its own date, place and figures).
function reportLine(r) {
  const parts = [r.event_date || "undated", r.sub_event_type, distinct([r.location, r.admin2, r.admin1]).join(", "),
    `${fmt(r.fatalities)} killed`];
  if (r.injured) parts.push(`${fmt(r.injured)} injured`);
  return el("p", { class: "report" }, "This source: " + parts.filter(Boolean).join(" · "));
}

function sourceArticle(e, d) {
  const evidence = (e.evidence || []).filter((x) => x.doc_id === d.id);
  const published = d.published ? `published ${d.published}` : "publication date unknown";
  const link = d.url ? [" · ", el("a", { href: d.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null;
  return el("article", { class: "source", dataset: { docId: d.id } },
    el("h3", {}, d.title || d.id),
    el("p", { class: "muted" }, distinct([d.id, d.source, published]).join(" · "), link),
    (e.reports || []).filter((r) => r.doc_id === d.id).map(reportLine),
    highlighted(d.text, evidence));
}

export function renderEvent(root, e) {
  const where = e.admin1 ? " in " + distinct([e.admin2, e.admin1]).join(", ") : "";
  const merged = e.requested_id !== e.event_id ? ` (event ${e.requested_id} was merged into it)` : "";
  const legend = el("p", { class: "evidence-legend" }, "Evidence: ",
    ["event", "place", "date", "actor", "fatalities", "injured", "captured", "leaders"].map(
      (f) => el("mark", { class: "f-" + f }, f)));
  const docs = (e.documents || []).map((d) => sourceArticle(e, d));
  clear(root).append(...[
    el("header", { class: "event-head" }, el("h2", {}, e.sub_event_type + where),
      el("p", { class: "muted" }, `Event ${e.event_id}${merged}`)),
    facts(e), linkList(e), el("h3", { class: "section" }, `Source texts (${docs.length})`), legend, ...docs,
  ].filter(Boolean));
  root.dataset.eventId = String(e.event_id);
}
