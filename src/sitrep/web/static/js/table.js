// The event table: one page of events from the server, sortable by clicking a column head.
import { clear, el, fmt } from "./dom.js";

// [heading, API sort key, first direction, width, cell]
const COLUMNS = [
  ["Date", "date", "-", "92px", (e) => e.event_date || "undated"],
  ["Type", "sub_type", "", "19%", (e) => e.sub_event_type],
  ["Actors", "actor", "", "", (e) => [e.actor1, e.actor2].filter(Boolean).join(" vs ")],
  ["Province", "admin1", "", "13%", (e) => e.admin1 || ""],
  ["District", "admin2", "", "13%", (e) => e.admin2 || ""],
  ["Killed", "fatalities", "-", "48px", (e) => fmt(e.fatalities)],
  ["Src", "sources", "-", "36px", (e) => fmt(e.n_sources)],
];

export class EventTable {
  constructor(table, pager, handlers) {
    this.table = table;
    this.pager = pager;
    this.handlers = handlers; // onSort(sort), onPage(page), onOpen(eventId)
    this.body = table.tBodies[0] || table.appendChild(document.createElement("tbody"));
    const row = el("tr");
    const cols = el("colgroup", {}, COLUMNS.map(([, , , width]) => {
      const col = el("col");
      if (width) col.style.width = width;
      return col;
    }));
    table.prepend(cols);
    for (const [heading, key, first] of COLUMNS) {
      row.append(el("th", { scope: "col", dataset: { sort: key }, tabindex: "0",
        class: key === "fatalities" || key === "sources" ? "num" : null,
        onclick: () => this.sortBy(key, first),
        onkeydown: (ev) => { if (ev.key === "Enter") this.sortBy(key, first); } }, heading));
    }
    clear(table.tHead || table.createTHead()).append(row);
    this.sort = "-date";
  }

  sortBy(key, first) {
    const current = this.sort.replace(/^-/, "");
    const sort = current === key ? (this.sort.startsWith("-") ? key : "-" + key) : first + key;
    this.handlers.onSort(sort);
  }

  render(page, sort, pageIndex, pageSize, openId) {
    this.sort = sort;
    for (const th of this.table.tHead.rows[0].cells) {
      const key = th.dataset.sort;
      const active = sort.replace(/^-/, "") === key;
      th.setAttribute("aria-sort", active ? (sort.startsWith("-") ? "descending" : "ascending") : "none");
    }
    clear(this.body);
    if (!page.events.length) {
      const cell = el("td", { colspan: String(COLUMNS.length) }, "No events match these filters.");
      this.body.append(el("tr", { class: "empty" }, cell));
    }
    for (const e of page.events) {
      const row = el("tr", { dataset: { eventId: e.event_id }, tabindex: "0",
        class: e.event_id === openId ? "open" : null,
        onclick: () => this.handlers.onOpen(e.event_id),
        onkeydown: (ev) => { if (ev.key === "Enter") this.handlers.onOpen(e.event_id); } });
      for (const [, key, , , cell] of COLUMNS) {
        const text = cell(e);
        row.append(el("td", { class: key === "fatalities" || key === "sources" ? "num" : null, title: text }, text));
      }
      this.body.append(row);
    }
    const pages = Math.max(1, Math.ceil(page.total / pageSize));
    const from = page.total ? page.offset + 1 : 0;
    const to = page.offset + page.events.length;
    const button = (label, target, enabled) => el("button", { type: "button", disabled: !enabled,
      onclick: () => this.handlers.onPage(target) }, label);
    clear(this.pager).append(
      button("«", 0, pageIndex > 0), button("‹", pageIndex - 1, pageIndex > 0),
      el("span", { class: "range", dataset: { total: page.total } }, `${fmt(from)}–${fmt(to)} of ${fmt(page.total)}`),
      button("›", pageIndex + 1, pageIndex + 1 < pages), button("»", pages - 1, pageIndex + 1 < pages));
  }
}
