"""Flask extensions, module-level and bound in ``create_app``."""

from flask_sqlalchemy import SQLAlchemy

from api.errors import KawalApi
from engine.models import Base

# The models are engine.models (Flask-free); objects stay readable after the commit that ends each request.
db = SQLAlchemy(metadata=Base.metadata, session_options={"expire_on_commit": False})
api = KawalApi()
