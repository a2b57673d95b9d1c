package io.chartreuse.progress;

import java.io.PrintStream;
import java.time.Clock;

/**
 * Says, while a command waits, what it is waiting for: on a terminal one line rewritten in place,
 * elsewhere (a CI log, a file) a line when the state changes and every 10 s. Nothing for the first
 * second, so quick waits stay silent.
 */
public interface Progress extends AutoCloseable {
  /**
   * The current state, e.g. "pod x: Pending (ContainerCreating)"; called as often as the caller
   * polls.
   */
  void show(String state);

  /**
   * Takes the line off a terminal so that other output can be printed; the next {@link #show} draws
   * it again. Nothing to do for lines.
   */
  default void clear() {}

  /**
   * Ends this wait: the line on a terminal is cleared, so the next output starts on a clean line.
   */
  @Override
  void close();

  /**
   * Progress on {@code err}. {@code mode} {@code auto}: in place when {@code err} is the process's
   * standard error and that is a terminal (JLine decides), as lines otherwise; {@code lines}:
   * always lines; {@code off}: nothing.
   */
  static Progress on(PrintStream err, Clock clock, String mode) {
    if ("off".equals(mode)) {
      return new Progress() {
        @Override
        public void show(String state) {}

        @Override
        public void close() {}
      };
    }
    if (err == System.err && !"lines".equals(mode)) {
      Progress terminal = TerminalProgress.onStandardError(clock);
      if (terminal != null) {
        return terminal;
      }
    }
    return new LineProgress(err, clock);
  }
}
