package io.chartreuse.terminal;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the process's standard output is a terminal. Java 17 cannot ask isatty(1) directly:
 * {@link System#console()} needs standard input to be a terminal too, and from Java 22 on is
 * present even when redirected. So: the launcher's answer ({@code -Dchartreuse.stdout.terminal},
 * from {@code [ -t 1 ]}) when given, else where Linux says fd 1 points, else the console.
 */
public final class StandardOutput {
  static final String PROPERTY = "chartreuse.stdout.terminal";

  private StandardOutput() {}

  public static boolean isTerminal() {
    String told = System.getProperty(PROPERTY);
    if (told != null) {
      return Boolean.parseBoolean(told);
    }
    Path fd = Path.of("/proc/self/fd/1");
    if (Files.isSymbolicLink(fd)) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | SecurityException e) {
        return false;
      }
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // Java 22+: a console also exists when redirected; isTerminal() says whether it is one.
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // Java 17–21: a console exists only on a terminal
    }
  }
}
