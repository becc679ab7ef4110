"""The local application store (SQLite): audit trail, drafts and learner progress — never the MES data."""
