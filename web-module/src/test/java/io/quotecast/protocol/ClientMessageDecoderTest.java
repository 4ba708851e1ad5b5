package io.quotecast.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMessageDecoderTest {

    private final ClientMessageDecoder decoder = new ClientMessageDecoder();

    private ClientMessage.Invalid invalid(String text) {
        return assertInstanceOf(ClientMessage.Invalid.class, decoder.decode(text));
    }

    private static String symbolsArray(int count) {
        return "[" + String.join(",", Collections.nCopies(count, "\"AAPL\"")) + "]";
    }

    @Test
    void decodesSubscribeWithItsSymbolsInOrder() {
        assertEquals(new ClientMessage.Subscribe(List.of("MSFT", "AAPL", "BRK.B")),
                decoder.decode("{\"type\":\"subscribe\",\"symbols\":[\"MSFT\",\"AAPL\",\"BRK.B\"]}"));
    }

    @Test
    void decodesSubscribeWithAMaxRate() {
        ClientMessage.Subscribe subscribe = assertInstanceOf(ClientMessage.Subscribe.class,
                decoder.decode("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxRate\":2.5}"));

        assertEquals(new ClientMessage.Subscribe(List.of("AAPL"), 2.5), subscribe);
        assertEquals(400_000_000L, subscribe.intervalNanos());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1", "1", "100", "1e2"})
    void maxRateFromATenthToAHundredIsAccepted(String rate) {
        ClientMessage.Subscribe subscribe = assertInstanceOf(ClientMessage.Subscribe.class,
                decoder.decode("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxRate\":" + rate + "}"));

        assertEquals(Double.parseDouble(rate), subscribe.maxRate());
    }

    @Test
    void subscribeWithoutMaxRateOrWithANullOneIsUnlimited() {
        for (String rate : List.of("", ",\"maxRate\":null")) {
            ClientMessage.Subscribe subscribe = assertInstanceOf(ClientMessage.Subscribe.class,
                    decoder.decode("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"]" + rate + "}"));

            assertEquals(0, subscribe.intervalNanos());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "0.09", "100.5", "1e300", "\"5\"", "true", "[5]", "{}"})
    void maxRateOutsideItsBoundsOrNotANumberIsAnInvalidMessage(String rate) {
        ClientMessage.Invalid invalid = invalid("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxRate\":" + rate + "}");

        assertEquals(ErrorCode.INVALID_MESSAGE, invalid.code());
        assertEquals("'maxRate' must be a number from 0.1 to 100: the most quotes per second per symbol", invalid.message());
    }

    @Test
    void decodesSubscribeWithBatch() {
        assertEquals(new ClientMessage.Subscribe(List.of("AAPL"), 5, true),
                decoder.decode("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"],\"maxRate\":5,\"batch\":true}"));
        assertEquals(new ClientMessage.Subscribe(List.of("AAPL"), 0, true),
                decoder.decode("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"],\"batch\":true}"));
        for (String off : List.of("false", "null")) {
            assertEquals(new ClientMessage.Subscribe(List.of("AAPL")),
                    decoder.decode("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"],\"batch\":" + off + "}"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "\"true\"", "[]", "{}"})
    void batchThatIsNotABooleanIsAnInvalidMessage(String batch) {
        ClientMessage.Invalid invalid = invalid("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"],\"batch\":" + batch + "}");

        assertEquals(ErrorCode.INVALID_MESSAGE, invalid.code());
        assertEquals("'batch' must be true or false", invalid.message());
    }

    @Test
    void decodesUnsubscribeWithItsSymbols() {
        assertEquals(new ClientMessage.Unsubscribe(List.of("MSFT")),
                decoder.decode("{\"type\":\"unsubscribe\",\"symbols\":[\"MSFT\"]}"));
    }

    @Test
    void leavesSymbolSyntaxAndDuplicatesToTheRequestHandler() {
        assertEquals(new ClientMessage.Subscribe(List.of("aapl", "", "AAPL", "AAPL")),
                decoder.decode("{\"type\":\"subscribe\",\"symbols\":[\"aapl\",\"\",\"AAPL\",\"AAPL\"]}"));
    }

    @Test
    void ignoresUnknownFieldsAndFieldOrder() {
        assertEquals(new ClientMessage.Subscribe(List.of("AAPL")),
                decoder.decode("{\"symbols\":[\"AAPL\"],\"client\":\"v2\",\"type\":\"subscribe\",\"extra\":{\"a\":[1]}}"));
    }

    @Test
    void decodesPingWithAStringId() {
        assertEquals(new ClientMessage.Ping(Json.createValue("abc-1")), decoder.decode("{\"type\":\"ping\",\"id\":\"abc-1\"}"));
    }

    @Test
    void decodesPingWithANumericIdKeepingItExactly() {
        ClientMessage.Ping ping = assertInstanceOf(ClientMessage.Ping.class,
                decoder.decode("{\"type\":\"ping\",\"id\":12345678901234567890.50}"));

        assertEquals("12345678901234567890.50", ((JsonNumber) ping.id()).bigDecimalValue().toPlainString());
    }

    @Test
    void decodesPingWithoutIdOrWithANullIdAsNoId() {
        assertEquals(new ClientMessage.Ping(null), decoder.decode("{\"type\":\"ping\"}"));
        assertEquals(new ClientMessage.Ping(null), decoder.decode("{\"type\":\"ping\",\"id\":null}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "{}", "[1]"})
    void pingIdThatIsNeitherStringNorNumberIsInvalid(String id) {
        ClientMessage.Invalid invalid = invalid("{\"type\":\"ping\",\"id\":" + id + "}");

        assertEquals(ErrorCode.INVALID_MESSAGE, invalid.code());
        assertTrue(invalid.message().contains("'id'"), invalid.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "", " ", "{", "{\"type\":\"ping\"", "{'type':'ping'}",
            "[]", "[{\"type\":\"ping\"}]", "\"ping\"", "42", "true", "null",
            "{\"type\":\"ping\"} garbage", "{\"type\":\"ping\"}{\"type\":\"ping\"}"})
    void textThatIsNotAJsonObjectIsAnInvalidMessage(String text) {
        ClientMessage.Invalid invalid = invalid(text);

        assertEquals(ErrorCode.INVALID_MESSAGE, invalid.code());
        assertEquals("Messages must be JSON objects", invalid.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"symbols\":[]}", "{\"type\":null}", "{\"type\":42}", "{\"type\":[\"ping\"]}",
            "{\"type\":{\"name\":\"ping\"}}", "{\"Type\":\"ping\"}"})
    void missingOrNonStringTypeIsAnInvalidMessage(String text) {
        ClientMessage.Invalid invalid = invalid(text);

        assertEquals(ErrorCode.INVALID_MESSAGE, invalid.code());
        assertEquals("Every message needs a string 'type'", invalid.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"symbols\":null", ",\"symbols\":\"AAPL\"", ",\"symbols\":{\"0\":\"AAPL\"}",
            ",\"symbols\":[]", ",\"symbols\":[42]", ",\"symbols\":[\"AAPL\",null]", ",\"symbols\":[[\"AAPL\"]]",
            ",\"symbols\":[\"AAPL\",{}]"})
    void subscribeOrUnsubscribeWithoutAnArrayOfStringsIsAnInvalidMessage(String symbols) {
        for (String type : List.of("subscribe", "unsubscribe")) {
            ClientMessage.Invalid invalid = invalid("{\"type\":\"" + type + "\"" + symbols + "}");

            assertEquals(ErrorCode.INVALID_MESSAGE, invalid.code());
            assertEquals("'symbols' must be an array of 1 to 200 strings", invalid.message());
        }
    }

    @Test
    void twoHundredSymbolsAreAcceptedAndTwoHundredAndOneAreNot() {
        ClientMessage.Subscribe subscribe = assertInstanceOf(ClientMessage.Subscribe.class,
                decoder.decode("{\"type\":\"subscribe\",\"symbols\":" + symbolsArray(200) + "}"));

        assertEquals(200, subscribe.symbols().size());
        assertEquals(ErrorCode.INVALID_MESSAGE,
                invalid("{\"type\":\"subscribe\",\"symbols\":" + symbolsArray(201) + "}").code());
        assertEquals(ErrorCode.INVALID_MESSAGE,
                invalid("{\"type\":\"unsubscribe\",\"symbols\":" + symbolsArray(201) + "}").code());
    }

    @Test
    void unknownTypeIsNamedInTheError() {
        ClientMessage.Invalid invalid = invalid("{\"type\":\"buy\",\"symbols\":[\"AAPL\"]}");

        assertEquals(ErrorCode.UNKNOWN_TYPE, invalid.code());
        assertEquals("Unknown type 'buy': expected subscribe, unsubscribe or ping", invalid.message());
    }

    @Test
    void typesDifferingOnlyInCaseAreUnknown() {
        assertEquals(ErrorCode.UNKNOWN_TYPE, invalid("{\"type\":\"Subscribe\",\"symbols\":[\"AAPL\"]}").code());
    }

    @Test
    void unknownTypeIsEchoedShortAndWithoutCharactersThatCouldForgeALogLine() {
        String hostile = "x\r\nWARNING: forged line \u001b[31m" + "y".repeat(100);

        ClientMessage.Invalid invalid = invalid("{\"type\":" + Json.createValue(hostile) + "}");

        assertEquals(ErrorCode.UNKNOWN_TYPE, invalid.code());
        assertFalse(invalid.message().contains("\n"), invalid.message());
        assertFalse(invalid.message().contains("\r"), invalid.message());
        assertFalse(invalid.message().contains("\u001b"), invalid.message());
        assertFalse(invalid.message().contains("y".repeat(33)), invalid.message());
        assertTrue(invalid.message().startsWith("Unknown type 'x??WARNING??forged?line"), invalid.message());
    }

    @Test
    void willDecodeEveryTextFrameSoThatBadOnesGetAnErrorFrame() {
        assertTrue(decoder.willDecode("hello"));
        assertTrue(decoder.willDecode(""));
        assertFalse(decoder.willDecode(null));
    }

    @Test
    void decodeNeverThrowsAndNeverReturnsNullForHostileInput() {
        List<String> hostile = new ArrayList<>(List.of(
                "[".repeat(100_000) + "]".repeat(100_000),
                "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000),
                "{\"type\":\"subscribe\",\"symbols\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
                "{\"type\":\"ping\",\"id\":1e999999999}",
                "{\"type\":\"ping\",\"id\":-1e-999999999}",
                "{\"type\":\"ping\",\"id\":" + "9".repeat(5_000) + "}",
                "{\"type\":\"ping\",\"id\":NaN}",
                "{\"type\":\"ping\",\"id\":Infinity}",
                "{\"type\":\"ping\",\"id\":0x10}",
                "{\"type\":\"subscribe\",\"symbols\":[\"\uD83D\uDE00\",\"\u0000\",\"\uFFFF\"]}",
                "{\"type\":\"\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\"}",
                "{\"type\":\"\\uD800\"}",
                "\uD800",
                "\u0000",
                "\uFEFF{\"type\":\"ping\"}",
                "",
                "null",
                "undefined",
                "{\"type\":\"ping\",\"type\":\"subscribe\"}",
                "{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"]}garbage",
                "{\"type\":\"" + "x".repeat(100_000) + "\"}",
                "\"" + "\\\\".repeat(10_000) + "\""));
        for (String text : hostile) {
            ClientMessage message = decoder.decode(text);
            assertNotNull(message, () -> "null for " + text.substring(0, Math.min(40, text.length())));
            if (message instanceof ClientMessage.Invalid invalid) {
                assertNotNull(invalid.code());
                assertTrue(invalid.message().length() < 200, invalid.message());
            }
        }
    }

    @Test
    void decoderIsStatelessBetweenMessages() {
        invalid("{\"type\":\"subscribe\"}");

        assertEquals(new ClientMessage.Subscribe(List.of("AAPL")), decoder.decode("{\"type\":\"subscribe\",\"symbols\":[\"AAPL\"]}"));
        assertNull(((ClientMessage.Ping) decoder.decode("{\"type\":\"ping\"}")).id());
    }
}
