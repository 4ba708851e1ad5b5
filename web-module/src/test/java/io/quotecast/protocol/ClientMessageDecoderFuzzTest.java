package io.quotecast.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import jakarta.json.JsonValue;

import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Jazzer fuzz test of the decoder every inbound text frame goes through. The normal build
 * replays the checked-in corpus (src/test/resources/io/quotecast/protocol/
 * ClientMessageDecoderFuzzTestInputs/); {@code JAZZER_FUZZ=1} searches for new inputs (see
 * docs/hardening.md). Whatever the text, the decoder answers a {@link ClientMessage} that keeps
 * the protocol's promises, and never throws.
 */
class ClientMessageDecoderFuzzTest {

    private static final int LONGEST_ERROR_TEXT = 200;

    private final ClientMessageDecoder decoder = new ClientMessageDecoder();

    @FuzzTest(maxDuration = "5m")
    void decodeNeverThrowsAndAnswersAClientMessageThatKeepsTheProtocolsPromises(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();

        ClientMessage message = decoder.decode(text);

        assertNotNull(message, "decode never answers null");
        if (message instanceof ClientMessage.Subscribe subscribe) {
            assertSymbols(subscribe.symbols());
        } else if (message instanceof ClientMessage.Unsubscribe unsubscribe) {
            assertSymbols(unsubscribe.symbols());
        } else if (message instanceof ClientMessage.Ping ping) {
            JsonValue id = ping.id();
            assertTrue(id == null || id.getValueType() == JsonValue.ValueType.STRING
                    || id.getValueType() == JsonValue.ValueType.NUMBER, () -> "ping id a string or a number: " + id);
        } else if (message instanceof ClientMessage.Invalid invalid) {
            assertTrue(invalid.code() == ErrorCode.INVALID_MESSAGE || invalid.code() == ErrorCode.UNKNOWN_TYPE,
                    () -> "a decoder error is INVALID_MESSAGE or UNKNOWN_TYPE: " + invalid);
            assertFalse(invalid.message().isBlank(), "an error text a user can act on");
            assertTrue(invalid.message().length() <= LONGEST_ERROR_TEXT, () -> "a short error text: " + invalid.message());
            assertTrue(invalid.message().chars().noneMatch(Character::isISOControl),
                    () -> "no control characters (forged log lines) in the error text: " + invalid.message());
        } else {
            fail("a ClientMessage the protocol does not know: " + message);
        }
    }

    private static void assertSymbols(List<String> symbols) {
        assertTrue(!symbols.isEmpty() && symbols.size() <= ClientMessageDecoder.MAX_SYMBOLS_PER_REQUEST,
                () -> "1 to " + ClientMessageDecoder.MAX_SYMBOLS_PER_REQUEST + " symbols, not " + symbols.size());
        assertTrue(symbols.stream().allMatch(Objects::nonNull), "no null symbol");
    }
}
