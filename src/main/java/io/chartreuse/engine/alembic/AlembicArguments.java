package io.chartreuse.engine.alembic;

import io.chartreuse.config.AlembicSettings;
import io.chartreuse.exit.ChartreuseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Alembic's global options for one database: the ini file, its section and the user's extra
 * parameters ({@code -x key=value}, {@code --raiseerr}, {@code -q}, {@code -n section}), checked
 * before anything runs, so that a typo is a usage error and not a failed migration after
 * Deployments were stopped.
 */
record AlembicArguments(
    String configFile, String section, List<String> xArguments, List<String> flags) {
  private static final String WHERE =
      "additional Alembic parameters (CHARTREUSE_ALEMBIC_ADDITIONAL_PARAMETERS or the YAML's additional_parameters)";

  AlembicArguments {
    xArguments = List.copyOf(xArguments);
    flags = List.copyOf(flags);
  }

  static AlembicArguments of(AlembicSettings settings) {
    Optional<String> section = settings.section();
    List<String> x = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    List<String> given = settings.additionalArguments();
    for (int i = 0; i < given.size(); i++) {
      String argument = given.get(i);
      if (argument.equals("-x") || argument.equals("-n") || argument.equals("--name")) {
        if (i + 1 >= given.size()) {
          throw ChartreuseException.usage(WHERE + ": " + argument + " needs a value");
        }
        String value = given.get(++i);
        if (argument.equals("-x")) {
          x.add(value);
        } else {
          section = Optional.of(value);
        }
      } else if (argument.startsWith("-x") && argument.length() > 2) {
        x.add(argument.substring(2));
      } else if (argument.startsWith("--name=")) {
        section = Optional.of(argument.substring("--name=".length()));
      } else if (argument.equals("--raiseerr")
          || argument.equals("-q")
          || argument.equals("--quiet")) {
        flags.add(argument);
      } else if (argument.equals("-c") || argument.startsWith("--config")) {
        throw ChartreuseException.usage(
            WHERE
                + " name the ini file; set CHARTREUSE_ALEMBIC_CONFIG_FILE_PATH (or alembic_config_file_path) instead");
      } else {
        throw ChartreuseException.usage(
            WHERE
                + ": '"
                + argument
                + "' is not supported; chartreuse runs 'upgrade heads' itself and accepts -x key=value, -n section, --raiseerr and -q");
      }
    }
    return new AlembicArguments(settings.configFile(), section.orElse("alembic"), x, flags);
  }

  /** The bootstrap's arguments for {@code upgrade <revision>}. */
  List<String> upgrade(String revision) {
    List<String> arguments = new ArrayList<>(List.of("-c", configFile, "-n", section));
    xArguments.forEach(value -> arguments.addAll(List.of("-x", value)));
    arguments.addAll(flags);
    arguments.addAll(List.of("upgrade", revision));
    return arguments;
  }
}
