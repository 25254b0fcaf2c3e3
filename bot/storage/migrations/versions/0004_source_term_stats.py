"""Term counts per source: each source's term weights are its own, so adding, editing or
removing one source changes no score in another.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_term_stats",
        sa.Column("source_id", sa.String(80), primary_key=True),
        sa.Column("term", sa.String(200), primary_key=True),
        sa.Column("documents", sa.Integer, nullable=False),
    )
    # The stored index is rebuilt at the next start (its format changed), filling this.


def downgrade() -> None:
    op.drop_table("source_term_stats")
