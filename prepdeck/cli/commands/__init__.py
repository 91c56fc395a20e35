"""The CLI's subcommands, one module per command group."""
