// The connection module's state machine under a virtual clock: backoff schedule, heartbeat,
// fallback order, upgrade back to WebSocket, wake-ups, resubscription and seq handling.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';

import { QuotecastClient, backoffDelay, DEFAULTS } from '../../main/webapp/js/quotecast-client.js';
import {
  VirtualClock, settle, fakeWebSocketClass, fakeEventSourceClass, fakeFetch, fakeSignals, quote,
} from './fakes.js';

const BASE = 'http://127.0.0.1:8080/quotecast/';

/** A client on fakes. `random` 1 makes every backoff delay its ceiling. */
function harness({ symbols = ['AAPL', 'MSFT'], webSocket = true, eventSource = true, random = () => 1, ...options } = {}) {
  const clock = new VirtualClock();
  const WebSocket = webSocket ? fakeWebSocketClass() : undefined;
  const EventSource = eventSource ? fakeEventSourceClass() : undefined;
  const { fetch, requests } = fakeFetch();
  const signals = fakeSignals();
  const client = new QuotecastClient({
    baseUrl: BASE,
    symbols,
    ...options,
    env: {
      WebSocket, EventSource, fetch, AbortController,
      setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, now: () => clock.now,
      random, online: signals.online, visible: signals.visible, listen: signals.listen,
    },
  });
  const states = [];
  const events = { quote: [], snapshot: [], gap: [], error: [], transport: [] };
  client.on('state', s => states.push(s));
  for (const type of Object.keys(events)) client.on(type, e => events[type].push(e));
  return { clock, client, WebSocket, EventSource, requests, signals, states, events };
}

const lastState = h => h.states[h.states.length - 1];

describe('backoff', () => {
  test('doubles from 500 ms and is capped at 30 s', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(n => backoffDelay(n, DEFAULTS.backoff, () => 1));
    assert.deepEqual(ceilings, [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  test('jitter takes each delay anywhere between half its ceiling and the ceiling', () => {
    assert.equal(backoffDelay(3, DEFAULTS.backoff, () => 0), 2000);
    assert.equal(backoffDelay(3, DEFAULTS.backoff, () => 0.5), 3000);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(10, DEFAULTS.backoff, Math.random);
      assert.ok(d >= 15000 && d <= 30000, `delay ${d}`);
    }
  });

  test('a server that stays down is retried on the backoff schedule, every transport each round', async () => {
    const h = harness();
    h.client.start();
    const delays = [];
    for (let round = 0; round < 7; round++) {
      h.WebSocket.last.drop();
      await settle();
      h.EventSource.last.fail();
      await settle();
      h.requests[h.requests.length - 1].fail();
      await settle();
      const s = lastState(h);
      assert.equal(s.state, 'reconnecting');
      assert.equal(s.retryAt - h.clock.now, s.delayMs, 'retryAt is the countdown target');
      delays.push(s.delayMs);
      await h.clock.advance(s.delayMs);
    }
    assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 16000, 30000]);
    assert.equal(h.WebSocket.instances.length, 8, 'each round starts with WebSocket again');
  });
});

