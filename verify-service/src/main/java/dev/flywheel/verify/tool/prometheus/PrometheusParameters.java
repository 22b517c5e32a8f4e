package dev.flywheel.verify.tool.prometheus;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Parameters of {@code prometheus_query}: one PromQL instant query. */
public record PrometheusParameters(@NotBlank @Size(max = 4096) String query) {
}
