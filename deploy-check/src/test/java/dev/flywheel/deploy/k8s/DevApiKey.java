package dev.flywheel.deploy.k8s;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The public API key of the dev overlay and of docker-compose, which k8s/README.md tells people to sign in with. */
public final class DevApiKey {

    public static final String KEY = "flywheel-dev-key";

    private DevApiKey() {
    }

    /** As the gateway stores keys: hex SHA-256 of the key. */
    public static String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(KEY.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
