"""create audit_log

Revision ID: cccccccccccc
Revises:
"""
from alembic import op

revision = "cccccccccccc"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE TABLE audit_log (id serial PRIMARY KEY, entry text)")


def downgrade():
    op.execute("DROP TABLE audit_log")
