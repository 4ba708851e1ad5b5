package io.quotecast.bench.run;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kernel's counter tables as Linux prints them, read into segments per delivery. */
class TcpCountersTest {

    private static TcpCounters counters(long outSegs, long dataSent, long delayedAcks) {
        return TcpCounters.parse(List.of(
                "Ip: Forwarding DefaultTTL InReceives",
                "Ip: 1 64 12345",
                "Tcp: RtoAlgorithm RtoMin InSegs OutSegs RetransSegs",
                "Tcp: 1 200 999 " + outSegs + " 3",
                "TcpExt: SyncookiesSent DelayedACKs TCPOrigDataSent",
                "TcpExt: 0 " + delayedAcks + " " + dataSent));
    }

    @Test
    void segmentsAreCountedPerDeliveryBetweenTwoReadings() {
        TcpCounters before = counters(1_000, 600, 50);
        TcpCounters after = counters(1_000 + 15_000, 600 + 10_000, 50 + 2_000);

        assertEquals("tcp per delivery: 0.500 data segments, 0.250 other segments, 0.100 delayed acks",
                after.perDelivery(before, 20_000));
    }

    @Test
    void withoutTheCountersOrWithoutDeliveriesThereIsNothingToSay() {
        TcpCounters none = TcpCounters.parse(List.of());
        TcpCounters some = counters(10, 5, 1);

        assertEquals("", some.perDelivery(none, 100));
        assertEquals("", none.perDelivery(some, 100));
        assertEquals("", some.perDelivery(some, 0));
    }

    @Test
    void aLineWhoseValuesDoNotMatchItsNamesIsSkipped() {
        TcpCounters parsed = TcpCounters.parse(List.of(
                "Tcp: InSegs OutSegs",
                "Tcp: 5",
                "TcpExt: TCPOrigDataSent",
                "TcpExt: 7"));

        assertEquals(7L, parsed.values().get("TcpExt.TCPOrigDataSent"));
        assertEquals(null, parsed.values().get("Tcp.OutSegs"));
    }
}