describe('WebSocket', () => {
  test('is live on welcome and subscribes the whole watchlist', async () => {
    const h = harness();
    h.client.start();
    assert.equal(lastState(h).state, 'connecting');
    assert.equal(h.WebSocket.last.url, 'ws://127.0.0.1:8080/quotecast/ws/quotes');
    h.WebSocket.last.welcome();
    assert.equal(lastState(h).state, 'live');
    assert.equal(lastState(h).transport, 'websocket');
    assert.deepEqual(h.WebSocket.last.sent, [{ type: 'subscribe', symbols: ['AAPL', 'MSFT'] }]);
  });

  test('after the server closes it, reconnects after the first backoff step and resubscribes everything', async () => {
    const h = harness();
    h.client.start();
    const first = h.WebSocket.last;
    first.welcome();
    h.client.addSymbol('IBM');
    first.drop(1011);
    assert.equal(lastState(h).state, 'reconnecting');
    assert.equal(lastState(h).delayMs, 500);
    await h.clock.advance(499);
    assert.equal(h.WebSocket.instances.length, 1, 'not before the delay');
    await h.clock.advance(1);
    const second = h.WebSocket.last;
    assert.notEqual(second, first);
    second.welcome();
    assert.equal(lastState(h).state, 'live');
    assert.deepEqual(second.sent, [{ type: 'subscribe', symbols: ['AAPL', 'MSFT', 'IBM'] }]);
  });

  test('a live connection resets the backoff', async () => {
    const h = harness();
    h.client.start();
    for (let i = 0; i < 3; i++) {
      h.WebSocket.last.welcome();
      h.WebSocket.last.drop();
      assert.equal(lastState(h).delayMs, 500, `drop ${i} retries after the first step`);
      await h.clock.advance(500);
    }
  });

  test('pings every heartbeat interval from welcome', async () => {
    const h = harness();
    h.client.start();
    const ws = h.WebSocket.last;
    ws.welcome(10);
    await h.clock.advance(10000);
    ws.receive({ type: 'pong', id: 1 });
    await h.clock.advance(10000);
    const pings = ws.sent.filter(m => m.type === 'ping');
    assert.equal(pings.length, 2);
    assert.ok(pings.every(p => typeof p.id === 'number'));
  });

  test('no frame for two heartbeat intervals: declared dead and replaced, though the socket says open', async () => {
    const h = harness();
    h.client.start();
    const ws = h.WebSocket.last;
    ws.welcome(10);
    await h.clock.advance(19999);
    assert.equal(lastState(h).state, 'live');
    assert.equal(ws.readyState, 1);
    await h.clock.advance(1);
    assert.ok(ws.closedByClient, 'the silent socket is closed');
    assert.equal(lastState(h).state, 'reconnecting');
    assert.ok(h.events.transport.some(e => e.event === 'dead'));
    await h.clock.advance(500);
    assert.equal(h.WebSocket.instances.length, 2);
  });

  test('any frame counts as a sign of life', async () => {
    const h = harness();
    h.client.start();
    const ws = h.WebSocket.last;
    ws.welcome(10);
    for (let i = 1; i <= 10; i++) {
      await h.clock.advance(15000);
      ws.receive(quote('AAPL', i));
    }
    assert.equal(lastState(h).state, 'live');
    assert.equal(h.WebSocket.instances.length, 1);
  });

  test('watchlist changes become subscribe and unsubscribe requests', async () => {
    const h = harness();
    h.client.start();
    const ws = h.WebSocket.last;
    ws.welcome();
    h.client.setSymbols(['MSFT', 'IBM']);
    assert.deepEqual(ws.sent.slice(1), [
      { type: 'unsubscribe', symbols: ['AAPL'] },
      { type: 'subscribe', symbols: ['IBM'] },
    ]);
  });
});

