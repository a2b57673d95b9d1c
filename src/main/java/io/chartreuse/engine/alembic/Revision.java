package io.chartreuse.engine.alembic;

import java.util.List;

/** One Alembic revision script: its id, the revisions it follows (none for a base, several for a merge). */
record Revision(String id, List<String> downRevisions, String description, String file) {}
