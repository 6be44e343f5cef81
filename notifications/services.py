"""What a job process needs, built once per process from the environment: settings, database,
runtime, channels and (with ``KAWAL_REDIS_URL``) the RQ queue."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sqlalchemy.orm import sessionmaker

from engine.config import Settings, load_settings
from engine.db import make_engine, session_factory
from engine.runtime import Runtime

QUEUE = "kawal"


@dataclass
class Services:
    settings: Settings

    @cached_property
    def sessions(self) -> sessionmaker:
        return session_factory(make_engine(self.settings.database_url))

    @cached_property
    def runtime(self) -> Runtime:
        rt = Runtime(self.settings)
        with self.sessions() as session:
            rt.load_overrides(session)
        return rt

    @cached_property
    def channels(self) -> dict:
        from notifications.channels import channels_from_settings

        return channels_from_settings(self.settings)

    @cached_property
    def scheduler(self):
        from notifications.scheduling import Scheduler

        return Scheduler(self.settings.redis_url) if self.settings.redis_url else None


_services: Services | None = None


def services() -> Services:
    global _services
    if _services is None:
        _services = Services(load_settings())
    return _services


def use(value: Services | None) -> None:
    """Install the services a process works with (the web app, a test); ``None`` rebuilds from the environment."""
    global _services
    _services = value