describe('fallback', () => {
  test('without a WebSocket constructor, goes straight to SSE', async () => {
    const h = harness({ webSocket: false });
    h.client.start();
    const es = h.EventSource.last;
    assert.equal(es.url.pathname, '/quotecast/api/stream');
    assert.equal(es.url.searchParams.get('symbols'), 'AAPL,MSFT');
    es.welcome();
    assert.equal(lastState(h).state, 'live');
    assert.equal(lastState(h).transport, 'sse');
  });

  test('order is WebSocket, then SSE, then long polling, each tried at once when the previous fails', async () => {
    const h = harness();
    h.client.start();
    assert.equal(lastState(h).transport, 'websocket');
    h.WebSocket.last.drop(1006);
    assert.equal(lastState(h).transport, 'sse');
    assert.equal(lastState(h).state, 'connecting');
    h.EventSource.last.fail();
    assert.equal(lastState(h).transport, 'polling');
    await settle();
    assert.equal(h.requests.length, 1);
    assert.equal(h.requests[0].url.pathname, '/quotecast/api/poll');
    assert.equal(h.requests[0].url.searchParams.get('since'), null, 'first poll asks for a full snapshot');
    h.requests[0].respond(200, { type: 'poll', cursor: 'e1-5', full: true, quotes: [quote('AAPL', 3)] });
    await settle();
    assert.equal(lastState(h).state, 'live');
    assert.equal(lastState(h).transport, 'polling');
    assert.equal(h.events.snapshot.length, 1);
    assert.equal(h.requests[1].url.searchParams.get('since'), 'e1-5', 'the next poll continues from the cursor');
  });

  test('a WebSocket that never opens (a proxy holding the upgrade) is given up after the connect timeout', async () => {
    const h = harness({ connectTimeoutMs: 8000 });
    h.client.start();
    await h.clock.advance(7999);
    assert.equal(lastState(h).transport, 'websocket');
    await h.clock.advance(1);
    assert.ok(h.WebSocket.instances[0].closedByClient);
    assert.equal(lastState(h).transport, 'sse');
  });

  test('with neither WebSocket nor EventSource, runs on long polling and keeps polling', async () => {
    const h = harness({ webSocket: false, eventSource: false });
    h.client.start();
    await settle();
    h.requests[0].respond(200, { type: 'poll', cursor: 'e1-5', full: true, quotes: [] });
    await settle();
    h.requests[1].respond(200, { type: 'poll', cursor: 'e1-9', full: false, quotes: [quote('MSFT', 2)] });
    await settle();
    assert.equal(lastState(h).transport, 'polling');
    assert.equal(h.events.quote.length, 1);
    assert.equal(h.requests[2].url.searchParams.get('since'), 'e1-9');
  });

  test('a long poll with no answer is aborted and the connection replaced', async () => {
    const h = harness({ webSocket: false, eventSource: false, pollTimeoutMs: 40000 });
    h.client.start();
    await settle();
    h.requests[0].respond(200, { type: 'poll', cursor: 'e1-5', full: true, quotes: [] });
    await settle();
    await h.clock.advance(40000);
    assert.equal(lastState(h).state, 'reconnecting');
  });

  test('a 400 from the poll is reported as a protocol error', async () => {
    const h = harness({ webSocket: false, eventSource: false });
    h.client.start();
    await settle();
    h.requests[0].respond(400, { type: 'error', code: 'UNKNOWN_SYMBOL', message: 'Not in the catalog', symbols: ['NOPE'] });
    await settle();
    assert.equal(h.events.error[0].code, 'UNKNOWN_SYMBOL');
    assert.equal(lastState(h).state, 'reconnecting');
  });

  test('a watchlist change while SSE is still connecting reopens the stream with the new symbols', async () => {
    const h = harness({ webSocket: false });
    h.client.start();
    const first = h.EventSource.last;
    h.client.addSymbol('IBM');
    assert.ok(first.closed);
    assert.equal(h.EventSource.last.url.searchParams.get('symbols'), 'AAPL,MSFT,IBM');
    h.EventSource.last.welcome();
    assert.equal(lastState(h).state, 'live');
  });

  test('SSE reconnects from the last event id it saw', async () => {
    const h = harness({ webSocket: false });
    h.client.start();
    const first = h.EventSource.last;
    first.welcome('e1-1');
    first.emit('quote', quote('AAPL', 4), 'e1-40');
    first.fail();
    assert.ok(first.closed, 'the browser is not left to retry on its own');
    assert.equal(lastState(h).state, 'reconnecting');
    await h.clock.advance(500);
    assert.equal(h.EventSource.last.url.searchParams.get('since'), 'e1-40');
  });
});

describe('upgrade back to WebSocket', () => {
  test('while on SSE, tries WebSocket after the upgrade interval and switches when it is welcomed', async () => {
    const h = harness({ upgradeIntervalMs: 20000, random: () => 0.5 });
    h.client.start();
    h.WebSocket.last.drop(1006);
    const es = h.EventSource.last;
    es.welcome();
    assert.equal(lastState(h).transport, 'sse');
    await h.clock.advance(19999);
    assert.equal(h.WebSocket.instances.length, 1);
    await h.clock.advance(1);
    assert.equal(h.WebSocket.instances.length, 2, 'a WebSocket probe');
    assert.equal(lastState(h).transport, 'sse', 'still on SSE while the probe connects');
    h.WebSocket.last.welcome();
    assert.equal(lastState(h).state, 'live');
    assert.equal(lastState(h).transport, 'websocket');
    assert.ok(es.closed, 'SSE closed once the WebSocket is subscribed');
    assert.deepEqual(h.WebSocket.last.sent[0], { type: 'subscribe', symbols: ['AAPL', 'MSFT'] });
  });

  test('a failed probe leaves SSE in place and is tried again later', async () => {
    const h = harness({ upgradeIntervalMs: 20000, random: () => 0.5 });
    h.client.start();
    h.WebSocket.last.drop(1006);
    h.EventSource.last.welcome();
    await h.clock.advance(20000);
    h.WebSocket.last.drop(1006);
    assert.equal(lastState(h).transport, 'sse');
    assert.equal(lastState(h).state, 'live');
    assert.ok(!h.EventSource.last.closed);
    await h.clock.advance(20000);
    assert.equal(h.WebSocket.instances.length, 3);
  });

  test('quotes are taken from the fallback only until the switch', async () => {
    const h = harness({ upgradeIntervalMs: 1000, random: () => 0.5 });
    h.client.start();
    h.WebSocket.last.drop(1006);
    const es = h.EventSource.last;
    es.welcome();
    es.emit('quote', quote('AAPL', 1));
    await h.clock.advance(1000);
    h.WebSocket.last.welcome();
    es.emit('quote', quote('AAPL', 2));
    h.WebSocket.last.receive(quote('AAPL', 2));
    assert.deepEqual(h.events.quote.map(q => q.seq), [1, 2]);
  });
});

