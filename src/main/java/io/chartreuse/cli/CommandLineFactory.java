package io.chartreuse.cli;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the picocli command tree and maps every failure to one redacted line and a documented exit
 * code.
 */
final class CommandLineFactory {
  private CommandLineFactory() {}

  static CommandLine create(CliContext context) {
    CommandLine commandLine = new CommandLine(new ChartreuseCommand(), new ContextFactory(context));
    commandLine.setOut(new PrintWriter(context.out(), true));
    commandLine.setErr(new PrintWriter(context.err(), true));
    commandLine.setExitCodeExceptionMapper(e -> ExitCode.ERROR.code());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine failed = e.getCommandLine();
          failed.getErr().println(context.redactor().redact("chartreuse: " + e.getMessage()));
          failed
              .getErr()
              .println(
                  "Try '"
                      + failed.getCommandSpec().qualifiedName()
                      + " --help' for more information.");
          return ExitCode.USAGE.code();
        });
    commandLine.setExecutionExceptionHandler(
        (e, failed, parseResult) -> {
          if (e instanceof ChartreuseException known) {
            failed.getErr().println(context.redactor().redact("chartreuse: " + known.getMessage()));
            return known.exitCode().code();
          }
          failed
              .getErr()
              .println(
                  context
                      .redactor()
                      .redact(
                          "chartreuse: unexpected "
                              + e.getClass().getSimpleName()
                              + ": "
                              + e.getMessage()));
          return ExitCode.ERROR.code();
        });
    return commandLine;
  }

  /** Gives commands the shared context through their constructor. */
  private record ContextFactory(CliContext context) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(CliContext.class).newInstance(context);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
