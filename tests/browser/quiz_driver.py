"""Take a quiz in the browser the way a reader does: with the mouse, or with the keyboard only."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
Answers = Mapping[str, str | list[str] | int]


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.0-2.2 A and AA violations on the page as it is now, one line each."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
    ]


class QuizDriver:
    def __init__(self, page: Page, prefix: str):
        self.page = page
        self.prefix = prefix
        self.root = page.locator(f"#{prefix}")
        self.result = self.root.locator("[data-quiz-result]")
        self.status = self.root.locator("[data-quiz-status]")
        self.progress = self.root.locator("[data-quiz-progress]")
        self.next = self.root.locator("[data-quiz-next]")
        self.back = self.root.locator("[data-quiz-back]")

    def current(self) -> Locator:
        return self.root.locator("[data-question]:not([hidden])")

    def current_id(self) -> str:
        return str(self.current().get_attribute("data-question"))

    def finished(self) -> bool:
        return self.result.is_visible()

    def focused(self, selector: str) -> bool:
        return bool(self.page.evaluate("s => document.activeElement.matches(s)", selector))

    def _questions(self, asked: list[str]) -> Iterator[str]:
        """The id of each question the quiz asks, until the result shows; ``asked`` keeps them."""
        while not self.finished():
            assert len(asked) < 50, "the quiz never finished"
            asked.append(self.current_id())
            yield asked[-1]

    def take_by_mouse(self, answers: Answers, stop_at: str | None = None) -> list[str]:
        """Answer every question asked, or those before ``stop_at``; returns the ids asked,
        in order."""
        asked: list[str] = []
        for qid in self._questions(asked):
            if qid == stop_at:
                break
            wanted = answers[qid]
            if isinstance(wanted, int):  # a number question: write it in its field
                self.current().locator("input[type='number']").fill(str(wanted))
                self.next.click()
                continue
            for box in self.current().locator("input").all():
                value = box.get_attribute("value")
                if isinstance(wanted, list):
                    if box.is_checked() != (value in wanted):
                        self.current().locator(f"label[for='{box.get_attribute('id')}']").click()
                elif value == wanted:
                    self.current().locator(f"label[for='{box.get_attribute('id')}']").click()
            self.next.click()
        return asked

    def tab_into_quiz(self) -> None:
        for _ in range(80):
            self.page.keyboard.press("Tab")
            if self.focused(f"#{self.prefix} [data-quiz-form] input"):
                return
        raise AssertionError("Tab never reached the quiz")

    def take_by_keyboard(self, answers: Answers) -> list[str]:
        """Keyboard only: arrow keys pick a radio button, Space ticks a box, Enter goes on."""
        asked: list[str] = []
        for qid in self._questions(asked):
            boxes = self.current().locator("input")
            values = [str(v) for v in boxes.evaluate_all("xs => xs.map(x => x.value)")]
            checked = [bool(c) for c in boxes.evaluate_all("xs => xs.map(x => x.checked)")]
            here = int(boxes.evaluate_all("xs => xs.indexOf(document.activeElement)"))
            assert here >= 0, f"focus is not in question {qid}"
            wanted = answers[qid]
            if isinstance(wanted, int):  # a number: type it in its field, which has focus
                self.page.keyboard.type(str(wanted))
                self.page.keyboard.press("Enter")
                continue
            if isinstance(wanted, list):
                for _ in range(here):
                    self.page.keyboard.press("Shift+Tab")
                for i, value in enumerate(values):
                    if i:
                        self.page.keyboard.press("Tab")
                    if checked[i] != (value in wanted):
                        self.page.keyboard.press("Space")
            else:
                target = values.index(wanted)
                if True not in checked and target == 0:
                    self.page.keyboard.press("Space")
                else:
                    start = checked.index(True) if True in checked else 0
                    key = "ArrowDown" if target >= start else "ArrowUp"
                    for _ in range(abs(target - start)):
                        self.page.keyboard.press(key)
            self.page.keyboard.press("Enter")
        return asked

    def outcome_title(self) -> str:
        return self.result.locator(".quiz-result-title").inner_text()
