"""Looking after the database: backups, restoring one, and checking its health."""
