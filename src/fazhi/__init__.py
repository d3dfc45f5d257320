"""Fazhi (法治): the system of record of a local government's rule-of-law office."""

__version__ = "0.1.0"
