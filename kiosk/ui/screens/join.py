"""Join (enrolment with consent choices; the new code as a QR and a short code), and
the consent question for a known shopper who has not answered it yet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.presenters.join import JoinPresenter, what_you_get
from kiosk.ui.presenters.mydata import PURPOSES, purpose_label
from kiosk.ui.qr import qr_image
from kiosk.ui.screens.common import TOUCH, CheckRow, Screen, button, label, set_text
from kiosk.ui.screens.keyboard import OnScreenKeyboard


class JoinScreen(Screen):
    name = "join"
    back = Signal()

    def __init__(self, presenter: JoinPresenter, parent: QWidget | None = None):
        super().__init__(parent)
        self.presenter = presenter
        self.mode = "join"      # or "consent": a known shopper's first answer
        self.short_code = ""
        self.chosen: dict[str, bool] = {}   # the answers given when the code was made
        page = QHBoxLayout(self)
        column = QWidget(self)
        column.setMaximumWidth(960)
        # with the on-screen keyboard the form is taller than a landscape screen: it scrolls
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        centre = QHBoxLayout(holder)
        centre.setContentsMargins(0, 0, 0, 0)
        centre.addWidget(column)
        scroll.setWidget(holder)
        page.addWidget(scroll)
        outer = QVBoxLayout(column)
        outer.setContentsMargins(32, 24, 32, 24)
        self.title = label(self, "headline")
        self.intro = label(self, "hint")
        outer.addWidget(self.title)
        outer.addWidget(self.intro)
        self.form = QWidget(self)
        form = QVBoxLayout(self.form)
        self.name_label = label(self.form, "body")
        self.first_name = QLineEdit(self.form)
        self.first_name.setObjectName("first_name")
        self.first_name.setMinimumHeight(TOUCH)
        self.first_name.setMaxLength(40)
        form.addWidget(self.name_label)
        form.addWidget(self.first_name)
        self.keyboard = OnScreenKeyboard(self.form)  # a kiosk has no keyboard
        self.keyboard.attach(self.first_name)
        form.addWidget(self.keyboard)
        self.where_held = label(self.form, "hint")  # where the profile lives, before consent
        self.where_held.setObjectName("where_held")
        self.where_held.setWordWrap(True)
        form.addWidget(self.where_held)
        self.boxes: dict[str, QCheckBox] = {}
        self.box_rows: dict[str, CheckRow] = {}
        for purpose in PURPOSES:
            row = CheckRow(self.form, f"join_{purpose}")
            self.box_rows[purpose] = row
            self.boxes[purpose] = row.box
            row.box.toggled.connect(lambda _=False: self._show_promise())
            form.addWidget(row)
        self.promise_title = label(self.form, "body")
        self.promise = label(self.form, "hint")   # what these answers give, as they change
        self.promise.setObjectName("join_promise")
        form.addWidget(self.promise_title)
        form.addWidget(self.promise)
        self.submit_button = button(self.form, "primary", "join_submit")
        form.addWidget(self.submit_button)
        outer.addWidget(self.form)
        self.result = QWidget(self)
        result = QHBoxLayout(self.result)
        self.qr = QLabel(self.result)
        self.qr.setObjectName("new_code_qr")
        self.qr.setFixedSize(260, 260)
        result_text = QVBoxLayout()
        self.code_label = label(self.result, "short-code")
        self.code_label.setObjectName("short_code")
        self.code_hint = label(self.result, "hint")
        self.done_promise = label(self.result, "body")   # what they chose, said once more
        self.done_promise.setObjectName("join_done_promise")
        self.start_button = button(self.result, "primary", "start_shopping")
        for widget in (self.code_label, self.code_hint, self.done_promise, self.start_button):
            result_text.addWidget(widget)
        result_text.addStretch(1)
        result.addWidget(self.qr)
        result.addLayout(result_text, 1)
        self.result.hide()
        outer.addWidget(self.result)
        self.message = label(self, "error")
        outer.addWidget(self.message)
        outer.addStretch(1)
        self.back_button = button(self, "secondary", "back")
        outer.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.submit_button.clicked.connect(self.submit)
        self.start_button.clicked.connect(presenter.start_shopping)
        self.back_button.clicked.connect(self.back)
        presenter.enrolled.connect(self._enrolled)
        presenter.failed.connect(self.message.setText)
        presenter.session.session_reset.connect(self.clear)
        self.retranslate()

    def set_mode(self, mode: str) -> None:
        self.clear()
        self.mode = mode
        self.name_label.setVisible(mode == "join")
        self.first_name.setVisible(mode == "join")
        self.keyboard.setVisible(mode == "join")
        self.retranslate()

    def consents(self) -> dict[str, bool]:
        return {purpose: box.isChecked() for purpose, box in self.boxes.items()}

    def submit(self) -> None:
        if self.mode == "consent":
            self.presenter.session.give_consent(self.consents())
        else:
            self.presenter.enrol(self.first_name.text(), self.consents())

    def _show_promise(self) -> None:
        self.promise_title.setText(self.tr("With these answers you get:"))
        self.promise.setText(what_you_get(self.consents()))
        self.promise.setAccessibleName(self.promise.text())
        self.done_promise.setText(self.tr("What you get:") + "\n" +
                                  what_you_get(self.chosen))
        self.done_promise.setAccessibleName(self.done_promise.text())

    def _enrolled(self, code: str, short_code: str) -> None:
        self.short_code = short_code
        self.chosen = self.consents()
        self.qr.setPixmap(QPixmap.fromImage(qr_image(code)).scaled(
            260, 260, Qt.AspectRatioMode.KeepAspectRatio))
        self.form.hide()
        self.result.show()
        self.retranslate()

    def retranslate(self) -> None:
        if self.mode == "consent":
            self.title.setText(self.tr("Before we start"))
            self.intro.setText(self.tr("Choose what we may do. You can change this any time "
                                       "in My data."))
            set_text(self.submit_button, self.tr("Continue"))
        elif self.short_code:   # joined: the code, and what the answers give
            self.title.setText(self.tr("Welcome! Here is your code"))
            self.intro.setText("")
        else:
            self.title.setText(self.tr("Join"))
            self.intro.setText(self.tr("Get your own code. You choose below what we may do "
                                       "with it. Your first name is optional; we never need "
                                       "your surname."))
            set_text(self.submit_button, self.tr("Join and get my code"))
        self.intro.setVisible(bool(self.intro.text()))
        self.name_label.setText(self.tr("First name (optional)"))
        self.first_name.setAccessibleName(self.tr("First name (optional)"))
        self.where_held.setText(self.tr(
            "Your profile (your first name, what you like and these answers) is kept by our "
            "head office, so your code and your profile work in all our stores."))
        for purpose, row in self.box_rows.items():
            row.setText(purpose_label(purpose))
        self.code_label.setText(self.short_code)
        self.code_label.setAccessibleName(self.tr("Your short code: %1").replace(
            "%1", self.short_code))
        self.code_hint.setText(self.tr("This is your code. Take a photo of it, or type the "
                                       "short code next time."))
        self.qr.setAccessibleName(self.tr("QR code of your new loyalty code"))
        set_text(self.start_button, self.tr("Start shopping"))
        self._show_promise()
        set_text(self.back_button, self.tr("Back"))

    def clear(self) -> None:
        self.first_name.clear()
        self.keyboard.reset()
        for box in self.boxes.values():
            box.setChecked(False)
        self.short_code = ""
        self.chosen = {}
        self.qr.clear()
        self.message.setText("")
        self.result.hide()
        self.form.show()
        self.retranslate()
