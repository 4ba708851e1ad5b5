package io.quotecast.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test server's TLS certificate in a trust store, made the way README "Feeding one WildFly
 * from outside" tells an operator to with a self-signed certificate: {@code keytool -printcert
 * -sslserver} to take it from the server, {@code keytool -importcert} to store it. WildFly makes
 * that certificate on its first TLS handshake, for {@link #HOST}; the Payara domain gets one for
 * {@link #HOST} from src-it/payara/create-domain.sh, in place of the one naming the machine.
 */
final class ServerCertificate {

    /**
     * The name in the certificate (WildFly: standalone-full.xml's {@code applicationKM},
     * {@code generate-self-signed-certificate-host}; Payara: create-domain.sh): what a client that
     * checks names must use.
     */
    static final String HOST = "localhost";

    /** Guards nothing: the store holds only the test server's public certificate. */
    static final String STORE_PASSWORD = "it-trust-pass";

    private static final Duration KEYTOOL_BOUND = Duration.ofSeconds(60);

    private ServerCertificate() {
    }

    /** The HTTPS port of the server under test. */
    static int httpsPort() {
        return Integer.parseInt(QuotecastServer.required("quotecast.it.httpsPort"));
    }

    /** A PKCS12 trust store in {@code dir} holding the server's certificate only. */
    static Path trustStore(Path dir) throws IOException, InterruptedException {
        Path pem = dir.resolve("server.pem");
        keytool(pem, "-printcert", "-rfc", "-sslserver", QuotecastServer.base().getHost() + ":" + httpsPort());
        Path store = dir.resolve("truststore.p12");
        keytool(dir.resolve("keytool.log"), "-importcert", "-noprompt", "-alias", "quotecast-server",
                "-file", pem.toString(), "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", STORE_PASSWORD);
        return store;
    }

    /** TLS for a Java client that trusts the server's certificate and nothing else. */
    static SSLContext trustingIt(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore(dir))) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void keytool(Path output, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        FinishedProcess keytool = FinishedProcess.run(output, command, KEYTOOL_BOUND);
        if (keytool.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed; it said:\n" + keytool.output());
        }
    }
}
