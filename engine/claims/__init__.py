"""What a number claims: facts (`facts`, with hazm's `lemmas`) and the claim frames of
rules/claims/ (`syntax` parses the `claim` block, `frames` compiles and matches it, `claim` the value)."""
