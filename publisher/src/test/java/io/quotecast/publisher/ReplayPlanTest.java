package io.quotecast.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ReplayPlanTest {

    private static List<Planned> all(String text) {
        ReplayPlan plan = new ReplayPlan(new StringReader(text), "ticks.csv");
        List<Planned> planned = new ArrayList<>();
        for (Optional<Planned> next = plan.next(); next.isPresent(); next = plan.next()) {
            planned.add(next.get());
        }
        return planned;
    }

    @Test
    void linesBecomePricesDueAtTheirOffset() {
        List<Planned> planned = all("offsetMillis,symbol,price,volume\n"
                + "0,AAPL,229.87,1200\n"
                + "\n"
                + "# a comment\n"
                + "250,MSFT,410.5\n"
                + "250,AAPL,229.9,\n");
        assertEquals(List.of(
                new Planned(0, "AAPL", new BigDecimal("229.87"), OptionalLong.of(1200)),
                new Planned(250_000_000L, "MSFT", new BigDecimal("410.5"), OptionalLong.empty()),
                new Planned(250_000_000L, "AAPL", new BigDecimal("229.9"), OptionalLong.empty())), planned);
    }

    @Test
    void aBadLineStopsTheReplayWithItsLineNumber() {
        assertEquals("ticks.csv, line 2: price is not a number",
                assertThrows(IllegalArgumentException.class, () -> all("0,AAPL,1\n5,AAPL,abc\n")).getMessage());
        assertEquals("ticks.csv, line 2: offsetMillis goes back (5 after 10)",
                assertThrows(IllegalArgumentException.class, () -> all("10,AAPL,1\n5,AAPL,2\n")).getMessage());
        assertEquals("ticks.csv, line 1: invalid symbol 'aapl'",
                assertThrows(IllegalArgumentException.class, () -> all("0,aapl,1\n")).getMessage());
        assertEquals("ticks.csv, line 1: price must be positive",
                assertThrows(IllegalArgumentException.class, () -> all("0,AAPL,-1\n")).getMessage());
        assertEquals("ticks.csv, line 1: expected offsetMillis,symbol,price[,volume] but found 2 fields",
                assertThrows(IllegalArgumentException.class, () -> all("0,AAPL\n")).getMessage());
        assertEquals("ticks.csv, line 1: volume must be >= 0",
                assertThrows(IllegalArgumentException.class, () -> all("0,AAPL,1,-3\n")).getMessage());
    }
}
