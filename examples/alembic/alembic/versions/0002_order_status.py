"""order status

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new'")


def downgrade():
    op.execute("ALTER TABLE orders DROP COLUMN status")
