package io.chartreuse.alembic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.testalembic.AlembicDatabases;
import io.chartreuse.testalembic.AlembicInstallation;
import io.chartreuse.testalembic.AlembicProject;
import io.chartreuse.testalembic.AlembicRun;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testdb.TestDatabase;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12, point 6: a revision's description is its message as Alembic reads it (the module
 * docstring up to the first blank line), also after a licence header, compared with what Alembic's
 * own API says.
 */
class AlembicDescriptionsIT {
  private static final Map<String, String> HEADERS = new LinkedHashMap<>();

  static {
    HEADERS.put(
        "d01",
        "# Copyright 2024 Example Corp.\n# SPDX-License-Identifier: Apache-2.0\n\"\"\"add users\n\nRevision ID: d01\n\"\"\"\n");
    HEADERS.put(
        "d02",
        "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n\n\n\"\"\"Add accounts table\"\"\"\n");
    HEADERS.put(
        "d03",
        "#\n# Licensed under the Apache License, Version 2.0 (the \"License\");\n#\n\n'''Add orders\nand their lines\n\nRevision ID: d03\nCreate Date: 2024-01-01\n'''\n");
    HEADERS.put("d04", "r\"\"\"Fix paths like C:\\temp\\new\"\"\"\n");
    HEADERS.put("d05", "# only a comment, no docstring\n");
    HEADERS.put(
        "d06",
        "from __future__ import annotations\n\"\"\"not a docstring: after a statement\"\"\"\n");
    HEADERS.put("d07", "\"Rename column\"\n");
    HEADERS.put("d08", "\"\"\"Quote \\\"x\\\" and\\ttab\"\"\"\n");
    HEADERS.put("d09", "\"\"\"   \n  Leading blank line, then the message\n\n  more\n\"\"\"\n");
    HEADERS.put("d10", "\"\"\"Windows line ends\r\n\r\nRevision ID: d10\r\n\"\"\"\r\n");
  }

  @TempDir Path temp;

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void descriptionsAreAlembicsMessages(AlembicInstallation alembic) throws Exception {
    AlembicProject project = new AlembicProject(temp);
    String previous = null;
    for (Map.Entry<String, String> header : HEADERS.entrySet()) {
      project.script(
          header.getKey(),
          header.getValue(),
          previous == null ? List.of() : List.of(previous),
          "pass");
      previous = header.getKey();
    }
    JsonNode alembicDocs =
        new ObjectMapper()
            .readTree(
                AlembicRun.program(
                    alembic,
                    project,
                    "import json\nfrom alembic.config import Config\nfrom alembic.script import ScriptDirectory\n"
                        + "scripts = ScriptDirectory.from_config(Config('alembic.ini'))\n"
                        + "print(json.dumps({s.revision: s.doc for s in scripts.walk_revisions()}))\n"));
    TestDatabase database = AlembicDatabases.create("alembic_docs");

    CliProcess.Result result =
        AlembicRun.chartreuse(alembic, project, database, "run", "--check-only", "-o", "json")
            .run();
    assertEquals(0, result.exitCode(), result.all());
    JsonNode pending =
        new ObjectMapper().readTree(result.stdout()).get("databases").get(0).get("pending");
    assertEquals(HEADERS.size(), pending.size(), result.stdout());
    for (JsonNode migration : pending) {
      String id = migration.get("version").asText();
      assertEquals(
          alembicDocs.get(id).asText(),
          migration.get("description").asText(),
          id + " in " + result.stdout());
    }
    assertEquals("add users", alembicDocs.get("d01").asText());
    assertEquals("Add orders\nand their lines", alembicDocs.get("d03").asText());
  }
}
