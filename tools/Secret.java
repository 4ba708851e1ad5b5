import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Makes the entries of a quotecast.identities file, with nothing but a JDK:
 *
 *   java tools/Secret.java password   asks for a password (or reads one line from stdin) and
 *                                     prints its PBKDF2 hash for user.NAME.password
 *   java tools/Secret.java token      makes a random bearer token, prints it once (give it to the
 *                                     program) and the SHA-256 for token.NAME.sha256
 *
 * The hash format is Jakarta Security's Pbkdf2PasswordHash (algorithm:iterations:salt:hash, Base64),
 * which the server verifies with the container's own implementation.
 */
public class Secret {

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        String what = args.length == 1 ? args[0] : "";
        switch (what) {
            case "password" -> System.out.println(hash(readPassword()));
            case "token" -> {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                System.out.println("token  (give this to the client; it is not stored): " + token);
                System.out.println("sha256 (put this in token.NAME.sha256):             " + sha256(token));
            }
            default -> {
                System.err.println("usage: java tools/Secret.java password | token");
                System.exit(2);
            }
        }
    }

    private static char[] readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("password: ");
            char[] again = console.readPassword("again:    ");
            if (!java.util.Arrays.equals(first, again)) {
                System.err.println("The two passwords differ");
                System.exit(1);
            }
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            System.err.println("No password on stdin");
            System.exit(1);
        }
        return line.toCharArray();
    }

    private static String hash(char[] password) throws Exception {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        byte[] hash = SecretKeyFactory.getInstance(ALGORITHM)
                .generateSecret(new PBEKeySpec(password, salt, ITERATIONS, 256)).getEncoded();
        return ALGORITHM + ":" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
