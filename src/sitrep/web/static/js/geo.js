// Plane geometry for the map: an equirectangular projection (longitude scaled by the cosine
// of the middle latitude, so shapes are not stretched) fitted to a box, and GeoJSON to SVG paths.

export function polygonsOf(geometry) {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return [geometry.coordinates];
  if (geometry.type === "MultiPolygon") return geometry.coordinates;
  return [];
}

export function bbox(features) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features)
    for (const polygon of polygonsOf(f.geometry))
      for (const [x, y] of polygon[0]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  return [x0, y0, x1, y1];
}

// A projection fitting `box` ([lon0, lat0, lon1, lat1]) into width x height with a margin.
export function fit(box, width, height, margin = 12) {
  const [x0, y0, x1, y1] = box;
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const w = Math.max((x1 - x0) * k, 1e-6);
  const h = Math.max(y1 - y0, 1e-6);
  const scale = Math.min((width - 2 * margin) / w, (height - 2 * margin) / h);
  const dx = (width - w * scale) / 2;
  const dy = (height - h * scale) / 2;
  const project = ([lon, lat]) => [dx + (lon - x0) * k * scale, dy + (y1 - lat) * scale];
  project.scale = scale;
  return project;
}

export function pathOf(geometry, project) {
  const parts = [];
  for (const polygon of polygonsOf(geometry))
    for (const ring of polygon) {
      let d = "";
      let last = "";
      for (const point of ring) {
        const [x, y] = project(point);
        const xy = x.toFixed(1) + "," + y.toFixed(1);
        if (xy === last) continue; // points closer than a tenth of a pixel add nothing
        d += (d ? "L" : "M") + xy;
        last = xy;
      }
      if (d) parts.push(d + "Z");
    }
  return parts.join("");
}

// Where to put a feature's label: the mean of its largest ring's vertices.
export function labelPoint(geometry) {
  let best = null;
  for (const polygon of polygonsOf(geometry)) if (!best || polygon[0].length > best.length) best = polygon[0];
  if (!best) return null;
  let sx = 0;
  let sy = 0;
  for (const [x, y] of best) {
    sx += x;
    sy += y;
  }
  return [sx / best.length, sy / best.length];
}

// Sequential colours (light yellow to dark red) in quantile classes: each colour holds about
// as many areas as the next, so one very violent province does not leave the rest one colour.
export const COLOURS = ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"];
export const NONE = "#e8e8e4";

export function colourScale(values) {
  const xs = values.filter((v) => v > 0).sort((a, b) => a - b);
  const n = Math.min(COLOURS.length, new Set(xs).size);
  const uppers = []; // the largest value of each class
  for (let i = 1; i <= n; i++) {
    const v = xs[Math.ceil((i * xs.length) / n) - 1];
    if (!uppers.length || v > uppers[uppers.length - 1]) uppers.push(v);
  }
  const last = COLOURS.length - 1;
  const palette = uppers.map((_, i) => COLOURS[uppers.length === 1 ? last : Math.round((i * last) / (uppers.length - 1))]);
  const colour = (v) => {
    if (!(v > 0)) return NONE;
    const i = uppers.findIndex((u) => v <= u);
    return palette[i < 0 ? palette.length - 1 : i];
  };
  const classes = uppers.map((to, i) => ({ colour: palette[i], from: i ? uppers[i - 1] + 1 : 1, to }));
  return { colour, classes };
}
