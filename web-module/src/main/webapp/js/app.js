// The watchlist page: DOM only. Connection, reconnection and transports are quotecast-client.js.
//
// Updates are coalesced: a quote only records the new state and marks its row dirty; one
// requestAnimationFrame callback then writes the dirty rows' text and redraws their charts.
// Nothing reads layout while writing, so 50 symbols ticking several times a second cost one
// short frame each, and a hidden tab (no frames) costs almost nothing.
import { QuotecastClient } from './quotecast-client.js';
import { loadWatchlist, saveWatchlist } from './store.js';
import { fitCanvas, drawSparkline, drawChart, refreshPalette } from './charts.js';

const MAX_SYMBOLS = 100;     // the server's subscription limit
const HISTORY = 300;         // prices kept per symbol for the large chart
const SPARK_POINTS = 60;     // of which the sparkline shows the newest
const TRANSPORT_NAMES = { websocket: 'WebSocket', sse: 'Server-Sent Events', polling: 'long polling' };

const $ = id => document.getElementById(id);
const tbody = document.querySelector('#watchlist tbody');
const connection = $('connection');
const connectionText = $('connection-text');
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
const priceFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 6 });
const signedFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 6, signDisplay: 'exceptZero' });
const volumeFormat = new Intl.NumberFormat();
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

const instruments = new Map(); // symbol -> {name, previousClose}
const rows = new Map();        // symbol -> row state, in watchlist order
const dirty = new Set();       // symbols whose row must be repainted on the next frame
let watchlist = loadWatchlist();
let selected = null;
let detailSize = null;
let frame = 0;
let everLive = false;
let lastAnnounced = '';
let merged = 0;
let countdown = 0;

const client = new QuotecastClient({ baseUrl: new URL('.', location.href).href, symbols: [] });

// ---- rows -------------------------------------------------------------------------------

function createRow(symbol) {
  const tr = document.createElement('tr');
  tr.dataset.symbol = symbol;
  tr.innerHTML =
    '<th scope="row"><button type="button" class="symbol-button" aria-pressed="false"></button>' +
    '<span class="stale-badge" title="Not updated since the connection dropped">stale</span></th>' +
    '<td class="name"></td><td class="num price">—</td>' +
    '<td class="num change"><span class="arrow"></span><span class="value">—</span></td>' +
    '<td class="num pct">—</td><td class="num volume"></td><td class="time"></td>' +
    '<td class="trend"><canvas class="spark" aria-hidden="true"></canvas></td>' +
    '<td><button type="button" class="remove"></button></td>';
  const pick = button => {
    button.textContent = symbol;
    button.addEventListener('click', () => select(symbol));
  };
  pick(tr.querySelector('.symbol-button'));
  const remove = tr.querySelector('.remove');
  remove.textContent = '✕';
  remove.setAttribute('aria-label', 'Remove ' + symbol);
  remove.addEventListener('click', () => removeSymbol(symbol, true));
  const row = {
    symbol, tr,
    name: tr.querySelector('.name'),
    price: tr.querySelector('.price'),
    change: tr.querySelector('.change'),
    changeValue: tr.querySelector('.change .value'),
    pct: tr.querySelector('.pct'),
    volume: tr.querySelector('.volume'),
    time: tr.querySelector('.time'),
    canvas: tr.querySelector('canvas'),
    size: null,
    quote: null,
    prices: [],
    tick: 0, // direction of the last price move, for the flash
  };
  row.name.textContent = instruments.get(symbol)?.name || '';
  return row;
}

function addRow(symbol) {
  const row = createRow(symbol);
  rows.set(symbol, row);
  tbody.appendChild(row.tr);
  row.size = fitCanvas(row.canvas);
  $('empty').hidden = true;
  return row;
}

function take(quote, fromSnapshot) {
  const row = rows.get(quote.symbol);
  if (!row) return;
  const previous = row.quote;
  row.tick = previous && !fromSnapshot ? Math.sign(quote.price - previous.price) : 0;
  row.quote = quote;
  if (!previous || previous.price !== quote.price || fromSnapshot) {
    row.prices.push(Number(quote.price));
    if (row.prices.length > HISTORY) row.prices.splice(0, row.prices.length - HISTORY);
  }
  row.tr.classList.remove('stale');
  dirty.add(quote.symbol);
  schedule();
}

function schedule() {
  if (!frame) frame = requestAnimationFrame(render);
}

function render() {
  frame = 0;
  for (const symbol of dirty) {
    const row = rows.get(symbol);
    if (row) paint(row);
  }
  if (selected && dirty.has(selected)) paintDetail();
  dirty.clear();
}

