"""Roles by source: the role a source gives a shared entity, as of that source.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_roles",
        sa.Column(
            "source_id",
            sa.String(80),
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "entity_id",
            sa.String(80),
            sa.ForeignKey("entities.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("reviewed", sa.Boolean, nullable=False),
    )
    # The knowledge is loaded again at the next start (the loader's schema version
    # changed), filling this.


def downgrade() -> None:
    op.drop_table("source_roles")
