package io.chartreuse.cli;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Builds the picocli command tree and maps every failure to one redacted line and a documented exit
 * code.
 */
final class CommandLineFactory {
  /** The subcommands, in the order help lists them. */
  private static final List<Class<?>> SUBCOMMANDS =
      List.of(
          RunCommand.class,
          CheckCommand.class,
          RepairCommand.class,
          RestoreCommand.class,
          StatusCommand.class,
          LaunchCommand.class,
          CleanupCommand.class,
          UpgradeCommand.class,
          VersionCommand.class,
          CompletionCommand.class);

  private CommandLineFactory() {}

  /** The whole command tree. */
  static CommandLine create(CliContext context) {
    return create(context, SUBCOMMANDS);
  }

  /**
   * The tree {@code args} need: when the first argument names a subcommand, the root with only that
   * one (the same parsing, help and errors for it); otherwise (help, completion, a mistake) the
   * whole tree. picocli reflects on every option of every command it is given, which costs a short
   * run more than its own work.
   */
  static CommandLine create(CliContext context, String[] args) {
    if (args.length > 0) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        if (subcommand != CompletionCommand.class
            && subcommand.getAnnotation(Command.class).name().equals(args[0])) {
          return create(context, List.of(subcommand));
        }
      }
    }
    return create(context);
  }

  private static CommandLine create(CliContext context, List<Class<?>> subcommands) {
    CommandLine commandLine = new CommandLine(new ChartreuseCommand(), new ContextFactory(context));
    // Before the settings below, which apply to the subcommands already added.
    subcommands.forEach(commandLine::addSubcommand);
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