function paint(row) {
  const q = row.quote;
  if (q) {
    const direction = q.change > 0 ? 'up' : q.change < 0 ? 'down' : '';
    row.price.textContent = priceFormat.format(q.price);
    row.changeValue.textContent = signedFormat.format(q.change);
    row.pct.textContent = signedFormat.format(q.changePercent) + '%';
    row.change.className = 'num change ' + direction;
    row.pct.className = 'num pct ' + direction;
    row.volume.textContent = volumeFormat.format(q.volume);
    row.time.textContent = timeFormat.format(new Date(q.time));
    row.time.dateTime = q.time;
    row.tr.dataset.seq = q.seq;
    if (row.tick) flash(row.price, row.tick);
    row.tick = 0;
  }
  const reference = instruments.get(row.symbol)?.previousClose;
  drawSparkline(row.canvas, row.size, row.prices.slice(-SPARK_POINTS), reference ?? row.prices[0]);
}

function flash(cell, direction) {
  if (reducedMotion.matches || !cell.animate) return;
  const color = getComputedStyle(document.documentElement)
    .getPropertyValue(direction > 0 ? '--flash-up' : '--flash-down').trim();
  cell.animate([{ backgroundColor: color }, { backgroundColor: 'transparent' }], { duration: 700, easing: 'ease-out' });
}

// ---- the selected symbol ----------------------------------------------------------------

function select(symbol) {
  if (selected && rows.has(selected)) {
    rows.get(selected).tr.classList.remove('selected');
    rows.get(selected).tr.querySelector('.symbol-button').setAttribute('aria-pressed', 'false');
  }
  selected = rows.has(symbol) ? symbol : null;
  const detail = $('detail');
  detail.hidden = !selected;
  if (!selected) return;
  const row = rows.get(selected);
  row.tr.classList.add('selected');
  row.tr.querySelector('.symbol-button').setAttribute('aria-pressed', 'true');
  $('detail-title').textContent = selected + (instruments.has(selected) ? ' · ' + instruments.get(selected).name : '');
  detailSize = fitCanvas($('detail-chart'));
  dirty.add(selected);
  schedule();
}

function paintDetail() {
  const row = rows.get(selected);
  if (!row) return;
  const reference = instruments.get(selected)?.previousClose;
  drawChart($('detail-chart'), detailSize, row.prices, reference ?? row.prices[0]);
  const q = row.quote;
  const summary = q
    ? `Last ${priceFormat.format(q.price)}, ${signedFormat.format(q.change)} (${signedFormat.format(q.changePercent)}%)` +
      (reference != null ? ` against the previous close of ${priceFormat.format(reference)}` : '') +
      `. Chart: ${row.prices.length === 1 ? 'the first price' : `the last ${row.prices.length} prices`} since this page opened.`
    : 'No price yet.';
  $('detail-summary').textContent = summary;
  $('detail').dataset.points = row.prices.length;
  $('detail-chart').setAttribute('aria-label', `${selected} price chart. ${summary}`);
}

// ---- the watchlist ----------------------------------------------------------------------

function setWatchlist(symbols) {
  watchlist = symbols;
  saveWatchlist(watchlist);
  client.setSymbols(watchlist);
  $('empty').hidden = watchlist.length > 0;
}

function addSymbol(symbol) {
  if (rows.has(symbol)) {
    help(`${symbol} is already in your watchlist.`);
    select(symbol);
    return;
  }
  if (watchlist.length >= MAX_SYMBOLS) {
    help(`A watchlist holds at most ${MAX_SYMBOLS} symbols: remove one first.`);
    return;
  }
  addRow(symbol);
  setWatchlist([...watchlist, symbol]);
  if (!client.state || client.state.state !== 'live') rows.get(symbol).tr.classList.add('stale');
  announce(`Added ${symbol}.`);
  help('');
}

function removeSymbol(symbol, moveFocus) {
  const row = rows.get(symbol);
  if (!row) return;
  const next = row.tr.nextElementSibling || row.tr.previousElementSibling;
  row.tr.remove();
  rows.delete(symbol);
  dirty.delete(symbol);
  setWatchlist(watchlist.filter(s => s !== symbol));
  if (selected === symbol) select(next ? next.dataset.symbol : null);
  announce(`Removed ${symbol}.`);
  if (moveFocus) (next ? next.querySelector('.remove') : $('add-input')).focus();
}

/** What the user typed: a symbol, or a piece of a name that matches exactly one instrument. */
function resolve(text) {
  const query = text.trim();
  if (!query) return { error: 'Type a symbol or a company name.' };
  const upper = query.toUpperCase();
  if (instruments.has(upper)) return { symbol: upper };
  const lower = query.toLowerCase();
  const matches = [...instruments].filter(([s, i]) => s.startsWith(upper) || i.name.toLowerCase().includes(lower));
  if (matches.length === 1) return { symbol: matches[0][0] };
  if (matches.length === 0) return { error: `Nothing in the catalog matches “${query}”.` };
  return { error: `${matches.length} match “${query}”: ${matches.slice(0, 6).map(([s]) => s).join(', ')}${matches.length > 6 ? '…' : ''}. Be more specific.` };
}

