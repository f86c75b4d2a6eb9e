"""Figures from tacit run and sweep directories (entry point: scripts/plot)."""
