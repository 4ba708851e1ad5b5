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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
        int iterations = 1024;
        /** Iterations of each verification, in order. */
        final List<Integer> verified = new ArrayList<>();

        @Override
        public void initialize(Map<String, String> parameters) {
            iterations = Integer.parseInt(parameters.getOrDefault("Pbkdf2PasswordHash.Iterations", "1024"));
        }

        @Override
        public String generate(char[] password) {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            return "PBKDF2WithHmacSHA256:" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                    + Base64.getEncoder().encodeToString(derive(password, salt, iterations));
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            verifications++;
            String[] parts = hashedPassword.split(":");
            verified.add(Integer.parseInt(parts[1]));
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
        hash.verified.clear();
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
    void anUnknownNameCostsTheSameHashingAsAKnownOnesWrongPassword() throws IOException {
        hash.iterations = 2048;
        Path file = Files.writeString(dir.resolve("dear.properties"), """
                user.alice.password = %s
                user.alice.groups = quotecast-user
                """.formatted(hash.generate("correct horse".toCharArray())));
        hash.iterations = 1024; // the container's default, which the decoy must not keep
        FileIdentityStore dear = new FileIdentityStore(new SecuritySettings(false, Optional.of(file), Optional.empty()), hash);
        dear.load();

        dear.validate(new UsernamePasswordCredential("alice", "wrong"));
        dear.validate(new UsernamePasswordCredential("mallory", "wrong"));

        assertEquals(List.of(2048, 2048), hash.verified, "iterations of a wrong password, then of a wrong name");
    }

    @Test
    void withoutUsersTheDecoyCostsWhatToolsSecretMakes() {
        assertEquals(Map.of("Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256", "Pbkdf2PasswordHash.Iterations", "210000"),
                FileIdentityStore.decoyParameters(Identities.none()));
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
