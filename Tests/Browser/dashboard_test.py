#!/usr/bin/env python3
"""The KH02 dashboard in headless Chromium, driven by Selenium against a running `kh02 serve --demo`.

Usage: dashboard_test.py --url http://127.0.0.1:PORT/ --token <central token> --province-token <province 01 token>
                         --screenshots <dir>

Logs in through the login form (token -> HttpOnly cookie), checks the national map against /api/v1/coverage,
opens a province by clicking it on the map, renders every page, uploads a file with a bad row (its error shown,
nothing stored) and then a good one (dry run, confirm, stored), and switches to English. Saves a screenshot of
each page. Exits 1 when any check fails, listing every failure.
"""

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import ElementClickInterceptedException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT = 60


class Check(Exception):
    """A failed expectation."""


def expect(condition, message):
    if not condition:
        raise Check(message)


class Dashboard:
    def __init__(self, args):
        self.base = args.url.rstrip("/")
        self.central = args.token
        self.province_token = args.province_token
        self.shots = args.screenshots
        os.makedirs(self.shots, exist_ok=True)
        options = webdriver.ChromeOptions()
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1900",
                     "--lang=vi-VN", "--force-device-scale-factor=1"):
            options.add_argument(flag)
        binary = os.environ.get("CHROME_BIN") or next(
            (p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome") if os.path.exists(p)), None)
        if binary:
            options.binary_location = binary
        service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.set_page_load_timeout(WAIT)
        self.failures = []

    # -- helpers -------------------------------------------------------------------------------------------------

    def api(self, path, token, method="GET", body=None, content_type=None):
        request = urllib.request.Request(self.base + path, data=body, method=method)
        request.add_header("Authorization", "Bearer " + token)
        if content_type:
            request.add_header("Content-Type", content_type)
        with urllib.request.urlopen(request, timeout=WAIT) as response:
            return json.loads(response.read().decode("utf-8"))

    def open(self, path):
        self.driver.get(self.base + path)
        self.wait_ready()

    def wait_ready(self):
        """Waits until the page's scripts finished rendering (body[data-ready=true])."""
        WebDriverWait(self.driver, WAIT).until(
            lambda d: d.execute_script("return document.body && document.body.dataset.ready === 'true'"))

    def wait_css(self, css, timeout=WAIT):
        return WebDriverWait(self.driver, timeout).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def css(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def shot(self, name):
        path = os.path.join(self.shots, name + ".png")
        # A full-height screenshot: grow the window to the page's height first.
        height = self.driver.execute_script("return Math.min(document.documentElement.scrollHeight, 6000)")
        self.driver.set_window_size(1400, max(900, height))
        self.driver.save_screenshot(path)
        self.driver.set_window_size(1400, 1900)

    def no_error_messages(self, page):
        errors = [e.text for e in self.css(".message-error") if e.is_displayed()]
        expect(not errors, f"{page}: error messages shown: {errors}")

    def console_errors(self):
        try:
            return [entry["message"] for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]
        except Exception:
            return []

    def login(self, token):
        self.open("/login.html")
        field = self.driver.find_element(By.ID, "token")
        field.clear()
        field.send_keys(token)
        self.driver.find_element(By.ID, "login-submit").click()
        WebDriverWait(self.driver, WAIT).until(lambda d: "/login.html" not in d.current_url)
        self.wait_ready()

    def logout(self):
        self.driver.find_element(By.ID, "logout").click()
        WebDriverWait(self.driver, WAIT).until(lambda d: "/login.html" in d.current_url)

    def step(self, name, function):
        started = time.monotonic()
        try:
            function()
            print(f"ok   {name} ({time.monotonic() - started:.1f} s)")
        except Exception as error:  # every failure is reported, then the next scenario runs
            self.failures.append(name)
            # Selenium's messages carry a native stack trace: the first line says enough.
            print(f"FAIL {name}: {type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}")
            print("".join(traceback.format_tb(error.__traceback__)[-2:]))
            try:
                self.driver.save_screenshot(os.path.join(self.shots, "failure-" + name.replace(" ", "-") + ".png"))
            except Exception:
                pass

    # -- scenarios -----------------------------------------------------------------------------------------------

    def login_form(self):
        self.driver.get(self.base + "/")
        WebDriverWait(self.driver, WAIT).until(lambda d: "/login.html" in d.current_url)
        self.wait_ready()
        expect(self.driver.find_element(By.TAG_NAME, "h1").text == "Đăng nhập", "the login page is in Vietnamese")
        self.shot("01-login")
        # A wrong token stays on the login page with the server's message.
        self.driver.find_element(By.ID, "token").send_keys("kh02_wrong_token_for_the_test")
        self.driver.find_element(By.ID, "login-submit").click()
        WebDriverWait(self.driver, WAIT).until(lambda d: d.find_element(By.ID, "login-error").is_displayed())
        expect("không đúng" in self.driver.find_element(By.ID, "login-error").text, "wrong token message in Vietnamese")
        # After login only a page of this origin is a destination, however the browser would read ?next= (the page
        # reads it decoded, so "%09" arrives as a tab, which URL parsing drops: "/\t/evil.example" is "//evil.example").
        hostile = ["/\\evil.example", "/\t/evil.example", "/\n/evil.example", "//evil.example", "https://evil.example/",
                   "/login.html"]
        resolved = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "import('/js/login.js').then(m => done(arguments[0].map(n => m.safeDestination(n, location.origin))));",
            hostile)
        expect(resolved == ["/"] * len(hostile), f"hostile next= values fall back to the national page: {resolved}")
        kept = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "import('/js/login.js').then(m => done(['/province.html?code=01#x', '/%09/evil.example']"
            ".map(n => [m.safeDestination(n, location.origin), new URL(m.safeDestination(n, location.origin), location.origin).origin === location.origin])));")
        expect(kept[0] == ["/province.html?code=01#x", True], f"a page of ours is kept: {kept[0]}")
        expect(kept[1][1] is True, f"a still-encoded %09 stays a path of this origin: {kept[1]}")
        self.driver.get(self.base + "/login.html?next=/")
        self.wait_ready()
        self.driver.find_element(By.ID, "token").send_keys(self.central)
        self.driver.find_element(By.ID, "login-submit").click()
        WebDriverWait(self.driver, WAIT).until(lambda d: d.current_url.rstrip("/") == self.base)
        self.wait_ready()
        cookies = {c["name"]: c for c in self.driver.get_cookies()}
        expect("kh02_session" in cookies, "the session cookie is set")
        expect(cookies["kh02_session"].get("httpOnly") is True, "the session cookie is HttpOnly")
        expect(self.driver.execute_script("return document.cookie").find("kh02_session") < 0, "page scripts cannot read the cookie")
        name = self.api("/api/v1/session", self.central)["name"]
        expect(name in self.driver.find_element(By.ID, "account").text, f"the header names the account {name!r}")

    def national_map(self):
        self.open("/")
        coverage = self.api("/api/v1/coverage", self.central)
        expected = {p["code"]: (p.get("band") or "none", p["task_colour"]) for p in coverage["provinces"]}
        expect(len(expected) == 34, f"/coverage lists 34 provinces, not {len(expected)}")
        self.wait_css("svg.map path.area")
        paths = self.css("svg.map path.area")
        drawn = {p.get_attribute("data-code"): (p.get_attribute("data-band"), p.get_attribute("data-task-colour")) for p in paths}
        expect(len(paths) == 34, f"the map draws 34 provinces, not {len(paths)}")
        expect(drawn == expected, f"map colours differ from /coverage: {sorted(set(drawn.items()) ^ set(expected.items()))}")
        for path in paths[:3]:
            box = path.rect
            expect(box["width"] > 2 and box["height"] > 2, f"province {path.get_attribute('data-code')} has a visible shape: {box}")
        markers = self.css("svg.map .task-marker")
        expect(len(markers) == 34, f"34 task-colour markers, not {len(markers)}")
        headline = self.driver.find_element(By.ID, "fig-provinces").text
        green = coverage["provinces_by_task_colour"]["green"]
        expect(headline.startswith(f"{green}/34"), f"headline shows {green}/34 provinces green: {headline!r}")
        communes = self.driver.find_element(By.ID, "fig-communes").text
        expect("3.321" in communes, f"communes headline uses the Vietnamese number format: {communes!r}")
        rows = self.css("#province-table tbody tr")
        expect(len(rows) == 34, f"the table lists 34 provinces, not {len(rows)}")
        expect(self.css("#demo-banner") and "Dữ liệu minh họa" in self.css("#demo-banner")[0].text, "the demo banner is shown")
        # Sorting by the share of green communes puts the lowest first.
        header = self.css("#province-table thead th button")[4]
        header.click()
        first = self.css("#province-table tbody tr")[0].get_attribute("data-key")
        lowest = min(coverage["provinces"], key=lambda p: (p["green_percent"] if p["green_percent"] is not None else 1e9))
        expect(
            next(p for p in coverage["provinces"] if p["code"] == first)["green_percent"] == lowest["green_percent"],
            "sorting by share puts the lowest first")
        self.no_error_messages("national")
        self.shot("02-national")

    def english_switch(self):
        self.open("/")
        expect(self.driver.find_element(By.TAG_NAME, "h1").text == "Bức tranh toàn quốc", "Vietnamese first")
        self.driver.find_element(By.ID, "lang-switch").click()
        WebDriverWait(self.driver, WAIT).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "The national picture")
        self.wait_ready()
        expect("Demo data" in self.driver.find_element(By.ID, "demo-banner").text, "the banner follows the language")
        expect(self.driver.execute_script("return document.documentElement.lang") == "en", "html lang follows")
        # The figures are drawn again in English after the heading: wait for them rather than race them.
        WebDriverWait(self.driver, WAIT).until(lambda d: "3,321" in d.find_element(By.ID, "fig-communes").text
                                               if d.find_elements(By.ID, "fig-communes") else False)
        communes = self.driver.find_element(By.ID, "fig-communes").text
        expect("3,321" in communes, f"English number format: {communes!r}")
        self.shot("03-national-en")
        # The choice is remembered across pages, and switching back restores Vietnamese.
        self.open("/tasks.html")
        expect(self.driver.find_element(By.TAG_NAME, "h1").text == "Overdue tasks", "the language choice is remembered")
        self.driver.find_element(By.ID, "lang-switch").click()
        WebDriverWait(self.driver, WAIT).until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Nhiệm vụ quá hạn")

    def province_drilldown(self):
        self.open("/")
        self.wait_css("svg.map path.area")
        target = self.driver.find_element(By.CSS_SELECTOR, 'svg.map path.area[data-code="01"]')
        try:
            target.click()
        except ElementClickInterceptedException:
            self.driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", target)
        WebDriverWait(self.driver, WAIT).until(lambda d: "province.html?code=01" in d.current_url)
        self.wait_ready()
        expect("Hà Nội" in self.driver.find_element(By.TAG_NAME, "h1").text, "the province page names Hà Nội")
        self.wait_css("#map svg.map path.area")
        detail = self.api("/api/v1/provinces/01", self.central)
        communes = self.css("#map svg.map path.area")
        expect(len(communes) > 50, f"the commune map draws Hà Nội's communes ({len(communes)})")
        rows = self.css("#commune-table tbody tr")
        expect(len(rows) == len(detail["communes"]), f"the commune list has {len(detail['communes'])} rows, not {len(rows)}")
        expect(self.css("#trend svg.chart polyline"), "the trend chart has a line")
        self.no_error_messages("province")
        self.shot("04-province-01")
        # Clicking a commune row opens the commune page.
        first = self.css("#commune-table tbody tr a")[0]
        name = first.text
        first.click()
        WebDriverWait(self.driver, WAIT).until(lambda d: "commune.html?code=" in d.current_url)
        self.wait_ready()
        expect(name in self.driver.find_element(By.TAG_NAME, "h1").text, f"the commune page names {name}")
        expect(len(self.css("#criteria tbody tr")) >= 6, "the commune page lists the six criteria")
        self.no_error_messages("commune")
        self.shot("05-commune")

    def other_pages(self):
        for index, (path, name, ready_css) in enumerate([
            ("/tasks.html", "tasks", "#results"),
            ("/criterion.html?key=specialized_signature", "criterion", "#provinces table"),
            ("/services.html", "services", "#results table"),
            ("/units.html", "units", "#provinces tbody tr"),
        ]):
            self.open(path)
            self.wait_css(ready_css)
            self.no_error_messages(name)
            expect(not any(" undefined" in e.text or "NaN" in e.text for e in self.css("main")), f"{name}: no undefined/NaN shown")
            self.shot(f"{6 + index:02d}-{name}")
        self.open("/tasks.html")
        link = self.driver.find_element(By.ID, "csv-link").get_attribute("href")
        expect("/api/v1/tasks/overdue.csv" in link, f"the CSV link points at the export: {link}")

    def upload(self):
        self.logout()
        self.login(self.province_token)
        before = self.api("/api/v1/reports?limit=1000", self.province_token)["count"]
        communes = self.api("/api/v1/units/provinces/01/communes", self.province_token)["items"]
        first, second = communes[0]["code"], communes[1]["code"]
        header = "commune_code,as_of,online_meeting,computers,specialized_signature,digital_certificate,network,portal_sync,note\n"
        today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 3600))
        bad = header + f"{first},{today},1,100%,có,1,1,1,\n{second},{today},1,100%,có lẽ,1,1,1,\n"
        self.open("/upload.html")
        Select(self.driver.find_element(By.ID, "kind")).select_by_value("readiness")
        expect(self.css('a[href="/api/v1/templates/readiness.csv"]'), "the readiness template link is offered")
        path = os.path.join(tempfile.mkdtemp(), "readiness-bad.csv")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(bad)
        self.driver.find_element(By.ID, "file").send_keys(path)
        self.driver.find_element(By.ID, "check").click()
        self.wait_css("#problems tbody tr")
        cells = [c.text for c in self.css("#problems tbody tr")[0].find_elements(By.TAG_NAME, "td")]
        expect(cells[0] == "3" and cells[1] == "specialized_signature (E)" and cells[2] == "có lẽ", f"the bad row's error: {cells}")
        expect("có" in cells[3].lower() or "không" in cells[3].lower(), f"the message is Vietnamese: {cells[3]!r}")
        expect(not self.driver.find_element(By.ID, "confirm").is_enabled(), "a rejected file cannot be confirmed")
        self.shot("10-upload-rejected")
        self.driver.find_element(By.ID, "lang-switch").click()
        WebDriverWait(self.driver, WAIT).until(
            lambda d: d.find_element(By.TAG_NAME, "h1").text == "Upload reports")
        message = self.css("#problems tbody tr")[0].find_elements(By.TAG_NAME, "td")[3].text
        expect("yes" in message.lower() or "no" in message.lower(), f"the row error follows the language: {message!r}")
        self.driver.find_element(By.ID, "lang-switch").click()
        after = self.api("/api/v1/reports?limit=1000", self.province_token)["count"]
        expect(after == before, f"a rejected upload stores nothing ({before} uploads before, {after} after)")

        good = header + f"{first},{today},1,100%,có,1,1,1,\n{second},{today},1,100%,không,1,1,1,thiếu chữ ký số\n"
        path = os.path.join(tempfile.mkdtemp(), "readiness-good.csv")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(good)
        self.open("/upload.html")
        self.driver.find_element(By.ID, "file").send_keys(path)
        self.driver.find_element(By.ID, "check").click()
        WebDriverWait(self.driver, WAIT).until(lambda d: d.find_element(By.ID, "confirm").is_enabled())
        expect("2" in self.driver.find_element(By.ID, "result").text, "the preview counts two rows")
        expect(self.api("/api/v1/reports?limit=1000", self.province_token)["count"] == before, "a dry run stores nothing")
        self.shot("11-upload-preview")
        self.driver.find_element(By.ID, "confirm").click()
        self.wait_css("#result .ok-text[data-stored='true']")
        after = self.api("/api/v1/reports?limit=1000", self.province_token)["count"]
        expect(after == before + 1, f"the confirmed upload is stored ({before} -> {after})")
        self.shot("12-upload-stored")

    def run(self):
        try:
            self.step("login form sets an HttpOnly cookie", self.login_form)
            self.step("national map matches /coverage", self.national_map)
            self.step("English switch", self.english_switch)
            self.step("province drill-down from the map", self.province_drilldown)
            self.step("other pages render", self.other_pages)
            self.step("upload: bad row shown, nothing stored; good file stored", self.upload)
            severe = self.console_errors()
            if severe:
                print("browser console errors:\n  " + "\n  ".join(severe))
        finally:
            self.driver.quit()
        print(f"screenshots: {self.shots}")
        if self.failures:
            print(f"{len(self.failures)} scenario(s) failed: {', '.join(self.failures)}")
            return 1
        print("all dashboard scenarios passed")
        return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True, help="a central token")
    parser.add_argument("--province-token", required=True, help="a province token for 01 (uploads)")
    parser.add_argument("--screenshots", required=True)
    args = parser.parse_args()
    try:
        dashboard = Dashboard(args)
    except Exception as error:
        print(f"cannot start Chromium through chromedriver: {error}")
        return 2
    return dashboard.run()


if __name__ == "__main__":
    sys.exit(main())
