"""The web dashboard: thin FastAPI pages over the library, with accounts, roles and an audit log.

Child-level lists are shown only to roles allowed them, and every such view is audited; viewers
see published aggregates only, with small numbers suppressed.
"""
