"""Finding 8 (headers): the API's Swagger UI page carries the pages' frame and content-security headers,
and still works under them: its start script is a file, not an inline script the policy would block."""

from playwright.sync_api import expect


def test_swagger_ui_renders_under_the_pages_content_security_policy(page, live_server):
    """The docs page lists the API's operations with no CSP violation reported by the browser."""
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto("/api/v1/docs")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    expect(page.get_by_text("/api/v1/status").first).to_be_visible()
    assert violations == []
