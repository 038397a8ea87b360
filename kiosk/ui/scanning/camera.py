"""The camera path: QtMultimedia frames → zxing-cpp, off the GUI thread.

Frames arrive on the GUI thread (``QVideoSink.videoFrameChanged``). While a
frame is being decoded in the thread pool, newer frames are dropped rather
than queued, so the decoder never falls behind the camera. The decoding
itself is ``kiosk.identity.decode`` (headless, tested and benchmarked on its
own).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoSink,
)

from kiosk.identity import decode

log = logging.getLogger(__name__)


def gray_array(image: QImage) -> np.ndarray:
    """An 8-bit grayscale copy of ``image`` as a numpy array (safe to use in any thread)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    data = np.frombuffer(gray.constBits(), np.uint8, count=stride * height)
    return data.reshape(height, stride)[:, :width].copy()


class _Relay(QObject):
    decoded = Signal(object)


class _DecodeJob(QRunnable):
    def __init__(self, image: QImage, decoder: Callable[[np.ndarray], str | None],
                 relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self.image = image
        self.decoder = decoder
        self.relay = relay

    def run(self) -> None:
        try:
            text = self.decoder(gray_array(self.image))
        except Exception as error:  # a bad frame must not stop the camera
            log.warning("frame could not be decoded (%s)", type(error).__name__)
            text = None
        self.relay.decoded.emit(text)


class CameraScanner(QObject):
    """Decodes QR codes from camera frames; emits ``code_scanned`` once per card shown."""

    code_scanned = Signal(str)
    camera_available = Signal(bool)

    def __init__(self, parent: QObject | None = None, *,
                 decoder: Callable[[np.ndarray], str | None] = decode.decode,
                 pool: QThreadPool | None = None, repeat_after: float = 3.0,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self.decoder = decoder
        self.pool = pool or QThreadPool.globalInstance()
        self.repeat_after = repeat_after
        self.clock = clock
        self.busy = False
        self.frames_decoded = 0
        self.frames_dropped = 0
        self._last_code: str | None = None
        self._last_at = 0.0
        self._relay = _Relay(self)
        self._relay.decoded.connect(self._decoded)
        self._camera: QCamera | None = None
        self._session: QMediaCaptureSession | None = None
        self._sink: QVideoSink | None = None

    # -- frames ---------------------------------------------------------------

    def attach(self, sink: QVideoSink) -> None:
        """Decode every frame ``sink`` receives (a camera's or a video's)."""
        sink.videoFrameChanged.connect(self.feed_frame)

    def feed_frame(self, frame: QVideoFrame) -> bool:
        """Hand one video frame to the decoder; False if it was dropped."""
        if self.busy or not frame.isValid():
            self.frames_dropped += 1
            return False
        return self.feed_image(frame.toImage())

    def feed_image(self, image: QImage) -> bool:
        """Hand one image to the decoder; False if dropped (still busy with the last)."""
        if self.busy or image.isNull():
            self.frames_dropped += 1
            return False
        self.busy = True
        self.pool.start(_DecodeJob(image.copy(), self.decoder, self._relay))
        return True

    def _decoded(self, text: str | None) -> None:
        self.busy = False
        self.frames_decoded += 1
        if not text:
            return
        now = self.clock()
        if text == self._last_code and now - self._last_at < self.repeat_after:
            return  # the same card still in front of the camera
        self._last_code, self._last_at = text, now
        self.code_scanned.emit(text)

    def forget(self) -> None:
        """Forget the last code (session over), so the same card can be scanned again."""
        self._last_code = None

    # -- the camera -------------------------------------------------------------

    def start_camera(self) -> bool:
        """Open the default camera; False (and ``camera_available(False)``) if none."""
        device = QMediaDevices.defaultVideoInput()
        if device.isNull():
            log.info("no camera found; scanning by camera is off")
            self.camera_available.emit(False)
            return False
        self._camera = QCamera(device, self)
        self._session = QMediaCaptureSession(self)
        self._sink = QVideoSink(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self.attach(self._sink)
        self._camera.start()
        self.camera_available.emit(True)
        return True

    def stop_camera(self) -> None:
        if self._camera is not None:
            self._camera.stop()
