"""Real browser: upload photos for two classes (no camera), train, evaluate; at desktop and phone width."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from core.i18n import translate
from core.transfer.export import load_export
from tests.conftest import ASSETS, error_boxes, screenshot, wait_for_idle
from tests.test_transfer_cli import crops

pytestmark = pytest.mark.browser
UPLOADS = '[data-testid="stFileUploaderDropzoneInput"]'


def payloads(photo: str, count: int, seed: int) -> list[dict]:
    """Crops of a sample photo as in-memory JPEG uploads (nothing written to disk)."""
    files = []
    for n, crop in enumerate(crops(ASSETS / "images" / photo, count, seed)):
        buffer = io.BytesIO()
        crop.save(buffer, format="JPEG", quality=90)
        files.append({"name": f"{photo.split('.')[0]}_{n}.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()})
    return files


def choose(page, label: str) -> None:
    page.locator('[data-testid="stRadio"] label').filter(has_text=label).first.click()
    wait_for_idle(page)


def test_home_lists_the_page_in_the_vision_section(open_page) -> None:
    page = open_page("", "en")
    link = page.locator('[data-testid="stSidebarNav"] a[href$="/transfer"]')
    assert link.count() == 1 and translate("page.transfer", "en") in link.inner_text()
    page.get_by_text(translate("blurb.transfer", "en")).scroll_into_view_if_needed()
    screenshot(page, "transfer-home-card-en")


def test_upload_train_and_evaluate(open_page) -> None:
    page = open_page("transfer", "en")
    assert page.locator("h1").first.inner_text().strip() == translate("page.transfer", "en")
    assert not error_boxes(page)
    screenshot(page, "transfer-default-en")
    choose(page, translate("tl.src.own", "en"))
    assert translate("tl.err.empty_class", "en", name="class 1") in error_boxes(page)[0]
    page.locator(UPLOADS).nth(0).set_input_files(payloads("chelsea.png", 8, seed=1))
    wait_for_idle(page)
    page.locator(UPLOADS).nth(1).set_input_files(
        payloads("coffee.png", 7, seed=2) + [{"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"not a photo"}])
    wait_for_idle(page)
    errors = error_boxes(page)
    assert errors and "notes.jpg" in errors[0], errors
    chip = page.locator('[data-testid="stFileChip"]').filter(has_text="notes.jpg")
    chip.locator('[data-testid="stFileChipDeleteBtn"]').first.click()
    wait_for_idle(page)
    assert not error_boxes(page)
    assert page.get_by_text(translate("tl.count", "en", count=8)).count() == 1
    choose(page, translate("tl.view.train", "en"))
    page.get_by_role("button", name=translate("tl.start", "en")).click()
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=300_000)
    page.get_by_text(translate("tl.phase.train", "en", done=40, total=40)).wait_for(timeout=300_000)
    wait_for_idle(page)
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    screenshot(page, "transfer-trained-en")
    choose(page, translate("tl.view.evaluate", "en"))
    page.locator('[data-testid="stMetric"]').first.wait_for(timeout=60_000)
    accuracy = page.locator('[data-testid="stMetricValue"]').first.inner_text()
    assert float(accuracy.rstrip("%")) >= 75, accuracy  # cat vs coffee: chance is 50 %
    assert not error_boxes(page)
    screenshot(page, "transfer-evaluate-en")
    page.locator('[data-testid="stPlotlyChart"]').last.scroll_into_view_if_needed()
    wait_for_idle(page)
    screenshot(page, "transfer-pr-curve-en")
    choose(page, translate("tl.view.predict", "en"))
    page.get_by_text(translate("tl.nearest", "en").replace("*", "").split(" (")[0]).wait_for(timeout=60_000)
    wait_for_idle(page)
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    assert not error_boxes(page)
    screenshot(page, "transfer-predict-en")
    choose(page, translate("tl.view.export", "en"))
    button = page.get_by_role("button", name=translate("tl.download_head", "en"))
    button.wait_for(timeout=60_000)
    screenshot(page, "transfer-export-en")
    with page.expect_download(timeout=60_000) as caught:  # the file is made when the button is clicked
        button.click()
    download = caught.value
    assert download.suggested_filename == "transfer_head.pt"
    exported = load_export(Path(download.path()).read_bytes())
    assert exported["classes"] and not error_boxes(page)


def test_phone_width_in_chinese(browser, app_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{app_url}/transfer?lang=zh&view=augment&aug=flip~crop~rotate~jitter", wait_until="domcontentloaded")
        page.wait_for_selector("h1", timeout=120_000)
        wait_for_idle(page)
        assert page.locator("h1").first.inner_text().strip() == translate("page.transfer", "zh")
        assert page.locator('[data-testid="stImage"] img').count() >= 8
        assert not error_boxes(page)
        screenshot(page, "transfer-augment-zh-390")
        page.locator('[data-testid="stImage"] img').nth(7).scroll_into_view_if_needed()
        screenshot(page, "transfer-augment-grid-zh-390")
        page.locator('[data-testid="stImage"] img').last.scroll_into_view_if_needed()
        screenshot(page, "transfer-mixup-zh-390")
    finally:
        context.close()


def test_a_click_on_a_confusion_cell_opens_its_photos(open_page) -> None:
    """Default set, 40 epochs; a click on the top-left cell (true 1, predicted 1) shows those photos."""
    page = open_page("transfer", "en")
    choose(page, translate("tl.view.train", "en"))
    page.get_by_role("button", name=translate("tl.start", "en")).click()
    page.get_by_text(translate("tl.phase.train", "en", done=40, total=40)).wait_for(timeout=300_000)
    wait_for_idle(page)
    choose(page, translate("tl.view.evaluate", "en"))
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # plotly lays the chart out after the element appears
    area = page.locator('[data-testid="stPlotlyChart"] .nsewdrag').first.bounding_box()
    page.mouse.click(area["x"] + area["width"] / 12, area["y"] + area["height"] / 12)  # 6 x 6 cells
    wanted = translate("tl.cell_label", "en", true="1", pred="1", n=0).split(" (")[0]
    page.wait_for_function(  # the combobox shows its value in the input
        "w => [...document.querySelectorAll('[data-testid=stSelectbox] input')].some(i => i.value.startsWith(w))",
        arg=wanted, timeout=60_000)
    wait_for_idle(page)
    assert page.locator('[data-testid="stImage"] img').count() >= 1
    assert not error_boxes(page)
    screenshot(page, "transfer-cell-click-en")
