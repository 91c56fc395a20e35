"""Files prepdeck reads and writes: deck YAML and review logs."""
