"""An officer's login: the password through the throttle, then the second factor where it is needed.

Both front ends use these steps: the API's token endpoint in one request (``token_login``, with the
code in ``otp``), the login page in two (``password_step``, then ``code_step`` on the code page, or
enrolment first for an officer who must have a second factor and has none yet).

Each step returns a ``Login``. A refusal is returned, not raised, so the boundary commits the
failure it recorded (the throttle counts it) before refusing; ``TooMany`` is raised at once, since
nothing was recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from engine import throttle, totp, users
from engine.config import Settings
from engine.errors import Forbidden, KawalError, Unauthorized
from engine.messages import msg
from engine.models import User
from engine.vault import Vault


class SecondFactorRequired(Unauthorized):
    """The password was right; the login needs the code from the officer's authenticator app."""

    code = "second_factor_required"


class SecondFactorWrong(Unauthorized):
    code = "second_factor_wrong"


class EnrolmentRequired(Forbidden):
    """The officer's group needs a second factor and the officer has not set one up yet (on the login page)."""

    code = "second_factor_enrolment_required"


@dataclass
class Login:
    user: User | None
    second_factor: bool = False  # the login passed TOTP or a recovery code
    needs_code: bool = False  # password right; the code is asked next
    needs_enrolment: bool = False  # password right; the second factor must be set up first
    refusal: KawalError | None = None  # raise after committing

    @property
    def complete(self) -> bool:
        return self.refusal is None and not self.needs_code and not self.needs_enrolment


def password_step(session: Session, settings: Settings, username: str, password: str, address: str | None) -> Login:
    """The first step. Raises ``TooMany`` (engine.throttle); a wrong password is a refusal to raise after commit."""
    user = users.attempt_login(session, username, password, address, throttle.Limits.of(settings))
    if user is None:
        return Login(None, refusal=Unauthorized("wrong_login"))
    if not totp.needed(settings, user):
        throttle.clear_failures(session, username, address)
        return Login(user)
    if not totp.enrolled(user):
        return Login(user, needs_enrolment=True)
    return Login(user, needs_code=True)


def code_step(
    session: Session, settings: Settings, vault: Vault, user: User, code: str | None, address: str | None
) -> Login:
    """The second step: a TOTP code or a recovery code. Wrong codes count as failed logins of the pair."""
    limits = throttle.Limits.of(settings)
    throttle.check(session, user.username, address, limits)
    if totp.verify(session, vault, user, code):
        throttle.clear_failures(session, user.username, address)
        return Login(user, second_factor=True)
    throttle.record_failure(session, user.username, address, limits)
    return Login(
        None,
        refusal=SecondFactorWrong("wrong_verification_code", fields={"otp": [msg("wrong")]}),
    )


def token_login(
    session: Session,
    settings: Settings,
    vault: Vault,
    username: str,
    password: str,
    otp: str | None,
    address: str | None,
) -> Login:
    """Both steps at once, for the API: ``otp`` is the code when the officer needs one."""
    first = password_step(session, settings, username, password, address)
    if first.refusal is not None or first.complete:
        return first
    if first.needs_enrolment:
        return Login(
            None,
            refusal=EnrolmentRequired("second_factor_setup"),
        )
    if not otp:
        return Login(
            None,
            refusal=SecondFactorRequired("second_factor_code_required", fields={"otp": [msg("required")]}),
        )
    return code_step(session, settings, vault, first.user, otp, address)
