package io.loadstack.api.verdicts;

import io.loadstack.support.thresholds.ThresholdParser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * {@code PUT /api/tests/{name}}: the test's settings, all replaced. A field left out is reset: no thresholds,
 * the default tolerances, no baseline.
 */
@Serdeable
public record TestBody(@Nullable @Size(max = ThresholdParser.MAX_THRESHOLDS)
                       List<@NotNull @Size(max = ThresholdParser.MAX_LENGTH) String> thresholds,
                       @Nullable @Valid Tolerances tolerances,
                       @Nullable @Size(max = 64) String baseline) {

    /** Each left out keeps its default (api-service/README.md, "Verdicts"). Ratios are fractions: 0.1 is 10 %. */
    @Serdeable
    public record Tolerances(@Nullable @DecimalMin("0") @DecimalMax("100") Double p95Ratio,
                             @Nullable @DecimalMin("0") @DecimalMax("3600000") Double p95MinMs,
                             @Nullable @DecimalMin("0") @DecimalMax("1") Double errorRatePoints,
                             @Nullable @DecimalMin("0") @DecimalMax("1") Double rpsRatio) {
    }
}
