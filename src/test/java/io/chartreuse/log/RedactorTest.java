package io.chartreuse.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void masksKnownSecretsAndCredentialShapedText() {
    Redactor redactor = new Redactor();
    redactor.register("hunter2/x");
    assertEquals("password is ****", redactor.redact("password is hunter2/x"));
    assertEquals("encoded ****", redactor.redact("encoded hunter2%2Fx"));
    assertEquals(
        "postgresql://app:****@db/app", redactor.redact("postgresql://app:unknown@db/app"));
    assertEquals(
        "jdbc:postgresql://db/app?user=a&password=****",
        redactor.redact("jdbc:postgresql://db/app?user=a&password=zz"));
  }
}
