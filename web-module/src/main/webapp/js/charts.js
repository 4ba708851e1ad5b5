// Canvas charts, drawn only from requestAnimationFrame callbacks (see app.js): a sparkline per
// row and a larger chart for the selected symbol. Sizes are read from the canvas once and on
// resize, never while drawing, so drawing causes no layout.

const colors = () => {
  const style = getComputedStyle(document.documentElement);
  return {
    up: style.getPropertyValue('--up').trim() || '#0a7d32',
    down: style.getPropertyValue('--down').trim() || '#b3261e',
    muted: style.getPropertyValue('--muted').trim() || '#57606a',
    line: style.getPropertyValue('--line').trim() || '#d0d7de',
    fg: style.getPropertyValue('--fg').trim() || '#1b1f24',
  };
};
let palette = null;
export function refreshPalette() { palette = colors(); }

/** Gives the canvas a backing store matching its CSS size and the screen's pixel ratio. */
export function fitCanvas(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || canvas.width;
  const height = canvas.clientHeight || canvas.height;
  canvas.width = Math.max(1, Math.round(width * ratio));
  canvas.height = Math.max(1, Math.round(height * ratio));
  return { width, height, ratio };
}

function range(prices, reference) {
  let min = Infinity, max = -Infinity;
  for (const p of prices) { if (p < min) min = p; if (p > max) max = p; }
  if (reference != null) { min = Math.min(min, reference); max = Math.max(max, reference); }
  if (min === max) { min -= 1; max += 1; }
  return { min, max };
}

/** A line of `prices` (oldest first), green when the last is at or above `reference`. */
export function drawSparkline(canvas, size, prices, reference) {
  if (!palette) refreshPalette();
  const ctx = canvas.getContext('2d');
  const { width, height, ratio } = size;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  if (prices.length < 2) return;
  const { min, max } = range(prices, null);
  const x = i => (i / (prices.length - 1)) * (width - 2) + 1;
  const y = p => height - 2 - ((p - min) / (max - min)) * (height - 4);
  ctx.lineWidth = 1.25;
  ctx.strokeStyle = prices[prices.length - 1] >= reference ? palette.up : palette.down;
  ctx.beginPath();
  prices.forEach((p, i) => (i ? ctx.lineTo(x(i), y(p)) : ctx.moveTo(x(i), y(p))));
  ctx.stroke();
}

/** The selected symbol: its recent prices with a price scale and the previous close dashed. */
export function drawChart(canvas, size, prices, reference) {
  if (!palette) refreshPalette();
  const ctx = canvas.getContext('2d');
  const { width, height, ratio } = size;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = '12px system-ui, sans-serif';
  if (prices.length < 2) {
    ctx.fillStyle = palette.muted;
    ctx.fillText('Waiting for prices…', 12, 24);
    return;
  }
  const pad = { left: 8, right: 64, top: 12, bottom: 12 };
  const { min, max } = range(prices, reference);
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = i => pad.left + (i / (prices.length - 1)) * plotW;
  const y = p => pad.top + plotH - ((p - min) / (max - min)) * plotH;

  ctx.strokeStyle = palette.line;
  ctx.fillStyle = palette.muted;
  ctx.lineWidth = 1;
  for (let k = 0; k <= 4; k++) {
    const p = min + ((max - min) * k) / 4;
    const yy = Math.round(y(p)) + 0.5;
    ctx.beginPath(); ctx.moveTo(pad.left, yy); ctx.lineTo(pad.left + plotW, yy); ctx.stroke();
    ctx.fillText(p.toFixed(2), pad.left + plotW + 6, yy + 4);
  }
  if (reference != null) {
    ctx.setLineDash([4, 4]);
    ctx.strokeStyle = palette.muted;
    ctx.beginPath(); ctx.moveTo(pad.left, y(reference)); ctx.lineTo(pad.left + plotW, y(reference)); ctx.stroke();
    ctx.setLineDash([]);
  }
  const last = prices[prices.length - 1];
  ctx.strokeStyle = last >= reference ? palette.up : palette.down;
  ctx.lineWidth = 2;
  ctx.beginPath();
  prices.forEach((p, i) => (i ? ctx.lineTo(x(i), y(p)) : ctx.moveTo(x(i), y(p))));
  ctx.stroke();
}
