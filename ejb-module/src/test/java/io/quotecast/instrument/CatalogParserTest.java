package io.quotecast.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class CatalogParserTest {

    private static List<Instrument> parse(String text) throws IOException {
        return CatalogParser.parse(new StringReader(text), "test.csv");
    }

    private static String failure(String text) {
        return assertThrows(IllegalArgumentException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsEveryFieldOfEveryLineInFileOrder() throws IOException {
        List<Instrument> instruments = parse("AAPL,XNAS,Apple Inc.,229.87\nBRK.B,XNYS,Berkshire Hathaway Inc. Class B,470.03\n");

        assertEquals(List.of(
                new Instrument("AAPL", "XNAS", "Apple Inc.", new BigDecimal("229.87")),
                new Instrument("BRK.B", "XNYS", "Berkshire Hathaway Inc. Class B", new BigDecimal("470.03"))),
                instruments);
    }

    @Test
    void skipsCommentsAndBlankLinesAndTrimsFields() throws IOException {
        List<Instrument> instruments = parse("# header comment\n\n   \n  # indented comment\n"
                + "  MSFT , XNAS , Microsoft Corporation , 415.49  \r\n\n");

        assertEquals(List.of(new Instrument("MSFT", "XNAS", "Microsoft Corporation", new BigDecimal("415.49"))),
                instruments);
    }

    @Test
    void refusesALineWithTooFewFieldsNamingTheLine() {
        String message = failure("# comment\nAAPL,XNAS,Apple Inc.,229.87\nMSFT,XNAS,415.49\n");

        assertTrue(message.contains("test.csv line 3"), message);
        assertTrue(message.contains("found 3 fields"), message);
    }

    @Test
    void refusesALineWithTooManyFieldsNamingTheLine() {
        String message = failure("AAPL,XNAS,Apple, Inc.,229.87\n");

        assertTrue(message.contains("test.csv line 1"), message);
        assertTrue(message.contains("found 5 fields"), message);
    }

    @Test
    void refusesADuplicateSymbolNamingTheSecondLine() {
        String message = failure("AAPL,XNAS,Apple Inc.,229.87\n\nAAPL,XNAS,Apple again,1.00\n");

        assertTrue(message.contains("test.csv line 3"), message);
        assertTrue(message.contains("duplicate symbol AAPL"), message);
    }

    @Test
    void refusesAnInvalidSymbolNamingTheLine() {
        String message = failure("AAPL,XNAS,Apple Inc.,229.87\naapl,XNAS,Apple lower case,229.87\n");

        assertTrue(message.contains("test.csv line 2"), message);
        assertTrue(message.contains("invalid symbol 'aapl'"), message);
    }

    @Test
    void refusesAnEmptySymbolNamingTheLine() {
        String message = failure(",XNAS,No symbol,1.00\n");

        assertTrue(message.contains("test.csv line 1"), message);
        assertTrue(message.contains("invalid symbol ''"), message);
    }

    @Test
    void refusesAZeroPreviousCloseNamingTheLine() {
        String message = failure("AAPL,XNAS,Apple Inc.,229.87\nZERO,XNAS,Zero Corp,0\n");

        assertTrue(message.contains("test.csv line 2"), message);
        assertTrue(message.contains("previousClose must be positive"), message);
    }

    @Test
    void refusesANegativePreviousCloseNamingTheLine() {
        String message = failure("NEG,XNAS,Negative Corp,-1.50\n");

        assertTrue(message.contains("test.csv line 1"), message);
        assertTrue(message.contains("previousClose must be positive"), message);
    }

    @Test
    void refusesANonNumericPreviousCloseNamingTheLine() {
        String message = failure("# c\n# c\nABC,XNAS,Letters Corp,twelve\n");

        assertTrue(message.contains("test.csv line 3"), message);
        assertTrue(message.contains("previousClose is not a number"), message);
    }

    @Test
    void refusesAnEmptyPreviousCloseNamingTheLine() {
        String message = failure("ABC,XNAS,Letters Corp,\n");

        assertTrue(message.contains("test.csv line 1"), message);
        assertTrue(message.contains("previousClose is not a number"), message);
    }

    @Test
    void refusesAFileWithOnlyCommentsAndBlankLines() {
        String message = failure("# nothing here\n\n");

        assertTrue(message.contains("test.csv lists no instruments"), message);
    }
}
