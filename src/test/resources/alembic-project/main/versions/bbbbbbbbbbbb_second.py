"""add name

Revision ID: bbbbbbbbbbbb
Revises: aaaaaaaaaaaa
"""
from alembic import op

revision = "bbbbbbbbbbbb"
down_revision = "aaaaaaaaaaaa"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE upgraded ADD COLUMN name text")


def downgrade():
    op.execute("ALTER TABLE upgraded DROP COLUMN name")
