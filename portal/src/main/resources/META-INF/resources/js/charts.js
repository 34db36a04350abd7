// Plain SVG charts (no library): bars and a line, each with a text alternative.
const SVG = 'http://www.w3.org/2000/svg';

function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Horizontal bars of percentages: [{label, value (0-100), kind}] */
export function percentBars(bars, title) {
  const rowHeight = 28;
  const svg = el('svg', { viewBox: `0 0 600 ${bars.length * rowHeight + 10}`, role: 'img', class: 'chart', 'aria-label': title });
  svg.append(el('title', {}, title));
  bars.forEach((bar, i) => {
    const y = i * rowHeight + 5;
    svg.append(el('text', { x: 0, y: y + 17, class: 'chart-label' }, bar.label));
    svg.append(el('rect', { x: 200, y, width: 350, height: 20, class: 'chart-track' }));
    svg.append(el('rect', { x: 200, y, width: Math.max(0, Math.min(100, bar.value)) * 3.5, height: 20, class: `chart-bar ${bar.kind || ''}` }));
    svg.append(el('text', { x: 555, y: y + 17, class: 'chart-value' }, `${Math.round(bar.value)} %`));
  });
  return svg;
}

/** A line of values over time: [{label, value}] with the value axis from 0 to the largest value. */
export function line(points, title) {
  const width = 600;
  const height = 220;
  const max = Math.max(1, ...points.map((p) => p.value));
  const x = (i) => 40 + (points.length < 2 ? 0 : (i * (width - 60)) / (points.length - 1));
  const y = (v) => height - 30 - (v / max) * (height - 50);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart', 'aria-label': title });
  svg.append(el('title', {}, title));
  svg.append(el('line', { x1: 40, y1: height - 30, x2: width - 20, y2: height - 30, class: 'chart-axis' }));
  svg.append(el('text', { x: 0, y: 20, class: 'chart-label' }, String(max)));
  svg.append(el('polyline', { points: points.map((p, i) => `${x(i)},${y(p.value)}`).join(' '), class: 'chart-line' }));
  points.forEach((p, i) => {
    svg.append(el('circle', { cx: x(i), cy: y(p.value), r: 3, class: 'chart-point' }));
    if (i === 0 || i === points.length - 1 || points.length <= 8) {
      svg.append(el('text', { x: x(i) - 20, y: height - 10, class: 'chart-label small' }, p.label));
    }
  });
  return svg;
}
