package io.quotecast.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quotecast.quote.PriceTick;

class PriceMessageFormatTest {

    private static final Instant NOW = Instant.parse("2026-11-21T20:33:06.120Z");

    private final PriceMessageFormat format = new PriceMessageFormat(Clock.fixed(NOW, ZoneOffset.UTC));

    private PriceTick accepted(String text) {
        PriceMessageFormat.Parsed parsed = format.parse(text);
        assertNull(parsed.rejection(), () -> "rejected: " + parsed.rejection() + " " + parsed.detail());
        assertNotNull(parsed.tick());
        return parsed.tick();
    }

    private FeedRejection rejection(String text) {
        PriceMessageFormat.Parsed parsed = format.parse(text);
        assertNull(parsed.tick(), () -> "accepted: " + parsed.tick());
        assertNotNull(parsed.detail());
        return parsed.rejection();
    }

    private static String message(String fields) {
        return "{\"symbol\":\"AAPL\"," + fields + "}";
    }

    @Test
    void readsEveryFieldOfACompleteMessage() {
        PriceTick tick = accepted(
                "{\"symbol\":\"BRK.B\",\"price\":229.87,\"volume\":1200,\"seq\":17,\"time\":\"2026-11-21T20:33:06.120Z\"}");

        assertEquals(new PriceTick("BRK.B", new BigDecimal("229.87"), OptionalLong.of(1200), OptionalLong.of(17),
                Instant.parse("2026-11-21T20:33:06.120Z")), tick);
    }

    @Test
    void onlySymbolAndPriceAreRequiredAndAMissingTimeIsTheClocksNow() {
        PriceTick tick = accepted("{\"symbol\":\"AAPL\",\"price\":1.5}");

        assertEquals(new PriceTick("AAPL", new BigDecimal("1.5"), OptionalLong.empty(), OptionalLong.empty(), NOW), tick);
    }

    @Test
    void nullOptionalFieldsCountAsAbsent() {
        PriceTick tick = accepted(message("\"price\":1.5,\"volume\":null,\"seq\":null,\"time\":null"));

        assertEquals(OptionalLong.empty(), tick.volume());
        assertEquals(OptionalLong.empty(), tick.sourceSeq());
        assertEquals(NOW, tick.time());
    }

    @Test
    void timeInAnotherIsoFormIsNormalisedToUtcMilliseconds() {
        assertEquals(Instant.parse("2026-11-21T20:33:06.120Z"),
                accepted(message("\"price\":1,\"time\":\"2026-11-21T21:33:06.120999+01:00\"")).time());
    }

