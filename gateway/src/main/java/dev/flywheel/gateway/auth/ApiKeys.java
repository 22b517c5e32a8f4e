package dev.flywheel.gateway.auth;

import dev.flywheel.gateway.GatewayConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The configured API keys, held only as SHA-256 hashes. A presented key is hashed and compared with every
 * configured hash in constant time, so neither the comparison nor the loop leaks which hash came close. A key that
 * was accepted is remembered (at most one per configured hash), so each distinct key is hashed once, not once per
 * request; it is found again by a constant-time comparison with every remembered key.
 */
@Singleton
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final HexFormat HEX = HexFormat.of();

    /** What a key may do: {@code read} covers GET and HEAD, {@code write} everything else. */
    public enum Scope {
        READ, WRITE
    }

    /**
     * What a configured key grants; {@code keyHash} is its hex SHA-256, the only form in which keys are kept in
     * configuration, and {@code actor} the name services record for it ({@link ApiKeyGuard#actor}).
     */
    public record Grant(String keyHash, Set<Scope> scopes, String actor) {
    }

    private record Configured(byte[] hash, Grant grant) {
    }

    /** A presented key that was accepted, and what it grants. */
    private record Accepted(String key, Optional<Grant> grant) {
    }

    private final List<Configured> grants;
    /** Replaced, never changed, when a key is added: readers scan it without a lock. */
    private volatile Accepted[] accepted = new Accepted[0];

    public ApiKeys(GatewayConfig config) {
        this.grants = config.apiKeys().orElse(List.of()).stream()
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .map(ApiKeys::parse)
                .toList();
    }

    void refuseToRunOpenInProd(@Observes StartupEvent event) {
        if (grants.isEmpty()) {
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                throw new IllegalStateException("gateway.api-keys (GATEWAY_API_KEYS) is empty: the gateway will not run "
                        + "open in the prod profile. Configure at least one <sha256-hex>:read+write entry.");
            }
            LOG.warn("no API keys configured: the gateway lets every request through (dev and test only)");
        }
    }

    /** Whether any key is configured; with none (dev and test only) every request is let through. */
    public boolean enforced() {
        return !grants.isEmpty();
    }

    /** What a presented key grants: empty when the key is unknown. A key is hashed the first time it is accepted. */
    public Optional<Grant> grantOf(String presentedKey) {
        Optional<Grant> remembered = null;
        for (Accepted known : accepted) {
            if (sameKey(known.key(), presentedKey) && remembered == null) {
                remembered = known.grant();
            }
        }
        if (remembered != null) {
            return remembered;
        }
        byte[] presented = sha256(presentedKey);
        Grant found = null;
        for (Configured configured : grants) {
            if (MessageDigest.isEqual(configured.hash(), presented) && found == null) {
                found = configured.grant();
            }
        }
        if (found == null) {
            return Optional.empty();
        }
        return remember(presentedKey, found);
    }

    private synchronized Optional<Grant> remember(String key, Grant grant) {
        Accepted[] known = accepted;
        if (known.length >= grants.size()) {
            // Only one key hashes to each configured hash: a full list means this one is there already.
            return Optional.of(grant);
        }
        for (Accepted entry : known) {
            if (entry.key().equals(key)) {
                return entry.grant();
            }
        }
        Accepted[] grown = Arrays.copyOf(known, known.length + 1);
        grown[known.length] = new Accepted(key, Optional.of(grant));
        accepted = grown;
        return grown[known.length].grant();
    }

    /** Whether two keys are equal, in a time that depends only on the presented key's length. */
    private static boolean sameKey(String known, String presented) {
        int difference = known.length() ^ presented.length();
        for (int i = 0; i < presented.length(); i++) {
            difference |= (i < known.length() ? known.charAt(i) : 0) ^ presented.charAt(i);
        }
        return difference == 0;
    }

    /** The scopes a presented key grants: empty when the key is unknown. */
    public Optional<Set<Scope>> scopesOf(String presentedKey) {
        return grantOf(presentedKey).map(Grant::scopes);
    }

    /** The hex SHA-256 of a key: what goes into {@code gateway.api-keys}. */
    public static String hash(String key) {
        return HEX.formatHex(sha256(key));
    }

    private static Configured parse(String entry) {
        int colon = entry.indexOf(':');
        String hash = colon < 0 ? entry : entry.substring(0, colon);
        if (!hash.matches("[0-9a-fA-F]{64}")) {
            // Never echo the entry: a malformed one is likely a plain key pasted by mistake.
            throw new IllegalArgumentException("a gateway.api-keys entry is not <sha256-hex>:<scopes>");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        String scopeList = colon < 0 ? "read+write" : entry.substring(colon + 1);
        for (String scope : scopeList.split("[+ ]")) {
            if (!scope.isBlank()) {
                scopes.add(scope(scope.trim()));
            }
        }
        String keyHash = hash.toLowerCase(Locale.ROOT);
        return new Configured(HEX.parseHex(keyHash),
                new Grant(keyHash, Collections.unmodifiableSet(scopes), ApiKeyGuard.actor(keyHash)));
    }

    private static Scope scope(String name) {
        for (Scope scope : Scope.values()) {
            if (scope.name().equalsIgnoreCase(name)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope in gateway.api-keys: " + name + " (read, write)");
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