$('add-form').addEventListener('submit', event => {
  event.preventDefault();
  const input = $('add-input');
  const { symbol, error } = resolve(input.value);
  if (error) {
    help(error);
    return;
  }
  addSymbol(symbol);
  input.value = '';
});

function help(text) {
  $('add-help').textContent = text;
}

function announce(text) {
  // Only changes worth interrupting for: connection state and the user's own edits.
  if (text === lastAnnounced) return;
  lastAnnounced = text;
  $('announcer').textContent = text;
}

// ---- the connection -----------------------------------------------------------------------

let feedStale = false;

function showConnection(s) {
  connection.dataset.state = s.state;
  connection.dataset.transport = s.transport || '';
  const name = TRANSPORT_NAMES[s.transport] || '';
  clearInterval(countdown);
  countdown = 0;
  switch (s.state) {
    case 'live':
      connectionText.textContent = 'Live · ' + name + (feedStale ? ' · feed stale' : '');
      $('transport-detail').textContent = `Connected over ${name} since ${timeFormat.format(new Date())}.`;
      announce(`Live over ${name}.`);
      break;
    case 'connecting':
      connectionText.textContent = everLive ? `Reconnecting (trying ${name})…` : `Connecting (${name})…`;
      break;
    case 'reconnecting':
    case 'offline': {
      const tick = () => {
        const seconds = Math.max(0, Math.ceil((s.retryAt - Date.now()) / 1000));
        connectionText.textContent = (s.state === 'offline' ? 'Offline — next try in ' : 'Reconnecting in ') + seconds + ' s';
      };
      tick();
      countdown = setInterval(tick, 250);
      announce(s.state === 'offline' ? 'Offline. Prices are not updating.' : 'Connection lost. Reconnecting; prices are stale.');
      break;
    }
    default:
      connectionText.textContent = 'Stopped';
  }
}

function markStale(stale) {
  for (const row of rows.values()) {
    row.tr.classList.toggle('stale', stale && row.quote !== null);
  }
}

client.on('state', s => {
  showConnection(s);
  if (s.state === 'live') {
    everLive = true;
    markStale(feedStale);
  } else if (everLive) {
    markStale(true);
  }
});
// The server's feed went quiet (broker or feed down): the connection is fine, the prices are not.
client.on('feed', ({ feed }) => {
  feedStale = feed === 'stale';
  connection.dataset.feed = feed;
  if (client.state.state === 'live') {
    markStale(feedStale);
    connectionText.textContent = 'Live · ' + (TRANSPORT_NAMES[client.state.transport] || '') + (feedStale ? ' · feed stale' : '');
  }
  announce(feedStale ? 'The price feed is silent: prices are stale.' : 'Prices are flowing again.');
});
client.on('snapshot', ({ quotes }) => quotes.forEach(q => take(q, true)));
client.on('quote', q => take(q, false));
client.on('gap', g => {
  merged += g.missed;
  $('gaps').textContent = `Updates merged by the server: ${volumeFormat.format(merged)}`;
});
client.on('error', e => {
  // Symbols the server will never send (not in its catalog, or not entitled to this user) leave
  // the watchlist, or the fallbacks, which refuse a whole request for one of them, would retry forever.
  if ((e.code === 'UNKNOWN_SYMBOL' || e.code === 'FORBIDDEN') && Array.isArray(e.symbols)) {
    e.symbols.forEach(s => removeSymbol(s, false));
  }
  console.warn('Quotecast:', e.code, e.message);
});

// ---- start ----------------------------------------------------------------------------------

async function loadCatalog() {
  const response = await fetch('api/instruments', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error('GET api/instruments answered ' + response.status);
  const list = await response.json();
  const options = document.createDocumentFragment();
  for (const i of list) {
    instruments.set(i.symbol, { name: i.name, previousClose: Number(i.previousClose) });
    const option = document.createElement('option');
    option.value = i.symbol;
    option.label = i.name;
    options.appendChild(option);
  }
  $('catalog').replaceChildren(options);
}

function refit() {
  for (const row of rows.values()) {
    row.size = fitCanvas(row.canvas);
    dirty.add(row.symbol);
  }
  if (selected) detailSize = fitCanvas($('detail-chart'));
  schedule();
}

let resizeTimer = 0;
addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(refit, 150);
});
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => { refreshPalette(); refit(); });

async function start() {
  try {
    await loadCatalog();
    // A symbol the catalog no longer has would make the fallbacks refuse the whole request.
    watchlist = watchlist.filter(s => instruments.has(s));
  } catch (e) {
    console.warn('Quotecast: no catalog, names and search unavailable:', e.message);
  }
  watchlist = watchlist.slice(0, MAX_SYMBOLS);
  watchlist.forEach(addRow);
  setWatchlist(watchlist);
  if (watchlist.length) select(watchlist[0]);
  client.start();
}

start();
