package io.chartreuse.terminal;

import java.util.Optional;

/**
 * {@code --color}: {@code auto} colours only a terminal, and not when NO_COLOR is set
 * (no-color.org) or TERM is dumb; {@code always} and {@code never} say what they say, whatever the
 * environment.
 */
public enum ColorChoice {
  auto,
  always,
  never;

  public boolean colours(Optional<String> noColor, Optional<String> term, boolean terminal) {
    return switch (this) {
      case always -> true;
      case never -> false;
      case auto ->
          terminal
              && noColor.filter(value -> !value.isEmpty()).isEmpty()
              && !term.map("dumb"::equals).orElse(false);
    };
  }
}
