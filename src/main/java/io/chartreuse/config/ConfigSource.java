package io.chartreuse.config;

/**
 * Which generation of variables the configuration came from; shown in the log for users who switch.
 */
public enum ConfigSource {
  CHARTREUSE("CHARTREUSE_DATABASE_URL"),
  ORIGINAL_V4("CHARTREUSE_ALEMBIC_URL (original Chartreuse v4)"),
  ORIGINAL_V6_YAML("CHARTREUSE_MULTI_CONFIG_PATH (original Chartreuse v6/v7)");

  private final String description;

  ConfigSource(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
