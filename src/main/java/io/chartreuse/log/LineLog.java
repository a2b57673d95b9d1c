package io.chartreuse.log;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** A {@link Log} that formats each call as one line, redacts it, and writes it to a stream. */
public abstract class LineLog implements Log {
  private final PrintStream out;
  private final Redactor redactor;
  private final Clock clock;
  private final boolean debug;

  protected LineLog(PrintStream out, Redactor redactor, Clock clock, boolean debug) {
    this.out = out;
    this.redactor = redactor;
    this.clock = clock;
    this.debug = debug;
  }

  @Override
  public final void log(Level level, String message, Map<String, ?> fields) {
    if (level == Level.DEBUG && !debug) {
      return;
    }
    String line = redactor.redact(format(clock.instant(), level, message, fields));
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  protected abstract String format(
      Instant time, Level level, String message, Map<String, ?> fields);
}
