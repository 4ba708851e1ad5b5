package io.quotecast.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kernel's TCP counters ({@code /proc/net/snmp}, {@code /proc/net/netstat}), read around each
 * window so that a run says how many segments each delivery cost. On loopback every segment is
 * kernel work on the server's core, and one server start of A spent a fifth more of its core than
 * another on the same deliveries/s, with the generator's CPU moving alike (session 12): the
 * segments per delivery tell whether the two sides exchanged more packets for the same quotes.
 * The counters are the machine's, not one process's; the idle check before each pass makes the
 * benchmark's own traffic nearly all of them.
 */
record TcpCounters(Map<String, Long> values) {

    private static final String DATA = "TcpExt.TCPOrigDataSent";
    private static final String ALL = "Tcp.OutSegs";
    private static final String DELAYED_ACKS = "TcpExt.DelayedACKs";

    static TcpCounters read() {
        List<String> lines = new ArrayList<>();
        for (String file : List.of("/proc/net/snmp", "/proc/net/netstat")) {
            try {
                lines.addAll(Files.readAllLines(Path.of(file)));
            } catch (IOException | RuntimeException e) {
                // Not Linux, or not readable: the run goes on without these figures.
            }
        }
        return parse(lines);
    }

    /**
     * The kernel prints each group as two lines, names then values, both starting with the
     * group's name ({@code Tcp: ... OutSegs ...} / {@code Tcp: ... 123 ...}); keys are
     * {@code group.name}.
     */
    static TcpCounters parse(List<String> lines) {
        Map<String, Long> values = new HashMap<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String[] names = lines.get(i).trim().split("\\s+");
            String[] counts = lines.get(i + 1).trim().split("\\s+");
            if (names.length < 2 || !names[0].endsWith(":") || !names[0].equals(counts[0])
                    || names.length != counts.length || !counts[1].matches("-?\\d+")) {
                continue;
            }
            String group = names[0].substring(0, names[0].length() - 1);
            for (int k = 1; k < names.length; k++) {
                values.put(group + "." + names[k], Long.parseLong(counts[k]));
            }
            i++;
        }
        return new TcpCounters(values);
    }

    /**
     * Segments per delivery since {@code earlier}: those carrying data (on loopback, the servers'
     * frames: the generator sends almost nothing), the others (mostly the generator's acks) and
     * the delayed acks; empty when the counters could not be read or nothing was delivered.
     */
    String perDelivery(TcpCounters earlier, long deliveries) {
        if (deliveries <= 0 || !values.containsKey(DATA) || !values.containsKey(ALL)
                || !earlier.values.containsKey(DATA) || !earlier.values.containsKey(ALL)) {
            return "";
        }
        long data = since(earlier, DATA);
        long others = since(earlier, ALL) - data;
        return String.format(Locale.ROOT, "tcp per delivery: %.3f data segments, %.3f other segments, %.3f delayed acks",
                (double) data / deliveries, (double) others / deliveries,
                (double) since(earlier, DELAYED_ACKS) / deliveries);
    }

    private long since(TcpCounters earlier, String key) {
        return values.getOrDefault(key, 0L) - earlier.values.getOrDefault(key, 0L);
    }
}
