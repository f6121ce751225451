"""MkDocs hook adapter for the forms feature (logic in scripts/sotay/)."""
