package io.chartreuse.engine;

import java.time.Duration;
import java.util.List;

/**
 * A successful migration: the versions applied in order, and those that could not be grouped into
 * the all-or-nothing transaction (PostgreSQL refuses some statements inside one).
 */
public record MigrationResult(List<String> applied, List<String> ungrouped, Duration duration) {
  public MigrationResult {
    applied = List.copyOf(applied);
    ungrouped = List.copyOf(ungrouped);
  }
}