describe('waking up', () => {
  test('coming back online reconnects at once instead of waiting out the backoff', async () => {
    const h = harness();
    h.client.start();
    h.WebSocket.last.welcome();
    for (let i = 0; i < 4; i++) { // a few failed rounds: the backoff has grown
      h.WebSocket.last.drop();
      await settle();
      if (i > 0) {
        h.EventSource.last.fail();
        await settle();
        h.requests[h.requests.length - 1].fail();
        await settle();
      }
      await h.clock.advance(lastState(h).delayMs);
    }
    h.signals.isOnline = false;
    h.WebSocket.last.drop();
    h.EventSource.last.fail();
    await settle();
    h.requests[h.requests.length - 1].fail();
    await settle();
    assert.equal(lastState(h).state, 'offline');
    assert.ok(lastState(h).delayMs >= 8000);
    const before = h.WebSocket.instances.length;
    h.signals.isOnline = true;
    h.signals.fire('online');
    assert.equal(h.WebSocket.instances.length, before + 1, 'a new attempt without waiting');
    h.WebSocket.last.welcome();
    assert.equal(lastState(h).state, 'live');
  });

  test('becoming visible reconnects at once while waiting to retry', async () => {
    const h = harness();
    h.client.start();
    h.WebSocket.last.welcome();
    h.WebSocket.last.drop();
    assert.equal(lastState(h).state, 'reconnecting');
    h.signals.fire('visibilitychange');
    assert.equal(lastState(h).state, 'connecting');
  });

  test('becoming visible while live checks the socket with a ping and a short deadline', async () => {
    const h = harness({ wakeCheckMs: 5000 });
    h.client.start();
    const ws = h.WebSocket.last;
    ws.welcome(30);
    h.signals.fire('visibilitychange');
    assert.equal(ws.sent[ws.sent.length - 1].type, 'ping');
    await h.clock.advance(5000);
    assert.ok(ws.closedByClient, 'no answer within the check: replaced');
    assert.equal(lastState(h).state, 'reconnecting');
  });
});

describe('quotes and seq', () => {
  test('duplicates and old seqs are dropped; a skipped seq is reported as a gap', async () => {
    const h = harness();
    h.client.start();
    const ws = h.WebSocket.last;
    ws.welcome();
    ws.receive({ type: 'snapshot', quotes: [quote('AAPL', 10)] });
    ws.receive(quote('AAPL', 10));
    ws.receive(quote('AAPL', 11));
    ws.receive(quote('AAPL', 9));
    ws.receive(quote('AAPL', 15));
    assert.deepEqual(h.events.quote.map(q => q.seq), [11, 15]);
    assert.deepEqual(h.events.gap, [{ symbol: 'AAPL', from: 12, to: 14, missed: 3, transport: 'websocket' }]);
  });

  test('a quotes batch is taken quote by quote, with the same seq rules', async () => {
    const h = harness();
    h.client.start();
    const ws = h.WebSocket.last;
    ws.welcome();
    ws.receive({ type: 'snapshot', quotes: [quote('AAPL', 10), quote('MSFT', 3)] });
    ws.receive({ type: 'quotes', quotes: [quote('AAPL', 10), quote('MSFT', 4), quote('AAPL', 12)] });
    assert.deepEqual(h.events.quote.map(q => `${q.symbol}:${q.seq}`), ['MSFT:4', 'AAPL:12']);
    assert.deepEqual(h.events.gap, [{ symbol: 'AAPL', from: 11, to: 11, missed: 1, transport: 'websocket' }]);
  });

  test('a snapshot is taken whatever its seq (a restarted server counts from 1 again)', async () => {
    const h = harness();
    h.client.start();
    h.WebSocket.last.welcome();
    h.WebSocket.last.receive(quote('AAPL', 500));
    h.WebSocket.last.drop(1001);
    await h.clock.advance(500);
    const ws = h.WebSocket.last;
    ws.welcome();
    ws.receive({ type: 'snapshot', quotes: [quote('AAPL', 3)] });
    ws.receive(quote('AAPL', 4));
    assert.equal(h.events.snapshot[0].quotes[0].seq, 3);
    assert.deepEqual(h.events.quote.map(q => q.seq), [500, 4]);
    assert.equal(h.client.lastSeq('AAPL'), 4);
  });

  test('quotes of symbols no longer watched are ignored', async () => {
    const h = harness();
    h.client.start();
    h.WebSocket.last.welcome();
    h.client.removeSymbol('MSFT');
    h.WebSocket.last.receive(quote('MSFT', 1));
    assert.equal(h.events.quote.length, 0);
  });
});

