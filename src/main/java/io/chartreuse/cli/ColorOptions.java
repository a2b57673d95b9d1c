package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.terminal.ColorChoice;
import io.chartreuse.terminal.Palette;
import io.chartreuse.terminal.StandardOutput;
import picocli.CommandLine.Option;

/** {@code --color auto|always|never} and {@code --no-color}, for commands that print tables. */
final class ColorOptions {
  @Option(
      names = "--color",
      paramLabel = "WHEN",
      description =
          "auto (default: colour on a terminal, unless NO_COLOR is set or TERM=dumb), always, or"
              + " never.")
  ColorChoice color = ColorChoice.auto;

  @Option(names = "--no-color", description = "No colour (same as --color never).")
  boolean noColor;

  /** The palette for standard output, or a plain one when it is not {@code the process's}. */
  Palette palette(Env env, boolean standardOutput) {
    ColorChoice choice = noColor ? ColorChoice.never : color;
    return Palette.of(
        choice.colours(
            env.get("NO_COLOR"), env.get("TERM"), standardOutput && StandardOutput.isTerminal()));
  }
}
