#!/usr/bin/env python3
"""Drives the Homeward web workspace in headless Chromium as a user would (issue #24).

Opens the estate, builds "close HMP Bedford" from the national scenario, assesses it, waits for the progress
to finish, reads the headline figures off the page and checks them against the command line's
assessment.json for Scenarios/close-bedford.yaml (the same people, policy and change), downloads the HTML,
compares two scenarios, and cancels a sweep. Runs axe on every page and fails on serious or critical
violations. Screenshots of every page go to --out; two are copied into docs/.
"""
import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

FAILURES = []
# The run page reloads itself when the run ends.
RELOADING = [NoSuchElementException, StaleElementReferenceException]


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL:", message)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def submit(driver, button):
    """Clicks a button that loads a new page and waits for that page."""
    old = driver.find_element(By.TAG_NAME, "html")
    button.click()
    def gone(_):
        try:
            old.is_enabled()
            return False
        except WebDriverException:  # stale, or "does not belong to the document": the old page is gone
            return True

    WebDriverWait(driver, 120).until(gone)
    WebDriverWait(driver, 120).until(lambda d: d.execute_script("return document.readyState") == "complete")


def audit(driver, name, out):
    """Screenshot and axe for the page on screen."""
    driver.save_screenshot(f"{out}/{name}.png")
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    for v in serious:
        print(f"axe {name}: {v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
    check(not serious, f"{name}: {len(serious)} serious or critical accessibility violations")


def wait_for_end(driver, seconds=240):
    WebDriverWait(driver, seconds, poll_frequency=0.5, ignored_exceptions=RELOADING).until(
        lambda d: d.find_element(By.ID, "status").text in ("finished", "failed", "cancelled")
        and d.execute_script("return document.readyState") == "complete")
    return driver.find_element(By.ID, "status").text


def figures(driver):
    cells = driver.find_elements(By.CSS_SELECTOR, "#figures td[data-key]")
    return {c.get_attribute("data-key"): c.text for c in cells}


def cli_assessment(cli):
    folder = tempfile.mkdtemp()
    # One draw and no week-by-week section: the browser's run has neither, and the headline figures are the first draw's.
    subprocess.run([cli, "assess", "Scenarios/close-bedford.yaml", "--out", folder + "/a", "--force", "--draws", "1",
                    "--phasing-weeks", "0"], check=True,
                   stdout=subprocess.DEVNULL)
    with open(folder + "/a/assessment.json") as f:
        data = json.load(f)
    shutil.rmtree(folder)
    return data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    base, out = args.base, args.out
    driver = browser()
    try:
        # The estate, then filtered to Wales.
        driver.get(base + "/estate")
        check(driver.find_element(By.TAG_NAME, "h1").text == "The estate", "estate page heading")
        audit(driver, "01-estate", out)
        Select(driver.find_element(By.ID, "region")).select_by_value("Wales")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "form.filters button"))
        regions = [r.find_elements(By.TAG_NAME, "td")[2].text for r in driver.find_elements(By.CSS_SELECTOR, "tbody tr")]
        check(regions and all(r == "Wales" for r in regions), "the region filter shows Welsh establishments only")
        audit(driver, "02-estate-wales", out)

        # Build "close HMP Bedford" from the national scenario and assess it.
        driver.get(base + "/builder?from=national.yaml")
        Select(driver.find_element(By.ID, "change")).select_by_value("close")
        Select(driver.find_element(By.ID, "establishment")).select_by_value("BFI")
        date = driver.find_element(By.ID, "date")
        date.clear()
        date.send_keys("2027-10-01")
        submit(driver, driver.find_element(By.CSS_SELECTOR, "button[value=add]"))
        yaml = driver.find_element(By.ID, "yaml").get_attribute("value")
        check("close: {establishment: BFI}" in yaml, "the builder added the closure")
        audit(driver, "03-builder", out)
        Select(driver.find_element(By.ID, "kind")).select_by_value("assess")
        started = time.time()
        submit(driver, driver.find_element(By.ID, "run-button"))
        audit(driver, "04-run-progress", out)
        status = wait_for_end(driver)
        print(f"assessment through the browser: {status} in {time.time() - started:.1f} s")
        check(status == "finished", f"the assessment finished ({status})")
        shown = figures(driver)
        audit(driver, "05-assessment", out)

        # The same figures as the command line's assessment.json.
        cli = cli_assessment(args.cli)
        proximity = {p["group"] if "group" in p else p.get("label"): p for p in cli.get("proximity", [])}
        expected = {"people": str(cli["people"]), "affected": str(cli["affected"]),
                    "unplaced_before": str(cli["unplaced_before"]), "unplaced_after": str(cli["unplaced_after"])}
        for label, key in [("Everyone", "everyone"), ("People affected", "people_affected")]:
            group = proximity.get(label)
            if group and group.get("before"):
                expected[f"{key}_mean_miles_before"] = f"{group['before']['mean_miles']:.1f}"
            if group and group.get("after"):
                expected[f"{key}_mean_miles_after"] = f"{group['after']['mean_miles']:.1f}"
        check(len(expected) >= 6, f"the command line's assessment.json has the figures ({sorted(expected)})")
        for key, value in expected.items():
            check(shown.get(key) == value, f"figure {key}: page {shown.get(key)!r}, command line {value!r}")
        print("headline figures match the command line:", json.dumps(expected))

        # Download the HTML report.
        link = driver.find_element(By.LINK_TEXT, "assessment.html").get_attribute("href")
        with urllib.request.urlopen(link) as response:
            html = response.read().decode()
        # The browser's scenario is the national one with the closure added, so its title is the national scenario's.
        check(html.startswith("<!DOCTYPE html>") and "<title>Family impact assessment: National allocation</title>" in html,
              "the downloaded assessment.html is the report")
        check("Close HMP Bedford" in cli["title"], "the command line assessed the closure of HMP Bedford")

        # Compare two scenarios.
        driver.get(base + "/compare")
        audit(driver, "06-compare-form", out)
        for box in driver.find_elements(By.CSS_SELECTOR, "input[type=checkbox]"):
            if box.get_attribute("value") in ("close-bedford.yaml", "rerole-fosse-way.yaml"):
                box.click()
        submit(driver, driver.find_element(By.ID, "compare-button"))
        check(wait_for_end(driver) == "finished", "the comparison finished")
        check(any(k.startswith("mean_miles") for k in figures(driver)), "the comparison shows its figures")
        audit(driver, "07-comparison", out)

        # Start a sweep and cancel it.
        driver.get(base + "/builder?from=national.yaml")
        Select(driver.find_element(By.ID, "kind")).select_by_value("sweep")
        submit(driver, driver.find_element(By.ID, "run-button"))
        WebDriverWait(driver, 60, ignored_exceptions=RELOADING).until(
            lambda d: d.find_element(By.ID, "status").text == "running")
        submit(driver, driver.find_element(By.ID, "cancel-button"))
        check(wait_for_end(driver, 120) == "cancelled", "the sweep was cancelled")
        audit(driver, "08-sweep-cancelled", out)

        driver.get(base + "/history")
        rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr")
        check(len(rows) == 3, f"the history lists the three runs ({len(rows)})")
        audit(driver, "09-history", out)
        shutil.copy(f"{out}/01-estate.png", "docs/workspace-estate.png")
        shutil.copy(f"{out}/05-assessment.png", "docs/workspace-assessment.png")
    finally:
        driver.quit()
    if FAILURES:
        print(f"e2e: {len(FAILURES)} failures")
        sys.exit(1)


if __name__ == "__main__":
    main()
