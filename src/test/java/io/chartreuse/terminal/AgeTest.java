package io.chartreuse.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgeTest {
  @Test
  void agesReadAsKubectlPrintsThem() {
    assertEquals("0s", Age.of(Duration.ofSeconds(-3)));
    assertEquals("45s", Age.of(Duration.ofSeconds(45)));
    assertEquals("119s", Age.of(Duration.ofSeconds(119)));
    assertEquals("5m12s", Age.of(Duration.ofSeconds(5 * 60 + 12)));
    assertEquals("5m", Age.of(Duration.ofMinutes(5)));
    assertEquals("42m", Age.of(Duration.ofSeconds(42 * 60 + 30)));
    assertEquals("3h4m", Age.of(Duration.ofMinutes(3 * 60 + 4)));
    assertEquals("20h", Age.of(Duration.ofHours(20)));
    assertEquals("3d4h", Age.of(Duration.ofHours(3 * 24 + 4)));
    assertEquals("40d", Age.of(Duration.ofDays(40)));
    assertEquals("3y10d", Age.of(Duration.ofDays(3 * 365 + 10)));
    assertEquals("9y", Age.of(Duration.ofDays(9 * 365 + 10)));
  }
}
