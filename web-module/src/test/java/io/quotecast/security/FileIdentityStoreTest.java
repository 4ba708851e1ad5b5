package io.quotecast.security;

import jakarta.security.enterprise.credential.BasicAuthenticationCredential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.CredentialValidationResult.Status;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileIdentityStoreTest {

    /** The container's PBKDF2, in the same encoding, with few iterations; counts verifications. */
    static final class CountingPbkdf2 implements Pbkdf2PasswordHash {
        int verifications;

        @Override
        public void initialize(Map<String, String> parameters) {
        }

        @Override
        public String generate(char[] password) {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            return "PBKDF2WithHmacSHA256:1024:" + Base64.getEncoder().encodeToString(salt) + ":"
                    + Base64.getEncoder().encodeToString(derive(password, salt, 1024));
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            verifications++;
            String[] parts = hashedPassword.split(":");
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            return Base64.getEncoder().encodeToString(derive(password, salt, Integer.parseInt(parts[1]))).equals(parts[3]);
        }

        private static byte[] derive(char[] password, byte[] salt, int iterations) {
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                        .generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @TempDir
    Path dir;

    private final CountingPbkdf2 hash = new CountingPbkdf2();
    private FileIdentityStore store;

    @BeforeEach
    void loadAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("identities.properties"), """
                user.alice.password = %s
                user.alice.groups = quotecast-user, equities
                token.bot.sha256 = %s
                token.bot.groups = quotecast-user
                """.formatted(hash.generate("correct horse".toCharArray()), Identities.sha256Hex("t0ken")));
        store = new FileIdentityStore(new SecuritySettings(false, Optional.of(file), Optional.empty()), hash);
        store.load();
        hash.verifications = 0;
    }

    @Test
    void theRightPasswordGivesTheUserAndGroups() {
        CredentialValidationResult result = store.validate(new UsernamePasswordCredential("alice", "correct horse"));

        assertEquals(Status.VALID, result.getStatus());
        assertEquals("alice", result.getCallerPrincipal().getName());
        assertEquals(Set.of("quotecast-user", "equities"), result.getCallerGroups());
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsInvalidAndCostsAHashEitherWay() {
        assertEquals(Status.INVALID, store.validate(new UsernamePasswordCredential("alice", "wrong")).getStatus());
        assertEquals(Status.INVALID, store.validate(new UsernamePasswordCredential("mallory", "correct horse")).getStatus());
        assertEquals(2, hash.verifications, "an unknown user is checked against a decoy, so it takes as long");
    }

    @Test
    void aPasswordThatPassedOnceIsNotHashedAgain() {
        store.validate(new UsernamePasswordCredential("alice", "correct horse"));
        store.validate(new BasicAuthenticationCredential(Base64.getEncoder().encodeToString("alice:correct horse".getBytes())));
        assertEquals(1, hash.verifications);

        assertEquals(Status.INVALID, store.validate(new UsernamePasswordCredential("alice", "correct horsE")).getStatus());
        assertEquals(2, hash.verifications, "a different password is hashed and fails");
    }

    @Test
    void aKnownTokenGivesItsCaller() {
        CredentialValidationResult result = store.validate(new BearerTokenCredential("t0ken"));

        assertEquals(Status.VALID, result.getStatus());
        assertEquals("bot", result.getCallerPrincipal().getName());
        assertEquals(Status.INVALID, store.validate(new BearerTokenCredential("t0ken2")).getStatus());
    }

    @Test
    void withoutAFileNobodyLogsIn() {
        FileIdentityStore empty = new FileIdentityStore(new SecuritySettings(false, Optional.empty(), Optional.empty()), hash);
        empty.load();

        assertEquals(Status.INVALID, empty.validate(new UsernamePasswordCredential("alice", "correct horse")).getStatus());
        assertEquals(Status.INVALID, empty.validate(new BearerTokenCredential("t0ken")).getStatus());
    }
}
