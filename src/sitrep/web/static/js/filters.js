// The filter form: date range, province, district, type, actor, minimum fatalities, words.
// Every change calls onChange(filters); typing waits for a pause first.
import { clear, debounce, el } from "./dom.js";

const TYPED = new Set(["actor", "q", "min_fatalities"]);

export class FilterForm {
  constructor(form, onChange) {
    this.form = form;
    this.onChange = onChange;
    const typed = debounce(() => this.changed(), 350);
    form.addEventListener("input", (ev) => { if (TYPED.has(ev.target.name)) typed(); });
    form.addEventListener("change", (ev) => {
      if (!TYPED.has(ev.target.name) || ev.target.type === "search") this.changed();
    });
    form.addEventListener("submit", (ev) => { ev.preventDefault(); this.changed(); });
    form.addEventListener("reset", (ev) => { ev.preventDefault(); this.apply({}); this.changed(); });
  }

  control(name) {
    return this.form.elements.namedItem(name);
  }

  setProvinces(names) {
    const select = this.control("admin1");
    clear(select).append(el("option", { value: "" }, "All provinces"), ...names.map((n) => el("option", { value: n }, n)));
  }

  setDistricts(names) {
    const select = this.control("admin2");
    const keep = select.value;
    clear(select).append(el("option", { value: "" }, names.length ? "All districts" : "—"),
      ...names.map((n) => el("option", { value: n }, n)));
    select.disabled = !names.length;
    if (names.includes(keep)) select.value = keep;
  }

  // types: [{type, sub_type, events}] -> optgroups "type" with its sub-types
  setTypes(types) {
    const select = this.control("kind");
    const groups = new Map();
    for (const t of types) {
      if (!groups.has(t.type)) groups.set(t.type, []);
      groups.get(t.type).push(t.sub_type);
    }
    clear(select).append(el("option", { value: "" }, "All types"),
      ...[...groups].map(([type, subs]) => el("optgroup", { label: type },
        el("option", { value: "type:" + type }, `${type} (all)`),
        ...subs.map((s) => el("option", { value: "sub:" + s }, s)))));
  }

  setActors(names) {
    const list = document.getElementById(this.control("actor").getAttribute("list"));
    if (list) clear(list).append(...names.map((n) => el("option", { value: n })));
  }

  // Show `filters` in the form (adding an option when a value is not among them, e.g. a
  // district typed into the URL before the district list arrived).
  apply(filters) {
    for (const name of ["since", "until", "actor", "min_fatalities", "q"]) this.control(name).value = filters[name] || "";
    for (const name of ["admin1", "admin2"]) this.choose(this.control(name), filters[name] || "");
    const kind = filters.sub_type ? "sub:" + filters.sub_type : filters.type ? "type:" + filters.type : "";
    this.choose(this.control("kind"), kind);
  }

  choose(select, value) {
    if (value && ![...select.options].some((o) => o.value === value)) {
      select.append(el("option", { value }, value.replace(/^(type|sub):/, "")));
      select.disabled = false;
    }
    select.value = value;
    select.dataset.value = value; // visible in a DOM dump (the property is not)
  }

  read() {
    const value = (name) => (this.control(name).value || "").trim();
    const filters = {};
    for (const name of ["since", "until", "admin1", "admin2", "actor", "min_fatalities", "q"]) {
      if (value(name)) filters[name] = value(name);
    }
    const kind = value("kind");
    if (kind.startsWith("type:")) filters.type = kind.slice(5);
    if (kind.startsWith("sub:")) filters.sub_type = kind.slice(4);
    return filters;
  }

  changed() {
    for (const select of this.form.querySelectorAll("select")) select.dataset.value = select.value;
    this.onChange(this.read());
  }
}
