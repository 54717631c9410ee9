"""End to end in headless Chromium (Debian's, driven by Playwright): log in, scorecard,
indicator, drill through, commentary saved and seen in the downloaded report, log out.

Screenshots of the main pages go to /tmp/csc-web-*.png for a person to look at.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

from web.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SHOTS = Path("/tmp")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian chromium not installed (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def server(app: FastAPI) -> Iterator[str]:
    """The app on a free loopback port for the test's duration."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started:
        thread.join(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join()


def test_analyst_journey(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 900})
        page.goto(f"{server}/login")
        page.screenshot(path=SHOTS / "csc-web-login.png")
        page.get_by_label("Name").fill("ana")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Scorecard")
        page.screenshot(path=SHOTS / "csc-web-scorecard.png", full_page=True)

        page.get_by_role(
            "link", name="Assessments completed within 45 working days (%)"
        ).first.click()
        expect(page.get_by_role("heading", name="Monthly series")).to_be_visible()
        page.screenshot(path=SHOTS / "csc-web-indicator.png", full_page=True)

        page.get_by_role("link", name="List children").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Children behind the figure")
        page.screenshot(path=SHOTS / "csc-web-children.png")
        page.go_back()

        text = "Browser-written commentary: timeliness held up."
        page.get_by_label("Commentary for").fill(text)
        page.get_by_role("button", name="Save commentary").click()
        expect(page.locator(".commentary")).to_contain_text(text)

        page.get_by_role("link", name="Scorecard,").click()
        with page.expect_download() as download:
            page.get_by_role("link", name="web page").click()
        saved = tmp_path / "scorecard.html"
        download.value.save_as(saved)
        assert text in saved.read_text("utf-8")

        page.goto(f"{server}/quality")
        page.screenshot(path=SHOTS / "csc-web-quality.png", full_page=True)
        page.get_by_role("button", name="Log out").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
        page.goto(f"{server}/scorecard")
        expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
        browser.close()
