package io.chartreuse.config;

import java.util.List;
import java.util.Optional;

/**
 * Live-schema drift in a run: whether a schema that differs from the stored snapshot may still be
 * migrated ({@code CHARTREUSE_ALLOW_SCHEMA_DRIFT}), and which schemas the snapshot covers ({@code
 * CHARTREUSE_DRIFT_SCHEMAS}, comma-separated; default every non-system schema).
 */
public record SchemaDriftSettings(boolean allow, Optional<List<String>> schemas) {
  public SchemaDriftSettings {
    schemas = schemas.map(List::copyOf);
  }

  public static SchemaDriftSettings defaults() {
    return new SchemaDriftSettings(false, Optional.empty());
  }
}
