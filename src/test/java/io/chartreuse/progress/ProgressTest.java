package io.chartreuse.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final MutableClock clock = new MutableClock();

  @Test
  void linesAfterTheFirstSecondOnChangeAndEveryTenSeconds() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress =
        Progress.on(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, "auto");
    progress.show("pod p: ContainerCreating");
    clock.advance(Duration.ofMillis(1500));
    progress.show("pod p: ContainerCreating");
    clock.advance(Duration.ofSeconds(2));
    progress.show("pod p: ContainerCreating");
    progress.show("pod p: ImagePullBackOff registry.example/app:1");
    clock.advance(Duration.ofSeconds(10));
    progress.show("pod p: ImagePullBackOff registry.example/app:1");
    progress.close();
    assertEquals(
        """
        chartreuse: pod p: ContainerCreating (1 s)
        chartreuse: pod p: ImagePullBackOff registry.example/app:1 (3 s)
        chartreuse: pod p: ImagePullBackOff registry.example/app:1 (13 s)
        """,
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void offSaysNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress =
        Progress.on(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, "off");
    clock.advance(Duration.ofSeconds(5));
    progress.show("anything");
    progress.close();
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aTerminalLineIsRewrittenInPlaceCutToWidthAndClearedAtTheEnd() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // An external terminal writes synchronously (TerminalBuilder would pick a pty, with a pump
    // thread).
    Terminal terminal =
        new ExternalTerminal(
            "test", "xterm", new ByteArrayInputStream(new byte[0]), bytes, StandardCharsets.UTF_8);
    terminal.setSize(new Size(30, 10));
    Progress progress = TerminalProgress.on(terminal, clock);
    clock.advance(Duration.ofSeconds(2));
    progress.show("Job migrate-x, pod migrate-x-abc: ContainerCreating");
    clock.advance(Duration.ofSeconds(1));
    progress.show("Job migrate-x: running");
    progress.close();
    progress.close();
    String written = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(
        written.contains("\r| Job migrate-x, pod migrate-\u001b[K"),
        "cut to the width: " + written);
    assertTrue(
        written.contains("\r/ Job migrate-x: running (3 s\u001b[K"),
        "cut to the width: " + written);
    assertTrue(written.endsWith("\r\u001b[K"), "cleared at the end: " + written);
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-21T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
