"""``GET /api/v1/health``: for the monitoring and the load balancer, no login, counts only.

200 with ``"status": "ok"`` when the database (and Redis, when configured) answer and no due work
waits; 200 with ``"degraded"`` when Redis answers but no RQ worker, or no scheduler, is alive (nothing will send
or fire: alert on it at once); 200 with ``"late"`` when they answer but timers, reminders or messages wait past
their time (workers or the reconcile timer stopped: alert on it); 503 with ``"down"`` when a part does not answer
(take this web process out of rotation), or when its schema is not this release's (``"error": "schema"``, and
``"schema"`` says which migration it is at and which this release needs: `kawal db upgrade` was not run, or a newer
release upgraded it). "degraded" and "late" are 200: this web process serves, and a load
balancer that read them as down would take every web process out for a fault of the workers
(``engine.health.overall_status``). No personal data and no ids: figures only.
"""

import logging

from flask import current_app
from flask_smorest import Blueprint
from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError

from api.extensions import db
from api.schemas import Health
from engine.db import schema_mismatch
from engine.health import database_health, overall_status

blp = Blueprint("health", __name__, description="Is this deployment answering and doing its due work?")
log = logging.getLogger("kawal.health")


@blp.get("/health")
@blp.response(200, Health)
@blp.alt_response(
    503,
    schema=Health,
    description="the database or Redis does not answer, or the database's schema is not this release's",
)
def health():
    """The database, Redis and RQ queue, and the oldest timer, reminder and message still waiting."""
    try:
        mismatch = schema_mismatch(db.session)
        if mismatch is not None:  # its figures would read tables and columns this release's schema differs in
            database = {"ok": False, "error": "schema", "schema": mismatch}
        else:
            database = {"ok": True, **database_health(db.session)}
    except SQLAlchemyError as exc:
        db.session.rollback()
        log.warning("health: database: %s", exc)
        database = {"ok": False, "error": type(exc).__name__}
    finally:
        db.session.remove()  # nothing of a health check lingers in the pool's transaction
    redis = None
    scheduler = current_app.extensions.get("kawal_scheduler")
    if scheduler is not None:
        try:
            redis = {"ok": True, **scheduler.health()}
        except RedisError as exc:
            log.warning("health: redis: %s", exc)
            redis = {"ok": False, "error": type(exc).__name__}
    status = overall_status(database, redis)
    return {"status": status, "database": database, "redis": redis}, 503 if status == "down" else 200
