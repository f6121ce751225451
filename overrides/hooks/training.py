"""MkDocs hook adapter for the training feature (logic in scripts/sotay/)."""
