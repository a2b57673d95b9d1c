package io.chartreuse.progress;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress for a log: a line when the state changes and every 10 s while it does not, after the
 * first second.
 */
final class LineProgress implements Progress {
  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final Duration REPEAT = Duration.ofSeconds(10);

  private final PrintStream err;
  private final Clock clock;
  private final Instant start;
  private String shown;
  private Instant shownAt;

  LineProgress(PrintStream err, Clock clock) {
    this.err = err;
    this.clock = clock;
    this.start = clock.instant();
  }

  @Override
  public void show(String state) {
    Instant now = clock.instant();
    if (Duration.between(start, now).compareTo(QUIET) < 0) {
      return;
    }
    if (!state.equals(shown) || Duration.between(shownAt, now).compareTo(REPEAT) >= 0) {
      err.println("chartreuse: " + state + " (" + Duration.between(start, now).toSeconds() + " s)");
      shown = state;
      shownAt = now;
    }
  }

  @Override
  public void close() {}
}
