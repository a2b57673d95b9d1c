package io.chartreuse.log;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Human-readable lines: {@code 12:00:01 INFO message key=value}. */
public final class TextLog extends LineLog {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  public TextLog(PrintStream out, Redactor redactor, Clock clock, boolean debug) {
    super(out, redactor, clock, debug);
  }

  @Override
  protected String format(Instant time, Level level, String message, Map<String, ?> fields) {
    StringBuilder line = new StringBuilder(TIME.format(time)).append(' ');
    line.append(String.format("%-5s ", level)).append(message);
    fields.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    return line.toString();
  }
}
