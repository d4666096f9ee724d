"""Normalisation steps: one small module per step, each logging what it changed."""
