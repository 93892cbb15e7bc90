"""Sample data for demos and tests; generated in code so it always fits the current template."""
