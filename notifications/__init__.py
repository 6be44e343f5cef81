"""Notifications: the outbox, its channels (SMTP, signed webhook, log) and the reminder jobs.

Empty for now: reminders and messages are the next piece of work (the deadlines they read from,
``engine.models.Deadline``, already exist). Nothing in Kawal sends a message yet.
"""
