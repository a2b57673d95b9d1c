package io.chartreuse.progress;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp.Capability;

/**
 * Progress on a terminal: one line, rewritten in place (at most 5 times a second), cut to the
 * terminal's width.
 */
final class TerminalProgress implements Progress {
  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final Duration REDRAW = Duration.ofMillis(200);
  private static final String[] SPINNER = {"|", "/", "-", "\\"};

  private final Terminal terminal;
  private final Clock clock;
  private final Instant start;
  private Instant drawnAt;
  private boolean drawn;
  private boolean closed;
  private int frame;

  private TerminalProgress(Terminal terminal, Clock clock) {
    this.terminal = terminal;
    this.clock = clock;
    this.start = clock.instant();
  }

  /** Null when standard error is not a terminal that can rewrite a line. */
  static TerminalProgress onStandardError(Clock clock) {
    try {
      Terminal terminal =
          TerminalBuilder.builder()
              .system(true)
              .systemOutput(TerminalBuilder.SystemOutput.SysErr)
              .dumb(true)
              .build();
      if (terminal.getType().startsWith(Terminal.TYPE_DUMB)
          || terminal.getStringCapability(Capability.clr_eol) == null) {
        terminal.close();
        return null;
      }
      return new TerminalProgress(terminal, clock);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** For tests: a given terminal. */
  static TerminalProgress on(Terminal terminal, Clock clock) {
    return new TerminalProgress(terminal, clock);
  }

  @Override
  public void show(String state) {
    Instant now = clock.instant();
    if (closed
        || Duration.between(start, now).compareTo(QUIET) < 0
        || (drawnAt != null && Duration.between(drawnAt, now).compareTo(REDRAW) < 0)) {
      return;
    }
    String line =
        SPINNER[frame++ % SPINNER.length]
            + " "
            + state
            + " ("
            + Duration.between(start, now).toSeconds()
            + " s)";
    int width = terminal.getWidth() > 0 ? terminal.getWidth() - 1 : 79;
    terminal.puts(Capability.carriage_return);
    terminal.writer().print(new AttributedString(line).columnSubSequence(0, width).toString());
    terminal.puts(Capability.clr_eol);
    terminal.flush();
    drawnAt = now;
    drawn = true;
  }

  @Override
  public void clear() {
    if (drawn) {
      terminal.puts(Capability.carriage_return);
      terminal.puts(Capability.clr_eol);
      terminal.flush();
      drawn = false;
      drawnAt = null;
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    clear();
    closed = true;
    try {
      terminal.close();
    } catch (IOException ignored) {
      // Only the terminal's attributes are restored on close; there is nothing to restore here.
    }
  }
}
