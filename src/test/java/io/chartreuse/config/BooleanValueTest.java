package io.chartreuse.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BooleanValueTest {
  @Test
  void falseOnlyForEmptyFalseAndZero() {
    for (String value : new String[] {"", "false", "FALSE", "False", "0", " 0 "}) {
      assertFalse(BooleanValue.parse(value), value);
    }
    for (String value : new String[] {"1", "true", "TRUE", "True", "yes", "no"}) {
      assertTrue(BooleanValue.parse(value), value);
    }
  }
}
