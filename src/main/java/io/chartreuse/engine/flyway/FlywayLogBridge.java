package io.chartreuse.engine.flyway;

import io.chartreuse.log.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Sends Flyway's own log lines through chartreuse's log (and so through its redaction). Flyway's
 * chatter goes to debug; its per-migration progress ("Migrating schema … to version …") and
 * warnings stay visible. Flyway instantiates its loggers by class name and keeps them globally,
 * hence the static target.
 */
public final class FlywayLogBridge implements LogCreator {
  private static volatile Log target;

  static void sendTo(Log log) {
    target = log;
  }

  @Override
  public org.flywaydb.core.api.logging.Log createLogger(Class<?> type) {
    Log log = target;
    return new org.flywaydb.core.api.logging.Log() {
      @Override
      public boolean isDebugEnabled() {
        return false;
      }

      @Override
      public void debug(String message) {
        // Flyway's debug output is about its internals; not useful to a chartreuse user.
      }

      @Override
      public void info(String message) {
        if (message.startsWith("Migrating ") || message.startsWith("Executing ")) {
          log.info("flyway: " + message);
        } else {
          log.debug("flyway: " + message);
        }
      }

      @Override
      public void warn(String message) {
        log.warn("flyway: " + message);
      }

      @Override
      public void error(String message) {
        log.warn("flyway: " + firstLine(message));
      }

      @Override
      public void error(String message, Exception e) {
        error(message);
      }

      @Override
      public void notice(String message) {
        log.info("flyway: " + message);
      }
    };
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline >= 0 ? message.substring(0, newline) : message;
  }
}
