package dev.flywheel.variant.audit;

import java.util.Locale;

/** The kinds of change the audit trail records (SPEC §4). */
public enum AuditAction {
    CREATE, UPDATE, ACTIVATE, DEACTIVATE, CLONE, DELETE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
