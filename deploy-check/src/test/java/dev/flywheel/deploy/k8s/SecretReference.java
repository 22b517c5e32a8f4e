package dev.flywheel.deploy.k8s;

import java.util.Optional;

/** A manifest's need for a Secret or ConfigMap: which object, which key (none when it takes all), and whether it may be absent. */
record SecretReference(String kind, String name, Optional<String> key, boolean optional, String neededBy) {

    static SecretReference secret(String name, String key, Boolean optional, String neededBy) {
        return new SecretReference("Secret", name, Optional.ofNullable(key), Boolean.TRUE.equals(optional), neededBy);
    }

    static SecretReference configMap(String name, String key, Boolean optional, String neededBy) {
        return new SecretReference("ConfigMap", name, Optional.ofNullable(key), Boolean.TRUE.equals(optional), neededBy);
    }
}
