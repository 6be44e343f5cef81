"""The shipped nginx site (deploy/nginx/kawal.conf) in front of the shipped gunicorn, as README "Production" sets
them up: only the certificate's paths, the ports and the log's path are changed for the test. Through it, the
public's filing quota counts each client by the address nginx saw, whatever X-Forwarded-For the client sends; an
officer's search words never reach the access log; plain HTTP is sent to HTTPS; health answers the machine itself."""

from __future__ import annotations

import http.client
import json
import shutil
import ssl
import subprocess

import pytest
from cryptography import x509

from engine.db import make_engine, session_factory
from tests.certificates import certificate_pem, key_pem, self_signed
from tests.conftest import request_payload
from tests.deploy.topology import ROOT, Topology, create_officers
from tests.reminders.conftest import free_port, wait_for

pytestmark = pytest.mark.postgres

SITE = ROOT / "deploy" / "nginx" / "kawal.conf"
HOST = "ppid.example.go.id"
QUOTA = 3  # filings an hour per client address (KAWAL_QUOTA_FILINGS_PER_HOUR)
NIK = "3171234507890001"


def _certificate(folder) -> None:
    """A self-signed certificate for HOST, where certbot would have put one."""
    cert, key = self_signed(HOST, (x509.SubjectAlternativeName([x509.DNSName(HOST)]), False))
    (folder / "fullchain.pem").write_bytes(certificate_pem(cert))
    (folder / "privkey.pem").write_bytes(key_pem(key))


class Nginx:
    """nginx run by this test, with the shipped site and nothing else in its http block."""

    def __init__(self, tmp, upstream_port: int):
        self.tmp, self.http_port, self.https_port = tmp, free_port(), free_port()
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not shutil.which(binary):
            pytest.fail("nginx is not installed (make test installs it: apt-get install nginx)")
        self.binary = binary
        (tmp / "certs").mkdir()
        _certificate(tmp / "certs")
        site = SITE.read_text()
        for shipped, here in (
            (f"/etc/letsencrypt/live/{HOST}", str(tmp / "certs")),
            ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};"),
            ("listen 80;", f"listen 127.0.0.1:{self.http_port};"),
            ("listen 443 ssl http2;", f"listen 127.0.0.1:{self.https_port} ssl http2;"),
            ("/var/log/nginx/access.log", str(tmp / "access.log")),
        ):
            assert shipped in site, f"{shipped!r} is no longer in {SITE.name}: change this test with it"
            site = site.replace(shipped, here)
        site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)  # no IPv6 in the sandbox
        (tmp / "kawal.conf").write_text(site)
        (tmp / "nginx.conf").write_text(
            f"worker_processes 1;\nerror_log {tmp}/error.log;\npid {tmp}/nginx.pid;\n"
            "events { worker_connections 64; }\n"
            f"http {{\n  client_body_temp_path {tmp}/body;\n  proxy_temp_path {tmp}/proxy;\n"
            f"  include {tmp}/kawal.conf;\n}}\n"
        )

    def command(self, *args) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603 - the system's nginx on this test's files
            [self.binary, "-c", str(self.tmp / "nginx.conf"), "-p", str(self.tmp), *args],
            capture_output=True,
            text=True,
            check=False,
        )

    def request(self, method, path, body=None, headers=None, tls=True):
        if tls:
            conn = http.client.HTTPSConnection(
                "127.0.0.1",
                self.https_port,
                timeout=30,
                context=ssl._create_unverified_context(),  # noqa: S323
            )
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=30)
        conn.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = conn.getresponse()
        data = response.read()
        conn.close()
        return response, data


def test_the_shipped_nginx_site_counts_each_client_by_the_address_it_saw_and_logs_no_search_words(
    own_postgres, tmp_path
):
    engine = make_engine(own_postgres)
    create_officers(session_factory(engine))
    engine.dispose()
    topology = Topology(
        tmp_path,
        own_postgres,
        None,
        web_workers=1,
        web_threads=2,
        KAWAL_TRUSTED_PROXIES="1",
        KAWAL_QUOTA_FILINGS_PER_HOUR=str(QUOTA),
    ).start(rq_workers=0)
    proxy = Nginx(tmp_path, topology.port)
    try:
        checked = proxy.command("-t")
        assert checked.returncode == 0, checked.stderr
        started = proxy.command()
        assert started.returncode == 0, started.stderr
        wait_for(lambda: (tmp_path / "nginx.pid").exists(), 10, 0.1, what="nginx started")

        # Each filing claims another client address; nginx replaces the header with the one it saw.
        filed = [
            proxy.request(
                "POST",
                "/api/v1/requests",
                json.dumps(request_payload()),
                {"Content-Type": "application/json", "X-Forwarded-For": f"203.0.113.{n}"},
            )[0].status
            for n in range(QUOTA + 2)
        ]
        assert filed == [201] * QUOTA + [429, 429]

        response, _ = proxy.request("GET", f"/kotak-masuk?q={NIK}")
        assert response.status == 302  # to the login page, and its words are nowhere in the log
        # nginx writes its log line after the answer has gone out: wait for it, do not race it.
        wait_for(
            lambda: "GET /kotak-masuk HTTP/1.1" in (tmp_path / "access.log").read_text(),
            10,
            0.05,
            what="the inbox visit logged",
        )
        assert NIK not in (tmp_path / "access.log").read_text()
        assert NIK not in topology.log_tail(chars=None)

        response, _ = proxy.request("GET", "/publik", tls=False)
        assert (response.status, response.getheader("Location")) == (301, f"https://{HOST}/publik")
        response, data = proxy.request("GET", "/api/v1/health")
        assert response.status == 200, data
        assert json.loads(data)["status"] == "degraded"  # passed through: no RQ worker runs beside this site
    finally:
        pid = tmp_path / "nginx.pid"
        if pid.exists():
            proxy.command("-s", "stop")
        topology.stop()
