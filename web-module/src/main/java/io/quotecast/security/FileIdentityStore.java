package io.quotecast.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import java.security.MessageDigest;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Checks passwords and bearer tokens against the {@link Identities} file. A password that passed
 * PBKDF2 once is remembered as a keyed digest (key made at start, never stored), so that a
 * browser repeating Basic on every request does not pay the deliberately slow hash each time.
 * Other identity stores
 * (an {@code @LdapIdentityStoreDefinition}, a database) can sit beside it: the container asks
 * each in turn, so a credential this store does not know is left to them.
 */
@ApplicationScoped
public class FileIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(FileIdentityStore.class.getName());
    /** What tools/Secret.java makes. */
    static final String DEFAULT_ALGORITHM = "PBKDF2WithHmacSHA256";
    static final int DEFAULT_ITERATIONS = 210_000;

    private SecuritySettings settings;
    private Pbkdf2PasswordHash passwordHash;
    private Identities identities = Identities.none();
    // Verified against when the user is unknown, so a wrong name costs as long as a wrong password
    // (decoyParameters).
    private String decoyHash;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final VerifiedPasswords digests = new VerifiedPasswords();

    protected FileIdentityStore() {
    }

    @Inject
    public FileIdentityStore(SecuritySettings settings, Pbkdf2PasswordHash passwordHash) {
        this.settings = settings;
        this.passwordHash = passwordHash;
    }

    @PostConstruct
    void load() {
        identities = settings.identities().map(Identities::load).orElse(Identities.none());
        passwordHash.initialize(decoyParameters(identities));
        decoyHash = passwordHash.generate("not a password anyone has".toCharArray());
        LOG.info(() -> settings.identities().map(f -> "Loaded " + identities.size() + " users and tokens from " + f)
                .orElse("No quotecast.identities file: only other identity stores"
                        + (settings.demo() ? " and demo mode" : "") + " let callers in"));
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof BearerTokenCredential bearer) {
            return identities.token(bearer.token()).map(FileIdentityStore::valid)
                    .orElse(CredentialValidationResult.INVALID_RESULT);
        }
        if (credential instanceof UsernamePasswordCredential password) {
            Optional<Identities.User> user = identities.user(password.getCaller());
            char[] secret = password.getPassword().getValue();
            byte[] digest = digests.of(password.getCaller(), secret);
            boolean matches = user.isPresent() && MessageDigest.isEqual(digest, verified.get(user.get().name()))
                    || passwordHash.verify(secret, user.map(Identities.User::passwordHash).orElse(decoyHash));
            if (user.isEmpty() || !matches) {
                return CredentialValidationResult.INVALID_RESULT;
            }
            verified.put(user.get().name(), digest);
            return valid(new Caller(user.get().name(), user.get().groups()));
        }
        return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }

    /**
     * The decoy's algorithm and iterations: those of the dearest user's hash, or tools/Secret.java's
     * when there is none. With the container's defaults (1,024 iterations) a wrong name answered
     * some 30 times faster than a wrong password, which told anyone timing the answers which
     * names exist.
     */
    static Map<String, String> decoyParameters(Identities identities) {
        String[] dearest = identities.passwordHashes().map(hash -> hash.split(":"))
                .max(Comparator.comparingInt(parts -> Integer.parseInt(parts[1])))
                .orElse(new String[] {DEFAULT_ALGORITHM, Integer.toString(DEFAULT_ITERATIONS)});
        return Map.of("Pbkdf2PasswordHash.Algorithm", dearest[0], "Pbkdf2PasswordHash.Iterations", dearest[1]);
    }

    private static CredentialValidationResult valid(Caller caller) {
        return new CredentialValidationResult(caller.name(), caller.groups());
    }
}
