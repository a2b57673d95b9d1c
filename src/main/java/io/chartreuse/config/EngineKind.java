package io.chartreuse.config;

/** The migration tool that owns a database's history. */
public enum EngineKind {
  FLYWAY,
  ALEMBIC;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