    @Test
    void priceInExponentFormIsAcceptedAsAPlainNumber() {
        BigDecimal price = accepted(message("\"price\":1E+2")).price();

        assertEquals("100", price.toPlainString());
        assertTrue(price.scale() >= 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.000001", "999999999.999999", "229.8700000", "1"})
    void acceptsPricesAtTheEdgesOfTheLimits(String price) {
        assertEquals(0, new BigDecimal(price).compareTo(accepted(message("\"price\":" + price)).price()));
    }

    @Test
    void volumeAndSeqOfZeroAreAccepted() {
        PriceTick tick = accepted(message("\"price\":1,\"volume\":0,\"seq\":0"));

        assertEquals(OptionalLong.of(0), tick.volume());
        assertEquals(OptionalLong.of(0), tick.sourceSeq());
    }

    @Test
    void formatThenParseGivesBackTheSameTick() {
        PriceTick full = new PriceTick("BRK.B", new BigDecimal("470.03"), OptionalLong.of(987_654_321L),
                OptionalLong.of(Long.MAX_VALUE), Instant.parse("2026-11-21T20:33:06.120Z"));
        PriceTick minimal = new PriceTick("T", new BigDecimal("22.61"), OptionalLong.empty(), OptionalLong.empty(),
                Instant.parse("2026-01-02T03:04:05Z"));

        assertEquals(full, accepted(PriceMessageFormat.format(full)));
        assertEquals(minimal, accepted(PriceMessageFormat.format(minimal)));
    }

    @Test
    void formatWritesTheDocumentedContractWithTimeInMilliseconds() {
        PriceTick tick = new PriceTick("AAPL", new BigDecimal("229.87"), OptionalLong.of(1200), OptionalLong.of(17),
                Instant.parse("2026-11-21T20:33:06.12Z"));

        assertEquals("{\"symbol\":\"AAPL\",\"price\":229.87,\"volume\":1200,\"seq\":17,\"time\":\"2026-11-21T20:33:06.120Z\"}",
                PriceMessageFormat.format(tick));
    }

    // MALFORMED

    @Test
    void nullBodyIsMalformed() {
        assertEquals(FeedRejection.MALFORMED, rejection(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "{", "{\"symbol\":}", "{'symbol':'AAPL'}", "\uFEFF{}",
            "{\"symbol\":\"AAPL\",\"price\":1} trailing", "{\"symbol\":\"AAPL\",\"price\":1}{\"symbol\":\"MSFT\",\"price\":2}"})
    void textThatIsNotJsonIsMalformed(String text) {
        assertEquals(FeedRejection.MALFORMED, rejection(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "42", "\"AAPL\"", "true", "null"})
    void jsonThatIsNotAnObjectIsMalformed(String text) {
        assertEquals(FeedRejection.MALFORMED, rejection(text));
    }

    @Test
    void deeplyNestedJsonWithinTheSizeLimitIsMalformed() {
        String nested = "{\"symbol\":\"AAPL\",\"price\":1,\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}";

        assertTrue(nested.length() <= PriceMessageFormat.MAX_LENGTH);
        assertEquals(FeedRejection.MALFORMED, rejection(nested));
    }

    // TOO_LARGE

    @Test
    void messageOverTheSizeLimitIsTooLargeAndOneAtTheLimitIsRead() {
        String base = message("\"price\":1");
        String atLimit = base + " ".repeat(PriceMessageFormat.MAX_LENGTH - base.length());

        accepted(atLimit);
        assertEquals(FeedRejection.TOO_LARGE, rejection(atLimit + " "));
    }

    @Test
    void tooLargeIsDecidedBeforeParsing() {
        assertEquals(FeedRejection.TOO_LARGE, rejection("x".repeat(PriceMessageFormat.MAX_LENGTH + 1)));
    }

    // MISSING_FIELD

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"price\":1}", "{\"symbol\":null,\"price\":1}", "{\"symbol\":\"AAPL\"}",
            "{\"symbol\":\"AAPL\",\"price\":null}"})
    void absentOrNullSymbolOrPriceIsAMissingField(String text) {
        assertEquals(FeedRejection.MISSING_FIELD, rejection(text));
    }

    // INVALID_FIELD

    @ParameterizedTest
    @ValueSource(strings = {"\"aapl\"", "\"\"", "\"TOOLONGSYMBOL1\"", "\"1AB\"", "42", "[\"AAPL\"]", "{}", "true"})
    void symbolThatIsNotAValidSymbolStringIsAnInvalidField(String symbol) {
        assertEquals(FeedRejection.INVALID_FIELD, rejection("{\"symbol\":" + symbol + ",\"price\":1}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"volume\":-1", "\"volume\":1.5", "\"volume\":\"1200\"", "\"volume\":true",
            "\"volume\":1e30", "\"seq\":-1", "\"seq\":1.5", "\"seq\":\"17\"", "\"seq\":9223372036854775808"})
    void volumeOrSeqThatIsNotAWholeNumberOfZeroOrMoreIsAnInvalidField(String field) {
        assertEquals(FeedRejection.INVALID_FIELD, rejection(message("\"price\":1," + field)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yesterday\"", "\"2026-11-21\"", "\"2026-11-21T20:33:06\"", "\"\"", "1732221186120",
            "true", "{}"})
    void timeThatIsNotAnIsoInstantStringIsAnInvalidField(String time) {
        assertEquals(FeedRejection.INVALID_FIELD, rejection(message("\"price\":1,\"time\":" + time)));
    }

    // INVALID_PRICE

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-0.01", "-229.87", "\"229.87\"", "true", "[1]", "{}", "1000000000",
            "1e9", "1000000000.01", "1e30", "0.0000001", "229.8700001", "1e-999999999"})
    void priceThatIsNotPositiveBelowOneBillionWithAtMostSixDecimalsIsAnInvalidPrice(String price) {
        assertEquals(FeedRejection.INVALID_PRICE, rejection(message("\"price\":" + price)));
    }

    @Test
    void rejectionDetailNamesTheSymbolButNeverEchoesTheBody() {
        PriceMessageFormat.Parsed parsed = format.parse(message("\"price\":\"s3cr3t-t0ken\""));

        assertTrue(parsed.detail().contains("AAPL"), parsed.detail());
        assertFalse(parsed.detail().contains("s3cr3t"), parsed.detail());
    }

    @Test
    void everyReasonAParserCanGiveIsReachable() {
        List<String> examples = List.of("not json", "x".repeat(PriceMessageFormat.MAX_LENGTH + 1), "{}",
                message("\"price\":1,\"seq\":-1"), message("\"price\":0"));
        Set<FeedRejection> reasons = EnumSet.noneOf(FeedRejection.class);
        examples.forEach(text -> reasons.add(rejection(text)));

        assertEquals(EnumSet.of(FeedRejection.MALFORMED, FeedRejection.TOO_LARGE, FeedRejection.MISSING_FIELD,
                FeedRejection.INVALID_FIELD, FeedRejection.INVALID_PRICE), reasons);
    }

    @Test
    void parseNeverThrowsAndAlwaysGivesATickOrAReason() {
        List<String> hostile = new ArrayList<>(List.of("\u0000", "\uD800", "{\"symbol\":\"\uD83D\uDE00\",\"price\":1}",
                "{\"symbol\":\"AAPL\",\"price\":1e999999999}", "{\"symbol\":\"AAPL\",\"price\":-1e-999999999}",
                "{\"symbol\":\"AAPL\",\"price\":1,\"seq\":1e999999999}", "{\"symbol\":\"AAPL\",\"price\":1,\"time\":\"+999999999-12-31T23:59:59Z\"}",
                "{\"symbol\":\"AAPL\",\"price\":NaN}", "{\"symbol\":\"AAPL\",\"price\":Infinity}", "{\"symbol\":\"AAPL\",\"price\":01}",
                "[".repeat(4096), "{\"a\":".repeat(800), "\"" + "\\u0000".repeat(600) + "\"", "{\"symbol\":\"AAPL\",\"price\":1,\"symbol\":2}"));
        for (String text : hostile) {
            PriceMessageFormat.Parsed parsed = format.parse(text);
            assertTrue(parsed.tick() != null ^ parsed.rejection() != null, () -> "for " + text.substring(0, Math.min(40, text.length())));
        }
    }

    @Test
    void timeOutsideFourDigitYearsIsAnInvalidField() {
        for (String time : new String[] {"+999999999-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"}) {
            PriceMessageFormat.Parsed parsed = new PriceMessageFormat(java.time.Clock.systemUTC())
                    .parse("{\"symbol\":\"AAPL\",\"price\":1,\"time\":\"" + time + "\"}");
            org.junit.jupiter.api.Assertions.assertEquals(FeedRejection.INVALID_FIELD, parsed.rejection(), time);
        }
    }

    // Several prices in one message

    private List<FeedRejection> reasons(String text) {
        return format.parseAll(text).stream().map(PriceMessageFormat.Parsed::rejection).toList();
    }

    @Test
    void anArrayGivesItsPricesInOrder() {
        List<PriceMessageFormat.Parsed> all = format.parseAll(" \n[" + message("\"price\":1,\"seq\":7") + ","
                + "{\"symbol\":\"MSFT\",\"price\":2}," + message("\"price\":3,\"seq\":8") + "]");

        assertEquals(List.of("AAPL", "MSFT", "AAPL"), all.stream().map(p -> p.tick().symbol()).toList());
        assertEquals(List.of(new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("3")),
                all.stream().map(p -> p.tick().price()).toList());
    }

    @Test
    void eachElementIsJudgedOnItsOwn() {
        String text = "[" + message("\"price\":1") + ",{\"price\":1},42,[" + message("\"price\":1") + "],"
                + message("\"price\":0") + "," + message("\"price\":2") + "]";

        assertEquals(Arrays.asList(null, FeedRejection.MISSING_FIELD, FeedRejection.MALFORMED, FeedRejection.MALFORMED,
                FeedRejection.INVALID_PRICE, null), reasons(text));
        assertTrue(format.parseAll(text).get(2).detail().contains("element 2"), "names the element, not the body");
    }

    @Test
    void anObjectGivesOnePriceAsBefore() {
        List<PriceMessageFormat.Parsed> all = format.parseAll(message("\"price\":1"));

        assertEquals(1, all.size());
        assertEquals("AAPL", all.get(0).tick().symbol());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", " [ ] ", "[", "[{\"symbol\":\"AAPL\",\"price\":1}", "[1,]", "[1] [2]", "not json", "42"})
    void aBodyThatIsNoPriceAtAllIsOneMalformedMessage(String text) {
        assertEquals(List.of(FeedRejection.MALFORMED), reasons(text));
    }

    @Test
    void anArrayOfAtMostTheLimitIsReadAndOneMoreIsOneTooLargeMessage() {
        String price = message("\"price\":1");
        String atLimit = "[" + String.join(",", Collections.nCopies(PriceMessageFormat.MAX_PRICES_PER_MESSAGE, price)) + "]";
        String over = "[" + String.join(",", Collections.nCopies(PriceMessageFormat.MAX_PRICES_PER_MESSAGE + 1, price)) + "]";

        assertTrue(over.length() <= PriceMessageFormat.MAX_ARRAY_LENGTH, "the count limit, not the length, refuses it");
        assertEquals(PriceMessageFormat.MAX_PRICES_PER_MESSAGE, format.parseAll(atLimit).size());
        assertTrue(format.parseAll(atLimit).stream().allMatch(p -> p.tick() != null));
        assertEquals(List.of(FeedRejection.TOO_LARGE), reasons(over));
    }

    @Test
    void anArrayOverTheLengthLimitIsTooLargeBeforeParsingAndOneAtItIsRead() {
        String base = "[" + message("\"price\":1") + "]";
        String atLimit = base + " ".repeat(PriceMessageFormat.MAX_ARRAY_LENGTH - base.length());

        assertEquals(Collections.singletonList(null), reasons(atLimit));
        assertEquals(List.of(FeedRejection.TOO_LARGE), reasons(atLimit + " "));
        assertEquals(List.of(FeedRejection.TOO_LARGE), reasons("[" + "x".repeat(PriceMessageFormat.MAX_ARRAY_LENGTH)));
    }

    @Test
    void anObjectKeepsItsOwnLengthLimitWhenItComesAlone() {
        String base = message("\"price\":1");

        assertEquals(List.of(FeedRejection.TOO_LARGE), reasons(base + " ".repeat(PriceMessageFormat.MAX_LENGTH)));
    }

    @Test
    void formatAllThenParseAllGivesBackTheSameTicks() {
        List<PriceTick> ticks = List.of(
                new PriceTick("AAPL", new BigDecimal("229.87"), OptionalLong.of(1200), OptionalLong.of(17), NOW),
                new PriceTick("MSFT", new BigDecimal("415.49"), OptionalLong.empty(), OptionalLong.empty(), NOW));

        assertEquals(ticks, format.parseAll(PriceMessageFormat.formatAll(ticks)).stream()
                .map(PriceMessageFormat.Parsed::tick).toList());
    }

    @Test
    void parseAllNeverThrowsAndAlwaysGivesATickOrAReasonForEachPrice() {
        List<String> hostile = List.of("[".repeat(4096), "[" + "{\"a\":".repeat(800), "[\"\uD800\"]",
                "[{\"symbol\":\"AAPL\",\"price\":1e999999999}]", "[null,true,\"x\",{}]", "\t[[[[]]]]");
        for (String text : hostile) {
            List<PriceMessageFormat.Parsed> all = format.parseAll(text);
            assertFalse(all.isEmpty(), text);
            all.forEach(parsed -> assertTrue(parsed.tick() != null ^ parsed.rejection() != null,
                    () -> "for " + text.substring(0, Math.min(40, text.length()))));
        }
    }
}
