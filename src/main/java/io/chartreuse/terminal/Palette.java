package io.chartreuse.terminal;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Paints text by its {@link Tone}: ANSI colours (JLine's styles) for a terminal, the text unchanged
 * otherwise. Colour never changes a cell's width, so tables are padded on the plain text.
 */
public final class Palette {
  private static final Palette PLAIN = new Palette(false);
  private static final Palette COLOURED = new Palette(true);

  private final boolean colours;

  private Palette(boolean colours) {
    this.colours = colours;
  }

  public static Palette of(boolean colours) {
    return colours ? COLOURED : PLAIN;
  }

  public boolean colours() {
    return colours;
  }

  public String paint(String text, Tone tone) {
    if (!colours || tone == Tone.PLAIN || text.isEmpty()) {
      return text;
    }
    AttributedStyle style =
        switch (tone) {
          case NOTICE -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
          case PROBLEM -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
          case ALARM -> AttributedStyle.BOLD.foreground(AttributedStyle.RED).inverse();
          case GOOD -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
          case PLAIN -> AttributedStyle.DEFAULT;
        };
    return new AttributedString(text, style).toAnsi();
  }
}
