package io.chartreuse.config;

import io.chartreuse.exit.ChartreuseException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A PostgreSQL location with its credentials held apart, so that what is shown ({@link #display()})
 * or passed to a driver ({@link #jdbcUrl()}) never carries the password. Accepts the JDBC form and
 * the libpq/SQLAlchemy form ({@code postgresql://user:password@host:port/db?…}). {@code dialect} is
 * SQLAlchemy's dialect and driver for Alembic, kept as the user wrote it ({@code
 * postgresql+psycopg2}); plain {@code postgresql} lets SQLAlchemy choose its default driver.
 */
public record DatabaseUrl(
    String hosts,
    String database,
    Map<String, String> parameters,
    String user,
    Secret password,
    String dialect) {

  public static final String DEFAULT_DIALECT = "postgresql";
  private static final Pattern DIALECT = Pattern.compile("postgres(?:ql)?(?:\\+(\\w+))?");
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9a-fA-F:]+\\]|[^:,\\[\\]]+)(:\\d{1,5})?");
  private static final String EXPECTED =
      "expected jdbc:postgresql://host[:port]/database or postgresql://[user[:password]@]host[:port]/database";

  public DatabaseUrl {
    parameters = Map.copyOf(parameters);
    password = password == null ? new Secret(null) : password;
    dialect = dialect == null ? DEFAULT_DIALECT : dialect;
  }

  public DatabaseUrl(
      String hosts, String database, Map<String, String> parameters, String user, Secret password) {
    this(hosts, database, parameters, user, password, DEFAULT_DIALECT);
  }

  /**
   * SQLAlchemy's name for a dialect as users write it ({@code postgresql}, {@code postgres}, {@code
   * postgresql+psycopg2}); empty when it is not PostgreSQL. {@code postgres} becomes {@code
   * postgresql}, the only spelling SQLAlchemy 1.4 and later accept.
   */
  public static Optional<String> sqlalchemyDialect(String scheme) {
    java.util.regex.Matcher matcher = DIALECT.matcher(scheme);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        matcher.group(1) == null ? DEFAULT_DIALECT : DEFAULT_DIALECT + "+" + matcher.group(1));
  }

  /**
   * Parses {@code raw}; the error names {@code variable} but never echoes the value (it may hold a
   * password).
   */
  public static DatabaseUrl parse(String raw, String variable) {
    String trimmed = raw.trim();
    String rest = stripScheme(trimmed, variable);
    String scheme = trimmed.substring(0, trimmed.length() - rest.length() - "://".length());
    String dialect = sqlalchemyDialect(scheme).orElse(DEFAULT_DIALECT);
    String query = "";
    int questionMark = rest.indexOf('?');
    if (questionMark >= 0) {
      query = rest.substring(questionMark + 1);
      rest = rest.substring(0, questionMark);
    }
    int slash = rest.indexOf('/');
    if (slash < 0 || slash == rest.length() - 1) {
      throw ChartreuseException.usage(variable + " names no database; " + EXPECTED);
    }
    String authority = rest.substring(0, slash);
    String database = decode(rest.substring(slash + 1), variable);
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, variable);
      password = colon >= 0 ? decode(userInfo.substring(colon + 1), variable) : null;
    }
    for (String hostPort : authority.split(",", -1)) {
      if (!HOST_PORT.matcher(hostPort).matches() || !validPort(hostPort)) {
        throw ChartreuseException.usage(variable + " has a malformed host or port; " + EXPECTED);
      }
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = decode(equals >= 0 ? pair.substring(0, equals) : pair, variable);
      String value = equals >= 0 ? decode(pair.substring(equals + 1), variable) : "";
      switch (key) {
        case "user" -> user = value;
        case "password" -> password = value;
        default -> parameters.put(key, value);
      }
    }
    return new DatabaseUrl(
        authority,
        database,
        parameters,
        emptyToNull(user),
        new Secret(emptyToNull(password)),
        dialect);
  }

  private static String stripScheme(String raw, String variable) {
    for (String scheme : new String[] {"jdbc:postgresql://", "postgresql://", "postgres://"}) {
      if (raw.startsWith(scheme)) {
        return raw.substring(scheme.length());
      }
    }
    if (raw.matches("postgresql\\+\\w+://.*")) {
      return raw.substring(raw.indexOf("://") + 3);
    }
    throw ChartreuseException.usage(variable + " is not a PostgreSQL URL; " + EXPECTED);
  }

  private static boolean validPort(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0 || hostPort.endsWith("]")) {
      return true;
    }
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    return port >= 1 && port <= 65535;
  }

  private static String decode(String part, String variable) {
    try {
      return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ChartreuseException.usage(variable + " has a malformed %-escape; " + EXPECTED);
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /**
   * The same location with credentials given apart from the URL; a conflicting user is a usage
   * error.
   */
  public DatabaseUrl withCredentials(
      Optional<String> otherUser, Optional<String> otherPassword, String userVariable) {
    if (otherUser.isPresent() && user != null && !user.equals(otherUser.get())) {
      throw ChartreuseException.usage(
          userVariable
              + " and the user in the database URL differ; set the user in one place only");
    }
    return new DatabaseUrl(
        hosts,
        database,
        parameters,
        otherUser.orElse(user),
        otherPassword.map(Secret::new).orElse(password),
        dialect);
  }

  /** The JDBC URL without credentials: safe to log, but {@link #display()} is what messages use. */
  public String jdbcUrl() {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    parameters.forEach((k, v) -> query.add(encode(k) + "=" + encode(v)));
    return "jdbc:postgresql://" + hosts + "/" + encode(database) + query;
  }

  /**
   * A URL for SQLAlchemy (Alembic) with the configured dialect, credentials percent-encoded; a
   * secret, never to be printed.
   */
  public Secret sqlalchemyUrl() {
    StringBuilder url = new StringBuilder(dialect).append("://");
    if (user != null) {
      url.append(encode(user));
      if (!password.isEmpty()) {
        url.append(':').append(encode(password.value()));
      }
      url.append('@');
    }
    url.append(hosts).append('/').append(encode(database));
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    parameters.forEach((k, v) -> query.add(encode(k) + "=" + encode(v)));
    return new Secret(url.append(query).toString());
  }

  /** What messages show: {@code host:port/database}. */
  public String display() {
    return hosts + "/" + database;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return display();
  }
}
