"""Sync between a user's homes through storage they already have: a shared folder or a
git remote. No server: each home appends batches to a folder of its own, and every home
merges the others' (``engine``); ``items`` merges personal items, ``remote`` finds and
publishes to the remote, ``git`` runs the user's git."""
