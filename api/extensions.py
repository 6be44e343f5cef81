"""Flask extensions, module-level and bound in ``create_app``."""

from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy

from api.errors import KawalApi
from engine.models import Base

db = SQLAlchemy(metadata=Base.metadata)  # the models are engine.models, Flask-free
migrate = Migrate()
api = KawalApi()
