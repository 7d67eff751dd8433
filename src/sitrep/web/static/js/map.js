// The map: provinces (or, when one province is chosen, its districts) coloured by fatalities
// or events, and the clustered event points on top. Drawn in SVG from the bundled boundaries.
import { bbox, colourScale, fit, labelPoint, pathOf } from "./geo.js";
import { clear, el, fmt, svg } from "./dom.js";

const WIDTH = 1000;
const HEIGHT = 700;

export class ConflictMap {
  constructor(root, legend, note, handlers) {
    this.root = root;
    this.legend = legend;
    this.note = note;
    this.handlers = handlers; // onArea(level, name), onCluster(cluster)
    this.provinces = [];
    this.paths = new Map(); // cache: "focus|name" -> path d
    root.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
    root.setAttribute("preserveAspectRatio", "xMidYMid meet");
  }

  setProvinces(geojson) {
    this.provinces = geojson.features;
    this.countryBox = bbox(this.provinces);
  }

  // view: {focus: province name or null, districts: features of the focus, groups: [{key,
  // events, fatalities}] per province (or district), clusters, measure, selected district}
  render(view) {
    const { focus, districts, groups, clusters, measure } = view;
    const areas = focus ? districts : this.provinces;
    const box = focus && districts.length ? bbox(districts) : this.countryBox;
    const project = fit(box, WIDTH, HEIGHT);
    const key = (name) => `${focus || ""}|${name}`;
    const d = (f, prefix) => {
      const k = key(prefix + f.properties.name + (f.properties.id || ""));
      if (!this.paths.has(k)) this.paths.set(k, pathOf(f.geometry, project));
      return this.paths.get(k);
    };
    const byName = new Map(groups.map((g) => [(g.key || "").toLowerCase(), g]));
    const value = (g) => (g ? g[measure] : 0);
    const scale = colourScale(groups.filter((g) => g.key).map(value));
    const level = focus ? "admin2" : "admin1";

    const layerAreas = svg("g", { class: "areas" });
    if (focus) {
      // the neighbouring provinces, for context: click one to go there
      for (const f of this.provinces) {
        if (f.properties.name === focus) continue;
        layerAreas.append(svg("path", { class: "province context", d: d(f, "ctx:"), dataset: { name: f.properties.name },
          onclick: () => this.handlers.onArea("admin1", f.properties.name) }, svg("title", {}, f.properties.name)));
      }
    }
    const layerLabels = svg("g", { class: "labels" });
    for (const f of areas) {
      const name = f.properties.name;
      const g = byName.get(name.toLowerCase());
      const label = `${name}: ${fmt(g ? g.events : 0)} events, ${fmt(g ? g.fatalities : 0)} fatalities`;
      const selected = focus ? view.selected && view.selected.toLowerCase() === name.toLowerCase() : false;
      const path = svg("path", {
        class: (focus ? "district" : "province") + (selected ? " selected" : "") + (g ? " has-events" : ""),
        d: d(f, ""), fill: scale.colour(value(g)),
        dataset: { name, events: g ? g.events : 0, fatalities: g ? g.fatalities : 0 },
        onclick: () => this.handlers.onArea(level, name),
        onmouseenter: () => { this.note.textContent = label; },
      }, svg("title", {}, label));
      layerAreas.append(path);
      const at = labelPoint(f.geometry);
      if (at && this.fits(f, name, project)) {
        const [x, y] = project(at);
        layerLabels.append(svg("text", { x: x.toFixed(1), y: y.toFixed(1), class: "label" }, name));
      }
    }

    const layerPoints = svg("g", { class: "points" });
    const biggest = Math.max(1, ...clusters.map((c) => c.events));
    const radius = (n) => 2.5 + 13 * Math.sqrt(n / biggest);
    for (const c of clusters) {
      const [x, y] = project([c.longitude, c.latitude]);
      const where = [c.location, c.admin2, c.admin1].filter((v, i, a) => v && a.indexOf(v) === i).join(", ");
      const label = `${where}: ${fmt(c.events)} event${c.events === 1 ? "" : "s"}, ${fmt(c.fatalities)} fatalities`;
      layerPoints.append(svg("circle", {
        class: "point" + (c.geo_precision === 3 ? " imprecise" : ""), cx: x.toFixed(1), cy: y.toFixed(1),
        r: radius(c.events).toFixed(1), dataset: { eventId: c.event_id, events: c.events },
        onclick: (e) => { e.stopPropagation(); this.handlers.onCluster(c); },
        onmouseenter: () => { this.note.textContent = label; },
      }, svg("title", {}, label)));
    }
    clear(this.root).append(layerAreas, layerLabels, layerPoints);
    this.root.dataset.focus = focus || "";
    this.renderLegend(scale, measure);
  }

  // whether a label fits inside the area (roughly: the name is narrower than its box)
  fits(feature, name, project) {
    const [x0, y0, x1, y1] = bbox([feature]);
    const [ax, ay] = project([x0, y1]);
    const [bx, by] = project([x1, y0]);
    return bx - ax > name.length * 6.2 && by - ay > 14;
  }

  renderLegend(scale, measure) {
    clear(this.legend).append(el("span", { class: "legend-title" }, measure === "events" ? "Events" : "Fatalities"),
      el("span", { class: "swatch" }, el("i", { class: "none" }), "0"),
      ...scale.classes.map((c) => {
        const swatch = el("i");
        swatch.style.background = c.colour;
        return el("span", { class: "swatch" }, swatch, c.from === c.to ? fmt(c.from) : `${fmt(c.from)}–${fmt(c.to)}`);
      }),
      el("span", { class: "swatch" }, el("i", { class: "dot" }), "events (size: count)"));
  }
}
