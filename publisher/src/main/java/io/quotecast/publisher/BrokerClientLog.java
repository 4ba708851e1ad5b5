package io.quotecast.publisher;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The Artemis client's own log (SLF4J, through slf4j-jdk14 to java.util.logging) on standard
 * error, one line a record: {@code publisher: broker client WARNING: <message>: <each distinct
 * cause>}. It is where the client says why a TLS handshake failed (the exception it throws says
 * only that no server could be reached) or that it lost the broker and is reconnecting; whole
 * stack traces would bury the publisher's own lines. Nothing below WARNING is printed.
 */
final class BrokerClientLog extends Formatter {

    /** Replaces java.util.logging's default console output for the whole JVM: call once, from main. */
    static void install() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new BrokerClientLog());
        console.setLevel(Level.WARNING);
        root.addHandler(console);
        root.setLevel(Level.WARNING);
    }

    @Override
    public String format(LogRecord record) {
        String message = formatMessage(record);
        return "publisher: broker client " + record.getLevel() + ": "
                + (record.getThrown() == null ? message : message + ": " + Publisher.reason(record.getThrown()))
                + System.lineSeparator();
    }
}
