package io.quotecast.bench;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The peers' built-in feed: a random walk over {@link BenchSymbols}, one symbol after another,
 * each update a quote frame of protocol v1 in exactly the shape Quotecast sends (same fields, same
 * order, prices with 2 decimals, {@code time} with milliseconds), about 130 bytes. Its schedule is
 * Quotecast's simulated feed's: ejb-module's {@code PublishSchedule}, woken every tick. Not thread-safe.
 */
public final class PeerFeed {

    /** One update: which symbol (index into {@link BenchSymbols#all()}) and its frame. */
    public record Update(int symbol, long seq, String json) {
    }

    private final List<String> symbols = BenchSymbols.all();
    private final long[] cents = new long[symbols.size()];
    private final long[] volume = new long[symbols.size()];
    private final long[] seq = new long[symbols.size()];
    private final SplittableRandom random = new SplittableRandom(42);
    private int next;

    public PeerFeed() {
        for (int i = 0; i < cents.length; i++) {
            cents[i] = BenchSymbols.previousCloseCents(i);
        }
    }

    public Update next(Instant now) {
        int i = next;
        next = (next + 1) % symbols.size();
        cents[i] = Math.max(1, cents[i] + random.nextInt(-25, 26));
        volume[i] += 100L * random.nextInt(1, 20);
        seq[i]++;
        long close = BenchSymbols.previousCloseCents(i);
        long change = cents[i] - close;
        long percentHundredths = Math.round(change * 10_000.0 / close);
        String json = "{\"type\":\"quote\",\"symbol\":\"" + symbols.get(i)
                + "\",\"price\":" + decimal(cents[i])
                + ",\"change\":" + decimal(change)
                + ",\"changePercent\":" + decimal(percentHundredths)
                + ",\"volume\":" + volume[i]
                + ",\"seq\":" + seq[i]
                + ",\"time\":\"" + IsoMillis.format(now.toEpochMilli()) + "\"}";
        return new Update(i, seq[i], json);
    }

    /** The current state of every symbol that has been updated, as snapshot quote objects. */
    public String snapshotJson(List<Integer> indexes, Instant now) {
        StringBuilder sb = new StringBuilder("{\"type\":\"snapshot\",\"quotes\":[");
        boolean first = true;
        for (int i : indexes) {
            if (seq[i] == 0) {
                continue;
            }
            long close = BenchSymbols.previousCloseCents(i);
            long change = cents[i] - close;
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append("{\"symbol\":\"").append(symbols.get(i)).append("\",\"price\":").append(decimal(cents[i]))
                    .append(",\"change\":").append(decimal(change))
                    .append(",\"changePercent\":").append(decimal(Math.round(change * 10_000.0 / close)))
                    .append(",\"volume\":").append(volume[i]).append(",\"seq\":").append(seq[i])
                    .append(",\"time\":\"").append(IsoMillis.format(now.toEpochMilli())).append("\"}");
        }
        return sb.append("]}").toString();
    }

    public List<String> symbols() {
        return symbols;
    }

    static String decimal(long hundredths) {
        long abs = Math.abs(hundredths);
        return (hundredths < 0 ? "-" : "") + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
    }
}
