#!/bin/sh
# Stands in for a gouji that has no `lsp` subcommand: prints a line and exits at once.
echo "Hello, world!"
