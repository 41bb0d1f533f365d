"""Subcommands added by later pipeline stages (date, check, compare, corpus, index) register here."""
