package io.quotecast.it;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import static io.quotecast.it.QuoteSocket.isQuoteOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed contract end to end: a message published to the price topic by someone other than the
 * simulated feed (here the test, through a probe WAR) reaches subscribed clients, exactly.
 */
public class FeedIT extends DeployedEar {

    /** From the topic through the MDB and the fan-out to the socket; generous for a shared machine. */
    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(20);

    @Deployment(testable = false, name = FeedProbe.NAME, order = 2)
    public static WebArchive feedProbe() {
        return FeedProbe.war();
    }

    @Test
    void pricePublishedToTheTopicReachesASubscriberWithTheExactPrice() {
        String symbol = "MSFT";
        BigDecimal price = unusualPrice();
        BigDecimal previousClose = previousClose(symbol);
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.subscribe(symbol);

            FeedProbe.publish(feedMessage(symbol, price));
            JsonObject quote = awaitQuote(socket, symbol, price);

            QuoteShape.assertQuoteFrame(quote);
            JsonNumber delivered = QuoteShape.number(quote, "price");
            assertEquals(0, delivered.bigDecimalValue().compareTo(price), () -> "price of " + quote);
            assertEquals(price.toPlainString(), delivered.bigDecimalValue().toPlainString(),
                    () -> "price with the feed's digits, all " + price.scale() + " decimals: " + quote);
            assertEquals(0, QuoteShape.number(quote, "change").bigDecimalValue().compareTo(price.subtract(previousClose)),
                    () -> "change = price - previous close " + previousClose + " exactly: " + quote);
        }
    }

    @Test
    void poisonMessageIsCountedAsRejectedAndTheFeedKeepsDelivering() {
        String symbol = "NVDA";
        JsonObject statsBefore = Api.stats();
        long rejectedBefore = statsBefore.getJsonNumber("feedRejected").longValue();
        long malformedBefore = malformed(statsBefore);
        BigDecimal price = unusualPrice();
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.subscribe(symbol);

            FeedProbe.publish("not json");
            FeedProbe.publish(feedMessage(symbol, price));
            awaitQuote(socket, symbol, price);
        }
        JsonObject statsAfter = Await.value("feedRejected to count the poison message", DELIVERY_BOUND, () -> {
            JsonObject stats = Api.stats();
            return stats.getJsonNumber("feedRejected").longValue() > rejectedBefore ? Optional.of(stats) : Optional.empty();
        });

        assertEquals(rejectedBefore + 1, statsAfter.getJsonNumber("feedRejected").longValue(), () -> "" + statsAfter);
        assertEquals(malformedBefore + 1, malformed(statsAfter), () -> "rejected as MALFORMED: " + statsAfter);
    }

    @Test
    void aBurstIsAppliedInTheOrderTheFeedSentIt() {
        // One consumer per server (jboss-ejb3.xml, glassfish-ejb-jar.xml): with the adapters'
        // defaults, messages of one burst are handed to several beans at once and a later price can
        // be applied before an earlier one, which the feed's seq then rejects as stale.
        String symbol = "GOOGL";
        int burst = 400;
        long firstSeq = System.currentTimeMillis();
        BigDecimal base = unusualPrice();
        Map<BigDecimal, Integer> sentAt = new HashMap<>();
        List<String> messages = new ArrayList<>();
        BigDecimal last = null;
        for (int i = 0; i < burst; i++) {
            BigDecimal price = base.add(BigDecimal.valueOf(i, 6));
            sentAt.put(price.stripTrailingZeros(), i);
            last = price;
            messages.add(Json.createObjectBuilder().add("symbol", symbol).add("price", price)
                    .add("seq", firstSeq + i).build().toString());
        }
        long staleBefore = rejected(Api.stats(), "STALE_SEQUENCE");
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.subscribe(symbol);

            FeedProbe.publishAll(messages);
            BigDecimal lastPrice = last;
            List<Integer> seen = socket.readUntil("the burst's last " + symbol + " quote, priced " + lastPrice, DELIVERY_BOUND,
                            f -> isQuoteOf(f, symbol) && priceOf(f).compareTo(lastPrice) == 0).stream()
                    .filter(f -> isQuoteOf(f, symbol))
                    .map(f -> sentAt.get(priceOf(f).stripTrailingZeros()))
                    .filter(Objects::nonNull)
                    .toList();

            for (int k = 1; k < seen.size(); k++) {
                int at = k;
                assertTrue(seen.get(at) > seen.get(at - 1), () -> "the burst's prices shown in the order sent, but message "
                        + seen.get(at) + " came after " + seen.get(at - 1) + ": " + seen);
            }
        }
        long stale = rejected(Api.stats(), "STALE_SEQUENCE") - staleBefore;
        assertEquals(0, stale, () -> stale + " of the burst's " + burst + " prices applied out of order (rejected as stale)");
    }

    @Test
    void severalPricesInOneMessageArriveInTheirOrderAndABadOneIsCountedAlone() {
        String symbol = "ORCL";
        long firstSeq = System.currentTimeMillis();
        BigDecimal first = unusualPrice();
        BigDecimal second = first.add(new BigDecimal("0.000001"));
        String array = Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("symbol", symbol).add("price", first).add("seq", firstSeq))
                .add(Json.createObjectBuilder().add("symbol", symbol).add("price", "not a number"))
                .add(Json.createObjectBuilder().add("symbol", symbol).add("price", second).add("seq", firstSeq + 1))
                .build().toString();
        long invalidBefore = rejected(Api.stats(), "INVALID_PRICE");
        try (QuoteSocket socket = QuoteSocket.openPastWelcome()) {
            socket.subscribe(symbol);

            FeedProbe.publish(array);
            List<BigDecimal> ours = socket.readUntil("the array's second " + symbol + " price, " + second, DELIVERY_BOUND,
                            f -> isQuoteOf(f, symbol) && priceOf(f).compareTo(second) == 0).stream()
                    .filter(f -> isQuoteOf(f, symbol))
                    .map(FeedIT::priceOf)
                    .filter(p -> p.compareTo(first) == 0 || p.compareTo(second) == 0)
                    .toList();

            assertEquals(2, ours.size(), () -> "both good prices of the array, once each: " + ours);
            assertEquals(0, ours.get(0).compareTo(first), () -> "in the array's order: " + ours);
        }
        long invalid = Await.value("feedRejectedByReason.INVALID_PRICE to count the bad element", DELIVERY_BOUND, () -> {
            long now = rejected(Api.stats(), "INVALID_PRICE");
            return now > invalidBefore ? Optional.of(now) : Optional.empty();
        });
        assertEquals(invalidBefore + 1, invalid, "the one bad element, not the message");
    }

    /** Also ExternalFeedIT's: a feed other than the simulated one, found among its quotes by price. */
    static JsonObject awaitQuote(QuoteSocket socket, String symbol, BigDecimal price) {
        // The simulated feed keeps publishing: wait for the quote carrying our price, not the next one.
        return socket.await("a " + symbol + " quote priced " + price, DELIVERY_BOUND,
                f -> isQuoteOf(f, symbol) && f.get("price") instanceof JsonNumber n && n.bigDecimalValue().compareTo(price) == 0);
    }

    /** Six decimals, the last one not zero: nothing the simulated feed (cent ticks) would ever send. */
    static BigDecimal unusualPrice() {
        long unscaled = ThreadLocalRandom.current().nextLong(1_000_000_000L, 99_999_999_999L);
        if (unscaled % 10 == 0) {
            unscaled += 7;
        }
        return BigDecimal.valueOf(unscaled, 6);
    }

    private static String feedMessage(String symbol, BigDecimal price) {
        return Json.createObjectBuilder().add("symbol", symbol).add("price", price).build().toString();
    }

    private static BigDecimal previousClose(String symbol) {
        return JsonText.array(Api.get("/api/instruments").body()).getValuesAs(JsonObject.class).stream()
                .filter(i -> symbol.equals(i.getString("symbol")))
                .findFirst()
                .map(i -> i.getJsonNumber("previousClose").bigDecimalValue())
                .orElseThrow(() -> new AssertionError(symbol + " is not in GET /api/instruments"));
    }

    private static long malformed(JsonObject stats) {
        return rejected(stats, "MALFORMED");
    }

    private static long rejected(JsonObject stats, String reason) {
        return stats.getJsonObject("feedRejectedByReason").getJsonNumber(reason).longValue();
    }

    static BigDecimal priceOf(JsonObject quote) {
        return quote.getJsonNumber("price").bigDecimalValue();
    }
}
