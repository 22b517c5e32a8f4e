package dev.flywheel.variant.config;

import jakarta.validation.groups.Default;

/** Validation group for constraints that hold on creation only (a PATCH may leave any field out). */
public interface OnCreate extends Default {
}
