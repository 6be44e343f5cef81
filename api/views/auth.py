from flask_smorest import Blueprint

from api.auth import issue_token
from api.extensions import db
from api.schemas import TokenRequest, TokenResponse
from engine.errors import Unauthorized
from engine.users import authenticate

blp = Blueprint("auth", __name__, description="Officer login")


@blp.post("/auth/token")
@blp.arguments(TokenRequest)
@blp.response(200, TokenResponse)
def token(body):
    """Exchange a username and password for a bearer token."""
    user = authenticate(db.session, body["username"], body["password"])
    if user is None:
        raise Unauthorized("nama pengguna atau kata sandi salah / wrong username or password")
    return {"token": issue_token(user)}
