// Minimal live view: connects to the WebSocket endpoint, subscribes to the whole catalog and
// keeps one table row per symbol up to date. Reconnects with a capped backoff.
const rows = new Map();
const names = new Map();
const status = document.getElementById('status');
const body = document.querySelector('#quotes tbody');
const wsUrl = new URL('ws/quotes', location.href);
wsUrl.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
let retry = 0;

fetch('api/instruments').then(r => r.json())
  .then(list => list.forEach(i => names.set(i.symbol, i.name)))
  .catch(() => {});

function setStatus(text, cls) {
  status.textContent = text;
  status.className = 'status ' + (cls || '');
}

function row(symbol) {
  let tr = rows.get(symbol);
  if (!tr) {
    tr = document.createElement('tr');
    tr.innerHTML = '<th scope="row"></th><td class="name"></td><td class="num price"></td>' +
      '<td class="num change"></td><td class="num pct"></td><td class="num volume"></td><td class="time"></td>';
    tr.firstChild.textContent = symbol;
    tr.querySelector('.name').textContent = names.get(symbol) || '';
    rows.set(symbol, tr);
    body.appendChild(tr);
  }
  return tr;
}

function show(q) {
  const tr = row(q.symbol);
  if (Number(tr.dataset.seq || 0) >= q.seq) return;
  tr.dataset.seq = q.seq;
  const cls = q.change > 0 ? 'up' : q.change < 0 ? 'down' : '';
  tr.querySelector('.name').textContent = names.get(q.symbol) || '';
  tr.querySelector('.price').textContent = Number(q.price).toFixed(2);
  for (const [sel, text] of [['.change', Number(q.change).toFixed(2)], ['.pct', Number(q.changePercent).toFixed(2) + '%']]) {
    const td = tr.querySelector(sel);
    td.textContent = text;
    td.className = 'num ' + sel.slice(1) + ' ' + cls;
  }
  tr.querySelector('.volume').textContent = Number(q.volume).toLocaleString();
  tr.querySelector('.time').textContent = q.time.slice(11, 23);
  tr.classList.add('flash');
  requestAnimationFrame(() => requestAnimationFrame(() => tr.classList.remove('flash')));
}

function connect() {
  setStatus(retry ? 'Reconnecting…' : 'Connecting…');
  const ws = new WebSocket(wsUrl);
  ws.onmessage = event => {
    const msg = JSON.parse(event.data);
    switch (msg.type) {
      case 'welcome':
        retry = 0;
        setStatus('Live', 'live');
        ws.send(JSON.stringify({ type: 'subscribe', symbols: msg.symbols }));
        break;
      case 'snapshot': msg.quotes.forEach(show); break;
      case 'quote': show(msg); break;
      case 'error': console.warn('Quotecast error', msg.code, msg.message); break;
    }
  };
  ws.onclose = () => {
    const delay = Math.min(30000, 500 * 2 ** retry++) * (0.5 + Math.random() / 2);
    setStatus('Disconnected — retrying in ' + Math.round(delay / 1000) + ' s', 'down');
    setTimeout(connect, delay);
  };
}

connect();
