"""Kawal's domain core: models, SpiffWorkflow runtime, calendar, operations, access rules, audit chain.

Nothing in this package imports Flask; every operation takes a SQLAlchemy ``Session`` and leaves the
commit to its caller (a web request, a job or a command).
"""
