// The timeline: one SVG bar per month (months without events included), events or fatalities.
import { clear, fmt, svg } from "./dom.js";

const PAD = { left: 44, right: 8, top: 10, bottom: 24 };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// Every month from the first to the last key, with zeros where nothing happened.
export function monthSeries(groups) {
  const byKey = new Map(groups.filter((g) => g.key).map((g) => [g.key, g]));
  const keys = [...byKey.keys()].sort();
  if (!keys.length) return [];
  let [y, m] = keys[0].split("-").map(Number);
  const [ly, lm] = keys[keys.length - 1].split("-").map(Number);
  const out = [];
  while (y < ly || (y === ly && m <= lm)) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    out.push(byKey.get(key) || { key, events: 0, fatalities: 0 });
    if (++m > 12) { m = 1; y += 1; }
  }
  return out;
}

export function monthEnd(key) {
  const [y, m] = key.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${key}-${String(last).padStart(2, "0")}`;
}

// Drawn at the element's own size (text stays crisp); call again when it is resized.
export function renderTimeline(root, groups, measure, onMonth) {
  const WIDTH = Math.round(root.clientWidth) || 1000;
  const HEIGHT = Math.round(root.clientHeight) || 200;
  root.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  clear(root);
  const series = monthSeries(groups);
  if (!series.length) {
    root.append(svg("text", { x: WIDTH / 2, y: HEIGHT / 2, class: "empty" }, "No dated events"));
    return;
  }
  const max = Math.max(1, ...series.map((g) => g[measure]));
  const inner = WIDTH - PAD.left - PAD.right;
  const height = HEIGHT - PAD.top - PAD.bottom;
  const step = inner / series.length;
  const gap = step > 4 ? Math.min(2, step * 0.2) : 0;
  const width = Math.min(Math.max(step - gap, 0.5), 48); // a few months must not make slabs
  const bars = svg("g", { class: "bars" });
  const axis = svg("g", { class: "axis" });
  // label years when there are many months, months otherwise
  const every = series.length > 36 ? 12 : series.length > 12 ? 3 : 1;
  const yearEvery = Math.max(1, Math.ceil(40 / (step * 12))); // at least 40 px between year labels
  series.forEach((g, i) => {
    const h = (g[measure] / max) * height;
    const x = PAD.left + i * step;
    const label = `${g.key}: ${fmt(g.events)} events, ${fmt(g.fatalities)} fatalities`;
    bars.append(svg("rect", {
      class: "bar" + (g[measure] ? "" : " zero"), x: (x + (step - width) / 2).toFixed(2),
      y: (PAD.top + height - h).toFixed(2), width: width.toFixed(2), height: Math.max(h, g[measure] ? 1 : 0).toFixed(2),
      dataset: { month: g.key, events: g.events, fatalities: g.fatalities },
      onclick: () => onMonth(g.key),
    }, svg("title", {}, label)));
    const month = Number(g.key.slice(5, 7));
    const year = Number(g.key.slice(0, 4));
    if (every === 12 ? month === 1 && year % yearEvery === 0 : (month - 1) % every === 0) {
      const text = every === 12 ? String(year) : `${MONTHS[month - 1]} ${g.key.slice(2, 4)}`;
      axis.append(svg("line", { x1: x.toFixed(1), x2: x.toFixed(1), y1: PAD.top + height, y2: PAD.top + height + 4 }),
        svg("text", { x: (x + 2).toFixed(1), y: HEIGHT - 6, class: "tick" }, text));
    }
  });
  axis.append(
    svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: PAD.top + height, y2: PAD.top + height }),
    svg("text", { x: PAD.left - 6, y: PAD.top + 8, class: "tick end" }, fmt(max)),
    svg("text", { x: PAD.left - 6, y: PAD.top + height, class: "tick end" }, "0"));
  root.append(axis, bars);
}
