"""Drives headless Chromium through Keyway's dashboard and connect page against a live `keyway serve --sandbox
--connect-page --session-lifetime 20` (started by scripts/browser-tests.sh, which passes its URL and admin key).
Every test saves a screenshot of each page it sees. Prints 'N passed, N failed' last; exits non-zero on a failure."""

import json
import os
import sys
import time
import traceback
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

BASE = os.environ["KEYWAY_URL"]
KEY = os.environ["KEYWAY_API_KEY"]
SHOTS = os.environ["KEYWAY_SCREENSHOTS"]


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.set_page_load_timeout(30)
    return driver


class Browser:
    def __init__(self, driver):
        self.driver = driver
        self.count = 0

    def shot(self, name):
        self.count += 1
        self.driver.save_screenshot(os.path.join(SHOTS, f"{self.count:02d}-{name}.png"))

    def open(self, path, name):
        self.driver.get(BASE + path)
        self.shot(name)

    def click(self, element_id, name):
        self.driver.find_element(By.ID, element_id).click()
        self.shot(name)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def no_alert(self):
        try:
            self.driver.switch_to.alert
        except NoAlertPresentException:
            return True
        return False


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def sign_in(b):
    b.open("/dashboard", "sign-in")
    check("Sign in" in b.text(), "the sign-in page")
    field = b.driver.find_element(By.ID, "apiKey")
    check(b.driver.find_element(By.CSS_SELECTOR, "label[for=apiKey]").text == "API key", "the field is labelled")
    field.send_keys("kw_key_0000000000000000_wrong" + Keys.ENTER)
    b.shot("sign-in-refused")
    check("not valid" in b.text(), "a wrong key is refused")
    b.driver.find_element(By.ID, "apiKey").send_keys(KEY + Keys.ENTER)
    b.shot("services")
    check("hubspot" in b.text(), "the services page lists the sandbox service")


def connect_test_identity(b, tags, decision="allow"):
    b.open("/dashboard/services/hubspot", "service")
    field = b.driver.find_element(By.NAME, "tags")
    field.clear()
    field.send_keys(tags)
    b.click("connect-test", "connect-interstitial")
    check("asks to connect your HubSpot account" in b.text(), "the interstitial names the provider")
    b.click("continue", "sandbox-consent")
    check("Connect app" in b.text(), "the sandbox consent page")
    b.click("allow" if decision == "allow" else "deny", "after-consent")


def test_sign_in(b):
    sign_in(b)


def test_create_service_from_catalog(b):
    b.open("/dashboard/services/new?search=slack", "catalog-search")
    check("Slack" in b.text(), "the search finds Slack")
    check(f"{BASE}/v1/oauth/callback/slack" in b.text(), "the callback URL to register is shown")
    card = b.driver.find_element(By.ID, "create-slack").find_element(By.XPATH, "./ancestor::form")
    card.find_element(By.NAME, "clientId").send_keys("slack-client")
    card.find_element(By.NAME, "clientSecret").send_keys("slack-secret")
    b.click("create-slack", "service-created")
    check("Service saved" in b.text(), "the service page confirms")
    check("slack-client" in b.text() and "slack-secret" not in b.driver.page_source, "the secret is write-only")


def test_connect_refresh_disconnect(b):
    started = time.monotonic()
    connect_test_identity(b, "userId:newcomer tenantId:demo")
    check("The test identity is connected." in b.text(), "back on the dashboard, connected")
    check("tenantId=demo" in b.text(), "the identity is listed")
    check(time.monotonic() - started < 60, "within a minute")
    link = b.driver.find_element(By.CSS_SELECTOR, "#identities a")
    link.click()
    b.shot("identity")
    expires = b.driver.find_element(By.ID, "expires").text
    check(b.driver.find_element(By.ID, "status").text.startswith("active"), "active")
    time.sleep(1.1)
    b.click("refresh", "refreshed")
    check("Refreshed." in b.text(), "refreshed")
    check(b.driver.find_element(By.ID, "expires").text != expires, "a new expiry")
    b.click("disconnect", "disconnected")
    check("The identity was disconnected." in b.text(), "disconnected")
    check("tenantId=demo" not in b.text(), "no longer listed")


def test_denied_consent(b):
    connect_test_identity(b, "userId:denied", decision="deny")
    check("The connection was not made" in b.text() and "access_denied" in b.text(), "the denial page")
    b.click("back", "back-after-denial")
    check("did not finish: access_denied" in b.text(), "back on the dashboard with the error")


def test_xss_tag_stays_text(b):
    connect_test_identity(b, "tenantId:<script>alert(1)</script>")
    check(b.no_alert(), "no script ran")
    check("tenantId=<script>alert(1)</script>" in b.text(), "the tag is shown as text")
    b.driver.find_element(By.CSS_SELECTOR, "#identities a").click()
    b.shot("identity-with-markup-tag")
    check(b.no_alert(), "no script ran on the detail page")
    check("<script>alert(1)</script>" in b.driver.find_element(By.ID, "tags").text, "text on the detail page")


def create_session():
    request = urllib.request.Request(
        f"{BASE}/v1/services/hubspot/sessions", method="POST",
        data=json.dumps({"tags": {"userId": "late"}, "finishedUrl": "http://127.0.0.1:9/finished"}).encode(),
        headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)["url"]


def test_expired_session(b):
    # Links live 20 s here; an expired session is swept a lifetime after it expired, so it is opened in between.
    url = create_session()
    time.sleep(21)
    b.driver.get(url)
    b.shot("expired-session")
    check("session_expired" in b.text(), "the expired-session page")
    back = b.driver.find_element(By.ID, "back").get_attribute("href")
    check(back.startswith("http://127.0.0.1:9/finished?") and "error=session_expired" in back, back)


def test_keys(b):
    b.open("/dashboard/keys", "keys")
    b.driver.find_element(By.NAME, "name").send_keys("browser test key")
    b.click("create-key", "key-created")
    key = b.driver.find_element(By.ID, "new-key").get_attribute("value")
    check(key.startswith("kw_key_"), "the key is shown once")
    b.open("/dashboard/keys", "keys-after")
    check("browser test key" in b.text() and key not in b.driver.page_source, "listed, never shown again")


def main():
    tests = [test_sign_in, test_create_service_from_catalog, test_connect_refresh_disconnect, test_denied_consent,
             test_xss_tag_stays_text, test_keys, test_expired_session]
    driver = make_driver()
    browser = Browser(driver)
    passed = failed = 0
    try:
        for test in tests:
            try:
                test(browser)
                passed += 1
                print(f"PASS {test.__name__}", flush=True)
            except Exception:
                failed += 1
                browser.shot(f"FAILED-{test.__name__}")
                print(f"FAIL {test.__name__}\n{traceback.format_exc()}", flush=True)
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
