// A small offline OpenAPI reader: every operation with its parameters, body and responses,
// and a "try it" form for the GET operations.
import { el } from "./dom.js";

const root = document.getElementById("docs");

function schemaText(schema, spec) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.anyOf) return schema.anyOf.map((s) => schemaText(s, spec)).filter((t) => t !== "null").join(" | ");
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.type === "array") return `array of ${schemaText(schema.items, spec)}`;
  let text = schema.type || "any";
  if (schema.format) text += ` (${schema.format})`;
  if (schema.pattern) text += ` matching ${schema.pattern}`;
  const bounds = [["minimum", "≥"], ["maximum", "≤"], ["maxLength", "length ≤"]]
    .filter(([k]) => schema[k] !== undefined).map(([k, s]) => `${s} ${schema[k]}`);
  return bounds.length ? `${text}, ${bounds.join(", ")}` : text;
}

const defaultText = (schema) => (schema?.default !== undefined ? ` = ${JSON.stringify(schema.default)}` : "");

function properties(name, spec) {
  const schema = spec.components?.schemas?.[name];
  if (!schema?.properties) return null;
  return el("table", {}, el("tr", {}, el("th", {}, "field"), el("th", {}, "type"), el("th", {}, "")),
    Object.entries(schema.properties).map(([k, s]) => el("tr", {},
      el("td", { class: "mono" }, k + ((schema.required || []).includes(k) ? " *" : "")),
      el("td", {}, schemaText(s, spec)), el("td", {}, s.description || ""))));
}

function tryForm(path, params) {
  const inputs = params.map((p) => el("input", { placeholder: p.name, name: p.name, title: p.description || p.name }));
  const out = el("pre", { class: "out", hidden: true });
  const run = async () => {
    let url = path;
    const query = new URLSearchParams();
    for (const input of inputs) {
      const p = params.find((x) => x.name === input.name);
      if (!input.value) continue;
      if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(input.value));
      else query.set(p.name, input.value);
    }
    if (query.toString()) url += "?" + query;
    out.hidden = false;
    out.textContent = `GET ${url}\n…`;
    const response = await fetch(url);
    const text = await response.text();
    let shown = text;
    try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch { /* CSV or GeoJSON text */ }
    out.textContent = `GET ${url} → ${response.status}\n\n${shown.slice(0, 20000)}${shown.length > 20000 ? "\n…" : ""}`;
  };
  return [el("div", { class: "try" }, inputs, el("button", { type: "button", onclick: run }, "Try it")), out];
}

function operation(path, method, op, spec) {
  const params = op.parameters || [];
  const body = op.requestBody?.content?.["application/json"]?.schema;
  const bodyName = body ? schemaText(body, spec) : null;
  return el("section", { class: "op", id: op.operationId },
    el("h2", {}, el("span", { class: `method ${method}` }, method.toUpperCase()), el("span", { class: "path" }, path),
      el("span", { class: "summary" }, op.summary || "")),
    op.description ? el("p", { class: "desc" }, op.description) : null,
    params.length ? el("table", {}, el("tr", {}, ["parameter", "in", "type", ""].map((h) => el("th", {}, h))),
      params.map((p) => el("tr", {}, el("td", { class: "mono" }, p.name + (p.required ? " *" : "")), el("td", {}, p.in),
        el("td", {}, schemaText(p.schema, spec) + defaultText(p.schema)), el("td", {}, p.description || "")))) : null,
    bodyName ? [el("p", {}, "JSON body: ", el("code", {}, bodyName)), properties(bodyName, spec)] : null,
    el("p", {}, "Responses: ", Object.entries(op.responses || {}).map(([code, r]) => {
      const schema = r.content?.["application/json"]?.schema;
      return el("code", { title: r.description || "" }, `${code}${schema ? " " + schemaText(schema, spec) : ""}  `);
    })),
    method === "get" ? tryForm(path, params) : null);
}

async function main() {
  const spec = await (await fetch("/openapi.json")).json();
  const ops = [];
  for (const [path, methods] of Object.entries(spec.paths))
    for (const [method, op] of Object.entries(methods)) ops.push(operation(path, method, op, spec));
  const intro = `${spec.info.title} ${spec.info.version}\n\n${spec.info.description || ""}`;
  root.replaceChildren(el("p", { class: "intro" }, intro),
    el("p", {}, `Try it with curl: curl 'http://${location.host}/api/events?admin1=Kunduz&limit=5'`), ...ops);
}

main().catch((err) => root.replaceChildren(el("p", {}, `Could not load /openapi.json: ${err.message}`)));
