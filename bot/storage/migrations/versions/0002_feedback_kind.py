"""Feedback gets a kind: a helpful / not helpful rating, or a problem report with a note.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("feedback") as batch:
        batch.add_column(sa.Column("kind", sa.String(20), nullable=False, server_default="rating"))
    op.create_index("ix_feedback_kind_created", "feedback", ["kind", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_feedback_kind_created", table_name="feedback")
    with op.batch_alter_table("feedback") as batch:
        batch.drop_column("kind")
