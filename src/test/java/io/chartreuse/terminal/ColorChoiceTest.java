package io.chartreuse.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColorChoiceTest {
  private static final Optional<String> NONE = Optional.empty();

  @Test
  void autoColoursOnlyATerminalWithoutNoColorOrADumbTerm() {
    assertTrue(ColorChoice.auto.colours(NONE, Optional.of("xterm-256color"), true));
    assertFalse(ColorChoice.auto.colours(NONE, Optional.of("xterm"), false), "piped");
    assertFalse(ColorChoice.auto.colours(Optional.of("1"), NONE, true), "NO_COLOR");
    assertTrue(ColorChoice.auto.colours(Optional.of(""), NONE, true), "an empty NO_COLOR");
    assertFalse(ColorChoice.auto.colours(NONE, Optional.of("dumb"), true), "TERM=dumb");
  }

  @Test
  void alwaysAndNeverIgnoreTheEnvironment() {
    assertTrue(ColorChoice.always.colours(Optional.of("1"), Optional.of("dumb"), false));
    assertFalse(ColorChoice.never.colours(NONE, Optional.of("xterm"), true));
  }

  @Test
  void aPlainPaletteLeavesTextAloneAndAColouredOneOnlyAddsCodes() {
    assertEquals("x", Palette.of(false).paint("x", Tone.PROBLEM));
    String red = Palette.of(true).paint("drift", Tone.PROBLEM);
    assertTrue(red.startsWith("\u001b[") && red.contains("drift"), red);
    assertEquals("drift", red.replaceAll("\u001b\\[[0-9;]*m", ""));
    assertEquals("ok", Palette.of(true).paint("ok", Tone.PLAIN));
  }
}
