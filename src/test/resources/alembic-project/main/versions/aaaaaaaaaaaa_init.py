"""create upgraded

Revision ID: aaaaaaaaaaaa
Revises:
"""
from alembic import context, op

revision = "aaaaaaaaaaaa"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    env_type = context.get_x_argument(as_dictionary=True).get("env_type", "none")
    op.execute("CREATE TABLE upgraded (id serial PRIMARY KEY, env_type text)")
    op.execute("INSERT INTO upgraded (env_type) VALUES ('%s')" % env_type)


def downgrade():
    op.execute("DROP TABLE upgraded")
