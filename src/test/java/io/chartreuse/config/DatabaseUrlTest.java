package io.chartreuse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
  @Test
  void libpqUrlsKeepCredentialsApartFromWhatIsShown() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgresql://app:p%40ss%2Fw0rd@db.example:6432/shop?sslmode=require", "V");
    assertEquals("app", url.user());
    assertEquals("p@ss/w0rd", url.password().value());
    assertEquals("db.example:6432/shop", url.display());
    assertEquals("jdbc:postgresql://db.example:6432/shop?sslmode=require", url.jdbcUrl());
    assertFalse(url.toString().contains("w0rd"));
    assertEquals(
        "postgresql://app:p%40ss%2Fw0rd@db.example:6432/shop?sslmode=require",
        url.sqlalchemyUrl().value());
  }

  @Test
  void theSqlAlchemyDriverIsKeptForAlembic() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql+psycopg2://app:pw@db:5432/shop", "V");
    assertEquals("postgresql+psycopg2://app:pw@db:5432/shop", url.sqlalchemyUrl().value());
    assertEquals("jdbc:postgresql://db:5432/shop", url.jdbcUrl());
    assertEquals(
        "postgresql://db:5432/shop",
        DatabaseUrl.parse("jdbc:postgresql://db:5432/shop", "V").sqlalchemyUrl().value());
    assertEquals(
        "postgresql://db:5432/shop",
        DatabaseUrl.parse("postgres://db:5432/shop", "V").sqlalchemyUrl().value());
    assertEquals(
        "postgresql+psycopg2://db:5432/shop",
        DatabaseUrl.parse("postgresql+psycopg2://db:5432/shop", "V")
            .withCredentials(Optional.empty(), Optional.empty(), "U")
            .sqlalchemyUrl()
            .value());
    assertEquals(
        Optional.of("postgresql+psycopg"), DatabaseUrl.sqlalchemyDialect("postgresql+psycopg"));
    assertEquals(Optional.empty(), DatabaseUrl.sqlalchemyDialect("mysql+pymysql"));
  }

  @Test
  void jdbcUrlsWithCredentialParametersAndSeveralHosts() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "jdbc:postgresql://h1:5432,h2:5433/app?user=u&password=secret&targetServerType=primary",
            "V");
    assertEquals("u", url.user());
    assertEquals("secret", url.password().value());
    assertEquals(Map.of("targetServerType", "primary"), url.parameters());
    assertEquals("jdbc:postgresql://h1:5432,h2:5433/app?targetServerType=primary", url.jdbcUrl());
  }

  @Test
  void separateCredentialsFillTheUrlAndAConflictingUserIsRefused() {
    DatabaseUrl url =
        DatabaseUrl.parse("postgresql://db/app", "V")
            .withCredentials(Optional.of("u"), Optional.of("pw"), "USER");
    assertEquals("u", url.user());
    assertEquals("pw", url.password().value());
    ChartreuseException conflict =
        assertThrows(
            ChartreuseException.class,
            () ->
                DatabaseUrl.parse("postgresql://a:x@db/app", "V")
                    .withCredentials(Optional.of("b"), Optional.empty(), "USER"));
    assertEquals(ExitCode.USAGE, conflict.exitCode());
  }

  @Test
  void malformedUrlsAreUsageErrorsThatNeverEchoTheValue() {
    for (String raw :
        new String[] {
          "mysql://u:TopSecret1@h/db",
          "postgresql://u:TopSecret1@h:0/db",
          "postgresql://u:TopSecret1@h:5432",
          "postgresql://u:TopSecret1@h:70000/db",
          "postgresql://u:Top%zzSecret1@h/db",
          "not a url TopSecret1"
        }) {
      ChartreuseException e =
          assertThrows(
              ChartreuseException.class, () -> DatabaseUrl.parse(raw, "CHARTREUSE_DATABASE_URL"));
      assertEquals(ExitCode.USAGE, e.exitCode(), raw);
      assertTrue(e.getMessage().startsWith("CHARTREUSE_DATABASE_URL "), e.getMessage());
      assertFalse(e.getMessage().contains("TopSecret1"), e.getMessage());
    }
  }
}
