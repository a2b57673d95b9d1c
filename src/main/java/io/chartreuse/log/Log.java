package io.chartreuse.log;

import java.util.Map;

/**
 * Where the runner says what it is doing. Lines go to standard error, so that standard output holds
 * only the report (one JSON document with {@code -o json}).
 */
public interface Log {
  /** Writes one line; {@code fields} are structured context (shown as key=value in text form). */
  void log(Level level, String message, Map<String, ?> fields);

  default void debug(String message) {
    log(Level.DEBUG, message, Map.of());
  }

  default void info(String message) {
    log(Level.INFO, message, Map.of());
  }

  default void info(String message, Map<String, ?> fields) {
    log(Level.INFO, message, fields);
  }

  default void warn(String message) {
    log(Level.WARN, message, Map.of());
  }

  default void error(String message) {
    log(Level.ERROR, message, Map.of());
  }
}