test('stop closes everything and schedules nothing more', async () => {
  const h = harness();
  h.client.start();
  const ws = h.WebSocket.last;
  ws.welcome();
  h.client.stop();
  assert.ok(ws.closedByClient);
  assert.equal(lastState(h).state, 'stopped');
  assert.deepEqual(h.clock.pending(), []);
});

describe('feed status', () => {
  const feedEvents = h => {
    const seen = [];
    h.client.on('feed', e => seen.push(e));
    return seen;
  };

  test('a status message over WebSocket marks the feed stale, then live, and the connection stays live', async () => {
    const h = harness();
    const seen = feedEvents(h);
    h.client.start();
    h.WebSocket.last.welcome();
    await settle();
    assert.equal(h.client.feed, 'live');
    h.WebSocket.last.receive({ type: 'status', feed: 'stale', since: '2026-11-21T20:33:06.120Z' });
    assert.equal(h.client.feed, 'stale');
    assert.equal(lastState(h).state, 'live');
    h.WebSocket.last.receive({ type: 'status', feed: 'live', since: '2026-11-21T20:33:26.000Z' });
    assert.deepEqual(seen, [
      { feed: 'stale', since: '2026-11-21T20:33:06.120Z', transport: 'websocket' },
      { feed: 'live', since: '2026-11-21T20:33:26.000Z', transport: 'websocket' },
    ]);
  });

  test('a new connection starts live unless its server says stale right after welcome', async () => {
    const h = harness();
    const seen = feedEvents(h);
    h.client.start();
    h.WebSocket.last.welcome();
    h.WebSocket.last.receive({ type: 'status', feed: 'stale', since: '2026-11-21T20:33:06.120Z' });
    await settle();
    h.WebSocket.last.drop();
    await settle();
    h.clock.advance(1000);
    await settle();
    h.WebSocket.last.welcome();
    await settle();
    assert.equal(h.client.feed, 'live');
    assert.deepEqual(seen.map(e => e.feed), ['stale', 'live']);
  });

  test('SSE delivers status events', async () => {
    const h = harness({ webSocket: false });
    const seen = feedEvents(h);
    h.client.start();
    h.EventSource.last.welcome();
    h.EventSource.last.emit('status', { type: 'status', feed: 'stale', since: '2026-11-21T20:33:06.120Z' }, 'e1-2');
    await settle();
    assert.equal(h.client.feed, 'stale');
    assert.deepEqual(seen, [{ feed: 'stale', since: '2026-11-21T20:33:06.120Z', transport: 'sse' }]);
  });

  test('long polling reads the feed field of every answer', async () => {
    const h = harness({ webSocket: false, eventSource: false });
    const seen = feedEvents(h);
    h.client.start();
    await settle();
    h.requests[0].respond(200, { type: 'poll', cursor: 'e1-5', full: true, feed: 'stale', quotes: [] });
    await settle();
    assert.equal(h.client.feed, 'stale');
    h.requests[1].respond(200, { type: 'poll', cursor: 'e1-9', full: false, feed: 'live', quotes: [quote('MSFT', 2)] });
    await settle();
    assert.equal(h.client.feed, 'live');
    assert.deepEqual(seen.map(e => e.feed), ['stale', 'live']);
  });
});
