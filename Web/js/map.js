// Draws GeoJSON as inline SVG paths (equirectangular projection scaled by the cosine of the middle latitude; no
// map library, no tiles) and the small line chart of the trend. Fills come from SVG <pattern>s so that colours
// are told apart by hatching and shape as well as hue.

import { el, t } from "./api.js";

const SVG = "http://www.w3.org/2000/svg";

/** An SVG element. */
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) if (value != null) node.setAttribute(key, value);
  for (const child of children.flat()) if (child != null) node.append(child);
  return node;
}

/** Fill of each readiness / task colour: hue plus a pattern (solid, diagonal lines, cross-hatch, dots). */
export const COLOUR_STYLES = {
  green: { fill: "#1b7837", pattern: "solid" },
  yellow: { fill: "#f1b82d", pattern: "diagonal" },
  red: { fill: "#c2372b", pattern: "cross" },
  no_data: { fill: "#c9ced6", pattern: "dots" },
};

/** Fill of each coverage band by its rank in the plan (best first): dark to light, each with its own hatching. */
export const BAND_STYLES = [
  { fill: "#08519c", pattern: "solid" },
  { fill: "#4f9bd1", pattern: "diagonal" },
  { fill: "#b5d4ea", pattern: "dots" },
  { fill: "#fde7d8", pattern: "cross" },
];
export const NO_BAND_STYLE = { fill: "#e3e6ea", pattern: "grid" };

/** The <pattern> for a style, made once per SVG. Ink is dark on light fills and white on dark ones. */
function patternFor(defs, id, style) {
  if (!defs.querySelector(`#${id}`)) {
    const dark = ["#08519c", "#1b7837", "#c2372b"].includes(style.fill);
    const ink = dark ? "rgba(255,255,255,0.65)" : "rgba(0,0,0,0.45)";
    const pattern = svg("pattern", { id, width: 6, height: 6, patternUnits: "userSpaceOnUse" }, svg("rect", { width: 6, height: 6, fill: style.fill }));
    if (style.pattern === "diagonal" || style.pattern === "cross") pattern.append(svg("path", { d: "M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2", stroke: ink, "stroke-width": 1 }));
    if (style.pattern === "cross") pattern.append(svg("path", { d: "M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2", stroke: ink, "stroke-width": 1 }));
    if (style.pattern === "dots") pattern.append(svg("circle", { cx: 3, cy: 3, r: 1.1, fill: ink }));
    if (style.pattern === "grid") pattern.append(svg("path", { d: "M0,0 h6 M0,0 v6", stroke: ink, "stroke-width": 0.6 }));
    defs.append(pattern);
  }
  return `url(#${id})`;
}

/** A small swatch (an SVG square filled like the map) for legends. */
export function swatch(id, style) {
  const node = svg("svg", { width: 18, height: 18, viewBox: "0 0 18 18", class: "swatch", "aria-hidden": "true" });
  const defs = svg("defs");
  node.append(defs, svg("rect", { x: 0.5, y: 0.5, width: 17, height: 17, fill: patternFor(defs, "sw-" + id, style), stroke: "#555" }));
  return node;
}

/** Projects every ring of the collection into a `width`-wide box; returns the projector and the box height. */
function projection(features, width, padding = 6) {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  const visit = (ring) => {
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  };
  for (const feature of features) eachRing(feature.geometry, visit);
  const k = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
  const scale = (width - 2 * padding) / Math.max((maxX - minX) * k, 1e-9);
  const height = Math.ceil((maxY - minY) * scale + 2 * padding);
  return { height, project: ([x, y]) => [padding + (x - minX) * k * scale, padding + (maxY - y) * scale] };
}

function eachRing(geometry, visit) {
  if (!geometry) return;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  for (const polygon of polygons) for (const ring of polygon) visit(ring);
}

