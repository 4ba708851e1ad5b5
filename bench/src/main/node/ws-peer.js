'use strict';
// Peer B of the Quotecast benchmark (docs/benchmarks.md): the classic Node `ws` broadcast
// server, speaking the subscribe/quote subset of protocol v1 with its own open-loop feed.
//
//   node ws-peer.js [--host 127.0.0.1] [--port 9301] [--rate 100] [--tick-ms 10] [--max-seconds 7200]
//
// Fair and small: each update is stringified and turned into a Buffer once, then sent to every
// subscriber (ws frames it per socket, as every ws broadcast does); no per-message deflate
// (ws's default for servers); subscribers per symbol in a Set. Like the classic broadcast it
// does not drop anything for a slow client: ws buffers it (see bufferedAmount).
const { WebSocketServer } = require('ws');

const options = { host: '127.0.0.1', port: 9301, rate: 100, 'tick-ms': 10, 'max-seconds': 7200 };
for (let i = 2; i < process.argv.length; i += 2) {
  const name = process.argv[i].replace(/^--/, '');
  if (!(name in options)) {
    console.error(`unknown option --${name}`);
    process.exit(2);
  }
  options[name] = name === 'host' ? process.argv[i + 1] : Number(process.argv[i + 1]);
}

const SYMBOLS = Array.from({ length: 100 }, (_, i) => `SYM${String(i).padStart(2, '0')}`);
const previousClose = (i) => 5000 + 137 * i; // cents, as the Java peers' BenchSymbols
const cents = SYMBOLS.map((_, i) => previousClose(i));
const volume = SYMBOLS.map(() => 0);
const seq = SYMBOLS.map(() => 0);
const subscribers = SYMBOLS.map(() => new Set());
const index = new Map(SYMBOLS.map((s, i) => [s, i]));

const decimal = (hundredths) => {
  const abs = Math.abs(hundredths);
  const frac = abs % 100;
  return `${hundredths < 0 ? '-' : ''}${Math.floor(abs / 100)}.${frac < 10 ? '0' : ''}${frac}`;
};
const quoteFields = (i, time) => {
  const close = previousClose(i);
  const change = cents[i] - close;
  return `"symbol":"${SYMBOLS[i]}","price":${decimal(cents[i])},"change":${decimal(change)},`
    + `"changePercent":${decimal(Math.round((change * 10000) / close))},"volume":${volume[i]},`
    + `"seq":${seq[i]},"time":"${time}"`;
};

let sessions = 0;
const wss = new WebSocketServer({ host: options.host, port: options.port, perMessageDeflate: false, maxPayload: 65536 });
wss.on('connection', (ws) => {
  const mine = new Set();
  ws.send(JSON.stringify({ type: 'welcome', protocol: 1, sessionId: `w${++sessions}`, heartbeatSeconds: 30, symbols: SYMBOLS }));
  ws.on('message', (data) => {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (message.type === 'ping') {
      ws.send(JSON.stringify({ type: 'pong', id: message.id, serverTime: new Date().toISOString() }));
      return;
    }
    if (message.type !== 'subscribe' || !Array.isArray(message.symbols)) {
      return;
    }
    const accepted = message.symbols.filter((s) => index.has(s));
    const time = new Date().toISOString();
    for (const s of accepted) {
      subscribers[index.get(s)].add(ws);
      mine.add(s);
    }
    ws.send(`{"type":"subscribed","symbols":${JSON.stringify(accepted)}}`);
    const quotes = accepted.map((s) => index.get(s)).filter((i) => seq[i] > 0).map((i) => `{${quoteFields(i, time)}}`);
    ws.send(`{"type":"snapshot","quotes":[${quotes.join(',')}]}`);
  });
  ws.on('close', () => {
    for (const s of mine) subscribers[index.get(s)].delete(ws);
  });
  ws.on('error', () => ws.terminate());
});

// The feed: Quotecast's schedule (due count follows elapsed time, fraction carried, no burst
// after a stall of more than a second), one symbol after another, a random walk.
let next = 0;
let carry = 0;
let last = process.hrtime.bigint();
const perNano = options.rate / 1e9;
const tick = () => {
  const now = process.hrtime.bigint();
  const elapsed = Math.min(Number(now - last), 1e9);
  last = now;
  carry += elapsed * perNano;
  const due = Math.floor(carry);
  carry -= due;
  for (let n = 0; n < due; n++) {
    const i = next;
    next = (next + 1) % SYMBOLS.length;
    cents[i] = Math.max(1, cents[i] + Math.floor(Math.random() * 51) - 25);
    volume[i] += 100 * (1 + Math.floor(Math.random() * 19));
    seq[i] += 1;
    const set = subscribers[i];
    if (set.size === 0) continue;
    const frame = Buffer.from(`{"type":"quote",${quoteFields(i, new Date().toISOString())}}`);
    for (const ws of set) {
      if (ws.readyState === 1) ws.send(frame, { binary: false });
    }
  }
};
setInterval(tick, options['tick-ms']);

wss.on('listening', () => {
  console.log(`Node ws peer listening on ${options.host}:${wss.address().port}, ${options.rate} updates/s, ws ${require('ws/package.json').version}`);
});
// Bounded: the peer ends by itself even if whoever started it does not.
setTimeout(() => process.exit(0), options['max-seconds'] * 1000).unref();
