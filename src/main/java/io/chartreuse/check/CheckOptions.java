package io.chartreuse.check;

import io.chartreuse.config.DatabaseTarget;
import io.chartreuse.config.DatabaseUrl;
import java.util.Optional;

/**
 * What {@code chartreuse check} compares: the database and its migrations ({@code target}), an
 * optional empty scratch database to replay the applied migrations into, and which findings fail
 * the gate.
 */
public record CheckOptions(
    DatabaseTarget target,
    Optional<DatabaseUrl> shadow,
    boolean failOnPending,
    boolean failOnDrift) {}
