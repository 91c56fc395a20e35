"""Preparing for one interview: reserved for interviews, readiness, own answers and stories."""
