"""The dashboard in a real browser: headless Chromium driven by Selenium.

Starts the built `exodus serve --port 0` (the seed corpus in Config/seeds),
reads the port from its "exodus listening on" line, and checks the page against
what the JSON API says. Screenshots go to artifacts/browser/ (not in git).

Usage: python test_dashboard.py path/to/exodus
"""

import csv
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ARTIFACTS = os.path.join(ROOT, "artifacts", "browser")
WAIT = 15


class Server:
    """One `exodus serve` on a free loopback port, stopped by `stop()`."""

    def __init__(self, binary, *args):
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [binary, "serve", "--port", "0", "--log-level", "warning", *args],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=self.log, text=True)
        deadline = time.time() + 20
        line = ""
        while time.time() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if ready:
                line = self.proc.stdout.readline()
                match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
                if match:
                    self.url = match.group(1)
                    return
            if self.proc.poll() is not None:
                break
        self.stop()
        self.log.seek(0)
        raise RuntimeError("exodus did not start: %r %s" % (line, self.log.read().decode(errors="replace")))

    def api(self, path):
        with urllib.request.urlopen(self.url + path, timeout=10) as r:
            return json.loads(r.read())

    def all_ids(self, query=""):
        """Ids of every departure for `query`, in API order, following next_cursor."""
        ids, cursor = [], None
        while True:
            params = urllib.parse.parse_qsl(query) + [("limit", "500")]
            if cursor:
                params.append(("cursor", cursor))
            page = self.api("/departures?" + urllib.parse.urlencode(params))
            ids += [d["id"] for d in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                return ids

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_browser(width=1280, height=1000):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--lang=en-GB", "--window-size=%d,%d" % (width, height)):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


class Checks:
    def __init__(self, binary):
        self.binary = binary
        self.server = Server(binary)
        self.driver = start_browser()

    # ---- helpers ----

    def open(self, query=""):
        self.driver.get(self.server.url + "/" + query)
        self.wait_ready()

    def wait_ready(self):
        WebDriverWait(self.driver, WAIT).until(
            lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-ready") in ("true", "error"))
        self.wait_idle()

    def wait_idle(self):
        WebDriverWait(self.driver, WAIT).until(
            lambda d: d.find_element(By.ID, "departures").get_attribute("aria-busy") is None)

    def wait_for(self, condition, what):
        try:
            WebDriverWait(self.driver, WAIT).until(lambda d: condition())
        except TimeoutException:
            raise AssertionError("timed out waiting for " + what)

    def row_ids(self):
        # One script call, so a re-render between element look-ups cannot leave stale references.
        return self.driver.execute_script(
            "return Array.from(document.querySelectorAll('#rows tr.departure'), function (r) { return r.getAttribute('data-id'); });")

    def total_shown(self):
        value = self.driver.find_element(By.ID, "result-count").get_attribute("data-total")
        return int(value) if value else None

    def query(self):
        return urllib.parse.parse_qs(urllib.parse.urlparse(self.driver.current_url).query)

    def console_errors(self):
        return [e for e in self.driver.get_log("browser") if e.get("level") == "SEVERE"]

    def screenshot(self, name, width=1280):
        os.makedirs(ARTIFACTS, exist_ok=True)
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(width, max(600, height + 20))
        time.sleep(0.2)
        path = os.path.join(ARTIFACTS, name)
        self.driver.save_screenshot(path)
        return path

    # ---- checks ----

    def test_page_loads_without_console_errors_and_lists_every_departure(self):
        self.driver.get_log("browser")  # drop anything earlier
        self.open()
        expected = self.server.all_ids()
        stats = self.server.api("/stats")
        assert expected, "the seed corpus should have departures"
        assert len(expected) == stats["departures"]
        self.wait_for(lambda: len(self.row_ids()) == len(expected), "every row")
        assert self.row_ids() == expected, (self.row_ids(), expected)
        assert self.total_shown() == len(expected)
        assert self.driver.find_element(By.ID, "fig-organisations").text == str(stats["departures"])
        assert self.driver.find_element(By.ID, "fig-countries").text.split("\n")[0] == str(len(stats["by_country"]))
        assert self.driver.find_element(By.ID, "notice").get_attribute("hidden") is not None
        errors = self.console_errors()
        assert not errors, errors
        print("    screenshot:", os.path.relpath(self.screenshot("dashboard.png"), ROOT))
        self.driver.set_window_size(1280, 1000)

    def test_platform_chart_has_one_bar_per_platform(self):
        self.open()
        platforms = [p["platform"] for p in self.server.api("/platforms")["items"]]
        bars = self.driver.find_elements(By.CSS_SELECTOR, "#platform-chart rect.bar")
        assert [b.get_attribute("data-platform") for b in bars] == platforms, platforms
        assert self.driver.find_element(By.ID, "fig-platforms").text == str(len(platforms))

    def test_timeline_counts_match_stats_and_keep_month_only_dates_apart(self):
        self.open()
        stats = self.server.api("/stats")
        for month, count in stats["by_month"].items():
            group = self.driver.find_element(By.CSS_SELECTOR, '#timeline g[data-month="%s"]' % month)
            title = group.find_element(By.TAG_NAME, "title").get_attribute("textContent")
            assert re.search(r": %d departures?" % count, title), title
        month_only = [d for d in self.server.api("/departures?limit=500")["items"]
                      if d["announced"] and len(d["announced"]) == 7]
        bars = self.driver.find_elements(By.CSS_SELECTOR, "#timeline rect.bar-month")
        assert bool(month_only) == bool(bars), (month_only, len(bars))
        if month_only:
            # In the table a month-precision date reads as a month, not as the 1st.
            self.driver.find_element(By.ID, "f-q").send_keys(month_only[0]["organisation"][:20])
            self.wait_for(lambda: month_only[0]["id"] in self.row_ids(), "the month-only row")
            row = self.driver.find_element(By.CSS_SELECTOR, '#rows tr[data-id="%s"]' % month_only[0]["id"])
            time_el = row.find_element(By.CSS_SELECTOR, "time.month-only")
            assert time_el.get_attribute("datetime") == month_only[0]["announced"]
            assert re.fullmatch(r"[A-Z][a-z]{2} \d{4}", time_el.text), time_el.text

    def test_search_narrows_the_table_and_is_in_the_url(self):
        self.open()
        before = self.total_shown()
        expected = self.server.all_ids("q=emmaus")
        assert 0 < len(expected) < before
        self.driver.find_element(By.ID, "f-q").send_keys("emmaus")
        self.wait_for(lambda: self.query().get("q") == ["emmaus"], "q in the URL")
        self.wait_idle()
        self.wait_for(lambda: self.row_ids() == expected, "rows for the search")
        assert self.total_shown() == len(expected)

    def test_filter_changes_the_url_and_the_counts(self):
        self.open()
        before = self.total_shown()
        stats = self.server.api("/stats")
        country = sorted(stats["by_country"], key=lambda c: stats["by_country"][c])[0]
        expected = self.server.all_ids("country=" + country)
        Select(self.driver.find_element(By.ID, "f-country")).select_by_value(country)
        self.wait_for(lambda: self.query().get("country") == [country], "country in the URL")
        self.wait_idle()
        self.wait_for(lambda: self.total_shown() == len(expected), "the filtered count")
        assert len(expected) != before
        assert self.row_ids() == expected
        assert country in self.driver.find_element(By.ID, "result-count").text or "matching" in self.driver.find_element(By.ID, "result-count").text
        # Back returns to the unfiltered view.
        self.driver.back()
        self.wait_for(lambda: "country" not in self.query() and self.total_shown() == before, "back to all")

    def test_download_csv_has_the_rows_the_table_counts_and_the_feed_is_linked(self):
        self.open()
        stats = self.server.api("/stats")
        country = sorted(stats["by_country"], key=lambda c: -stats["by_country"][c])[0]
        Select(self.driver.find_element(By.ID, "f-country")).select_by_value(country)
        self.wait_for(lambda: self.query().get("country") == [country], "country in the URL")
        self.wait_idle()
        self.wait_for(lambda: self.total_shown() == len(self.server.all_ids("country=" + country)), "the filtered count")
        total = self.total_shown()
        link = self.driver.find_element(By.ID, "download-csv")
        assert link.text == "Download CSV", link.text
        href = urllib.parse.urlparse(link.get_attribute("href"))
        assert href.path == "/departures.csv" and urllib.parse.parse_qs(href.query).get("country") == [country], href
        # A real download, into a folder of our own.
        folder = tempfile.mkdtemp()
        try:
            self.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": folder})
            link.click()
            files = []
            def downloaded():
                files[:] = [f for f in os.listdir(folder) if f.endswith(".csv")]
                return bool(files)
            self.wait_for(downloaded, "the CSV download")
            version = self.server.api("/readyz")["snapshot"]["version"]
            assert files == ["exodus-departures-%s.csv" % version], files
            with open(os.path.join(folder, files[0]), newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        assert rows[0][:2] == ["id", "organisation"], rows[0]
        assert len(rows) - 1 == total, (len(rows) - 1, total)
        assert [r[0] for r in rows[1:]] == self.server.all_ids("country=" + country)
        # The feed: linked in the page (with the filters) and in the head for feed readers.
        feed = urllib.parse.urlparse(self.driver.find_element(By.ID, "feed-link").get_attribute("href"))
        assert feed.path == "/feed.atom" and urllib.parse.parse_qs(feed.query).get("country") == [country], feed
        head = self.driver.find_elements(By.CSS_SELECTOR, 'head link[rel="alternate"][type="application/atom+xml"]')
        assert len(head) == 1 and urllib.parse.urlparse(head[0].get_attribute("href")).path == "/feed.atom"
        with urllib.request.urlopen(self.server.url + "/feed.atom?" + feed.query, timeout=10) as r:
            text = r.read().decode()
        assert text.count("<entry>") == min(50, total), text.count("<entry>")

    def test_a_shared_url_restores_the_view(self):
        self.open("?status=left&sort=organisation")
        expected = self.server.all_ids("status=left&sort=organisation")
        assert Select(self.driver.find_element(By.ID, "f-status")).first_selected_option.get_attribute("value") == "left"
        self.wait_for(lambda: self.row_ids() == expected, "rows of the shared view")
        th = self.driver.find_element(By.CSS_SELECTOR, 'th[data-sort-key="organisation"]')
        assert th.get_attribute("aria-sort") == "ascending"

    def test_columns_sort_through_the_api(self):
        self.open()
        button = self.driver.find_element(By.CSS_SELECTOR, 'th[data-sort-key="organisation"] button')
        button.click()
        self.wait_for(lambda: self.query().get("sort") == ["organisation"], "sort in the URL")
        self.wait_for(lambda: self.row_ids() == self.server.all_ids("sort=organisation"), "A to Z")
        self.driver.find_element(By.CSS_SELECTOR, 'th[data-sort-key="organisation"] button').click()
        self.wait_for(lambda: self.query().get("sort") == ["-organisation"], "descending sort in the URL")
        self.wait_for(lambda: self.row_ids() == self.server.all_ids("sort=-organisation"), "Z to A")
        th = self.driver.find_element(By.CSS_SELECTOR, 'th[data-sort-key="organisation"]')
        assert th.get_attribute("aria-sort") == "descending"

    def test_paging_follows_next_cursor(self):
        self.open("?limit=5")
        every = self.server.all_ids()
        seen = []
        pages = 0
        while True:
            ids = self.row_ids()
            assert 0 < len(ids) <= 5
            seen += ids
            pages += 1
            nxt = self.driver.find_element(By.ID, "page-next")
            if not nxt.is_enabled():
                break
            nxt.click()
            self.wait_for(lambda: self.row_ids() and self.row_ids()[0] not in seen, "the next page")
        assert seen == every, (seen, every)
        assert pages == (len(every) + 4) // 5
        self.driver.find_element(By.ID, "page-prev").click()
        self.wait_for(lambda: self.row_ids() == every[(pages - 2) * 5:(pages - 1) * 5], "the previous page")

    def test_a_row_expands_to_its_evidence_by_keyboard(self):
        self.open()
        first = self.row_ids()[0]
        detail = self.server.api("/departures/" + urllib.parse.quote(first))
        button = self.driver.find_element(By.CSS_SELECTOR, '#rows tr[data-id="%s"] button.expand' % first)
        assert button.get_attribute("aria-expanded") == "false"
        button.send_keys(Keys.ENTER)
        panel = self.driver.find_element(By.ID, button.get_attribute("aria-controls"))
        self.wait_for(lambda: panel.get_attribute("data-loaded") == "true", "the evidence")
        assert button.get_attribute("aria-expanded") == "true"
        quotes = [q.text for q in panel.find_elements(By.TAG_NAME, "blockquote")]
        assert sorted(quotes) == sorted(e["quote"] for e in detail["evidence"]), quotes
        links = [a.get_attribute("href") for a in panel.find_elements(By.TAG_NAME, "a")]
        for e in detail["evidence"]:
            assert self.server.url + "/documents/" + e["document"] in links, links
            if e["url"]:
                assert e["url"] in links
        self.driver.find_element(By.CSS_SELECTOR, '#rows tr[data-id="%s"] button.expand' % first).send_keys(Keys.SPACE)
        self.wait_for(lambda: not panel.is_displayed(), "the evidence to close")

    def test_no_results_is_said_and_can_be_cleared(self):
        self.open("?q=no-such-organisation-anywhere")
        self.wait_for(lambda: self.driver.find_element(By.ID, "empty").is_displayed(), "the empty state")
        assert "No departures match" in self.driver.find_element(By.ID, "empty").text
        assert self.row_ids() == []
        self.driver.find_element(By.ID, "empty-clear").click()
        total = self.server.api("/stats")["departures"]
        self.wait_for(lambda: len(self.row_ids()) == total, "all rows again")
        assert "q" not in self.query()

    def test_a_view_the_api_refuses_is_explained_and_can_be_cleared(self):
        self.open("?status=gone")
        notice = self.driver.find_element(By.ID, "notice")
        self.wait_for(lambda: notice.is_displayed() and "gone" in notice.text, "the API's reason")
        assert notice.get_attribute("role") == "alert"
        notice.find_element(By.TAG_NAME, "button").click()
        total = self.server.api("/stats")["departures"]
        self.wait_for(lambda: len(self.row_ids()) == total, "all rows again")
        assert "status" not in self.query()
        self.driver.get_log("browser")  # the 400 itself is logged by the browser, as it should be

    def test_text_has_enough_contrast(self):
        self.open()
        self.driver.find_element(By.CSS_SELECTOR, "#rows button.expand").click()
        self.wait_for(lambda: self.driver.find_elements(By.CSS_SELECTOR, "tr.evidence-row blockquote"), "evidence")
        try:
            for scheme in ("light", "dark"):
                self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                    "features": [{"name": "prefers-color-scheme", "value": scheme}]})
                time.sleep(0.4)  # let colour transitions finish before reading colours
                failures = self.driver.execute_script(CONTRAST_SCRIPT)
                assert not failures, (scheme, failures)
                checked = self.driver.execute_script("return document.querySelectorAll('tbody td, tbody th, label, .badge').length")
                assert checked > 50, checked
        finally:
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

    def test_every_control_is_labelled_and_reachable_by_tab(self):
        self.open()
        unlabelled = self.driver.execute_script("""
            return Array.from(document.querySelectorAll('input, select')).filter(function (c) {
              return !(c.labels && c.labels.length) && !c.getAttribute('aria-label');
            }).map(function (c) { return c.id || c.name; });""")
        assert not unlabelled, unlabelled
        body = self.driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        assert self.driver.switch_to.active_element.get_attribute("class") == "skip-link"
        reached = set()
        for _ in range(40):
            self.driver.switch_to.active_element.send_keys(Keys.TAB)
            reached.add(self.driver.switch_to.active_element.get_attribute("id"))
        assert {"f-q", "f-platform", "f-country", "f-kind", "f-status"} <= reached, reached

    def test_phone_width_has_no_sideways_scrolling(self):
        self.driver.set_window_size(390, 844)
        try:
            self.open()
            overflow = self.driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, "page is %dpx wider than a phone screen" % overflow
            print("    screenshot:", os.path.relpath(self.screenshot("dashboard-phone.png", width=390), ROOT))
        finally:
            self.driver.set_window_size(1280, 1000)

    def test_an_empty_corpus_says_so(self):
        empty = tempfile.mkdtemp()
        server = Server(self.binary, "--seeds", empty)
        try:
            self.driver.get_log("browser")
            self.driver.get(server.url + "/")
            self.wait_ready()
            assert self.driver.find_element(By.ID, "fig-organisations").text == "0"
            assert "No departures yet" in self.driver.find_element(By.ID, "result-count").text
            assert self.driver.find_element(By.ID, "empty").is_displayed()
            assert not self.driver.find_element(By.ID, "empty-clear").is_displayed()
            assert "No destination platform" in self.driver.find_element(By.ID, "platform-chart").text
            errors = self.console_errors()
            assert not errors, errors
        finally:
            server.stop()
            os.rmdir(empty)

    def test_the_api_going_down_is_said(self):
        server = Server(self.binary)
        try:
            self.driver.get(server.url + "/")
            self.wait_ready()
            server.stop()
            Select(self.driver.find_element(By.ID, "f-status")).select_by_value("left")
            notice = self.driver.find_element(By.ID, "notice")
            self.wait_for(lambda: notice.is_displayed() and "could not be reached" in notice.text, "the error notice")
            assert notice.get_attribute("role") == "alert"
            assert notice.find_element(By.TAG_NAME, "button").text == "Retry"
            assert self.row_ids() == []
            self.driver.get_log("browser")  # the refused requests are expected here
        finally:
            server.stop()

    def close(self):
        self.driver.quit()
        self.server.stop()


# WCAG 2 contrast of visible text against the background it is drawn on.
CONTRAST_SCRIPT = r"""
function rgba(s) { var m = s.match(/rgba?\(([^)]+)\)/); if (!m) return null;
  var p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; }
function lum(c) { return [c[0], c[1], c[2]].map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
  .reduce(function (a, v, i) { return a + v * [0.2126, 0.7152, 0.0722][i]; }, 0); }
function background(el) { for (; el; el = el.parentElement) { var c = rgba(getComputedStyle(el).backgroundColor); if (c && c[3] > 0.5) return c; } return [255, 255, 255, 1]; }
var out = [];
var selectors = ['h1', '.lede', '.figure dt', '.figure dd', '.note', 'label', '.result-count', 'thead th', 'button.sort',
  'tbody th', 'tbody td', '.sub', '.badge', 'button', 'a', 'blockquote', '.source', '#page-info', '.site-footer p', 'select', 'input'];
selectors.forEach(function (sel) {
  document.querySelectorAll(sel).forEach(function (el) {
    if (!el.offsetParent || !el.textContent.trim() && el.tagName !== 'INPUT') return;
    if (el.closest('.visually-hidden, .skip-link')) return;
    var fg = rgba(getComputedStyle(el).color), bg = background(el);
    if (el.disabled) return;  // WCAG exempts inactive controls
    var a = lum(fg) + 0.05, b = lum(bg) + 0.05, ratio = Math.max(a, b) / Math.min(a, b);
    if (ratio < 4.5) out.push(sel + ' "' + el.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
  });
});
return out.slice(0, 20);
"""


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "exodus")
    started = time.time()
    checks = Checks(binary)
    names = [n for n in dir(Checks) if n.startswith("test_")]
    # Keep the declared order, so the first check also takes the main screenshot.
    names.sort(key=lambda n: Checks.__dict__[n].__code__.co_firstlineno)
    passed = failed = 0
    try:
        for name in names:
            t = time.time()
            try:
                getattr(checks, name)()
                passed += 1
                print("  ok    %s (%.1fs)" % (name, time.time() - t))
            except Exception:
                failed += 1
                print("  FAIL  %s (%.1fs)" % (name, time.time() - t))
                traceback.print_exc()
                try:
                    checks.screenshot("failed-" + name + ".png")
                except Exception:
                    pass
                checks.driver.set_window_size(1280, 1000)
    finally:
        checks.close()
    print("browser checks took %.1fs" % (time.time() - started))
    print("browser: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