/** The SVG path data of a geometry, and the centre of its largest ring (for markers). */
function pathOf(geometry, project) {
  let d = "";
  let best = { area: -1, centre: null };
  eachRing(geometry, (ring) => {
    const points = ring.map(project);
    d += "M" + points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L") + "Z";
    let area = 0, cx = 0, cy = 0;
    for (let i = 0; i < points.length - 1; i++) {
      const [x0, y0] = points[i];
      const [x1, y1] = points[i + 1];
      const cross = x0 * y1 - x1 * y0;
      area += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (Math.abs(area) > best.area && area !== 0) best = { area: Math.abs(area), centre: [cx / (3 * area), cy / (3 * area)] };
  });
  return { d, centre: best.centre };
}

/** Task colour marker shapes, so the colour is also a shape: circle, triangle, square, hollow ring. */
function marker([x, y], colour) {
  const style = COLOUR_STYLES[colour] || COLOUR_STYLES.no_data;
  const common = { fill: colour === "no_data" ? "#fff" : style.fill, stroke: "#222", "stroke-width": 1, class: "task-marker" };
  if (colour === "yellow") return svg("path", { ...common, d: `M${x},${y - 5.5}L${x + 5.5},${y + 4}L${x - 5.5},${y + 4}Z` });
  if (colour === "red") return svg("rect", { ...common, x: x - 4.5, y: y - 4.5, width: 9, height: 9 });
  return svg("circle", { ...common, cx: x, cy: y, r: colour === "no_data" ? 3.5 : 4.5 });
}

/**
 * Draws a FeatureCollection. `styleOf(properties)` → {id, style} for the fill; `markerOf(properties)` → a task
 * colour for a marker or null; `attributesOf(properties)` → data attributes; `labelOf(properties)` → the
 * tooltip; `onSelect(properties)` when a shape is clicked or activated with the keyboard.
 */
export function drawMap(collection, { width = 560, styleOf, markerOf = () => null, attributesOf = () => ({}), labelOf, onSelect, title }) {
  const features = collection.features || [];
  const { height, project } = projection(features, width);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "map", role: "group", "aria-label": title, preserveAspectRatio: "xMidYMid meet" });
  const defs = svg("defs");
  const shapes = svg("g", { class: "shapes" });
  const markers = svg("g", { class: "markers", "pointer-events": "none" });
  root.append(defs, shapes, markers);
  for (const feature of features) {
    const properties = feature.properties || {};
    const { id, style } = styleOf(properties);
    const { d, centre } = pathOf(feature.geometry, project);
    const label = labelOf(properties);
    const path = svg("path", {
      d, fill: patternFor(defs, id, style), class: "area", tabindex: onSelect ? 0 : null, role: onSelect ? "link" : null, "aria-label": label,
      ...Object.fromEntries(Object.entries(attributesOf(properties)).map(([k, v]) => ["data-" + k, v])),
    }, svg("title", {}, label));
    if (onSelect) {
      path.addEventListener("click", () => onSelect(properties));
      path.addEventListener("keydown", (event) => { if (event.key === "Enter") onSelect(properties); });
    }
    shapes.append(path);
    const colour = markerOf(properties);
    if (colour && centre) markers.append(marker(centre, colour));
  }
  return root;
}

/** A legend: items of {id, style, label} or {marker: colour, label}. */
export function legend(title, items) {
  return el("div", { class: "legend" }, el("strong", {}, title),
    el("ul", {}, items.map((item) => el("li", {}, item.marker ? markerSwatch(item.marker) : swatch(item.id, item.style), item.label))));
}

function markerSwatch(colour) {
  const node = svg("svg", { width: 18, height: 18, viewBox: "0 0 18 18", class: "swatch", "aria-hidden": "true" });
  node.append(marker([9, 9.5], colour));
  return node;
}

/**
 * A small line chart: `series` [{label, points: [{x: "YYYY-MM-DD", y}], style}], y from 0 to `max` (100 by
 * default). Days on the x axis are labelled dd/mm; each point has a tooltip.
 */
export function lineChart(series, { max = 100, width = 640, height = 220, unit = "%", formatX, formatY }) {
  const pad = { left: 40, right: 12, top: 12, bottom: 28 };
  const days = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort();
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img" });
  if (days.length === 0) return root;
  const x = (day) => pad.left + (days.length === 1 ? 0.5 : days.indexOf(day) / (days.length - 1)) * (width - pad.left - pad.right);
  const y = (value) => pad.top + (1 - value / max) * (height - pad.top - pad.bottom);
  for (const tick of [0, 0.25, 0.5, 0.75, 1].map((f) => f * max)) {
    root.append(svg("line", { x1: pad.left, x2: width - pad.right, y1: y(tick), y2: y(tick), class: "grid" }),
      svg("text", { x: pad.left - 4, y: y(tick) + 4, "text-anchor": "end", class: "tick" }, formatY ? formatY(tick) : `${tick}${unit}`));
  }
  const step = Math.max(1, Math.ceil(days.length / 8));
  days.forEach((day, i) => {
    // Every step-th day, and the last one unless it would touch the label before it.
    const last = i === days.length - 1 && (days.length - 1) % step >= step / 2;
    if (i % step === 0 || last) {
      root.append(svg("text", { x: x(day), y: height - 8, "text-anchor": "middle", class: "tick" }, formatX ? formatX(day) : day.slice(8, 10) + "/" + day.slice(5, 7)));
    }
  });
  series.forEach((s, index) => {
    const points = s.points.filter((p) => p.y != null);
    if (points.length === 0) return;
    const cls = `series series-${index}`;
    root.append(svg("polyline", { points: points.map((p) => `${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(" "), class: cls, fill: "none" }));
    for (const p of points) {
      const shape = index === 0
        ? svg("circle", { cx: x(p.x), cy: y(p.y), r: 3, class: cls })
        : svg("rect", { x: x(p.x) - 3, y: y(p.y) - 3, width: 6, height: 6, class: cls });
      shape.append(svg("title", {}, `${s.label}: ${formatY ? formatY(p.y) : p.y + unit} (${p.x})`));
      root.append(shape);
    }
  });
  return root;
}

/** The chart's legend (line styles differ by dash and point shape, not only colour). */
export function chartLegend(series) {
  return el("ul", { class: "chart-legend" }, series.map((s, i) => el("li", { class: `series-key series-${i}` }, s.label)));
}

